"""One pupil's register: every session mark held in register order, in two parallel tuples.

A `PupilRegister` is the form every rule in this package reads. Parsers build it directly (no
per-mark objects), and `from_marks` builds it from `Mark`s read back from the vault.
"""

from __future__ import annotations

import datetime
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from ewo_desk.domain.attendance.codes import NEW_CODES_FROM_SLOT, UnknownCode, category_table
from ewo_desk.domain.attendance.marks import (
    Mark,
    Session,
    date_of_slot,
    session_of_slot,
    slot_of,
)
from ewo_desk.domain.settings import Policy


class DuplicateSession(ValueError):
    """The same pupil has two different codes for one session."""

    def __init__(self, upn: str, slot: int, first: str, second: str) -> None:
        self.upn = upn
        self.date = date_of_slot(slot)
        self.session = session_of_slot(slot)
        self.codes = (first, second)
        super().__init__(
            f"pupil {upn} has two different codes for {self.date:%d/%m/%Y} {self.session}: "
            f"{first!r} and {second!r}"
        )


@dataclass(frozen=True, slots=True)
class PupilRegister:
    """A pupil's marks in register order. `slots` are strictly increasing (see marks.slot_of)."""

    upn: str
    slots: tuple[int, ...]
    codes: tuple[str, ...]

    @classmethod
    def from_marks(
        cls, upn: str, marks: Iterable[Mark], policy: Policy | None = None
    ) -> PupilRegister:
        """Build from marks in any order. An identical repeat is dropped; a different code for the
        same session raises DuplicateSession; a code not in force on its date raises UnknownCode."""
        by_slot: dict[int, str] = {}
        for mark in marks:
            if mark.upn != upn:
                raise ValueError(f"mark for pupil {mark.upn} given to the register of {upn}")
            slot = slot_of(mark.date, mark.session)
            first = by_slot.setdefault(slot, mark.code)
            if first != mark.code:
                raise DuplicateSession(upn, slot, first, mark.code)
        return cls.from_slots(upn, by_slot, policy)

    @classmethod
    def from_slots(
        cls,
        upn: str,
        by_slot: Mapping[int, str],
        policy: Policy | None = None,
        *,
        checked: bool = False,
    ) -> PupilRegister:
        """Build from a slot -> code mapping, checking every code against its date's code set
        unless the caller has `checked` them already (a parser, to name the line at fault)."""
        if not checked:
            check_codes(by_slot.items(), policy)
        ordered = sorted(by_slot.items())
        return cls(upn, tuple(s for s, _ in ordered), tuple(c for _, c in ordered))

    def __len__(self) -> int:
        return len(self.slots)

    @property
    def first_date(self) -> datetime.date | None:
        return date_of_slot(self.slots[0]) if self.slots else None

    @property
    def last_date(self) -> datetime.date | None:
        return date_of_slot(self.slots[-1]) if self.slots else None

    def bounds(self, start: datetime.date | None, end: datetime.date | None) -> tuple[int, int]:
        """Index range [lo, hi) of the marks dated from `start` to `end` inclusive (None: open)."""
        lo = 0 if start is None else bisect_left(self.slots, start.toordinal() * 2)
        hi = len(self.slots) if end is None else bisect_right(self.slots, end.toordinal() * 2 + 1)
        return lo, max(lo, hi)

    def between(self, start: datetime.date | None, end: datetime.date | None) -> PupilRegister:
        lo, hi = self.bounds(start, end)
        return PupilRegister(self.upn, self.slots[lo:hi], self.codes[lo:hi])

    def marks(self) -> Iterator[Mark]:
        for slot, code in zip(self.slots, self.codes, strict=True):
            yield Mark(self.upn, date_of_slot(slot), session_of_slot(slot), code)

    def code_on(self, day: datetime.date, session: Session) -> str | None:
        slot = slot_of(day, session)
        index = bisect_left(self.slots, slot)
        if index < len(self.slots) and self.slots[index] == slot:
            return self.codes[index]
        return None


def check_codes(items: Iterable[tuple[int, str]], policy: Policy | None = None) -> None:
    """Raise UnknownCode for the first (slot, code) whose code is not in force on its date."""
    switch = NEW_CODES_FROM_SLOT
    old, new = category_table(False, policy), category_table(True, policy)
    for slot, code in items:
        if code not in (new if slot >= switch else old):
            raise UnknownCode(code, date_of_slot(slot))


def group_by_pupil(marks: Iterable[Mark], policy: Policy | None = None) -> dict[str, PupilRegister]:
    """Registers keyed by UPN, from marks in any order (see PupilRegister.from_marks)."""
    by_pupil: dict[str, list[Mark]] = {}
    for mark in marks:
        by_pupil.setdefault(mark.upn, []).append(mark)
    return {
        upn: PupilRegister.from_marks(upn, pupil_marks, policy)
        for upn, pupil_marks in sorted(by_pupil.items())
    }
