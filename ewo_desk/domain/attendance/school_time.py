"""School weeks and school days, defined for each pupil from the pupil's own marks.

A week runs Monday to Sunday. A *school week* for a pupil is a week holding at least one of the
pupil's marks that is a possible session; a *school day* likewise is a date holding one. Holidays,
weekends and weeks of closure marks are therefore skipped, whatever the school calendar says.
"""

from __future__ import annotations

import datetime
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from ewo_desk.domain.attendance.codes import (
    NEW_CODES_FROM_SLOT,
    Category,
    UnknownCode,
    category_table,
)
from ewo_desk.domain.attendance.marks import date_of_slot, monday_of_week
from ewo_desk.domain.attendance.register import PupilRegister
from ewo_desk.domain.settings import Policy


def categorised(
    register: PupilRegister, policy: Policy | None = None, lo: int = 0, hi: int | None = None
) -> Iterator[tuple[int, str, Category]]:
    """(slot, code, category) for the marks at index lo..hi, in register order."""
    hi = len(register.slots) if hi is None else hi
    old, new = category_table(False, policy), category_table(True, policy)
    mid = max(lo, min(hi, bisect_left(register.slots, NEW_CODES_FROM_SLOT, lo, hi)))
    for table, a, b in ((old, lo, mid), (new, mid, hi)):
        for slot, code in zip(register.slots[a:b], register.codes[a:b], strict=True):
            category = table.get(code)
            if category is None:
                raise UnknownCode(code, date_of_slot(slot))
            yield slot, code, category


def school_days(
    register: PupilRegister, until: datetime.date | None = None, policy: Policy | None = None
) -> list[int]:
    """Ordinals of the pupil's school days up to and including `until`, ascending."""
    hi = len(register.slots) if until is None else register.bounds(None, until)[1]
    days: list[int] = []
    for slot, _, category in categorised(register, policy, 0, hi):
        day = slot >> 1
        if category.possible and (not days or days[-1] != day):
            days.append(day)
    return days


def school_weeks(
    register: PupilRegister, until: datetime.date | None = None, policy: Policy | None = None
) -> list[int]:
    """Week indexes (see marks.week_of_slot) of the pupil's school weeks up to `until`."""
    weeks: list[int] = []
    for day in school_days(register, until, policy):
        week = (day - 1) // 7
        if not weeks or weeks[-1] != week:
            weeks.append(week)
    return weeks


def last_school_weeks(
    register: PupilRegister, count: int, as_of: datetime.date, policy: Policy | None = None
) -> tuple[datetime.date, datetime.date] | None:
    """Date range (Monday of the earliest week, `as_of`) spanning the pupil's last `count` school
    weeks up to `as_of`; the week holding `as_of` counts if it already has a possible session.
    Fewer school weeks than `count` gives the range of those there are; none gives None."""
    return window_of_weeks(school_weeks(register, as_of, policy), count, as_of)


def window_of_weeks(
    weeks: list[int], count: int, as_of: datetime.date
) -> tuple[datetime.date, datetime.date] | None:
    """(Monday of the earliest of the last `count` of `weeks`, `as_of`); None if no weeks."""
    if count < 1:
        raise ValueError("count of school weeks must be at least 1")
    if not weeks:
        return None
    return monday_of_week(weeks[-count:][0]), as_of


def school_days_after(days: list[int], day: int, until: int) -> int:
    """How many of `days` (ascending ordinals) fall after `day` and on or before `until`."""
    return max(0, bisect_right(days, until) - bisect_right(days, day))
