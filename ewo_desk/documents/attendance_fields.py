"""The attendance figures a letter prints, computed from the register marks held in the vault.

An officer never types an attendance figure (issue 3). The only thing the officer chooses is the
period, as two dates the template asks for (`period_from`/`period_to`; the notice to improve's
`attendance_from`/`attendance_to`; the penalty notice's `offence_from`/`offence_to`), typed
`date`. A template whose period asks are optional gets the current school year to date (from the
1 September before the end date) when they are left out; one with no period asks gets the school
year to today.

For that period the letter gets, under `attendance.`:

    from, to                  the period (printed dd/mm/yyyy)
    possible, present, approved_activity, authorised, unauthorised, attended
    percent, absence_percent  Percent (one decimal: 84.2%); empty when nothing was possible
    unauthorised_dates        ["14/09/2026 AM", ...]
    unauthorised_days         ["Monday 14/09/2026 AM and PM", ...] (one line per day)
    marks_from, marks_to      the first and last session with a mark in the period
    snapshot                  the citation of every import whose marks were used, newest first:
                              "file.csv, imported 22/11/2026, SHA-256 3f2a9c0b1d4e"
    has_marks                 False when no marks for the period are held

A template may also list `attendance_before.` fields: the same figures for a period of the same
length ending the day before the chosen period starts. A contract review uses it to set the
attendance since the contract began beside the attendance before it, both from the register.

Figures read, for each session, the mark of the newest import that has one (as
`store.marks.registers` does), and `summarise` counts them, so a letter says exactly what the
attendance view says. The newest import that supplied a mark in the period is the one the letter
cites as its snapshot (`GeneratedDocument.attendance_import_id`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ewo_desk.documents.errors import DocumentError, TemplateError
from ewo_desk.documents.frontmatter import TemplateSpec
from ewo_desk.documents.values import LONDON, Day, Percent, fmt_date
from ewo_desk.domain.attendance import AttendanceFigures, Category, PupilRegister, summarise
from ewo_desk.domain.attendance.codes import category_of
from ewo_desk.domain.attendance.marks import Session as RegisterSession
from ewo_desk.domain.attendance.marks import date_of_slot, session_of_slot, slot_of
from ewo_desk.domain.calendar import school_year_start
from ewo_desk.store.policy import load_policy
from ewo_desk.store.schema import AttendanceImport, AttendanceMark

ATTENDANCE = "attendance"
BEFORE = "attendance_before"
GROUPS = (ATTENDANCE, BEFORE)
# The ask pairs a template can name its period with, in the order they are looked for.
PERIOD_ASKS = (
    ("period_from", "period_to"),
    ("attendance_from", "attendance_to"),
    ("offence_from", "offence_to"),
    ("contract_start", "review_date"),
)
# Fields that describe the period, not the marks: a template may need these with no marks held.
_PERIOD_ONLY = frozenset({"from", "to", "has_marks"})
_PERCENTS = frozenset({"percent", "absence_percent"})


def period_text(start: date, end: date) -> str:
    return f"{fmt_date(start)}–{fmt_date(end)}"


@dataclass(frozen=True)
class Snapshot:
    """One attendance import whose marks a letter used."""

    id: int
    source_name: str
    imported_on: date
    sha256: str

    def citation(self) -> str:
        return (
            f"{self.source_name}, imported {fmt_date(self.imported_on)}, SHA-256 {self.sha256[:12]}"
        )


@dataclass(frozen=True)
class PeriodAttendance:
    """A child's figures for one period, and the imports they came from."""

    start: date
    end: date
    figures: AttendanceFigures
    unauthorised: tuple[tuple[date, str], ...]  # (date, "AM"/"PM") in register order
    marks: int
    marks_from: date | None
    marks_to: date | None
    snapshots: tuple[Snapshot, ...]  # newest first

    @classmethod
    def empty(cls, upn: str, start: date, end: date) -> PeriodAttendance:
        """No marks: the shape of the fields without reading the vault."""
        figures = summarise(PupilRegister(upn, (), ()), start, end)
        return cls(start, end, figures, (), 0, None, None, ())

    @property
    def has_marks(self) -> bool:
        return self.marks > 0

    @property
    def import_id(self) -> int | None:
        """The newest import that supplied a mark in the period: the snapshot the letter cites."""
        return self.snapshots[0].id if self.snapshots else None

    @property
    def citation(self) -> str:
        return "; ".join(s.citation() for s in self.snapshots)

    def fields(self) -> dict[str, Any]:
        """The `attendance.` merge fields. Figures are None when no marks are held."""
        f = self.figures
        held = self.has_marks
        return {
            "from": Day.of(self.start),
            "to": Day.of(self.end),
            "has_marks": held,
            "possible": f.possible if held else None,
            "present": f.present if held else None,
            "approved_activity": f.approved_activity if held else None,
            "authorised": f.authorised if held else None,
            "unauthorised": f.unauthorised if held else None,
            "attended": f.attended if held else None,
            "percent": _percent(f.attendance_pct),
            "absence_percent": _percent(f.absence_pct),
            "unauthorised_dates": [f"{fmt_date(d)} {s}" for d, s in self.unauthorised],
            "unauthorised_days": _by_day(self.unauthorised),
            "marks_from": Day.of(self.marks_from),
            "marks_to": Day.of(self.marks_to),
            "snapshot": self.citation,
        }

    def record(self) -> dict[str, Any]:
        """What the stored document keeps about where its figures came from."""
        f = self.figures
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "marks": self.marks,
            "marks_from": self.marks_from.isoformat() if self.marks_from else None,
            "marks_to": self.marks_to.isoformat() if self.marks_to else None,
            "possible": f.possible,
            "present": f.present,
            "approved_activity": f.approved_activity,
            "authorised": f.authorised,
            "unauthorised": f.unauthorised,
            "not_counted": f.not_counted,
            "attendance_pct": f.attendance_pct,
            "absence_pct": f.absence_pct,
            "by_code": dict(f.by_code),
            "unauthorised_sessions": [[d.isoformat(), s] for d, s in self.unauthorised],
            "import_id": self.import_id,
            "imports": [
                {
                    "id": s.id,
                    "source_name": s.source_name,
                    "imported_on": s.imported_on.isoformat(),
                    "sha256": s.sha256,
                }
                for s in self.snapshots
            ],
            "citation": self.citation,
        }


def _local_day(moment: datetime) -> date:
    return (moment.astimezone(LONDON) if moment.tzinfo else moment).date()


def _percent(value: float | None) -> Percent | None:
    return None if value is None else Percent(value)


def _by_day(sessions: tuple[tuple[date, str], ...]) -> list[str]:
    days: dict[date, list[str]] = {}
    for day, session in sessions:
        days.setdefault(day, []).append(session)
    return [f"{day:%A} {fmt_date(day)} {' and '.join(names)}" for day, names in days.items()]


def period_attendance(
    session: Session, child_id: int | None, upn: str, start: date, end: date
) -> PeriodAttendance:
    """The child's figures from `start` to `end` inclusive, from the newest mark per session."""
    winners: dict[int, tuple[str, int]] = {}  # slot -> (code, import id)
    if child_id is not None:
        rows = session.execute(
            sa.select(
                AttendanceMark.date,
                AttendanceMark.session,
                AttendanceMark.code,
                AttendanceMark.import_id,
            )
            .where(
                AttendanceMark.child_id == child_id,
                AttendanceMark.date >= start,
                AttendanceMark.date <= end,
            )
            .order_by(AttendanceMark.import_id)
        )
        for day, session_name, code, import_id in rows:
            winners[slot_of(day, RegisterSession[session_name])] = (code, import_id)  # newest wins
    register = PupilRegister.from_slots(
        upn, {slot: code for slot, (code, _) in winners.items()}, checked=True
    )
    policy = load_policy(session)
    figures = summarise(register, start, end, policy)
    unauthorised = tuple(
        (date_of_slot(slot), session_of_slot(slot).name)
        for slot, code in zip(register.slots, register.codes, strict=True)
        if category_of(code, date_of_slot(slot), policy) is Category.UNAUTHORISED
    )
    used = sorted({import_id for _, import_id in winners.values()}, reverse=True)
    rows_by_id = {
        row.id: row
        for row in session.scalars(
            sa.select(AttendanceImport).where(AttendanceImport.id.in_(used or [0]))
        )
    }
    snapshots = tuple(
        Snapshot(
            id=row.id,
            source_name=row.source_name,
            imported_on=_local_day(row.imported_at),
            sha256=row.sha256,
        )
        for row in (rows_by_id[i] for i in used)
    )
    return PeriodAttendance(
        start=start,
        end=end,
        figures=figures,
        unauthorised=unauthorised,
        marks=len(register),
        marks_from=register.first_date,
        marks_to=register.last_date,
        snapshots=snapshots,
    )


def choose_period(spec: TemplateSpec, data: dict[str, Any], today: date) -> tuple[date, date]:
    """The period the officer chose with the template's date asks, defaults filled in (and put
    back into `data`, so the letter prints the period it used). No asks: the school year to
    date."""
    pair = next((p for p in PERIOD_ASKS if all(_is_date_ask(spec, name) for name in p)), None)
    if pair is None:
        return school_year_start(today), today
    first, last = pair
    end = data.get(last) or today
    start = data.get(first) or school_year_start(end)
    if end < start:
        ask = spec.ask(last)
        raise TemplateError(
            spec.filename,
            ask.line if ask else None,
            f"{last} ({fmt_date(end)}) is before {first} ({fmt_date(start)}); the period must "
            "end on or after the day it starts.",
        )
    data[first], data[last] = Day.of(start), Day.of(end)
    return start, end


def _is_date_ask(spec: TemplateSpec, name: str) -> bool:
    ask = spec.ask(name)
    return ask is not None and ask.type == "date"


def before(start: date, end: date) -> tuple[date, date]:
    """The period of the same length that ends the day before `start`."""
    length = end - start
    last = start - timedelta(days=1)
    return last - length, last


def uses_attendance(spec: TemplateSpec, group: str = ATTENDANCE) -> bool:
    """Does the template's header list any field of `group`?"""
    return any(_in_group(f.path, group) for f in (*spec.needs, *spec.optional))


def _in_group(path: str, group: str) -> bool:
    return path == group or path.startswith(group + ".")


def check_marks(spec: TemplateSpec, held: PeriodAttendance, group: str = ATTENDANCE) -> None:
    """A template that needs figures stops, with the period named, when none can be computed."""
    needed = {
        f.path.partition(".")[2] or "*" for f in spec.needs if _in_group(f.path, group)
    } - _PERIOD_ONLY
    if not needed:
        return
    period = period_text(held.start, held.end)
    if not held.has_marks:
        raise DocumentError(
            f"No attendance marks for {period} are held for this child; import the school's "
            "register first."
        )
    if held.figures.possible == 0 and needed & (_PERCENTS | {"*"}):
        raise DocumentError(
            f"The attendance marks held for {period} record no possible sessions (every mark is "
            "a code that does not count), so there is no attendance percentage to print. Choose "
            "a period the school was open."
        )
