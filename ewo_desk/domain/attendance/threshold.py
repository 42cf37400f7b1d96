"""The national penalty-notice threshold (national framework, from 19 August 2024).

As the issue states it: unauthorised sessions are those coded G, N, O or U. A week runs Monday to
Sunday; a school week, for a pupil, is a week in which at least one of the pupil's marks is a
possible session. Walk the pupil's sessions in date order, AM before PM. At each unauthorised
session in school week W, count the unauthorised sessions in the 9 school weeks before W plus those
in W up to and including this session. The threshold is met at the first session where that count
reaches 10. Weeks that are not school weeks are skipped, so the window reaches back over holidays,
terms and school years.

Reaching it obliges the school or council to *consider* a penalty notice; it does not decide one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ewo_desk.domain.attendance.codes import (
    NEW_CODES_FROM_SLOT,
    UNAUTHORISED_CODES,
    UnknownCode,
    category_table,
)
from ewo_desk.domain.attendance.marks import (
    Mark,
    Session,
    date_of_slot,
    monday_of_week,
    session_of_slot,
)
from ewo_desk.domain.attendance.register import PupilRegister
from ewo_desk.domain.settings import Policy

THRESHOLD_SESSIONS = 10
WINDOW_SCHOOL_WEEKS = 10


@dataclass(frozen=True)
class ThresholdResult:
    upn: str
    met: bool
    met_on: datetime.date | None
    met_session: Session | None
    # The count when met; otherwise the highest count reached (0 if no unauthorised session).
    unauthorised_in_window: int
    # The unauthorised sessions counted at that moment, in order: the triggering sessions when
    # met, else those of the first window that reached the highest count.
    sessions: tuple[Mark, ...]
    # Monday of the earliest school week in that window.
    window_start: datetime.date | None


def penalty_threshold(register: PupilRegister, policy: Policy | None = None) -> ThresholdResult:
    """Whether and when the pupil's marks first meet the national penalty-notice threshold."""
    slots, codes = register.slots, register.codes
    # One tight loop over every mark (a whole school is 570,000): only "is it a possible session"
    # comes from the categories; "unauthorised" is G N O U.
    old = {c: k.possible for c, k in category_table(False, policy).items()}
    new = {c: k.possible for c, k in category_table(True, policy).items()}
    school_weeks: list[int] = []
    unauthorised: list[int] = []  # per school week, so far
    best = 0
    best_slot = -1
    best_week = -1  # earliest school week of the window at `best`
    for slot, code in zip(slots, codes, strict=True):
        possible = (new if slot >= NEW_CODES_FROM_SLOT else old).get(code)
        if possible is None:
            raise UnknownCode(code, date_of_slot(slot))
        if not possible:
            continue
        week = ((slot >> 1) - 1) // 7
        if not school_weeks or school_weeks[-1] != week:
            school_weeks.append(week)
            unauthorised.append(0)
        if code in UNAUTHORISED_CODES:
            unauthorised[-1] += 1
            count = sum(unauthorised[-WINDOW_SCHOOL_WEEKS:])
            if count > best:
                best, best_slot = count, slot
                best_week = school_weeks[-WINDOW_SCHOOL_WEEKS:][0]
                if count >= THRESHOLD_SESSIONS:
                    break
    if best == 0:
        return ThresholdResult(register.upn, False, None, None, 0, (), None)
    window_start = monday_of_week(best_week)
    lo, hi = register.bounds(window_start, date_of_slot(best_slot))
    counted = tuple(
        Mark(register.upn, date_of_slot(s), session_of_slot(s), c)
        for s, c in zip(slots[lo:hi], codes[lo:hi], strict=True)
        if s <= best_slot and c in UNAUTHORISED_CODES
    )
    met = best >= THRESHOLD_SESSIONS
    return ThresholdResult(
        upn=register.upn,
        met=met,
        met_on=date_of_slot(best_slot) if met else None,
        met_session=session_of_slot(best_slot) if met else None,
        unauthorised_in_window=best,
        sessions=counted,
        window_start=window_start,
    )
