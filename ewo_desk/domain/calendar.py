"""Dates the law counts in: working days, deemed service, school weeks, calendar months, UK time.

Every function takes its dates as arguments; nothing here reads the clock. England-and-Wales bank
holidays come from the `holidays` package (GB, subdivision ENG), including substitute days.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from ewo_desk.domain.settings import Policy, setting

LONDON = ZoneInfo("Europe/London")
ONE_DAY = timedelta(days=1)

DEEMED_SERVICE_WORKING_DAYS = setting(
    "calendar.deemed_service_working_days",
    2,
    "Working days after first-class posting when a letter is deemed received",
    "Several council codes deem a posted penalty notice served on the second working day after "
    "posting; the exact text of the 2007 Regulations reg 5 is UNVERIFIED "
    "(attendance-law.md §3.3, §6 item 2). Bank holidays in England and Wales are skipped.",
)


# --- bank holidays and working days ---------------------------------------------------------


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    """England-and-Wales bank holidays in `year`, substitute ("observed") days included."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: date) -> bool:
    return day in bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(day: date, count: int) -> date:
    """The `count`th working day after `day` (before it when negative); `day` itself never counts.

    With count 0 the day is returned unchanged, even if it is not a working day.
    """
    step = ONE_DAY if count >= 0 else -ONE_DAY
    remaining = abs(count)
    current = day
    while remaining:
        current += step
        if is_working_day(current):
            remaining -= 1
    return current


def deemed_service(posted_on: date, policy: Policy) -> date:
    """When a letter sent first class on `posted_on` is deemed received (policy: 2 working days)."""
    return add_working_days(posted_on, policy[DEEMED_SERVICE_WORKING_DAYS])


# --- calendar days, months and years ----------------------------------------------------------


def last_day_of_period(start: date, days: int, *, includes_start: bool = True) -> date:
    """Last day of a period of `days` days.

    "N days beginning with" a date counts that date as day 1; "N days after" a date does not.
    """
    if days < 1:
        raise ValueError("a period has at least one day")
    return start + timedelta(days=days - 1 if includes_start else days)


def add_months(day: date, months: int) -> date:
    """The corresponding date `months` calendar months later (earlier when negative).

    Where the later month has no corresponding date (31 Aug + 6 months, 29 Feb + 12 months) the
    period ends on the last day of that month, as courts read "months" in English statutes.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = _stdlib_calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """The anniversary `years` later; 29 February falls back to 28 February in a common year."""
    return add_months(day, 12 * years)


def birthday_in(year: int, born_on: date) -> date:
    """The day a person born on `born_on` attains a new age in `year`.

    A person born on 29 February attains an age on 1 March in a common year (the common reading of
    the Family Law Reform Act 1969 s.9).
    """
    if born_on.month == 2 and born_on.day == 29 and not _stdlib_calendar.isleap(year):
        return date(year, 3, 1)
    return born_on.replace(year=year)


def school_year_start(day: date) -> date:
    """1 September on or before `day`: the start of the school year `day` falls in."""
    start = date(day.year, 9, 1)
    return start if start <= day else date(day.year - 1, 9, 1)


def week_start(day: date) -> date:
    """The Monday of the Monday-to-Sunday week holding `day`."""
    return day - timedelta(days=day.weekday())


def last_weekday_of_month(year: int, month: int, weekday: int) -> date:
    """E.g. the last Friday in June (weekday 4) or the last Sunday in March (weekday 6)."""
    last = date(year, month, _stdlib_calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


# --- school days and school weeks -----------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One term or half-term: the first and last day the school meets (inclusive)."""

    first_day: date
    last_day: date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError(f"term ends {self.last_day} before it starts {self.first_day}")


@dataclass(frozen=True)
class SchoolCalendar:
    """The days a school meets, as far as they are known.

    Outside the known range a weekday that is not a bank holiday is assumed to be a school day, so
    that counting always ends; callers check `knows(day)` and warn when they rely on the guess.
    A "school week" is any Monday-to-Sunday week with at least one school session (§2.3).
    """

    school_days: frozenset[date]
    known_from: date | None = None
    known_until: date | None = None

    @classmethod
    def from_terms(cls, terms: Iterable[Term], closures: Iterable[date] = ()) -> SchoolCalendar:
        """School days from term dates: weekdays in a term, less bank holidays and closure days."""
        terms = sorted(terms, key=lambda t: t.first_day)
        closed = frozenset(closures)
        days: set[date] = set()
        for term in terms:
            day = term.first_day
            while day <= term.last_day:
                if is_working_day(day) and day not in closed:
                    days.add(day)
                day += ONE_DAY
        if not terms:
            return cls(frozenset())
        return cls(frozenset(days), terms[0].first_day, max(t.last_day for t in terms))

    @classmethod
    def from_session_dates(cls, days: Iterable[date]) -> SchoolCalendar:
        """School days from the dates the register was taken (e.g. from imported marks)."""
        known = frozenset(days)
        if not known:
            return cls(frozenset())
        return cls(known, min(known), max(known))

    def knows(self, day: date) -> bool:
        return (
            self.known_from is not None
            and self.known_until is not None
            and self.known_from <= day <= self.known_until
        )

    def is_school_day(self, day: date) -> bool:
        if self.knows(day):
            return day in self.school_days
        return is_working_day(day)

    def is_school_week(self, day: date, *, not_before: date | None = None) -> bool:
        """Whether the week holding `day` has a school day (on or after `not_before`, if given)."""
        monday = week_start(day)
        first = monday if not_before is None else max(monday, not_before)
        days_left = (monday + 7 * ONE_DAY - first).days
        return any(self.is_school_day(first + i * ONE_DAY) for i in range(days_left))

    def school_weeks_between(self, first: date, last: date) -> int:
        """How many Monday-to-Sunday weeks have a school day within [first, last]."""
        count = 0
        monday = week_start(first)
        while monday <= last:
            lo, hi = max(monday, first), min(monday + 6 * ONE_DAY, last)
            if any(self.is_school_day(lo + i * ONE_DAY) for i in range((hi - lo).days + 1)):
                count += 1
            monday += 7 * ONE_DAY
        return count

    def school_days_between(self, first: date, last: date) -> int:
        return sum(
            1 for i in range((last - first).days + 1) if self.is_school_day(first + i * ONE_DAY)
        )

    def add_school_days(self, day: date, count: int) -> date:
        """The `count`th school day after `day` (`day` itself does not count)."""
        current = day
        while count > 0:
            current += ONE_DAY
            if self.is_school_day(current):
                count -= 1
        return current

    def add_school_weeks(self, start: date, weeks: int) -> date:
        """Last day of a period of `weeks` school weeks beginning with `start`.

        The period runs in whole weeks of calendar time from `start` but a Monday-to-Sunday week
        in which the school does not meet (a half-term or holiday) is not counted, so the period
        stretches over it. A period starting on a Wednesday with half-term in its second week ends
        on the Tuesday of its fourth calendar week.
        """
        if weeks < 1:
            raise ValueError("a period has at least one school week")
        counted = 0
        day = start
        while True:
            if self.is_school_week(day, not_before=start):
                counted += 1
                if counted == 7 * weeks:
                    return day
            day += ONE_DAY


# --- UK local time ------------------------------------------------------------------------------


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a moment must carry its time zone (aware datetime)")


def to_london(moment: datetime) -> datetime:
    _require_aware(moment)
    return moment.astimezone(LONDON)


def london_date(moment: datetime) -> date:
    """The UK calendar date of an aware moment (23:30 UTC in summer is the next day in London)."""
    return to_london(moment).date()


def london_datetime(day: date, at: time = time(0)) -> datetime:
    """An aware Europe/London datetime; a wall time skipped by the spring change moves forward."""
    naive = datetime.combine(day, at.replace(tzinfo=None))
    return naive.replace(tzinfo=LONDON).astimezone(UTC).astimezone(LONDON)


def start_of_day(day: date) -> datetime:
    return london_datetime(day)


def end_of_day(day: date) -> datetime:
    """The instant a "by the end of `day`" deadline passes: UK midnight starting the next day."""
    return start_of_day(day + ONE_DAY)


def on_or_before(moment: datetime, deadline: date) -> bool:
    """Whether an aware moment falls on or before the UK calendar day `deadline`."""
    _require_aware(moment)
    # Compare in UTC: Python compares two London times by wall clock, ignoring the offset.
    return moment.astimezone(UTC) < end_of_day(deadline).astimezone(UTC)


def hours_in_day(day: date) -> float:
    """23 on the last Sunday in March, 25 on the last Sunday in October, otherwise 24."""
    span = end_of_day(day).astimezone(UTC) - start_of_day(day).astimezone(UTC)
    return span.total_seconds() / 3600
