from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from ewo_desk.cli import main
from ewo_desk.store import audit
from ewo_desk.store.casework import add_note
from ewo_desk.store.retention import compact, delete_case, review_list
from ewo_desk.store.schema import Case, Child, ChildParent, LegalAction, ParentCarer
from ewo_desk.store.visits import save_visit_draft
from tests.conftest import PASSPHRASE

TODAY = date(2026, 11, 22)


def _case(s, ref, child, closed_on):
    s.add(child)
    s.flush()
    case = Case(
        ref=ref,
        child_id=child.id,
        opened_on=date(2015, 1, 5),
        closed_on=closed_on,
        status="closed" if closed_on else "open",
    )
    s.add(case)
    s.flush()
    return case


@pytest.fixture
def caseload(vault):
    with vault.session() as s:
        mum = ParentCarer(given_names="Oluwaseun", family_name="Adébáyọ̀")
        s.add(mum)
        old = _case(
            s,
            "OLD-1",
            Child(given_names="Kehinde", family_name="Adébáyọ̀", date_of_birth=date(1998, 5, 1)),
            date(2016, 7, 1),
        )
        sibling = _case(
            s,
            "SIB-1",
            Child(given_names="Taiwo", family_name="Adébáyọ̀", date_of_birth=date(2001, 5, 1)),
            None,
        )
        _case(
            s,
            "CP-1",
            Child(
                given_names="Held",
                family_name="Record",
                child_protection=True,
                date_of_birth=date(1990, 1, 1),
            ),
            date(2010, 1, 1),
        )
        _case(
            s,
            "NEW-1",
            Child(given_names="Recent", family_name="Closure", date_of_birth=date(1990, 1, 1)),
            date(2024, 1, 1),
        )
        for case in (old, sibling):
            s.add(ChildParent(child_id=case.child_id, parent_id=mum.id))
        s.add(
            LegalAction(
                case_id=old.id, parent_id=None, kind="penalty_notice", started_on=date(2016, 1, 1)
            )
        )
        add_note(s, "OLD-1", "Kehinde's secret note", occurred_at=datetime(2016, 1, 1, tzinfo=UTC))
        save_visit_draft(s, "OLD-1", {"child_voice": "Kehinde said so"})
    return vault


def test_review_list(caseload):
    with caseload.reader() as s:
        rows = review_list(s, TODAY)
    assert [r["ref"] for r in rows] == ["OLD-1"]
    assert "25th birthday" in rows[0]["reason"]  # 01/05/2023 is later than 01/07/2022


def _all_text(vault):
    with vault.engine.connect() as c:
        tables = [
            r[0] for r in c.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return "\n".join(
            str(row) for t in tables for row in c.exec_driver_sql(f'SELECT * FROM "{t}"')
        )


def test_deletion_really_removes_and_keeps_shared_parent(caseload):
    assert "Kehinde" in _all_text(caseload)
    with caseload.session() as s:
        counts = delete_case(s, "OLD-1", "Retention schedule: 6 years after closure")
    compact(caseload.engine)
    assert counts["case_file"] == 1 and counts["child"] == 1 and counts["chronology_entry"] == 1
    assert "parent_carer" not in counts  # still the parent of the open sibling case
    text = _all_text(caseload)
    assert "Kehinde" not in text and "secret note" not in text
    assert "Oluwaseun" in text
    with caseload.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA freelist_count").scalar() == 0
    with caseload.reader() as s:
        result = audit.verify(s)
        assert result.ok and result.redacted >= 3
        last = s.scalars(sa.text("SELECT action FROM audit_entry ORDER BY seq DESC LIMIT 1")).one()
        assert last == "retention_delete"


def test_last_child_takes_the_parent_with_it(caseload):
    with caseload.session() as s:
        delete_case(s, "OLD-1", "schedule")
        s.get(Case, 2).closed_on = date(2016, 1, 1)
    with caseload.session() as s:
        counts = delete_case(s, "SIB-1", "schedule")
    assert counts["parent_carer"] == 1
    assert "Oluwaseun" not in _all_text(caseload)


def test_cli_retention(caseload, monkeypatch, capsys):
    caseload.close()
    monkeypatch.setenv("EWO_DESK_PASSPHRASE", PASSPHRASE)
    assert main(["retention", "review"]) == 0
    assert "OLD-1" in capsys.readouterr().out
    assert main(["retention", "delete", "OLD-1", "--reason", "schedule"]) == 0
    assert "Deleted OLD-1" in capsys.readouterr().out
    assert main(["retention", "review"]) == 0
    assert capsys.readouterr().out.strip() == "0 cases due for deletion"
