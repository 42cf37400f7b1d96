"""The vault: one officer's encrypted caseload and the key slots that open it.

Opening always goes: read the key file -> get the key from a slot -> key the database and read it
-> migrate (with a backup first) -> ready. A slot failing changes nothing on disk.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from ewo_desk.errors import KeyringUnavailable, VaultError, VaultExists, VaultNotFound
from ewo_desk.paths import DataPaths
from ewo_desk.store import audit, keyring_slot, migrate
from ewo_desk.store.engine import cipher_version, open_engine
from ewo_desk.store.files import atomic_write, ensure_private_dir, restrict
from ewo_desk.store.keyslots import KeySlots, ScryptCost, calibrate, new_database_key

log = logging.getLogger(__name__)

# How hard the passphrase KDF works; calibrated once per process to about half a second.
# Tests replace this with a cheap cost.
_calibrated: ScryptCost | None = None


def _default_cost() -> ScryptCost:
    global _calibrated
    if _calibrated is None:
        _calibrated = calibrate()
    return _calibrated


passphrase_cost: Callable[[], ScryptCost] = _default_cost


class Vault:
    def __init__(self, paths: DataPaths, slots: KeySlots, engine: sa.Engine, key: bytes) -> None:
        self.paths = paths
        # Kept for backups, in a bytearray so close() can overwrite it (see close()).
        self._key: bytearray | None = bytearray(key)
        self.slots = slots
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        audit.install(self._sessions)
        self.keyring_message = ""  # why the keyring was not used, to show the officer

    # --- creating and opening ------------------------------------------------------------

    @staticmethod
    def exists(paths: DataPaths) -> bool:
        return paths.database.exists() or paths.keyslots.exists()

    @classmethod
    def create(
        cls, paths: DataPaths, passphrase: str, *, use_keyring: bool = True
    ) -> tuple[Vault, str]:
        """A new, empty caseload. Returns it and the recovery code, which is shown once only."""
        if cls.exists(paths):
            raise VaultExists(
                f"A caseload already exists in {paths.root}. Open it instead; EWO Desk never "
                "replaces an existing caseload's key."
            )
        ensure_private_dir(paths.root)
        key = new_database_key()
        slots, recovery_code = KeySlots.create(
            str(uuid.uuid4()), key, passphrase, passphrase_cost()
        )
        if use_keyring:
            slots = replace(slots, keyring=keyring_slot.store_key(slots.vault_id, key))
        # The key file first: a database must never exist without the slots that open it.
        atomic_write(paths.keyslots, slots.to_bytes())
        vault = cls._open(paths, slots, key)
        log.info("vault created (keyring: %s)", slots.keyring.backend if slots.keyring else "none")
        return vault, recovery_code

    @classmethod
    def open_with_passphrase(cls, paths: DataPaths, passphrase: str) -> Vault:
        slots = cls._read_slots(paths)
        key = slots.unlock_with_passphrase(passphrase)
        vault = cls._open(paths, slots, key)
        vault._refresh_keyring(key)
        return vault

    @classmethod
    def open_with_recovery_code(cls, paths: DataPaths, code: str, new_passphrase: str) -> Vault:
        """Unlock with the recovery code and set a new passphrase at once."""
        slots = cls._read_slots(paths)
        key = slots.unlock_with_recovery_code(code)
        vault = cls._open(paths, slots, key)
        vault._save_slots(slots.with_passphrase(key, new_passphrase, passphrase_cost()))
        return vault

    @classmethod
    def open_with_keyring(cls, paths: DataPaths, *, ignore_policy: bool = False) -> Vault:
        slots = cls._read_slots(paths)
        if not (slots.keyring_unlock_allowed or ignore_policy):
            raise KeyringUnavailable("Council policy asks for your passphrase every time.")
        key = keyring_slot.load_key(slots.keyring)
        if not slots.matches(key):
            raise KeyringUnavailable(
                "The system keyring holds a key for a different caseload. Enter your passphrase."
            )
        return cls._open(paths, slots, key)

    @classmethod
    def keyring_policy(cls, paths: DataPaths) -> bool:
        """Whether council policy lets the system keyring alone open this caseload.

        Read from the key file (the database is still locked when this is asked). Raises
        VaultError when the key file is missing or damaged.
        """
        return cls._read_slots(paths).keyring_unlock_allowed

    @classmethod
    def _read_slots(cls, paths: DataPaths) -> KeySlots:
        if not paths.keyslots.exists():
            if paths.database.exists():
                raise VaultError(
                    f"The caseload's key file ({paths.keyslots.name}) is missing, so the caseload "
                    "cannot be opened. Restore it from your backup; do not create a new caseload."
                )
            raise VaultNotFound(
                f"There is no caseload in {paths.root} yet. Start EWO Desk to create one, "
                "or run `ewo-desk init`."
            )
        return KeySlots.from_bytes(paths.keyslots.read_bytes())

    @classmethod
    def _open(cls, paths: DataPaths, slots: KeySlots, key: bytes) -> Vault:
        engine = open_engine(str(paths.database), key)
        try:
            migrate.upgrade(engine, paths.database, paths.backups)
        except BaseException:
            engine.dispose()
            raise
        cls._restrict_files(paths)
        log.info("vault opened (SQLCipher %s)", cipher_version(engine))
        return cls(paths, slots, engine, key)

    @staticmethod
    def _restrict_files(paths: DataPaths) -> None:
        for suffix in ("", "-wal", "-shm"):
            restrict(paths.database.with_name(paths.database.name + suffix))

    # --- keys and policy ----------------------------------------------------------------

    def change_passphrase(self, current: str, new: str) -> None:
        """Re-wrap the key under a new passphrase. The database itself is not touched."""
        key = self.slots.unlock_with_passphrase(current)
        self._save_slots(self.slots.with_passphrase(key, new, passphrase_cost()))

    def allow_keyring_unlock(self, allowed: bool, passphrase: str) -> None:
        """Council policy: may this caseload open with the keyring alone?"""
        key = self.slots.unlock_with_passphrase(passphrase)
        slots = replace(self.slots, keyring_unlock_allowed=allowed)
        if allowed and slots.keyring is None:
            slots = replace(slots, keyring=keyring_slot.store_key(slots.vault_id, key))
            if slots.keyring is None:
                raise KeyringUnavailable(
                    "There is no secure system keyring on this computer, so the passphrase "
                    "will still be needed."
                )
        self._save_slots(slots)

    def _refresh_keyring(self, key: bytes) -> None:
        """After a passphrase unlock, (re)store the key where the keyring is usable again."""
        record = self.slots.keyring
        if record is not None and record.backend == keyring_slot.backend_name():
            try:
                if keyring_slot.load_key(record) == key:
                    return
            except KeyringUnavailable:
                pass
        fresh = keyring_slot.store_key(self.slots.vault_id, key)
        if fresh is None:
            self.keyring_message = "No secure system keyring is available; the passphrase is used."
        if fresh != record:
            self._save_slots(replace(self.slots, keyring=fresh))

    def _save_slots(self, slots: KeySlots) -> None:
        atomic_write(self.paths.keyslots, slots.to_bytes())
        self.slots = slots

    # --- using ---------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._key is None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed as a whole when the block ends, rolled back on error."""
        self._check_open()
        with self._sessions.begin() as session:
            yield session

    def reader(self) -> Session:
        self._check_open()
        return self._sessions()

    def _check_open(self) -> None:
        # The engine would quietly reconnect after dispose(); a locked caseload must not.
        if self._key is None:
            raise VaultError("The caseload is locked. Unlock it to go on.")

    def backup(self, target: Path) -> dict[str, object]:
        """An encrypted backup of the whole caseload in one file (see store.backup)."""
        from ewo_desk.store.backup import backup

        if self._key is None:
            raise VaultError("The caseload is locked.")
        return backup(self, bytes(self._key), target)

    def close(self) -> None:
        """Lock: overwrite our copy of the key and close every pooled connection. Idempotent.

        What Python cannot promise: immutable copies of the key (the bytes a slot unwrapped, the
        hex text the engine's connect hook keys SQLCipher with, a backup's temporary copy) stay
        in memory until the garbage collector frees them, and freed memory is not wiped.
        SQLCipher wipes its own copy when each connection closes.
        """
        if self._key is None:
            return
        key, self._key = self._key, None
        key[:] = bytes(len(key))
        self.engine.dispose()
        self._restrict_files(self.paths)
        log.info("vault closed")

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
