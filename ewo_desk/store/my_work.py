"""What the officer's start page ("My work") shows, and the drafts the visit and note forms resume.

Plain dicts with ISO dates, like store.casework, so a GUI model and a test read the same facts.
The schema has no booked-visit record: planned visits and meetings are open tasks of a meeting
kind (a review meeting, a visit) due in the coming days, with the time the officer booked when
store.planner made them, and chronology entries dated ahead.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ewo_desk.domain.attendance import PupilRegister, penalty_threshold
from ewo_desk.domain.attendance.marks import Session as RegisterSession
from ewo_desk.domain.attendance.marks import slot_of
from ewo_desk.domain.calendar import london_date, start_of_day, to_london
from ewo_desk.domain.casework import ChronologyKind, RecordStatus
from ewo_desk.domain.pathway.formatting import fmt_date
from ewo_desk.errors import EwoDeskError, NotFound
from ewo_desk.store.casework import add_note, case_by_ref
from ewo_desk.store.pathway import caseload_work_list
from ewo_desk.store.planner import KINDS as PLANNER_KINDS
from ewo_desk.store.planner import PLANNED_AT, planned_at
from ewo_desk.store.policy import load_policy
from ewo_desk.store.schema import (
    AttendanceImport,
    AttendanceMark,
    Case,
    Child,
    ChronologyEntry,
    HomeVisit,
    ParentCarer,
    Task,
)
from ewo_desk.store.schema.base import utcnow
from ewo_desk.store.visits import VISIT_FIELDS

PLANNED_TASK_KINDS = ("review", "visit", "meeting")
PLANNED_ENTRY_KINDS = (
    ChronologyKind.HOME_VISIT.value, ChronologyKind.MEETING.value,
    ChronologyKind.SCHOOL_VISIT.value,
)  # fmt: skip
CROSSING_SEEN = "threshold_crossing"  # Task.kind recording that the officer has seen a crossing


def my_work(session: Session, today: date, days_ahead: int = 7) -> dict[str, list[dict[str, Any]]]:
    return {
        "planned": planned_visits(session, today, days_ahead),
        "deadlines": deadlines(session, today),
        "crossings": new_threshold_crossings(session),
    }


def planned_visits(session: Session, today: date, days_ahead: int = 7) -> list[dict[str, Any]]:
    """Visits and meetings from today for `days_ahead` days, every visit or meeting the officer
    booked for an earlier day and has not marked done, and every unfinished visit record.
    Task rows carry their `task_id`, `kind` and, when booked with store.planner, `planned_at`."""
    until = today + timedelta(days=days_ahead)
    names = _open_cases(session)
    items: list[dict[str, Any]] = []
    this_week = sa.and_(Task.due_on >= today, Task.due_on < until)
    # A visit or meeting the officer booked stays listed until marked done (or cancelled).
    booked_earlier = sa.and_(Task.due_on < today, Task.kind.in_(tuple(PLANNER_KINDS)),
                             Task.rule.startswith(PLANNED_AT))  # fmt: skip
    tasks = session.execute(
        sa.select(Task, Case.ref).join(Case, Case.id == Task.case_id)
        .where(Task.status == "open", Task.kind.in_(PLANNED_TASK_KINDS),
               sa.or_(this_week, booked_earlier))
    ).all()  # fmt: skip
    for task, ref in tasks:
        if ref not in names or task.due_on is None:
            continue
        moment = planned_at(task)
        on = moment.date() if moment else task.due_on
        item = _planned(ref, names[ref], on.isoformat(), f"{moment:%H:%M}" if moment else "",
                        task.title, "task")  # fmt: skip
        item.update(task_id=task.id, kind=task.kind, planned_at=moment)
        if on < today:
            item["status"] = "overdue"  # booked for an earlier day and not yet marked done
        items.append(item)
    entries = session.execute(
        sa.select(ChronologyEntry, Case.ref).join(Case, Case.id == ChronologyEntry.case_id)
        .where(ChronologyEntry.kind.in_(PLANNED_ENTRY_KINDS),
               ChronologyEntry.occurred_at >= start_of_day(today),
               ChronologyEntry.occurred_at < start_of_day(until))
    ).all()  # fmt: skip
    for entry, ref in entries:
        if ref in names:
            when = to_london(entry.occurred_at)
            first_line = entry.text.strip().splitlines()[0] if entry.text.strip() else ""
            items.append(_planned(ref, names[ref], when.date().isoformat(),
                                  f"{when:%H:%M}", first_line, "entry"))  # fmt: skip
    drafts = session.execute(
        sa.select(HomeVisit, Case.ref).join(Case, Case.id == HomeVisit.case_id)
        .where(HomeVisit.status == RecordStatus.DRAFT.value)
    ).all()  # fmt: skip
    for visit, ref in drafts:
        if ref in names:
            when = to_london(visit.visited_at)
            items.append(_planned(ref, names[ref], when.date().isoformat(), f"{when:%H:%M}",
                                  "Home visit record not finished (draft)", "draft"))  # fmt: skip
    return sorted(items, key=lambda i: (i["on"], i["time"], i["child"], i["case_ref"]))


def deadlines(session: Session, today: date) -> list[dict[str, Any]]:
    """The pathway work list (overdue, due, coming up), with the child's and parent's names."""
    items = caseload_work_list(session, today)
    names = _open_cases(session)
    parent_ids = {int(i["parent_id"]) for i in items if i.get("parent_id")}
    parents = dict(
        session.execute(
            sa.select(ParentCarer.id, ParentCarer)
            .where(ParentCarer.id.in_(parent_ids))
        ).all()
    ) if parent_ids else {}  # fmt: skip
    for item in items:
        item["child"] = names.get(item["case_ref"], "")
        parent = parents.get(int(item["parent_id"])) if item.get("parent_id") else None
        item["parent"] = parent.full_name if parent else ""
    return items


def new_threshold_crossings(session: Session) -> list[dict[str, Any]]:
    """Open cases whose child first met the penalty-notice threshold with the newest import of
    their marks (met now, not met, or met on another day, before it), not yet marked as seen."""
    cases = session.execute(
        sa.select(Case.id, Case.ref, Child.id, Child.upn, Child.given_names, Child.family_name)
        .join(Child, Child.id == Case.child_id).where(Case.status == "open")
    ).all()  # fmt: skip
    by_child = {row[2]: row for row in cases if row[3]}
    if not by_child:
        return []
    marks: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    query = (
        sa.select(AttendanceMark.child_id, AttendanceMark.import_id, AttendanceMark.date,
                  AttendanceMark.session, AttendanceMark.code)
        .where(AttendanceMark.child_id.in_(list(by_child)))
        .order_by(AttendanceMark.import_id)
    )  # fmt: skip
    for child_id, import_id, day, session_name, code in session.execute(query):
        marks[child_id].append((import_id, slot_of(day, RegisterSession[session_name]), code))
    policy = load_policy(session)
    seen = {
        (case_id, met_on)
        for case_id, met_on in session.execute(
            sa.select(Task.case_id, Task.due_on).where(Task.kind == CROSSING_SEEN)
        )
    }
    found = []
    for child_id, rows in marks.items():
        case_id, ref, _child_id, upn, given, family = by_child[child_id]
        latest = rows[-1][0]
        now = penalty_threshold(_register(upn, rows), policy)
        if not now.met or (case_id, now.met_on) in seen:
            continue
        earlier = [row for row in rows if row[0] != latest]
        was = penalty_threshold(_register(upn, earlier), policy) if earlier else None
        if was is not None and was.met and was.met_on == now.met_on:
            continue
        found.append((now, ref, f"{given} {family}", latest))
    imports = {
        row.id: row
        for row in session.scalars(
            sa.select(AttendanceImport).where(AttendanceImport.id.in_({f[3] for f in found}))
        )
    }
    return sorted(
        (
            {
                "case_ref": ref,
                "child": child,
                "met_on": result.met_on.isoformat() if result.met_on else None,
                "unauthorised_sessions": result.unauthorised_in_window,
                "import_file": imports[import_id].source_name,
                "imported_at": imports[import_id].imported_at.isoformat(),
                "imported_on": london_date(imports[import_id].imported_at).isoformat(),
            }
            for result, ref, child, import_id in found
        ),
        key=lambda c: (c["met_on"] or "", c["child"]),
    )


def mark_crossing_seen(session: Session, ref: str, met_on: date) -> Task:
    """Record that the officer has seen a threshold crossing, so the start page stops listing it.
    Kept as a done task (the schema's record of work), dated the day the threshold was met."""
    case = case_by_ref(session, ref)
    task = Task(
        case_id=case.id,
        title=f"Penalty-notice threshold met on {fmt_date(met_on)}: seen",
        due_on=met_on,
        kind=CROSSING_SEEN,
        rule="10 unauthorised sessions in a rolling 10 school weeks (national threshold)",
        status="done",
        done_at=utcnow(),
    )
    session.add(task)
    session.flush()
    return task


# --- drafts the forms pick up again ------------------------------------------------------------


def visit_draft(session: Session, ref: str) -> dict[str, Any] | None:
    """The newest unfinished visit record of a case, or None."""
    case = case_by_ref(session, ref)
    visit = session.scalars(
        sa.select(HomeVisit)
        .where(HomeVisit.case_id == case.id, HomeVisit.status == RecordStatus.DRAFT.value)
        .order_by(HomeVisit.updated_at.desc(), HomeVisit.id.desc())
    ).first()
    if visit is None:
        return None
    return {"id": visit.id, **{name: getattr(visit, name) for name in sorted(VISIT_FIELDS)}}


def note_draft(session: Session, ref: str) -> dict[str, Any] | None:
    """The newest unfinished note of a case (any quick-note kind), or None."""
    case = case_by_ref(session, ref)
    entry = session.scalars(
        sa.select(ChronologyEntry)
        .where(ChronologyEntry.case_id == case.id,
               ChronologyEntry.status == RecordStatus.DRAFT.value,
               ChronologyEntry.home_visit_id.is_(None),
               ChronologyEntry.legal_action_id.is_(None))
        .order_by(ChronologyEntry.id.desc())
    ).first()  # fmt: skip
    if entry is None:
        return None
    return {"id": entry.id, "kind": entry.kind, "text": entry.text,
            "occurred_at": entry.occurred_at}  # fmt: skip


def save_note_draft(
    session: Session, ref: str, fields: dict[str, Any], entry_id: int | None = None
) -> ChronologyEntry:
    """Create or update a draft note (text, occurred_at, kind). Drafts keep no revisions."""
    kind = ChronologyKind(fields.get("kind") or ChronologyKind.NOTE)
    if entry_id is None:
        return add_note(session, ref, fields["text"], occurred_at=fields.get("occurred_at"),
                        kind=kind, status=RecordStatus.DRAFT)  # fmt: skip
    entry = _draft_entry(session, entry_id)
    entry.text = fields["text"].strip()
    entry.kind = kind.value
    if fields.get("occurred_at") is not None:
        entry.occurred_at = fields["occurred_at"]
    session.flush()
    return entry


def finalise_note(session: Session, entry_id: int) -> ChronologyEntry:
    entry = _draft_entry(session, entry_id)
    if not entry.text.strip():
        raise EwoDeskError("The note is empty. Write what happened before saving.")
    entry.status = RecordStatus.FINAL.value
    session.flush()
    return entry


def _draft_entry(session: Session, entry_id: int) -> ChronologyEntry:
    entry = session.get(ChronologyEntry, entry_id)
    if entry is None:
        raise NotFound("That note no longer exists.")
    if entry.status != RecordStatus.DRAFT.value:
        raise EwoDeskError("This note is already in the chronology. Edit it there instead.")
    return entry


def _open_cases(session: Session) -> dict[str, str]:
    rows = session.execute(
        sa.select(Case.ref, Child.given_names, Child.family_name)
        .join(Child, Child.id == Case.child_id).where(Case.status == "open")
    ).all()  # fmt: skip
    return {ref: f"{given} {family}" for ref, given, family in rows}


def _planned(ref: str, child: str, on: str, time: str, what: str, source: str) -> dict[str, Any]:
    return {"case_ref": ref, "child": child, "on": on, "time": time, "what": what,
            "source": source}  # fmt: skip


def _register(upn: str, rows: list[tuple[int, int, str]]) -> PupilRegister:
    return PupilRegister.from_slots(upn, {slot: code for _i, slot, code in rows}, checked=True)
