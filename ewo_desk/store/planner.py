"""Visits and meetings the officer plans: booked, then done (or cancelled, with a reason).

A planned visit or meeting is an open `Task` of kind "visit" or "meeting", so My work, retention
and the audit trail already know it. The schema keeps only the day a task is due (`due_on`, the
UK date); the planned moment is kept, without a schema change, as the first line of the task's
`rule` ("the rule that made it"; for a planned item, the officer's plan):

    planned-at: 2027-03-29T09:00+00:00

always UTC, to the minute, and read back only when the whole line matches (`planned_at`), so a
pathway task whose rule happens to say something else is never taken for one. A cancellation adds
a second line with its reason. Every change is recorded by the audit hook on flush.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from ewo_desk.domain.calendar import london_date, to_london
from ewo_desk.domain.pathway.formatting import fmt_date
from ewo_desk.errors import EwoDeskError, NotFound
from ewo_desk.store.casework import case_by_ref
from ewo_desk.store.schema import Task
from ewo_desk.store.schema.base import utcnow

KINDS = {"visit": "Home visit", "meeting": "Meeting"}  # Task.kind -> how it reads
PLANNED_AT = "planned-at: "
CANCELLED = "cancelled: "
TITLE_LIMIT = 300  # Task.title is VARCHAR(300)
_PLANNED_LINE = re.compile(r"planned-at: (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+00:00)")


def plan(
    session: Session,
    ref: str,
    kind: str,
    when: datetime,
    what: str,
    *,
    now: datetime | None = None,
) -> int:
    """Book a visit or meeting for a case at `when` (aware; typed as UK time). Its id.

    A moment on an earlier UK day than `now` is refused; earlier today is allowed (booking a
    visit that is about to happen, or has just begun)."""
    if kind not in KINDS:
        raise EwoDeskError(f"Choose a home visit or a meeting (not {kind!r}).")
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("a planned moment must carry its time zone (aware datetime)")
    now = now or utcnow()
    if london_date(when) < london_date(now):
        raise EwoDeskError(
            f"{fmt_date(london_date(when))} is in the past. Plan a visit or meeting for today "
            "or a later day; to write up one that has happened, record the visit or add a note."
        )
    case = case_by_ref(session, ref)
    if case.status != "open":
        raise EwoDeskError(f"Case {case.ref} is closed. Reopen it before planning a visit.")
    title = " ".join(what.split()) or KINDS[kind]
    if len(title) > TITLE_LIMIT:
        raise EwoDeskError(
            f"Say what and where in at most {TITLE_LIMIT} characters (this is {len(title)}); "
            "put the detail in a note."
        )
    moment = when.astimezone(UTC).replace(second=0, microsecond=0)
    task = Task(
        case_id=case.id,
        title=title,
        due_on=london_date(moment),
        kind=kind,
        rule=PLANNED_AT + moment.isoformat(timespec="minutes"),
        status="open",
    )
    session.add(task)
    session.flush()
    return task.id


def done(session: Session, task_id: int) -> None:
    """The visit or meeting took place (or the task is otherwise done)."""
    task = _open_task(session, task_id)
    task.status = "done"
    task.done_at = utcnow()
    session.flush()


def cancel(session: Session, task_id: int, reason: str) -> None:
    """The visit or meeting will not happen; the reason is kept on the task and in the audit."""
    reason = " ".join(reason.split())
    if not reason:
        raise EwoDeskError("Say why the visit or meeting is cancelled.")
    task = _open_task(session, task_id)
    task.status = "cancelled"
    task.done_at = utcnow()
    task.rule = f"{task.rule}\n{CANCELLED}{reason}" if task.rule else f"{CANCELLED}{reason}"
    session.flush()


def planned_at(task: Task) -> datetime | None:
    """The moment a planned visit or meeting was booked for (UK time), or None if it has none."""
    first_line = (task.rule or "").split("\n", 1)[0]
    found = _PLANNED_LINE.fullmatch(first_line)
    if found is None:
        return None
    try:
        return to_london(datetime.fromisoformat(found.group(1)))
    except ValueError:  # a well-formed line with an impossible date (31 February)
        return None


def _open_task(session: Session, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound("That visit or meeting is no longer in the caseload.")
    if task.status != "open":
        raise EwoDeskError(f"“{task.title}” is already {task.status}.")
    return task
