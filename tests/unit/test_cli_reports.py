"""`ewo-desk report targeting|pn-register` and `sar --pdf-out`: what they write, and that every
file written is recorded as an export."""

import csv
import io
from datetime import date

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from ewo_desk.cli import main
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.schema import AuditEntry, Child, ChildParent, School
from ewo_desk.store.targeting import find_school, school_targeting
from ewo_desk.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.unit.documents.builders import TODAY, UPN, build_case


@pytest.fixture
def case(vault):
    with vault.session() as session:
        built = build_case(session)
        school = session.scalars(sa.select(School)).one()
        sister = Child(
            given_names="Zofia", family_name="Wiśniewska", year_group="R", school_id=school.id
        )
        session.add(sister)
        session.flush()
        session.add(ChildParent(child_id=sister.id, parent_id=built.father_id))
        session.add(School(urn="654321", name="St Mary's Catholic High School"))
    return built


@pytest.fixture
def unlocked(vault, case, monkeypatch):
    vault.close()
    monkeypatch.setenv("EWO_DESK_PASSPHRASE", PASSPHRASE)


def pdf_text(path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def exports(paths, entity) -> int:
    with Vault.open_with_passphrase(paths, PASSPHRASE) as vault, vault.reader() as s:
        query = sa.select(sa.func.count()).where(
            AuditEntry.action == "export", AuditEntry.entity == entity
        )
        return s.scalar(query)


def test_the_targeting_row_knows_the_pupil_beyond_the_marks(vault, case):
    with vault.reader() as s:
        school = find_school(s, "123456")
        (row,) = school_targeting(s, school, date(2026, 9, 1), TODAY)
    assert row.upn == UPN and row.context.name == "Amelia Wiśniewska"
    assert row.context.year_group == "Year 5"
    assert row.context.siblings == ("Zofia Wiśniewska (Reception, " + school.name + ")",)
    # the 10th unauthorised session within 10 school weeks is Mon 9 Nov (G, both sessions)
    assert row.threshold_met and row.threshold_met_on == date(2026, 11, 9)


@pytest.mark.parametrize(
    ("wanted", "problem"),
    [("Nowhere Academy", "No school matches"), ("St Mary", "more than one school")],
)
def test_a_school_that_is_not_one_school_is_named(vault, case, wanted, problem):
    with vault.reader() as s, pytest.raises(EwoDeskError, match=problem) as caught:
        find_school(s, wanted)
    assert "123456" in str(caught.value)


def test_an_exact_name_wins_over_a_part(vault, case):
    with vault.reader() as s:
        assert find_school(s, "st mary's catholic high school").urn == "654321"


def test_targeting_csv_and_pdf_are_written_and_recorded(unlocked, paths, tmp_path, capsys):
    out_csv, out_pdf = tmp_path / "t.csv", tmp_path / "t.pdf"
    args = ["report", "targeting", "123456", "--from", "2026-09-01", "--to", "2026-11-20"]
    assert main([*args, "--csv", str(out_csv), "--pdf", str(out_pdf)]) == 0
    (row,) = csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8")))
    assert row["upn"] == UPN and row["name"] == "Amelia Wiśniewska"
    assert "Amelia Wiśniewska" in pdf_text(out_pdf) and "01/09/2026" in pdf_text(out_pdf)
    assert exports(paths, "targeting_list") == 2
    assert "1 pupils; written to" in capsys.readouterr().out


def test_targeting_on_screen_writes_nothing(unlocked, paths, capsys):
    assert main(["report", "targeting", "123456", "--to", "2026-11-20"]) == 0
    out = capsys.readouterr().out
    assert "01/09/2026 to 20/11/2026" in out and "Amelia Wiśniewska" in out
    assert exports(paths, "targeting_list") == 0


def test_targeting_refuses_a_backwards_period(unlocked, capsys):
    args = ["report", "targeting", "123456", "--from", "2026-11-01", "--to", "2026-10-01"]
    assert main(args) == 2
    assert "--from is after --to" in capsys.readouterr().err


def test_pn_register_pdf_on_the_demo_caseload(vault, paths, tmp_path, monkeypatch):
    vault.close()
    monkeypatch.setenv("EWO_DESK_PASSPHRASE", PASSPHRASE)
    assert main(["demo"]) == 0
    out, out_csv = tmp_path / "register.pdf", tmp_path / "register.csv"
    assert main(["report", "pn-register", "--pdf", str(out), "--csv", str(out_csv)]) == 0
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    text = pdf_text(out)
    assert rows and f"{len(rows)} penalty notices" in text
    assert all(row["notice_id"] in text for row in rows)
    assert exports(paths, "pn_register") == 2


def test_sar_pdf_and_json_together(unlocked, paths, case, tmp_path):
    out_pdf, out_json = tmp_path / "sar.pdf", tmp_path / "sar.json"
    argv = ["sar", "--parent", str(case.father_id), "--pdf-out", str(out_pdf)]
    assert main([*argv, "--json-out", str(out_json)]) == 0
    assert "Wiśniewski" in pdf_text(out_pdf) and out_json.read_text(encoding="utf-8")
    assert exports(paths, "subject_access") == 2


def test_sar_needs_somewhere_to_write(unlocked, case, capsys):
    assert main(["sar", "--parent", str(case.father_id)]) == 2
    assert "--json-out FILE, --pdf-out FILE" in capsys.readouterr().err


def test_a_missing_folder_writes_nothing(unlocked, paths, tmp_path, capsys):
    out = tmp_path / "no such folder" / "t.pdf"
    assert main(["report", "targeting", "123456", "--pdf", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert exports(paths, "targeting_list") == 0
