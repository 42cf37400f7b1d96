"""Register marks for every child with a case, drawn to match the story of the case.

Each child has a plan: attendance profiles by period (before the case, during it, after the
improvement), absences that must appear (the unauthorised sessions behind a penalty notice, a
term-time holiday), a part-time timetable, travelling, and unresolved `N` codes in the last days.
The scenarios write the plan, this module draws the codes, and the scenarios then quote the figures
from the marks, so the chronology never states a figure the register does not show.
"""

from __future__ import annotations

import bisect
import hashlib
import random
from dataclasses import dataclass, field
from datetime import date
from typing import cast

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ewo_desk.demo.schoolyear import (
    DemoCalendar,
    academic_year,
    add_working_days,
    at,
    year_label,
)
from ewo_desk.store import audit
from ewo_desk.store.bulk import insert_rows
from ewo_desk.store.schema import AttendanceImport, AttendanceMark

UNAUTHORISED = frozenset({"G", "N", "O", "U"})
NOT_COUNTED = frozenset({"#", "X", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "Z", "D", "Q"})
PRESENT = frozenset({"/", "\\", "L", "K", "V", "P", "W", "B"})


@dataclass(frozen=True)
class Profile:
    absent: float  # chance of a day's absence starting
    codes: tuple[tuple[str, int], ...]  # absence codes and weights
    late: float = 0.02
    late_after_close: float = 0.0  # U: arrived after the register closed


PROFILES = {
    "good": Profile(0.03, (("I", 70), ("M", 20), ("C", 5), ("O", 5)), 0.02),
    "fair": Profile(0.07, (("I", 60), ("O", 25), ("M", 10), ("C", 5)), 0.04, 0.005),
    "anxious": Profile(0.2, (("I", 75), ("M", 10), ("O", 15)), 0.05, 0.01),
    "poor": Profile(0.13, (("O", 55), ("I", 35), ("M", 5), ("C", 5)), 0.06, 0.01),
    "bad": Profile(0.22, (("O", 70), ("I", 25), ("M", 5)), 0.08, 0.02),
    "severe": Profile(0.45, (("O", 85), ("I", 15)), 0.05, 0.03),
}


@dataclass
class MarksPlan:
    """What the register of one child must show. Dates outside the marks are ignored."""

    upn: str
    enrolments: list[tuple[str, date, date]] = field(default_factory=list)  # school key, from, to
    phases: list[tuple[date, str]] = field(default_factory=list)  # from this day, this profile
    forced: list[tuple[date, date, int, str]] = field(default_factory=list)  # days coded so
    holidays: list[tuple[date, int]] = field(default_factory=list)  # G from a day, for n days
    part_time: tuple[date, date] | None = None  # PM sessions C2
    travelling: list[tuple[date, date]] = field(default_factory=list)  # T
    recent_n: int = 0  # the last n days absent, reason not yet established

    def phase(self, day: date, profile: str) -> None:
        self.phases.append((day, profile))

    def profiles(self) -> tuple[list[date], list[Profile]]:
        """Phase start days and their profiles, sorted; before the first phase, "fair"."""
        ordered = sorted(self.phases)
        starts = [date.min] + [start for start, _p in ordered]
        return starts, [PROFILES["fair"]] + [PROFILES[name] for _s, name in ordered]


class Register:
    """The drawn marks of every child: {child key: {(date, "AM"|"PM"): code}}, with figures."""

    def __init__(self) -> None:
        self.codes: dict[str, dict[tuple[date, str], str]] = {}

    def covers(self, child: str, first: date) -> bool:
        """Whether the marks held for `child` reach back to `first`."""
        held = self.codes.get(child) or {}
        return any(day <= first for day, _s in held)

    def unauthorised(self, child: str, first: date, last: date) -> int:
        return sum(
            1
            for (day, _s), code in self.codes.get(child, {}).items()
            if first <= day <= last and code in UNAUTHORISED
        )

    def percent(self, child: str, first: date, last: date) -> float | None:
        possible = present = 0
        for (day, _s), code in self.codes.get(child, {}).items():
            if first <= day <= last and code not in NOT_COUNTED:
                possible += 1
                present += code in PRESENT
        return None if possible == 0 else round(100 * present / possible, 1)


def draw(rng: random.Random, cal: DemoCalendar, plans: dict[str, MarksPlan]) -> Register:
    register = Register()
    days = cal.marks_days()
    for child, plan in plans.items():
        register.codes[child] = _draw_child(rng, cal, days, plan)
    return register


def _draw_child(
    rng: random.Random, cal: DemoCalendar, days: list[date], plan: MarksPlan
) -> dict[tuple[date, str], str]:
    enrolled = [d for d in days if any(lo <= d <= hi for _k, lo, hi in plan.enrolments)]
    marks: dict[tuple[date, str], str] = {}
    starts, profiles = plan.profiles()
    carry = ""
    for day in enrolled:
        profile = profiles[bisect.bisect_right(starts, day) - 1]
        if carry and rng.random() < 0.45:
            am = pm = carry
        elif rng.random() < profile.absent:
            codes, weights = zip(*profile.codes, strict=True)
            am = pm = rng.choices(codes, weights)[0]
            if am == "M" and rng.random() < 0.7:
                pm = "\\"  # an appointment in the morning, back for the afternoon
        else:
            roll = rng.random()
            am = "U" if roll < profile.late_after_close else "L" if roll < profile.late else "/"
            pm = "\\"
        carry = am if am in ("I", "O") and pm == am else ""
        marks[(day, "AM")], marks[(day, "PM")] = am, pm
    _apply_plan(rng, cal, enrolled, plan, marks)
    return marks


def _apply_plan(
    rng: random.Random,
    cal: DemoCalendar,
    enrolled: list[date],
    plan: MarksPlan,
    marks: dict[tuple[date, str], str],
) -> None:
    on_roll = set(enrolled)

    def whole_day(day: date, code: str) -> None:
        if day in on_roll and day not in cal.inset:
            marks[(day, "AM")] = marks[(day, "PM")] = code

    if plan.part_time:
        lo, hi = plan.part_time
        for day in enrolled:
            if lo <= day <= hi and marks[(day, "PM")] == "\\":
                marks[(day, "PM")] = "C2"
    for lo, hi in plan.travelling:
        for day in cal.school_days(lo, hi):
            whole_day(day, "T")
    for lo, hi, count, code in plan.forced:
        window = [d for d in cal.school_days(lo, hi) if d in on_roll]
        already = sum(1 for d in window if marks[(d, "AM")] == code)
        for day in rng.sample(window, min(len(window), max(0, count - already))):
            whole_day(day, code)
    for start, count in plan.holidays:
        for day in cal.school_days(start, cal.after(start, count - 1)):
            whole_day(day, "G")
    if plan.recent_n:
        for day in [d for d in enrolled if d not in cal.inset][-plan.recent_n :]:
            whole_day(day, "N")
    for day in enrolled:
        if day in cal.inset:
            marks[(day, "AM")] = marks[(day, "PM")] = "#"


def write(
    session: Session,
    cal: DemoCalendar,
    register: Register,
    plans: dict[str, MarksPlan],
    child_ids: dict[str, int],
    schools: dict[str, tuple[int, str]],  # key -> (id, urn)
    officer_id: int,
) -> tuple[int, int]:
    """One import per school and school year, its marks bulk-inserted. Returns (imports, marks)."""
    batches: dict[tuple[str, int], list[tuple[str, int, date, str, str]]] = {}
    for child, plan in plans.items():
        for (day, session_name), code in register.codes[child].items():
            school = next(k for k, lo, hi in plan.enrolments if lo <= day <= hi)
            batches.setdefault((school, academic_year(day)), []).append(
                (plan.upn, child_ids[child], day, session_name, code)
            )
    records: list[tuple[AttendanceImport, list[tuple[str, int, date, str, str]]]] = []
    for (school, year), rows in sorted(batches.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        rows.sort(key=lambda r: (r[0], r[2], r[3]))
        school_id, urn = schools[school]
        text = "upn,date,session,code\n" + "".join(
            f"{upn},{day.isoformat()},{s},{code}\n" for upn, _id, day, s, code in rows
        )
        last = max(r[2] for r in rows)
        record = AttendanceImport(
            source_name=f"demo-{urn}-{year_label(year)}.csv",
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            file_format="csv",
            importer_version="demo",
            school_id=school_id,
            school_urn=urn,
            date_from=min(r[2] for r in rows),
            date_to=last,
            code_set="2024",
            mark_count=len(rows),
            imported_by_id=officer_id,
            imported_at=at(min(add_working_days(last, 1), cal.today), 8, 15),
        )
        records.append((record, rows))
    session.add_all([record for record, _rows in records])
    session.flush()
    # The project's fast path for large batches: the same type processors, plain executemany.
    count = insert_rows(
        session,
        cast(sa.Table, AttendanceMark.__table__),
        [
            {"import_id": record.id, "child_id": cid, "date": day, "session": s, "code": code}
            for record, rows in records
            for _upn, cid, day, s, code in rows
        ],
    )
    for record, rows in records:
        audit.record(session, "import", "attendance_mark", record.id, marks=len(rows))
    return len(records), count
