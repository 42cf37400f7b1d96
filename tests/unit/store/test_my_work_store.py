"""The start page's queries and the quick-note drafts, on a real vault."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from ewo_desk.domain.casework import ChronologyKind
from ewo_desk.errors import EwoDeskError
from ewo_desk.importers.register_csv import parse_register_csv
from ewo_desk.store.casework import add_note
from ewo_desk.store.marks import import_parsed
from ewo_desk.store.my_work import (
    deadlines,
    finalise_note,
    mark_crossing_seen,
    new_threshold_crossings,
    note_draft,
    planned_visits,
    save_note_draft,
    visit_draft,
)
from ewo_desk.store.schema import Case, Child, ChronologyEntry, Task
from ewo_desk.store.visits import save_visit_draft

TODAY = date(2026, 11, 22)
UPN = "A123456789012"


@pytest.fixture
def case(vault):
    with vault.session() as s:
        child = Child(upn=UPN, given_names="Łukasz", family_name="Wiśniewski",
                      date_of_birth=date(2014, 5, 10))  # fmt: skip
        closed = Child(given_names="Old", family_name="Case")
        s.add_all([child, closed])
        s.flush()
        s.add(Case(ref="MW-1", child_id=child.id, opened_on=date(2026, 9, 7)))
        s.add(Case(ref="MW-2", child_id=closed.id, opened_on=date(2025, 9, 7), status="closed"))
    return "MW-1"


def case_id(s, ref):
    return s.scalar(sa.select(Case.id).where(Case.ref == ref))


def test_planned_visits_this_week_meetings_visits_and_unfinished_records(vault, case):
    with vault.session() as s:
        s.add_all([
            Task(case_id=case_id(s, case), title="Review meeting at school", kind="review",
                 due_on=date(2026, 11, 24)),
            Task(case_id=case_id(s, case), title="Too far ahead", kind="review",
                 due_on=date(2026, 11, 29)),
            Task(case_id=case_id(s, case), title="Already held", kind="review",
                 due_on=date(2026, 11, 23), status="done"),
            Task(case_id=case_id(s, case), title="Not a meeting", kind="deadline",
                 due_on=date(2026, 11, 23)),
            Task(case_id=case_id(s, "MW-2"), title="Closed case", kind="review",
                 due_on=date(2026, 11, 23)),
        ])  # fmt: skip
        add_note(s, case, "Planned home visit with the family",
                 occurred_at=datetime(2026, 11, 25, 14, 0, tzinfo=UTC),
                 kind=ChronologyKind.HOME_VISIT)  # fmt: skip
        add_note(s, case, "Visit last week", occurred_at=datetime(2026, 11, 18, 14, 0, tzinfo=UTC),
                 kind=ChronologyKind.HOME_VISIT)  # fmt: skip
        save_visit_draft(s, case, {"visited_at": datetime(2026, 11, 20, 9, 30, tzinfo=UTC)})
    with vault.reader() as s:
        items = planned_visits(s, TODAY)
    assert [(i["on"], i["time"], i["what"], i["source"]) for i in items] == [
        ("2026-11-20", "09:30", "Home visit record not finished (draft)", "draft"),
        ("2026-11-24", "", "Review meeting at school", "task"),
        ("2026-11-25", "14:00", "Planned home visit with the family", "entry"),
    ]
    assert {i["child"] for i in items} == {"Łukasz Wiśniewski"}


def test_a_planned_visit_is_shown_at_uk_time_in_summer(vault, case):
    with vault.session() as s:
        add_note(s, case, "Home visit", occurred_at=datetime(2026, 7, 1, 23, 30, tzinfo=UTC),
                 kind=ChronologyKind.HOME_VISIT)  # fmt: skip
    with vault.reader() as s:
        (item,) = planned_visits(s, date(2026, 7, 2))
    assert (item["on"], item["time"]) == ("2026-07-02", "00:30")  # 23:30 UTC is 00:30 BST


def g_week(start, code="G"):
    return "".join(
        f"{UPN},2026-{start.month:02d}-{start.day + i:02d},{p},{code}\n"
        for i in range(5) for p in ("AM", "PM")
    )  # fmt: skip


def import_csv(vault, body, name):
    data = ("upn,date,session,code\n" + body).encode()
    with vault.session() as s:
        return import_parsed(s, parse_register_csv(data, name, not_after=TODAY), TODAY)


def test_a_crossing_is_new_with_the_import_that_made_it_until_marked_seen(vault, case):
    import_csv(vault, g_week(date(2026, 10, 5), "/"), "present.csv")
    with vault.reader() as s:
        assert new_threshold_crossings(s) == []
    report = import_csv(vault, g_week(date(2026, 10, 12)), "absent.csv")
    assert [c.met_on for c in report.new_crossings] == [date(2026, 10, 16)]
    with vault.reader() as s:
        (crossing,) = new_threshold_crossings(s)
    assert crossing["case_ref"] == case and crossing["met_on"] == "2026-10-16"
    assert crossing["import_file"] == "absent.csv" and crossing["unauthorised_sessions"] == 10
    import_csv(vault, g_week(date(2026, 11, 2), "/"), "later.csv")  # no new crossing in it
    with vault.reader() as s:
        assert new_threshold_crossings(s) == []


def test_marked_seen_crossings_are_not_listed_again(vault, case):
    import_csv(vault, g_week(date(2026, 10, 12)), "absent.csv")
    with vault.session() as s:
        mark_crossing_seen(s, case, date(2026, 10, 16))
    with vault.reader() as s:
        assert new_threshold_crossings(s) == []
        task = s.scalars(sa.select(Task)).one()
        assert (task.kind, task.status, task.due_on) == ("threshold_crossing", "done",
                                                         date(2026, 10, 16))  # fmt: skip


def test_deadlines_name_the_child_and_the_parent(vault, case):
    from ewo_desk.demo import populate

    with vault.session() as s:
        s.execute(sa.delete(Case))
        s.execute(sa.delete(Child))
        populate(s, today=TODAY)
    with vault.reader() as s:
        items = deadlines(s, TODAY)
    overdue = [i for i in items if i["status"] == "overdue"]
    assert overdue and all(i["child"] for i in items)
    assert all(i["parent"] for i in items if i["parent_id"])


def test_note_drafts_are_resumed_and_finalised(vault, case):
    when = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    with vault.session() as s:
        entry_id = save_note_draft(s, case, {"text": "Rang mum", "occurred_at": when}).id
    with vault.session() as s:
        save_note_draft(s, case, {"text": "Rang mum: no answer", "kind": "phone_call"}, entry_id)
    with vault.reader() as s:
        draft = note_draft(s, case)
    assert draft == {"id": entry_id, "kind": "phone_call", "text": "Rang mum: no answer",
                     "occurred_at": when}  # fmt: skip
    with vault.session() as s:
        finalise_note(s, entry_id)
    with vault.reader() as s:
        assert note_draft(s, case) is None
        assert s.get(ChronologyEntry, entry_id).status == "final"
    with vault.session() as s, pytest.raises(EwoDeskError, match="already in the chronology"):
        save_note_draft(s, case, {"text": "late change"}, entry_id)


def test_visit_draft_is_the_newest_unfinished_visit(vault, case):
    with vault.reader() as s:
        assert visit_draft(s, case) is None
    with vault.session() as s:
        visit_id = save_visit_draft(s, case, {"people_seen": "Mum"}).id
    with vault.reader() as s:
        draft = visit_draft(s, case)
    assert draft["id"] == visit_id and draft["people_seen"] == "Mum" and draft["outcome"] is None
