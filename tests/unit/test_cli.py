import json
from datetime import date

import pytest

from ewo_desk.cli import main
from ewo_desk.store.schema import Case, Child, ChronologyEntry, Officer
from ewo_desk.store.vault import Vault
from tests.conftest import PASSPHRASE


@pytest.fixture
def with_passphrase(monkeypatch):
    monkeypatch.setenv("EWO_DESK_PASSPHRASE", PASSPHRASE)


@pytest.fixture
def one_case(paths, with_passphrase):
    assert main(["init", "--officer", "Zoë Adeyemi", "--council", "Northbridge"]) == 0
    with Vault.open_with_passphrase(paths, PASSPHRASE) as vault, vault.session() as s:
        child = Child(
            given_names="Łukasz",
            family_name="Wiśniewski",
            upn="A123456789012",
            date_of_birth=date(2014, 2, 28),
        )
        s.add(child)
        s.flush()
        s.add(Case(ref="EWO-2026-0001", child_id=child.id, opened_on=date(2026, 9, 8)))
    return "EWO-2026-0001"


def test_init_prints_recovery_code_once(paths, with_passphrase, capsys):
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert "recovery code" in out
    assert paths.database.exists() and paths.keyslots.exists()
    assert main(["init"]) == 2  # never over an existing caseload
    assert "already exists" in capsys.readouterr().err


def test_data_dir_flag_beats_environment(tmp_path, with_passphrase):
    elsewhere = tmp_path / "portable"
    assert main(["--data-dir", str(elsewhere), "init"]) == 0
    assert (elsewhere / "caseload.db").exists()


def test_passphrase_file(paths, tmp_path, capsys):
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    assert main(["--passphrase-file", str(secret), "init"]) == 0
    capsys.readouterr()
    assert main(["--passphrase-file", str(secret), "cases", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    secret.write_text("the wrong passphrase", encoding="utf-8")
    assert main(["--passphrase-file", str(secret), "cases"]) == 2


def test_no_caseload_yet(paths, capsys):
    assert main(["cases"]) == 2
    assert "ewo-desk init" in capsys.readouterr().err


def test_no_passphrase_is_a_clear_error(one_case, monkeypatch, capsys):
    monkeypatch.delenv("EWO_DESK_PASSPHRASE")
    assert main(["cases"]) == 2
    assert "EWO_DESK_PASSPHRASE" in capsys.readouterr().err


def test_wrong_passphrase_exit_2(one_case, monkeypatch, capsys):
    monkeypatch.setenv("EWO_DESK_PASSPHRASE", "not it at all")
    assert main(["cases"]) == 2
    assert "does not open" in capsys.readouterr().err


def test_cases_and_case_json(one_case, capsys):
    capsys.readouterr()
    assert main(["cases", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["ref"] for r in rows] == [one_case]
    assert rows[0]["child"] == "Łukasz Wiśniewski"
    assert main(["case", one_case.lower(), "--json"]) == 0
    detail = json.loads(capsys.readouterr().out)
    assert detail["child"]["date_of_birth"] == "2014-02-28"
    assert detail["chronology"] == []


def test_unknown_case(one_case, capsys):
    assert main(["case", "EWO-1999-0001", "--json"]) == 2
    assert "no case" in capsys.readouterr().err


def test_note_add_is_committed(one_case, paths, capsys):
    assert main(["note", "add", one_case, "--text", "Phoned mum — Zoë's appointment moved."]) == 0
    with Vault.open_with_passphrase(paths, PASSPHRASE) as vault, vault.reader() as s:
        entry = s.query(ChronologyEntry).one()
        assert entry.text == "Phoned mum — Zoë's appointment moved."
        assert entry.status == "final"
        assert s.get(Officer, entry.author_id).name == "Zoë Adeyemi"
        assert s.query(Case).one().chronology == [entry]


def test_empty_note_refused(one_case, paths, capsys):
    assert main(["note", "add", one_case, "--text", "   "]) == 2
    assert "empty" in capsys.readouterr().err


def test_check_passes_on_a_good_caseload(one_case, capsys):
    assert main(["check"]) == 0
    assert "OK" in capsys.readouterr().out


def test_check_finds_a_damaged_page(one_case, paths, capsys):
    with Vault.open_with_passphrase(paths, PASSPHRASE) as vault, vault.session() as s:
        for i in range(300):
            s.add(ChronologyEntry(case_id=1, occurred_at=_now(), text=f"note {i} " + "x" * 400))
    with Vault.open_with_passphrase(paths, PASSPHRASE) as vault, vault.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(paths.database.read_bytes())
    page = 4096 * 20 + 100  # a page in the middle of the notes table, not the schema page
    data[page : page + 16] = bytes(16)
    paths.database.write_bytes(bytes(data))
    assert main(["check"]) == 1
    assert "PROBLEM" in capsys.readouterr().out


def _now():
    from ewo_desk.store.schema.base import utcnow

    return utcnow()
