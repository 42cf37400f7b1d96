import json
from datetime import UTC, date, datetime

import pytest

from ewo_desk.cli import main
from ewo_desk.errors import NotFound
from ewo_desk.store.casework import add_note
from ewo_desk.store.schema import Case, Child, ChildParent, LegalAction, ParentCarer
from ewo_desk.store.subject_access import child_export, parent_export
from tests.conftest import PASSPHRASE

TODAY = date(2026, 11, 22)


@pytest.fixture
def family(vault):
    with vault.session() as s:
        mum = ParentCarer(given_names="Ayşe", family_name="Yılmaz")
        dad = ParentCarer(given_names="Mehmet", family_name="Yılmaz", address_line1="9 Far St")
        child = Child(given_names="Elif", family_name="Yılmaz", date_of_birth=date(2013, 4, 2))
        s.add_all([mum, dad, child])
        s.flush()
        s.add_all(
            [
                ChildParent(child_id=child.id, parent_id=mum.id),
                ChildParent(child_id=child.id, parent_id=dad.id, lives_with_child=False),
            ]
        )
        case = Case(ref="SAR-1", child_id=child.id, opened_on=date(2026, 9, 1))
        s.add(case)
        s.flush()
        s.add_all(
            [
                LegalAction(
                    case_id=case.id,
                    parent_id=mum.id,
                    kind="notice_to_improve",
                    started_on=date(2026, 10, 1),
                ),
                LegalAction(
                    case_id=case.id,
                    parent_id=dad.id,
                    kind="penalty_notice",
                    started_on=date(2026, 11, 1),
                ),
            ]
        )
        add_note(s, "SAR-1", "Spoke to Mehmet.", occurred_at=datetime(2026, 10, 2, tzinfo=UTC))
        return {"mum": mum.id, "dad": dad.id}


def test_child_export_marks_other_people_for_review(vault, family):
    with vault.reader() as s:
        export = child_export(s, "sar-1", TODAY, received_on=date(2026, 11, 20))
    assert export["subject"]["given_names"] == "Elif"
    assert export["respond_by"] == "2026-12-20"
    people = export["cases"][0]["people"]
    assert {p["name"] for p in people} == {"Ayşe Yılmaz", "Mehmet Yılmaz"}
    assert all("review" in p["redaction_review"] for p in people)
    assert all(e["redaction_review"] for e in export["cases"][0]["chronology"])
    assert "Information Commissioner" in export["statement"]["rights"]


def test_parent_export_lists_only_their_own_legal_actions(vault, family):
    with vault.reader() as s:
        export = parent_export(s, family["mum"], TODAY)
    assert [a["kind"] for a in export["legal_actions_against_you"]] == ["notice_to_improve"]
    assert export["subject"]["name"] == "Ayşe Yılmaz"
    with vault.reader() as s, pytest.raises(NotFound):
        parent_export(s, 999, TODAY)


def test_cli_writes_json(vault, family, tmp_path, monkeypatch):
    vault.close()
    monkeypatch.setenv("EWO_DESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "sar.json"
    assert main(["sar", "--parent", str(family["dad"]), "--json-out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["subject"]["name"] == "Mehmet Yılmaz"
    assert [a["kind"] for a in data["legal_actions_against_you"]] == ["penalty_notice"]
