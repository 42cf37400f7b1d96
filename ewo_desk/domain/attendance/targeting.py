"""The per-school targeting list for the termly targeting-support meeting, and its CSV form.

Each row brings together what the meeting looks at for one pupil: level, persistent and severe
absence over the period, the penalty-notice threshold, unresolved N codes, and what only the caller
knows (name, year group, vulnerability flags, siblings). Rows are ordered with the most concerning
first. The PDF form belongs to documents/.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TextIO

from ewo_desk.domain.attendance.figures import summarise
from ewo_desk.domain.attendance.levels import attendance_level
from ewo_desk.domain.attendance.register import PupilRegister
from ewo_desk.domain.attendance.threshold import penalty_threshold
from ewo_desk.domain.attendance.unresolved import unresolved_n_codes
from ewo_desk.domain.settings import Policy


@dataclass(frozen=True)
class PupilContext:
    """What the caller knows about a pupil beyond the marks."""

    name: str = ""
    year_group: str = ""
    vulnerability_flags: tuple[str, ...] = ()
    siblings: tuple[str, ...] = ()  # e.g. "Sam Okafor (Y7, Fictional Brook School)"


@dataclass(frozen=True)
class TargetingRow:
    upn: str
    context: PupilContext
    level: int | None
    recent_attendance_pct: float | None  # over the level window
    attendance_pct: float | None  # over the period
    absence_pct: float | None
    possible: int
    persistent: bool
    severe: bool
    holiday_trigger: bool
    threshold_met: bool
    threshold_met_on: datetime.date | None
    unresolved_n: int


def targeting_list(
    registers: Iterable[PupilRegister],
    period_start: datetime.date,
    as_of: datetime.date,
    context: Mapping[str, PupilContext] | None = None,
    policy: Policy | None = None,
) -> tuple[TargetingRow, ...]:
    """One row per pupil, from marks between `period_start` and `as_of` (the threshold looks at
    all marks up to `as_of`, since its window may reach back before the period)."""
    if period_start > as_of:
        raise ValueError("the period must start on or before its as-of date")
    context = context or {}
    rows = []
    for register in registers:
        figures = summarise(register, period_start, as_of, policy)
        level = attendance_level(register, as_of, policy)
        threshold = penalty_threshold(register.between(None, as_of), policy)
        rows.append(
            TargetingRow(
                upn=register.upn,
                context=context.get(register.upn, PupilContext()),
                level=level.level,
                recent_attendance_pct=level.attendance_pct,
                attendance_pct=figures.attendance_pct,
                absence_pct=figures.absence_pct,
                possible=figures.possible,
                persistent=figures.persistent,
                severe=figures.severe,
                holiday_trigger=level.holiday_trigger,
                threshold_met=threshold.met,
                threshold_met_on=threshold.met_on,
                unresolved_n=len(unresolved_n_codes(register, as_of, policy)),
            )
        )
    return tuple(sorted(rows, key=_concern))


def _concern(row: TargetingRow) -> tuple[int, bool, bool, bool, float, str]:
    """Sort key: highest level first (no level last), then severe, persistent, threshold met,
    lowest attendance."""
    return (
        -(row.level or 0),
        not row.severe,
        not row.persistent,
        not row.threshold_met,
        101.0 if row.attendance_pct is None else row.attendance_pct,
        row.upn,
    )


CSV_COLUMNS = (
    "upn",
    "name",
    "year_group",
    "level",
    "recent_attendance_pct",
    "attendance_pct",
    "absence_pct",
    "possible_sessions",
    "persistent_absence",
    "severe_absence",
    "holiday_trigger",
    "threshold_met",
    "threshold_met_on",
    "unresolved_n_codes",
    "vulnerability_flags",
    "siblings",
)


def write_targeting_csv(rows: Iterable[TargetingRow], stream: TextIO) -> None:
    """Write the list as CSV (ISO dates, percentages to one decimal place, yes/no flags)."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row.upn,
                _cell(row.context.name),
                _cell(row.context.year_group),
                "" if row.level is None else row.level,
                _pct(row.recent_attendance_pct),
                _pct(row.attendance_pct),
                _pct(row.absence_pct),
                row.possible,
                _yes(row.persistent),
                _yes(row.severe),
                _yes(row.holiday_trigger),
                _yes(row.threshold_met),
                "" if row.threshold_met_on is None else row.threshold_met_on.isoformat(),
                row.unresolved_n,
                _cell("; ".join(row.context.vulnerability_flags)),
                _cell("; ".join(row.context.siblings)),
            ]
        )


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _cell(text: str) -> str:
    """Stop a spreadsheet reading a name from a school's file as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
