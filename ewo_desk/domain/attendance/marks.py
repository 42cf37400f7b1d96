"""Session marks: one register code for one pupil in one session (AM or PM) of one day.

Internally a session is a *slot*: the date's proleptic ordinal times two, plus 0 for AM or 1 for
PM. Slots sort in register order (date, then AM before PM) and cost one int each, which keeps
whole-school files fast to summarise.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass


class Session(enum.IntEnum):
    """The two registration sessions of a school day; AM sorts before PM."""

    AM = 0
    PM = 1

    def __str__(self) -> str:
        return self.name

    @classmethod
    def parse(cls, text: str) -> Session:
        """`AM` or `PM` (any case, surrounding spaces ignored); ValueError otherwise."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"session must be AM or PM, not {text!r}") from None


@dataclass(frozen=True, slots=True, order=True)
class Mark:
    """One register entry. Ordered by pupil, date, then AM before PM."""

    upn: str
    date: datetime.date
    session: Session
    code: str

    @property
    def slot(self) -> int:
        return slot_of(self.date, self.session)


def slot_of(day: datetime.date, session: Session) -> int:
    return day.toordinal() * 2 + int(session)


def date_of_slot(slot: int) -> datetime.date:
    return datetime.date.fromordinal(slot >> 1)


def session_of_slot(slot: int) -> Session:
    return Session(slot & 1)


def week_of_slot(slot: int) -> int:
    """Index of the Monday-to-Sunday week holding the slot (ordinal 1, 1 Jan AD 1, is a Monday)."""
    return ((slot >> 1) - 1) // 7


def monday_of_week(week: int) -> datetime.date:
    return datetime.date.fromordinal(week * 7 + 1)
