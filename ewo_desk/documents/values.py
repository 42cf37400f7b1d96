"""How values look on paper: dates as 22/11/2026, money as £80.00, percentages as 91.4%.

Merge data carries these small types rather than preformatted strings, so a template prints them
the same way everywhere and the stored JSON keeps the real value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def fmt_date(day: date) -> str:
    if isinstance(day, datetime):
        day = day.astimezone(LONDON).date() if day.tzinfo else day.date()
    return day.strftime("%d/%m/%Y")


def fmt_datetime(moment: datetime) -> str:
    local = moment.astimezone(LONDON) if moment.tzinfo else moment
    return local.strftime("%d/%m/%Y %H:%M")


class Day(date):
    """A date that prints as 22/11/2026 however a template turns it into text (`{{ d }}`,
    `"from " ~ d`), so an ISO date can never slip onto paper."""

    def __str__(self) -> str:
        return self.strftime("%d/%m/%Y")

    @classmethod
    def of(cls, day: date | None) -> Day | None:
        if day is None or isinstance(day, Day):
            return day
        if isinstance(day, datetime):
            day = day.astimezone(LONDON).date() if day.tzinfo else day.date()
        return cls(day.year, day.month, day.day)


@dataclass(frozen=True, order=True)
class Money:
    """An amount in whole pence: Money(8000) prints as £80.00."""

    pence: int

    def __str__(self) -> str:
        sign = "-" if self.pence < 0 else ""
        pounds, rest = divmod(abs(self.pence), 100)
        return f"{sign}£{pounds:,}.{rest:02d}"

    @classmethod
    def parse(cls, text: str) -> Money:
        """'80', '80.00', '£80.00' or '1,250.5' -> Money; ValueError otherwise."""
        cleaned = text.strip().replace("£", "").replace(",", "")
        if not cleaned or cleaned.count(".") > 1:
            raise ValueError(text)
        whole, _, frac = cleaned.partition(".")
        if not whole.isdigit() or (frac and (not frac.isdigit() or len(frac) > 2)):
            raise ValueError(text)
        return cls(int(whole) * 100 + int((frac + "00")[:2]))


@dataclass(frozen=True, order=True)
class Percent:
    """A percentage to one decimal place: Percent(91.43) prints as 91.4%."""

    value: float

    def __str__(self) -> str:
        return f"{self.value:.1f}%"
