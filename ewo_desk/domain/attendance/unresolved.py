"""N codes ("reason not yet established") left unresolved too long.

A school should replace an N with a definite code within about 5 school days (attendance-law.md
§1; UNVERIFIED in the DfE PDF, hence a setting). School days are the pupil's own: dates on which
the pupil has at least one possible-session mark, up to the "as of" date. An N is open for the
number of those days after its own date; it is flagged when that is more than the setting. A
flagged N blocks a penalty-notice request until the school resolves it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ewo_desk.domain.attendance.marks import Mark, date_of_slot, session_of_slot
from ewo_desk.domain.attendance.register import PupilRegister
from ewo_desk.domain.attendance.school_time import school_days, school_days_after
from ewo_desk.domain.settings import Policy, setting

N_RESOLUTION_SCHOOL_DAYS = setting(
    "attendance.n_resolution_school_days",
    5,
    "School days within which a school should resolve an N code",
)


@dataclass(frozen=True)
class UnresolvedN:
    mark: Mark
    school_days_open: int


def unresolved_n_codes(
    register: PupilRegister, as_of: datetime.date, policy: Policy | None = None
) -> tuple[UnresolvedN, ...]:
    """The pupil's N marks dated on or before `as_of` that have been open for more school days
    than the council allows, oldest first."""
    limit = (policy or Policy())[N_RESOLUTION_SCHOOL_DAYS]
    days = school_days(register, as_of, policy)
    until = as_of.toordinal()
    _, hi = register.bounds(None, as_of)
    flagged = []
    for slot, code in zip(register.slots[:hi], register.codes[:hi], strict=True):
        if code != "N":
            continue
        open_for = school_days_after(days, slot >> 1, until)
        if open_for > limit:
            mark = Mark(register.upn, date_of_slot(slot), session_of_slot(slot), code)
            flagged.append(UnresolvedN(mark, open_for))
    return tuple(flagged)
