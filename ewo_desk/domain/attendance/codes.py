"""Register codes and their statistical categories, before and from 19 August 2024.

Sources: attendance-law.md §0 (the switch date, [V]) and §1 (the 2024 table, [V-sec]). The earlier
set is the 2006 Regulations' set: `H F` authorised, `J` approved activity, single `Y` not counted;
`K C1 C2 J1 Q Y1-Y7` did not exist. The code set is chosen by the *session's* date, never by the
date of the file.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from ewo_desk.domain.settings import Policy, setting

# 2024 Regulations in force; 2006 Regulations revoked (attendance-law.md §0, [V]).
NEW_CODES_FROM = datetime.date(2024, 8, 19)
NEW_CODES_FROM_SLOT = NEW_CODES_FROM.toordinal() * 2  # first AM slot under the new set


class Category(enum.Enum):
    """Statistical category; the value is the name used in JSON and CSV."""

    PRESENT = "present"
    APPROVED_ACTIVITY = "approved_activity"
    AUTHORISED = "authorised"
    UNAUTHORISED = "unauthorised"
    NOT_COUNTED = "not_counted"

    @property
    def possible(self) -> bool:
        """Counts towards possible sessions (the denominator)."""
        return self is not Category.NOT_COUNTED

    @property
    def absence(self) -> bool:
        return self in (Category.AUTHORISED, Category.UNAUTHORISED)


@dataclass(frozen=True)
class RegisterCode:
    code: str
    category: Category
    meaning: str


_P, _A, _AU, _U, _N = (
    Category.PRESENT,
    Category.APPROVED_ACTIVITY,
    Category.AUTHORISED,
    Category.UNAUTHORISED,
    Category.NOT_COUNTED,
)

_FROM_2024: tuple[RegisterCode, ...] = (
    RegisterCode("/", _P, "Present (AM)"),
    RegisterCode("\\", _P, "Present (PM)"),
    RegisterCode("L", _P, "Late, before the register closed"),
    RegisterCode("K", _A, "At education arranged by the local authority"),
    RegisterCode("V", _A, "Educational visit or trip"),
    RegisterCode("P", _A, "Approved sporting activity"),
    RegisterCode("W", _A, "Work experience"),
    RegisterCode("B", _A, "Other approved off-site educational activity"),
    RegisterCode("C1", _AU, "Leave: regulated performance or employment abroad"),
    RegisterCode("M", _AU, "Leave: medical or dental appointment"),
    RegisterCode("J1", _AU, "Leave: interview for employment or admission"),
    RegisterCode("S", _AU, "Leave: study leave"),
    RegisterCode("C2", _AU, "Leave: temporary reduced timetable"),
    RegisterCode("C", _AU, "Leave: exceptional circumstances"),
    RegisterCode("T", _AU, "Travelling for occupational purposes"),
    RegisterCode("R", _AU, "Religious observance"),
    RegisterCode("I", _AU, "Illness"),
    RegisterCode("E", _AU, "Suspended or excluded, no alternative provision"),
    RegisterCode("G", _U, "Holiday not authorised"),
    RegisterCode("N", _U, "Reason not yet established"),
    RegisterCode("O", _U, "Unauthorised absence, other or unknown reason"),
    RegisterCode("U", _U, "Arrived after the register closed"),
    RegisterCode("D", _N, "Attending another school (dual registration)"),
    RegisterCode("X", _N, "Not of compulsory school age, not required to attend"),
    RegisterCode("Q", _N, "Unable to attend: no access arrangements"),
    RegisterCode("Y1", _N, "Unable to attend: transport not available"),
    RegisterCode("Y2", _N, "Unable to attend: widespread travel disruption"),
    RegisterCode("Y3", _N, "Unable to attend: part of the premises closed"),
    RegisterCode("Y4", _N, "Unable to attend: whole site unexpectedly closed"),
    RegisterCode("Y5", _N, "Unable to attend: criminal-justice detention"),
    RegisterCode("Y6", _N, "Unable to attend: public-health guidance or law"),
    RegisterCode("Y7", _N, "Unable to attend: other unavoidable cause"),
    RegisterCode("Z", _N, "Prospective pupil, not yet on the admission register"),
    RegisterCode("#", _N, "Planned whole-school closure"),
)

_BEFORE_2024: tuple[RegisterCode, ...] = (
    RegisterCode("/", _P, "Present (AM)"),
    RegisterCode("\\", _P, "Present (PM)"),
    RegisterCode("L", _P, "Late, before the register closed"),
    RegisterCode("B", _A, "Educated off site"),
    RegisterCode("J", _A, "At an interview"),
    RegisterCode("P", _A, "Approved sporting activity"),
    RegisterCode("V", _A, "Educational visit or trip"),
    RegisterCode("W", _A, "Work experience"),
    RegisterCode("C", _AU, "Other authorised circumstances"),
    RegisterCode("E", _AU, "Excluded, no alternative provision"),
    RegisterCode("F", _AU, "Extended family holiday (agreed)"),
    RegisterCode("H", _AU, "Family holiday (agreed)"),
    RegisterCode("I", _AU, "Illness"),
    RegisterCode("M", _AU, "Medical or dental appointment"),
    RegisterCode("R", _AU, "Religious observance"),
    RegisterCode("S", _AU, "Study leave"),
    RegisterCode("T", _AU, "Traveller absence"),
    RegisterCode("G", _U, "Family holiday not agreed"),
    RegisterCode("N", _U, "No reason yet provided"),
    RegisterCode("O", _U, "Unauthorised absence not covered by another code"),
    RegisterCode("U", _U, "Arrived after the register closed"),
    RegisterCode("D", _N, "Dual registration"),
    RegisterCode("X", _N, "Not of compulsory school age, not required to attend"),
    RegisterCode("Y", _N, "Enforced closure"),
    RegisterCode("Z", _N, "Pupil not yet on roll"),
    RegisterCode("#", _N, "School closed to pupils"),
)

CODES_FROM_2024: Mapping[str, RegisterCode] = {c.code: c for c in _FROM_2024}
CODES_BEFORE_2024: Mapping[str, RegisterCode] = {c.code: c for c in _BEFORE_2024}

# The national PN threshold counts these, and only these (attendance-law.md §2.3).
UNAUTHORISED_CODES = frozenset({"G", "N", "O", "U"})

Q_CATEGORY = setting(
    "attendance.code_q_category",
    Category.NOT_COUNTED.value,
    "Statistical category of code Q",
    "Q (no access arrangements) is treated as not a possible session; the reference marks this "
    "UNVERIFIED against the DfE PDF. One of: present, approved_activity, authorised, "
    "unauthorised, not_counted.",
)


class UnknownCode(ValueError):
    """A code that is not in the register code set in force on the session's date."""

    def __init__(self, code: str, on: datetime.date) -> None:
        self.code = code
        self.on = on
        era = "from 19/08/2024" if on >= NEW_CODES_FROM else "before 19/08/2024"
        super().__init__(
            f"{code!r} is not a register code in the set in force {era} (session on {on:%d/%m/%Y})"
        )


def uses_new_codes(on: datetime.date) -> bool:
    return on >= NEW_CODES_FROM


def code_set(on: datetime.date) -> Mapping[str, RegisterCode]:
    """The register codes in force on a date, with their meanings."""
    return CODES_FROM_2024 if uses_new_codes(on) else CODES_BEFORE_2024


def category_of(code: str, on: datetime.date, policy: Policy | None = None) -> Category:
    """Statistical category of `code` for a session on `on`; UnknownCode if not in force then."""
    category = category_table(uses_new_codes(on), policy).get(code)
    if category is None:
        raise UnknownCode(code, on)
    return category


def category_table(new_codes: bool, policy: Policy | None = None) -> Mapping[str, Category]:
    """Code -> category for one code set, with the council's policy applied. Cached; read-only."""
    q_category = (policy or Policy())[Q_CATEGORY]
    return _table(new_codes, q_category)


@lru_cache(maxsize=16)
def _table(new_codes: bool, q_category: str) -> Mapping[str, Category]:
    try:
        q = Category(q_category)
    except ValueError:
        names = ", ".join(c.value for c in Category)
        raise ValueError(f"{Q_CATEGORY.key} must be one of {names}, not {q_category!r}") from None
    source = CODES_FROM_2024 if new_codes else CODES_BEFORE_2024
    table = {code: entry.category for code, entry in source.items()}
    if "Q" in table:
        table["Q"] = q
    return MappingProxyType(table)
