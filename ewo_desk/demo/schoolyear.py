"""Term dates for Northbridge schools, made by rule for any year, and date arithmetic on them.

An English school year as most councils set it: two training (INSET) days then term from early
September, half-term in the last week of October, two weeks at Christmas, half-term in mid
February, two weeks round Easter, half-term in the week of the spring bank holiday, the end of
term about 22 July. Bank holidays in England and Wales (the `holidays` package) are never school
days. Training days are register days coded `#` (planned whole-school closure).
"""

from __future__ import annotations

import bisect
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")
DAY = timedelta(days=1)


def academic_year(day: date) -> int:
    """The calendar year in which the school year holding `day` began (August counts as ended)."""
    return day.year if day.month >= 9 else day.year - 1


def year_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


@lru_cache(maxsize=4)
def _decade(first: int) -> dict[date, str]:
    """England-and-Wales bank holidays, looked up a decade at a time (the package is slow)."""
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=range(first, first + 10)))


def bank_holidays(year: int) -> frozenset[date]:
    return frozenset(_decade(year - year % 10))


def easter_sunday(year: int) -> date:
    table = _decade(year - year % 10)
    return (
        next(d for d, name in table.items() if d.year == year and name == "Good Friday") + 2 * DAY
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    while count:
        day += DAY
        if is_working_day(day):
            count -= 1
    return day


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day where it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    following = date(year + (month0 == 11), (month0 + 1) % 12 + 1, 1)
    return date(year, month0 + 1, min(day.day, (following - DAY).day))


def _monday_on_or_after(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _week(monday: date) -> list[date]:
    return [monday + i * DAY for i in range(5)]


@lru_cache(maxsize=16)
def register_days(start_year: int) -> tuple[tuple[date, ...], frozenset[date]]:
    """(every day the register is kept, the training days among them) for one school year."""
    y0, y1 = start_year, start_year + 1
    first = date(y0, 9, 1)
    while first.weekday() >= 5:
        first += DAY
    last = date(y1, 7, 22)
    while last.weekday() >= 5:
        last -= DAY
    closed: set[date] = set()
    last_friday_oct = date(y0, 10, 31) - timedelta(days=(date(y0, 10, 31).weekday() - 4) % 7)
    closed.update(_week(last_friday_oct - 4 * DAY))
    christmas_end = date(y0, 12, 20) - timedelta(days=(date(y0, 12, 20).weekday() - 4) % 7)
    spring_start = _monday_on_or_after(date(y1, 1, 4))
    closed.update(christmas_end + i * DAY for i in range(1, (spring_start - christmas_end).days))
    closed.update(_week(_monday_on_or_after(date(y1, 2, 13))))
    sunday = easter_sunday(y1)
    closed.update(sunday + i * DAY for i in range(-6, 6))
    spring_bank = date(y1, 5, 31) - timedelta(days=date(y1, 5, 31).weekday())
    closed.update(_week(spring_bank))
    days: list[date] = []
    day = first
    while day <= last:
        if is_working_day(day) and day not in closed:
            days.append(day)
        day += DAY
    inset = frozenset({days[0], days[1], spring_start if spring_start in days else days[2]})
    return tuple(days), inset


class DemoCalendar:
    """School days around `today`: the years the marks cover, one before and one after."""

    def __init__(self, today: date, marks_from_year: int) -> None:
        self.today = today
        self.marks_from_year = marks_from_year
        self.years = list(range(marks_from_year - 1, academic_year(today) + 2))
        register: list[date] = []
        inset: set[date] = set()
        for year in self.years:
            days, training = register_days(year)
            register.extend(days)
            inset.update(training)
        self.inset = frozenset(inset)
        self.register = register  # sorted; training days included
        self.school = [d for d in register if d not in self.inset]
        self._last = max(0, bisect.bisect_right(self.school, today) - 1)

    def marks_days(self) -> list[date]:
        """Every register day from the first September of the marks up to `today`."""
        lo = date(self.marks_from_year, 9, 1)
        return [d for d in self.register if lo <= d <= self.today]

    def ago(self, n: int) -> date:
        """The school day `n` school days before the last one on or before today (n=0: that one)."""
        return self.school[max(0, self._last - n)]

    def after(self, day: date, n: int) -> date:
        """The `n`th school day after `day`."""
        return self.school[min(len(self.school) - 1, bisect.bisect_right(self.school, day) + n - 1)]

    def weeks_back(self, end: date, weeks: int) -> date:
        """First school day of the period of `weeks` school weeks ending with the week of `end`."""
        i = bisect.bisect_right(self.school, end) - 1
        mondays: list[date] = []
        while i >= 0:
            monday = self.school[i] - timedelta(days=self.school[i].weekday())
            if not mondays or mondays[-1] != monday:
                if len(mondays) == weeks:
                    break
                mondays.append(monday)
            i -= 1
        return self.school[i + 1]

    def school_days(self, first: date, last: date) -> list[date]:
        lo = bisect.bisect_left(self.school, first)
        hi = bisect.bisect_right(self.school, last)
        return self.school[lo:hi]


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """An aware Europe/London moment on `day` (office hours, never in a clock change)."""
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)
