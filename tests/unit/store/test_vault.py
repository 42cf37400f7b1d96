import hashlib
import os
import stat

import keyring
import pytest
import sqlalchemy as sa
from keyring.backends import null

from ewo_desk.errors import (
    KeyringUnavailable,
    NewerDatabase,
    VaultError,
    VaultExists,
    VaultNotFound,
    WrongPassphrase,
)
from ewo_desk.store import migrate
from ewo_desk.store.schema import Officer
from ewo_desk.store.vault import Vault
from tests.conftest import PASSPHRASE


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_create_open_close_round_trip(paths):
    vault, code = Vault.create(paths, PASSPHRASE)
    with vault.session() as s:
        s.add(Officer(name="Zoë Ñúñez"))
    vault.close()
    assert len(code.replace("-", "")) == 32
    with Vault.open_with_passphrase(paths, PASSPHRASE) as again, again.reader() as s:
        assert s.scalars(sa.select(Officer.name)).all() == ["Zoë Ñúñez"]


def test_database_is_encrypted_and_files_are_private(vault, paths):
    with vault.session() as s:
        s.add(Officer(name="Siobhán Ó Briain"))
    vault.close()
    assert not paths.database.read_bytes().startswith(b"SQLite format 3")
    assert b"Siobh" not in paths.database.read_bytes()
    if os.name == "posix":
        assert stat.S_IMODE(paths.root.stat().st_mode) == 0o700
        for f in (paths.database, paths.keyslots):
            assert stat.S_IMODE(f.stat().st_mode) == 0o600


def test_wrong_passphrase_changes_nothing(vault, paths):
    vault.close()
    before = (digest(paths.database), digest(paths.keyslots))
    with pytest.raises(WrongPassphrase, match="does not open"):
        Vault.open_with_passphrase(paths, "not the passphrase")
    assert (digest(paths.database), digest(paths.keyslots)) == before
    # No lock-out: the right passphrase still works straight after.
    Vault.open_with_passphrase(paths, PASSPHRASE).close()


def test_create_refuses_an_existing_caseload(vault, paths):
    vault.close()
    with pytest.raises(VaultExists):
        Vault.create(paths, "another passphrase")


def test_open_with_no_caseload(paths):
    with pytest.raises(VaultNotFound):
        Vault.open_with_passphrase(paths, PASSPHRASE)


def test_missing_key_file_is_not_a_new_caseload(vault, paths):
    vault.close()
    paths.keyslots.unlink()
    with pytest.raises(VaultError, match="key file .* is missing"):
        Vault.open_with_passphrase(paths, PASSPHRASE)
    with pytest.raises(VaultExists):
        Vault.create(paths, PASSPHRASE)


def test_damaged_key_file(vault, paths):
    vault.close()
    paths.keyslots.write_text("{ not json")
    with pytest.raises(VaultError, match="damaged"):
        Vault.open_with_passphrase(paths, PASSPHRASE)


def test_short_passphrase_refused(paths):
    with pytest.raises(VaultError, match="at least 10"):
        Vault.create(paths, "short")
    assert not Vault.exists(paths)


def test_recovery_code_opens_and_sets_new_passphrase(paths):
    vault, code = Vault.create(paths, PASSPHRASE)
    vault.close()
    messy = code.lower().replace("-", " ")
    Vault.open_with_recovery_code(paths, messy, "a brand new passphrase").close()
    with pytest.raises(WrongPassphrase):
        Vault.open_with_passphrase(paths, PASSPHRASE)
    Vault.open_with_passphrase(paths, "a brand new passphrase").close()


def test_wrong_recovery_code(vault, paths):
    vault.close()
    with pytest.raises(WrongPassphrase, match="recovery code"):
        Vault.open_with_recovery_code(paths, "AAAA-" * 7 + "AAAA", "whatever passphrase")


def test_passphrase_change_rewraps_without_reencrypting(vault, paths):
    with vault.session() as s:
        s.add(Officer(name="A"))
    vault.engine.dispose()
    header = paths.database.read_bytes()[:16]  # SQLCipher's salt: changes only on rekey
    vault.change_passphrase(PASSPHRASE, "the second passphrase")
    vault.close()
    assert paths.database.read_bytes()[:16] == header
    with pytest.raises(WrongPassphrase):
        Vault.open_with_passphrase(paths, PASSPHRASE)
    Vault.open_with_passphrase(paths, "the second passphrase").close()


def test_change_passphrase_needs_the_current_one(vault):
    with pytest.raises(WrongPassphrase):
        vault.change_passphrase("wrong passphrase!", "the second passphrase")


def test_keyring_holds_key_but_policy_asks_for_passphrase(vault, paths, memory_keyring):
    vault.close()
    assert len(memory_keyring.secrets) == 1
    with pytest.raises(KeyringUnavailable, match="policy"):
        Vault.open_with_keyring(paths)


def test_keyring_unlock_when_policy_allows(vault, paths):
    vault.allow_keyring_unlock(True, PASSPHRASE)
    vault.close()
    Vault.open_with_keyring(paths).close()


def test_keyring_unavailable_falls_back_to_passphrase(paths):
    keyring.set_keyring(null.Keyring())
    vault, _ = Vault.create(paths, PASSPHRASE)
    assert vault.slots.keyring is None
    vault.close()
    with pytest.raises(KeyringUnavailable, match="passphrase"):
        Vault.open_with_keyring(paths, ignore_policy=True)
    opened = Vault.open_with_passphrase(paths, PASSPHRASE)
    assert "No secure system keyring" in opened.keyring_message
    opened.close()


def test_keyring_backend_change_is_not_trusted(vault, paths, memory_keyring):
    vault.allow_keyring_unlock(True, PASSPHRASE)
    vault.close()

    class OtherBackend(type(memory_keyring)):
        pass

    other = OtherBackend()
    other.secrets = dict(memory_keyring.secrets)
    keyring.set_keyring(other)
    with pytest.raises(KeyringUnavailable, match="changed"):
        Vault.open_with_keyring(paths)
    # The passphrase still opens it, and re-enrols the key with the new backend.
    Vault.open_with_passphrase(paths, PASSPHRASE).close()
    Vault.open_with_keyring(paths).close()


def test_keyring_entry_lost(vault, paths, memory_keyring):
    vault.allow_keyring_unlock(True, PASSPHRASE)
    vault.close()
    memory_keyring.secrets.clear()
    with pytest.raises(KeyringUnavailable, match="no longer holds"):
        Vault.open_with_keyring(paths)


def test_newer_database_is_refused(vault, paths):
    with vault.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    vault.close()
    with pytest.raises(NewerDatabase, match="newer version"):
        Vault.open_with_passphrase(paths, PASSPHRASE)


def test_migration_from_an_older_schema_makes_a_backup(paths, monkeypatch):
    # A caseload saved by the first version (schema 0001), with a row in it.
    monkeypatch.setattr(migrate, "upgrade", _upgrade_to("0001"))
    vault, _ = Vault.create(paths, PASSPHRASE)
    with vault.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO officer (name, role, team, email, phone, "
            "may_issue_penalty_notices, is_vault_owner, created_at, updated_at)"
            " VALUES ('Old', '', '', '', '', 0, 1, '', '')"
        )
    vault.close()
    monkeypatch.undo()

    vault = Vault.open_with_passphrase(paths, PASSPHRASE)
    assert migrate.current_revision(vault.engine) == migrate.head_revision()
    with vault.reader() as s:
        assert s.scalars(sa.select(Officer.name)).all() == ["Old"]
    vault.close()
    backups = list(paths.backups.iterdir())
    assert len(backups) == 1 and "0001" in backups[0].name
    assert not backups[0].read_bytes().startswith(b"SQLite format 3")


def test_migrated_schema_matches_the_models(vault):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from ewo_desk.store.schema import Base

    with vault.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def _upgrade_to(revision):
    real = migrate.upgrade

    def upgrade(engine, database, backups, target="head"):
        return real(engine, database, backups, target=revision)

    return upgrade
