"""Decoding a CTF session-marks string (`YearData/AttendSessions/AttendanceMarks`).

The encoding is the least certain fact in ctf-attendance.md (§2.7-2.8): the only evidence is one
vendor's code, which writes two characters (AM, PM) per calendar day from the start date and `##`
for days not in session. So every assumption here is stated and settable, and a decoded block must
reconcile with the file's own session counts or it is refused. The counts cannot tell a
calendar-day string from a school-day one (both hold the same characters, only on other dates), so
that choice is made from where the placeholders fall.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from ewo_desk.domain.attendance.codes import Category, UnknownCode, category_of
from ewo_desk.domain.attendance.marks import date_of_slot
from ewo_desk.domain.settings import Policy, setting

CALENDAR, SCHOOL_DAYS = "calendar", "school-days"
PLACEHOLDER = "#"  # the closure code on a weekday; a filler on a weekend

MARKS_ALIGNMENT = setting(
    "ctf.marks_alignment",
    "auto",
    "How a CTF session-marks string is laid on dates",
    "'calendar': two characters (AM, PM) for every calendar day from the start date, as one "
    "vendor writes it; 'school-days': two for each Monday to Friday only; 'auto': calendar when "
    "every weekend position holds a placeholder, otherwise school days. UNVERIFIED: the DfE rule "
    "was not read; set this once a real file settles it.",
)
NO_MARK_CHARACTERS = setting(
    "ctf.no_mark_characters",
    "- ",
    "Characters in a CTF marks string that mean 'no mark for this session'",
    "UNVERIFIED. '#' is always a filler on a weekend and the closure code on a weekday.",
)


class MarksProblem(ValueError):
    """A marks string that cannot be taken; the message is written for the officer."""

    def __init__(self, problem: str, fix: str | None = None) -> None:
        self.problem = problem
        self.fix = fix
        super().__init__(problem)


@dataclass(frozen=True)
class SessionCounts:
    """A YearData block's own totals, in the file's terms."""

    possible: int
    attended: int
    authorised: int
    unauthorised: int


def decode_marks(
    string: str,
    start: datetime.date,
    academic_year: int,
    counts: SessionCounts,
    *,
    leaving: datetime.date | None = None,
    not_after: datetime.date | None = None,
    policy: Policy | None = None,
) -> tuple[dict[int, str], str]:
    """Slot -> code for one block, and the alignment used ("calendar" or "school-days").

    Fillers and no-mark characters give no mark; sessions after `leaving` are cut (strings may
    run to the end of the year). Raises MarksProblem for dates outside the academic year or after
    `not_after`, for a code not in force on its date, and when the result does not reconcile."""
    policy = policy or Policy()
    no_mark_characters: str = policy[NO_MARK_CHARACTERS]
    no_mark = frozenset(no_mark_characters)
    tokens = split_tokens(string)
    alignment = choose_alignment(tokens, start, policy[MARKS_ALIGNMENT], no_mark)
    first_day = datetime.date(academic_year, 8, 1)  # some software rolls the year on 1 August
    last_day = datetime.date(academic_year + 1, 8, 31)
    days = _days(start, alignment)
    decoded: dict[int, str] = {}
    day = start
    for index, token in enumerate(tokens):
        if index % 2 == 0:  # an AM token starts the next day
            day = next(days)
        if token in no_mark or (token == PLACEHOLDER and day.weekday() >= 5):
            continue
        if leaving is not None and day > leaving:
            continue
        if not first_day <= day <= last_day:
            raise MarksProblem(
                f"the marks string reaches {day:%d/%m/%Y}, outside the academic year "
                f"{academic_year}/{(academic_year + 1) % 100:02d}: the dates are out of range"
            )
        if not_after is not None and day > not_after:
            raise MarksProblem(
                f"the marks string has a session on {day:%d/%m/%Y}, after "
                f"{not_after:%d/%m/%Y}: the dates are out of range"
            )
        decoded[day.toordinal() * 2 + index % 2] = token
    _reconcile(decoded, counts, alignment, policy)
    return decoded, alignment


def split_tokens(string: str) -> list[str]:
    """One token per session. After C, J or Y a digit belongs to the same token (C1, C2, J1,
    Y1-Y7): digits are never single-character statutory codes (ctf-attendance.md §2.8)."""
    tokens = []
    index = 0
    while index < len(string):
        if string[index] in "CJY" and string[index + 1 : index + 2].isdigit():
            tokens.append(string[index : index + 2])
            index += 2
        else:
            tokens.append(string[index])
            index += 1
    return tokens


def choose_alignment(
    tokens: list[str], start: datetime.date, setting_value: str, no_mark: frozenset[str]
) -> str:
    if setting_value in (CALENDAR, SCHOOL_DAYS):
        return setting_value
    if setting_value != "auto":
        raise ValueError(f"{MARKS_ALIGNMENT.key} must be auto, calendar or school-days")
    fillers = no_mark | {PLACEHOLDER}
    days = _days(start, CALENDAR)
    for index in range(0, len(tokens), 2):
        if next(days).weekday() >= 5 and not set(tokens[index : index + 2]) <= fillers:
            return SCHOOL_DAYS  # a calendar reading would put a real mark on a weekend
    return CALENDAR


def _days(start: datetime.date, alignment: str) -> Iterator[datetime.date]:
    """Dates for successive AM/PM pairs: every day, or Mondays to Fridays only."""
    day = start
    while True:
        if alignment == CALENDAR or day.weekday() < 5:
            yield day
        day += datetime.timedelta(days=1)


def _reconcile(
    decoded: dict[int, str], counts: SessionCounts, alignment: str, policy: Policy
) -> None:
    by_category = dict.fromkeys(Category, 0)
    for slot, code in decoded.items():
        try:
            by_category[category_of(code, date_of_slot(slot), policy)] += 1
        except UnknownCode as err:
            raise MarksProblem(f"the session marks hold {err}") from None
    attended = by_category[Category.PRESENT] + by_category[Category.APPROVED_ACTIVITY]
    authorised, unauthorised = by_category[Category.AUTHORISED], by_category[Category.UNAUTHORISED]
    ours = (attended + authorised + unauthorised, attended, authorised, unauthorised)
    theirs = (counts.possible, counts.attended, counts.authorised, counts.unauthorised)
    if ours != theirs:
        raise MarksProblem(
            "the session marks do not match the file's own totals (possible, attended, "
            f"authorised, unauthorised): the marks, read by {alignment} from the start date, give "
            f"{', '.join(map(str, ours))} but the file says {', '.join(map(str, theirs))}. How "
            "school software writes CTF marks is not settled, so EWO Desk refuses this pupil "
            "rather than guess",
            fix="Ask the school for a register CSV export for this pupil instead.",
        )
