"""The caseload table's rows, read in a few queries however large the caseload.

Two halves, so the table can show at once and fill its figures in a moment later:

- `caseload_rows`: every case with what `casework.list_cases` gives (same keys) plus the
  parents' names and the child's address, for searching. Two queries; no ORM objects.
- `caseload_figures`: per case ref, attendance this school year (%, persistent and severe
  absence), the council's graduated level and the number of overdue items in the pathway work
  list. Seven queries whatever the size (policy, marks, UPNs, cases, legal steps, the cases with
  steps, their parents), none per case; the figures are the domain's own (`summarise`,
  `attendance_level`, `case_deadlines` through `worklist.case_work_list`).

`caseload` joins them, for callers that want everything in one go. Overdue counts are exact: they
are the "overdue" items of `pathway.caseload_work_list` counted per case. A case with no legal
step has no deadline (`case_deadlines` reads only the legal history), so facts are built only for
open cases that have a step, from rows read in bulk rather than per case.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ewo_desk.domain.attendance import (
    PupilRegister,
    attendance_level,
    summarise,
)
from ewo_desk.domain.attendance.marks import Session as RegisterSession
from ewo_desk.domain.calendar import school_year_start
from ewo_desk.domain.casework import age_on
from ewo_desk.domain.settings import Policy
from ewo_desk.domain.worklist import WorkStatus, case_work_list
from ewo_desk.store.pathway import open_case_facts
from ewo_desk.store.policy import load_policy
from ewo_desk.store.schema import (
    AttendanceMark,
    Case,
    Child,
    ChildParent,
    Officer,
    ParentCarer,
    School,
)

_SESSIONS = {s.name: int(s) for s in RegisterSession}


def caseload(session: Session, today: date) -> list[dict[str, Any]]:
    """`caseload_rows` with `caseload_figures` merged into each row."""
    rows = caseload_rows(session, today)
    figures = caseload_figures(session, today)
    for row in rows:
        row.update(figures.get(row["ref"], no_figures()))
    return rows


def no_figures() -> dict[str, Any]:
    """What a case shows when no mark is held for it (and no step is overdue)."""
    return {
        "attendance_pct": None, "possible": 0, "persistent": False, "severe": False,
        "level": None, "overdue": 0,
    }  # fmt: skip


def caseload_rows(session: Session, today: date) -> list[dict[str, Any]]:
    """One row per case, ordered as `list_cases` (family name, given names, ref), with its keys
    and `child_id`, `parents` (names) and `address` (the child's, one line)."""
    c, ch = Case.__table__.c, Child.__table__.c
    flags = [ch[name] for name in Child.FLAGS]
    query = (
        sa.select(
            c.ref, c.status, c.stage, c.opened_on, c.closed_on, ch.id, ch.upn, ch.given_names,
            ch.family_name, ch.preferred_name, ch.date_of_birth, ch.year_group, ch.address_line1,
            ch.address_line2, ch.town, ch.postcode, School.name, Officer.name, *flags,
        )
        .join(Child, c.child_id == ch.id)
        .outerjoin(School, School.id == c.school_id)
        .outerjoin(Officer, Officer.id == c.officer_id)
        .order_by(ch.family_name, ch.given_names, c.ref)
    )  # fmt: skip
    parents = _parent_names(session)
    rows = []
    for record in session.execute(query):
        (ref, status, stage, opened, closed, child_id, upn, given, family, preferred, born, year,
         line1, line2, town, postcode, school, officer, *flag_values) = record  # fmt: skip
        rows.append({
            "ref": ref,
            "child": f"{given} {family}",
            "preferred_name": preferred,
            "upn": upn,
            "date_of_birth": _iso(born),
            "age": age_on(born, today) if born else None,
            "year_group": year,
            "school": school or "",
            "officer": officer or "",
            "status": status,
            "stage": stage,
            "opened_on": _iso(opened),
            "closed_on": _iso(closed),
            "flags": [name for name, on in zip(Child.FLAGS, flag_values, strict=True) if on],
            "postcode": postcode,
            "child_id": child_id,
            "parents": parents.get(child_id, []),
            "address": ", ".join(p for p in (line1, line2, town, postcode) if p),
        })  # fmt: skip
    return rows


def _parent_names(session: Session) -> dict[int, list[str]]:
    p = ParentCarer.__table__.c
    query = (
        sa.select(ChildParent.child_id, p.title, p.given_names, p.family_name)
        .join(ParentCarer, ParentCarer.id == ChildParent.parent_id)
        .order_by(ChildParent.child_id, p.id)
    )
    names: dict[int, list[str]] = defaultdict(list)
    for child_id, title, given, family in session.execute(query):
        names[child_id].append(" ".join(part for part in (title, given, family) if part))
    return names


def caseload_figures(
    session: Session, today: date, policy: Policy | None = None
) -> dict[str, dict[str, Any]]:
    """Per case ref: `attendance_pct` (None without possible sessions), `possible`,
    `persistent`, `severe` (this school year to `today`), `level` (None without a school week
    in the level window) and `overdue` (work-list items past their due day; 0 for closed cases)."""
    policy = policy or load_policy(session)
    held = registers_by_child(session)
    start = school_year_start(today)
    cases = session.execute(
        sa.select(Case.ref, Case.child_id, Case.status).order_by(Case.ref)
    ).all()
    overdue = overdue_counts(session, today, policy, held)
    figures: dict[str, dict[str, Any]] = {}
    for ref, child_id, _status in cases:
        row = no_figures()
        register = held.get(child_id)
        if register is not None:
            year = summarise(register, start, today, policy)
            row["attendance_pct"] = year.attendance_pct
            row["possible"] = year.possible
            row["persistent"] = year.persistent
            row["severe"] = year.severe
            row["level"] = attendance_level(register, today, policy).level
        row["overdue"] = overdue.get(ref, 0)
        figures[ref] = row
    return figures


def registers_by_child(
    session: Session, child_ids: Iterable[int] | None = None
) -> dict[int, PupilRegister]:
    """`store.marks.registers` keyed by child id (children with marks only): the same newest
    mark per session, read through the driver's own cursor without a date object or a result
    row per mark (a school's file repeats its few hundred session dates for every pupil)."""
    m, ch = AttendanceMark.__table__, Child.__table__
    sql = (
        f"SELECT m.child_id, m.date, m.session, m.code FROM {m.name} AS m"
        " {where} ORDER BY m.import_id"
    )
    if child_ids is None:
        batches: list[list[int]] = [[]]
    else:
        wanted = sorted(set(child_ids))
        batches = [wanted[i : i + 500] for i in range(0, len(wanted), 500)]
    slots_of: dict[str, int] = {}  # the stored day text -> its ordinal * 2
    by_child: dict[int, dict[int, str]] = defaultdict(dict)
    cursor = session.connection().connection.cursor()
    try:
        for batch in batches:
            where = f"WHERE m.child_id IN ({', '.join('?' * len(batch))})" if batch else ""
            cursor.execute(sql.format(where=where), batch)
            for child_id, day, session_name, code in cursor:
                base = slots_of.get(day)
                if base is None:
                    base = slots_of[day] = date.fromisoformat(day).toordinal() * 2
                by_child[child_id][base + _SESSIONS[session_name]] = code  # newest import wins
    finally:
        cursor.close()
    upns: dict[int, str | None] = {}
    if by_child:
        query = sa.select(ch.c.id, ch.c.upn).where(ch.c.id.in_(list(by_child)))
        upns = {child_id: upn for child_id, upn in session.execute(query)}
    return {
        child_id: PupilRegister.from_slots(upns.get(child_id) or "", slots, checked=True)
        for child_id, slots in by_child.items()
    }


def overdue_counts(
    session: Session,
    today: date,
    policy: Policy | None = None,
    held: dict[int, PupilRegister] | None = None,
) -> dict[str, int]:
    """Per open case ref with anything overdue: how many work-list items are overdue."""
    policy = policy or load_policy(session)
    counts: Counter[str] = Counter()
    for facts in open_case_facts(session, today, held):
        for item in case_work_list(facts, today, policy):
            if item.status is WorkStatus.OVERDUE:
                counts[facts.case_ref] += 1
    return dict(counts)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
