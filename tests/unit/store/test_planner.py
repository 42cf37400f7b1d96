"""Planning a visit or meeting: the UK time kept to the minute across the clock changes, listed
in My work with its time, then done or cancelled (with a reason), each change audited."""

import json
from datetime import UTC, date, datetime, time

import pytest
import sqlalchemy as sa

from ewo_desk.domain.calendar import london_datetime
from ewo_desk.errors import EwoDeskError, NotFound
from ewo_desk.store.my_work import planned_visits
from ewo_desk.store.planner import cancel, done, plan, planned_at
from ewo_desk.store.schema import AuditEntry, Case, Child, Task

NOW = datetime(2026, 10, 20, 8, 0, tzinfo=UTC)  # Tuesday 20/10/2026, 09:00 BST


def uk(year, month, day, hour, minute=0):
    return london_datetime(date(year, month, day), time(hour, minute))


@pytest.fixture
def ref(vault):
    with vault.session() as s:
        child = Child(given_names="Zoë", family_name="Dvořák", date_of_birth=date(2014, 5, 10))
        old = Child(given_names="Old", family_name="Case")
        s.add_all([child, old])
        s.flush()
        s.add(Case(ref="PL-1", child_id=child.id, opened_on=date(2026, 9, 7)))
        s.add(Case(ref="PL-2", child_id=old.id, opened_on=date(2025, 9, 7), status="closed"))
    return "PL-1"


def stored(vault, task_id):
    with vault.reader() as s:
        task = s.get(Task, task_id)
        s.expunge(task)
        return task


@pytest.mark.parametrize(
    ("when", "utc"),
    [
        (uk(2027, 3, 29, 10), datetime(2027, 3, 29, 9, 0, tzinfo=UTC)),  # BST from 28/03/2027
        (uk(2026, 10, 27, 10), datetime(2026, 10, 27, 10, 0, tzinfo=UTC)),  # GMT from 25/10/2026
        (uk(2026, 10, 24, 23, 30), datetime(2026, 10, 24, 22, 30, tzinfo=UTC)),  # UTC day before
    ],
)
def test_the_uk_time_is_kept_to_the_minute_across_the_clock_change(vault, ref, when, utc):
    with vault.session() as s:
        task_id = plan(s, ref, "visit", when, "Home visit with Mum", now=NOW)
    task = stored(vault, task_id)
    assert (task.kind, task.status, task.title) == ("visit", "open", "Home visit with Mum")
    assert task.due_on == when.date()  # the UK day, even when UTC is still the day before
    assert task.rule == f"planned-at: {utc:%Y-%m-%dT%H:%M}+00:00"
    assert planned_at(task) == when and planned_at(task).astimezone(UTC) == utc
    assert f"{planned_at(task):%d/%m/%Y %H:%M}" == f"{when:%d/%m/%Y %H:%M}"


def test_my_work_lists_a_planned_visit_at_its_uk_time_on_its_day(vault, ref):
    with vault.session() as s:
        visit = plan(s, ref, "visit", uk(2026, 10, 27, 10), "At home, 4 Elm Row", now=NOW)
        meeting = plan(s, ref, "meeting", uk(2026, 10, 24, 23, 30), "  ", now=NOW)
    with vault.reader() as s:
        items = planned_visits(s, date(2026, 10, 21))
    assert [(i["on"], i["time"], i["what"], i["kind"], i["task_id"]) for i in items] == [
        ("2026-10-24", "23:30", "Meeting", "meeting", meeting),  # an empty "what" says the kind
        ("2026-10-27", "10:00", "At home, 4 Elm Row", "visit", visit),
    ]
    assert items[0]["child"] == "Zoë Dvořák" and items[0]["source"] == "task"
    assert items[0]["planned_at"] == uk(2026, 10, 24, 23, 30)


def test_earlier_today_is_allowed_an_earlier_day_is_refused_plainly(vault, ref):
    with vault.session() as s:
        plan(s, ref, "visit", uk(2026, 10, 20, 0, 5), "", now=NOW)  # earlier today: allowed
        with pytest.raises(EwoDeskError, match=r"19/10/2026 is in the past"):
            plan(s, ref, "visit", uk(2026, 10, 19, 23, 59), "", now=NOW)
    # At 00:30 BST on 02/07 (still 01/07 in UTC) the UK day is the 2nd: the 1st is past.
    late = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)  # 00:30 BST on 02/07
    with vault.session() as s:
        with pytest.raises(EwoDeskError, match="01/07/2026 is in the past"):
            plan(s, ref, "meeting", uk(2026, 7, 1, 23, 45), "", now=late)
        plan(s, ref, "meeting", uk(2026, 7, 2, 0, 15), "", now=late)


def test_bad_kinds_closed_cases_long_text_and_naive_times_are_refused(vault, ref):
    with vault.session() as s:
        with pytest.raises(EwoDeskError, match="home visit or a meeting"):
            plan(s, ref, "phone_call", uk(2026, 10, 27, 10), "", now=NOW)
        with pytest.raises(EwoDeskError, match="PL-2 is closed"):
            plan(s, "PL-2", "visit", uk(2026, 10, 27, 10), "", now=NOW)
        with pytest.raises(NotFound):
            plan(s, "NOPE-1", "visit", uk(2026, 10, 27, 10), "", now=NOW)
        with pytest.raises(EwoDeskError, match="at most 300 characters"):
            plan(s, ref, "visit", uk(2026, 10, 27, 10), "x" * 301, now=NOW)
        with pytest.raises(ValueError, match="aware"):
            plan(s, ref, "visit", datetime(2026, 10, 27, 10), "", now=NOW)
    with vault.reader() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Task)) == 0


def test_done_and_cancelled_leave_my_work_and_are_audited(vault, ref):
    with vault.session() as s:
        first = plan(s, ref, "visit", uk(2026, 10, 21, 10), "First", now=NOW)
        second = plan(s, ref, "meeting", uk(2026, 10, 22, 14), "Second", now=NOW)
    with vault.session() as s:
        done(s, first)
        with pytest.raises(EwoDeskError, match="Say why"):
            cancel(s, second, "   ")
        cancel(s, second, "Family moved\nto Leeds")
    with vault.reader() as s:
        assert planned_visits(s, date(2026, 10, 21)) == []
    finished, cancelled = stored(vault, first), stored(vault, second)
    assert finished.status == "done" and finished.done_at is not None
    assert cancelled.status == "cancelled"
    assert cancelled.rule.splitlines()[1] == "cancelled: Family moved to Leeds"
    assert planned_at(cancelled) == uk(2026, 10, 22, 14)  # the booked time is still readable
    with vault.session() as s:
        with pytest.raises(EwoDeskError, match="already done"):
            done(s, first)
        with pytest.raises(EwoDeskError, match="already cancelled"):
            cancel(s, second, "again")
        with pytest.raises(NotFound):
            done(s, 9999)
    with vault.reader() as s:
        audit = s.execute(
            sa.select(AuditEntry.action, AuditEntry.payload).where(AuditEntry.entity == "task")
        ).all()
    actions = [action for action, _payload in audit]
    assert actions.count("create") == 2 and actions.count("update") == 2
    assert any("Family moved to Leeds" in json.dumps(json.loads(p)) for _a, p in audit if p)


def test_a_booked_visit_not_marked_done_stays_listed_as_overdue(vault, ref):
    with vault.session() as s:
        plan(s, ref, "visit", uk(2026, 10, 20, 15), "Afternoon visit", now=NOW)
        case_id = s.scalar(sa.select(Case.id).where(Case.ref == ref))
        s.add(Task(case_id=case_id, title="Old review, no time", kind="review",
                   due_on=date(2026, 10, 1)))  # fmt: skip
    with vault.reader() as s:
        (item,) = planned_visits(s, date(2026, 10, 23))
    assert (item["on"], item["time"], item["status"]) == ("2026-10-20", "15:00", "overdue")


@pytest.mark.parametrize(
    "rule",
    ["", "planned-at: soon", "planned-at: 2026-10-27T10:00+01:00", "Note planned-at: "
     "2026-10-27T10:00+00:00", "planned-at: 2026-02-31T10:00+00:00",
     "planned-at: 2026-10-27T10:00+00:00 extra"],
)  # fmt: skip
def test_only_a_whole_planned_at_line_is_read_as_a_time(rule):
    assert planned_at(Task(title="t", kind="visit", rule=rule)) is None
