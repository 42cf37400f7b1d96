"""Attendance figures for one pupil over an inclusive date range, computed from the marks.

Possible sessions = present + approved educational activity + authorised + unauthorised.
Attendance % = (present + approved activity) / possible; absence % = (authorised + unauthorised) /
possible (attendance-law.md §2.1). Persistent absence is absence of 10 % or more, severe absence
50 % or more (§2.1, national). Percentages are unrounded floats; the flags are decided in integer
arithmetic so a pupil exactly on the line is never lost to rounding.
"""

from __future__ import annotations

import datetime
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from ewo_desk.domain.attendance.codes import (
    NEW_CODES_FROM_SLOT,
    Category,
    category_table,
)
from ewo_desk.domain.attendance.register import PupilRegister, check_codes
from ewo_desk.domain.settings import Policy

PERSISTENT_ABSENCE_PCT = 10
SEVERE_ABSENCE_PCT = 50


@dataclass(frozen=True)
class AttendanceFigures:
    upn: str
    start: datetime.date | None  # the range asked for; None means open-ended
    end: datetime.date | None
    present: int
    approved_activity: int
    authorised: int
    unauthorised: int
    not_counted: int
    by_code: Mapping[str, int]

    @property
    def possible(self) -> int:
        return self.present + self.approved_activity + self.authorised + self.unauthorised

    @property
    def attended(self) -> int:
        return self.present + self.approved_activity

    @property
    def absent(self) -> int:
        return self.authorised + self.unauthorised

    @property
    def attendance_pct(self) -> float | None:
        return self.attended * 100 / self.possible if self.possible else None

    @property
    def absence_pct(self) -> float | None:
        return self.absent * 100 / self.possible if self.possible else None

    @property
    def persistent(self) -> bool:
        return self.possible > 0 and self.absent * 100 >= PERSISTENT_ABSENCE_PCT * self.possible

    @property
    def severe(self) -> bool:
        return self.possible > 0 and self.absent * 100 >= SEVERE_ABSENCE_PCT * self.possible


def summarise(
    register: PupilRegister,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    policy: Policy | None = None,
) -> AttendanceFigures:
    """Figures for the marks dated from `start` to `end`, both inclusive (None: unbounded)."""
    lo, hi = register.bounds(start, end)
    # Each code set is counted separately: a code's category depends on the session's date.
    mid = max(lo, min(hi, bisect_left(register.slots, NEW_CODES_FROM_SLOT, lo, hi)))
    totals = dict.fromkeys(Category, 0)
    by_code: Counter[str] = Counter()
    for new_codes, a, b in ((False, lo, mid), (True, mid, hi)):
        if a == b:
            continue
        counted = Counter(register.codes[a:b])
        table = category_table(new_codes, policy)
        for code, count in counted.items():
            category = table.get(code)
            if category is None:
                check_codes(zip(register.slots[a:b], register.codes[a:b], strict=True), policy)
            totals[table[code]] += count
        by_code.update(counted)
    return AttendanceFigures(
        upn=register.upn,
        start=start,
        end=end,
        present=totals[Category.PRESENT],
        approved_activity=totals[Category.APPROVED_ACTIVITY],
        authorised=totals[Category.AUTHORISED],
        unauthorised=totals[Category.UNAUTHORISED],
        not_counted=totals[Category.NOT_COUNTED],
        by_code=dict(sorted(by_code.items())),
    )
