"""Encrypted backups in one file, and restoring them into a new data folder.

A backup is a zip holding a consistent snapshot of the encrypted database (SQLite's online backup
API, keyed with the same key, so it is encrypted page for page), the key file (passphrase and
recovery slots only: the keyring copy belongs to one computer), and a manifest of SHA-256 digests.
It is useless without the passphrase or the recovery code. The manifest holds no personal data.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

from ewo_desk import __version__
from ewo_desk.errors import EwoDeskError, VaultExists
from ewo_desk.paths import DataPaths
from ewo_desk.store import audit, migrate
from ewo_desk.store.files import atomic_write, ensure_private_dir, restrict
from ewo_desk.store.keyslots import KeySlots

if TYPE_CHECKING:
    from ewo_desk.store.vault import Vault

FORMAT = "ewo-desk-backup"
DB_MEMBER, KEYS_MEMBER, MANIFEST = "caseload.db", "caseload.keys.json", "manifest.json"


class BackupError(EwoDeskError):
    pass


def backup(vault: Vault, key: bytes, target: Path) -> dict[str, object]:
    """Write a backup of the open vault to `target` (all or nothing). Returns the manifest."""
    target = target.expanduser().resolve()
    if target.is_dir():
        raise BackupError(f"{target} is a folder; give a file name for the backup.")
    with tempfile.TemporaryDirectory(dir=vault.paths.root, prefix=".backup-") as work:
        snapshot = Path(work) / DB_MEMBER
        _snapshot(vault, key, snapshot)
        slots = replace(vault.slots, keyring=None, keyring_unlock_allowed=False).to_bytes()
        manifest = {
            "format": FORMAT,
            "version": 1,
            "app_version": __version__,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "vault_id": vault.slots.vault_id,
            "schema": migrate.current_revision(vault.engine),
            "sha256": {DB_MEMBER: _sha256_file(snapshot), KEYS_MEMBER: _sha256(slots)},
        }
        partial = target.with_name(f".{target.name}.partial")
        try:
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
                archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
                archive.writestr(KEYS_MEMBER, slots)
                archive.write(snapshot, DB_MEMBER)
            with open(partial, "rb+") as handle:
                os.fsync(handle.fileno())
            restrict(partial)
            os.replace(partial, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                partial.unlink()
            raise BackupError(
                f"The backup could not be written to {target.parent}: {exc.strerror}. "
                "Check there is space and the folder can be written to; the caseload is unchanged."
            ) from None
    with vault.session() as session:
        audit.record(session, "backup", "vault", vault.slots.vault_id, sha256=_sha256_file(target))
    return manifest


def restore(source: Path, paths: DataPaths) -> dict[str, object]:
    """Check a backup and unpack it into an empty data folder. Opening it needs the passphrase."""
    if paths.database.exists() or paths.keyslots.exists():
        raise VaultExists(
            f"{paths.root} already holds a caseload. Restore into a new, empty folder "
            "(--data-dir) so nothing is overwritten."
        )
    manifest, keys, database = _read(source)
    ensure_private_dir(paths.root)
    try:
        atomic_write(paths.database, database)
        atomic_write(paths.keyslots, keys)
    except OSError as exc:
        for path in (paths.database, paths.keyslots):
            with contextlib.suppress(OSError):
                path.unlink()
        raise BackupError(f"The backup could not be restored: {exc.strerror}.") from None
    return manifest


def _read(source: Path) -> tuple[dict[str, object], bytes, bytes]:
    try:
        with zipfile.ZipFile(source) as archive:
            manifest = json.loads(archive.read(MANIFEST))
            keys, database = archive.read(KEYS_MEMBER), archive.read(DB_MEMBER)
    except FileNotFoundError:
        raise BackupError(f"There is no backup file at {source}.") from None
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise BackupError(f"{source.name} is not an EWO Desk backup, or it is damaged.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source.name} is not an EWO Desk backup.")
    digests = manifest.get("sha256", {})
    if digests.get(DB_MEMBER) != _sha256(database) or digests.get(KEYS_MEMBER) != _sha256(keys):
        raise BackupError(f"{source.name} is damaged: its contents do not match its checksums.")
    KeySlots.from_bytes(keys)  # a readable key file, or a clear error now rather than later
    return manifest, keys, database


def _snapshot(vault: Vault, key: bytes, target: Path) -> None:
    with vault.engine.connect() as conn:
        source = conn.connection.driver_connection
        copy = sqlcipher3.dbapi2.connect(str(target))
        try:
            copy.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            copy.execute("PRAGMA cipher_log_level = NONE")
            source.backup(copy)
        finally:
            copy.close()
    restrict(target)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
