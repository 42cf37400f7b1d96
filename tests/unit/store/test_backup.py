import zipfile

import pytest
import sqlalchemy as sa

from ewo_desk.cli import main
from ewo_desk.errors import VaultExists, WrongPassphrase
from ewo_desk.paths import DataPaths
from ewo_desk.store import audit
from ewo_desk.store.backup import BackupError, restore
from ewo_desk.store.schema import Officer
from ewo_desk.store.vault import Vault
from tests.conftest import PASSPHRASE


@pytest.fixture
def backed_up(vault, tmp_path):
    with vault.session() as s:
        s.add(Officer(name="Siobhán Ó Briain", is_vault_owner=True))
    target = tmp_path / "exports" / "caseload.ewobackup"
    target.parent.mkdir()
    manifest = vault.backup(target)
    return target, manifest


def test_round_trip_into_a_new_folder(backed_up, tmp_path, vault):
    target, manifest = backed_up
    assert b"Siobh" not in target.read_bytes()
    assert b"SQLite format 3" not in target.read_bytes()
    elsewhere = DataPaths(tmp_path / "restored")
    restore(target, elsewhere)
    with Vault.open_with_passphrase(elsewhere, PASSPHRASE) as copy, copy.reader() as s:
        assert s.scalars(sa.select(Officer.name)).all() == ["Siobhán Ó Briain"]
        assert audit.verify(s).ok
    with vault.reader() as s:  # the backup itself is in the original's audit trail
        assert s.scalars(sa.select(sa.text("action FROM audit_entry"))).all()[-1] == "backup"


def test_backup_needs_the_passphrase(backed_up, tmp_path):
    target, _ = backed_up
    elsewhere = DataPaths(tmp_path / "restored")
    restore(target, elsewhere)
    with pytest.raises(WrongPassphrase):
        Vault.open_with_passphrase(elsewhere, "somebody else's guess")
    with pytest.raises(Exception, match="policy|keyring"):  # no keyring copy travels with it
        Vault.open_with_keyring(elsewhere, ignore_policy=True)


def test_restore_never_overwrites(backed_up, paths):
    target, _ = backed_up
    with pytest.raises(VaultExists):
        restore(target, paths)


def test_damaged_backup_is_refused_and_writes_nothing(backed_up, tmp_path):
    target, _ = backed_up
    damaged = tmp_path / "damaged.ewobackup"
    with zipfile.ZipFile(target) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "caseload.db":
                data = data[:-10] + bytes(10)
            dst.writestr(item, data)
    elsewhere = DataPaths(tmp_path / "restored")
    with pytest.raises(BackupError, match="checksums"):
        restore(damaged, elsewhere)
    assert not elsewhere.database.exists()
    (tmp_path / "junk").write_bytes(b"not a zip")
    with pytest.raises(BackupError, match="not an EWO Desk backup"):
        restore(tmp_path / "junk", elsewhere)


def test_cli_backup_and_restore(vault, paths, tmp_path, monkeypatch, capsys):
    vault.close()
    monkeypatch.setenv("EWO_DESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "b.ewobackup"
    assert main(["backup", "--out", str(out)]) == 0
    assert main(["--data-dir", str(tmp_path / "new"), "restore", str(out)]) == 0
    assert "Restored" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path / "new"), "check"]) == 0
