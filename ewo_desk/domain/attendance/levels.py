"""Graduated attendance levels: council policy, not national law (attendance-law.md §2.4).

Default model (the brief's example, UNVERIFIED as any real council's strategy): attendance over the
last 4 school weeks of 90 % or more is level 1, 80 % to under 90 % level 2, under 80 % level 3; and,
as a separate trigger, 8 or more sessions of unauthorised holiday (G) in that window. Every number
is a setting, and the band floors are a list so a council with four levels can say so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ewo_desk.domain.attendance.figures import summarise
from ewo_desk.domain.attendance.register import PupilRegister
from ewo_desk.domain.attendance.school_time import school_weeks, window_of_weeks
from ewo_desk.domain.settings import Policy, setting

LEVEL_WINDOW_SCHOOL_WEEKS = setting(
    "attendance.level_window_school_weeks",
    4,
    "School weeks of attendance that decide a pupil's level",
)
LEVEL_BAND_FLOORS = setting(
    "attendance.level_band_floors",
    [90.0, 80.0],
    "Lowest attendance % of each level, level 1 first",
    "Attendance at or above the first number is level 1, at or above the second level 2, and so "
    "on; below the last number is the highest level.",
)
HOLIDAY_TRIGGER_SESSIONS = setting(
    "attendance.level_holiday_trigger_sessions",
    8,
    "Sessions of unauthorised holiday (G) that trigger action on their own",
)
HOLIDAY_WINDOW_SCHOOL_WEEKS = setting(
    "attendance.level_holiday_window_school_weeks",
    4,
    "School weeks in which unauthorised holiday (G) sessions are counted for the trigger",
)


@dataclass(frozen=True)
class AttendanceLevel:
    upn: str
    as_of: datetime.date
    level: int | None  # None when no session in the window was possible
    attendance_pct: float | None
    window_start: datetime.date | None  # Monday of the first school week counted
    holiday_sessions: int  # G sessions in the holiday window
    holiday_trigger: bool


def band_floors(policy: Policy | None = None) -> tuple[float, ...]:
    """The configured band floors, checked: numbers from 0 to 100, strictly falling."""
    raw = (policy or Policy())[LEVEL_BAND_FLOORS]
    floors = tuple(float(x) for x in raw if isinstance(x, int | float) and not isinstance(x, bool))
    in_order = all(a > b for a, b in zip(floors, floors[1:], strict=False))
    if (
        len(floors) != len(raw)
        or not floors
        or not in_order
        or not 0 <= floors[-1] <= floors[0] <= 100
    ):
        raise ValueError(
            f"{LEVEL_BAND_FLOORS.key} must be percentages from 100 down to 0, highest first; "
            f"got {raw!r}"
        )
    return floors


def level_for(attendance_pct: float, floors: tuple[float, ...]) -> int:
    for level, floor in enumerate(floors, start=1):
        if attendance_pct >= floor:
            return level
    return len(floors) + 1


def attendance_level(
    register: PupilRegister, as_of: datetime.date, policy: Policy | None = None
) -> AttendanceLevel:
    """The pupil's level as of a date, from marks dated on or before it."""
    policy = policy or Policy()
    floors = band_floors(policy)
    weeks = school_weeks(register, as_of, policy)
    window = window_of_weeks(weeks, policy[LEVEL_WINDOW_SCHOOL_WEEKS], as_of)
    attendance_pct = None
    if window is not None:
        attendance_pct = summarise(register, window[0], window[1], policy).attendance_pct
    holiday_window = window_of_weeks(weeks, policy[HOLIDAY_WINDOW_SCHOOL_WEEKS], as_of)
    holiday_sessions = 0
    if holiday_window is not None:
        figures = summarise(register, holiday_window[0], holiday_window[1], policy)
        holiday_sessions = figures.by_code.get("G", 0)
    return AttendanceLevel(
        upn=register.upn,
        as_of=as_of,
        level=None if attendance_pct is None else level_for(attendance_pct, floors),
        attendance_pct=attendance_pct,
        window_start=None if window is None else window[0],
        holiday_sessions=holiday_sessions,
        holiday_trigger=holiday_sessions >= policy[HOLIDAY_TRIGGER_SESSIONS],
    )
