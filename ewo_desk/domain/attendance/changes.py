"""What a re-import changes. History is never overwritten: the vault keeps every snapshot, shows
which marks a newer file changed (old -> new), and computes figures from the newest mark for each
session. These two functions are those rules, free of storage.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ewo_desk.domain.attendance.marks import Session, date_of_slot, session_of_slot
from ewo_desk.domain.attendance.register import PupilRegister


@dataclass(frozen=True, order=True)
class MarkChange:
    upn: str
    date: datetime.date
    session: Session
    old: str | None  # None: the session had no mark before
    new: str


def changed_marks(older: PupilRegister, newer: PupilRegister) -> tuple[MarkChange, ...]:
    """Sessions the newer import adds or recodes, in register order. Sessions the newer file
    does not mention are not changes: a file covers only the period it was exported for."""
    if older.upn != newer.upn:
        raise ValueError(f"cannot compare pupil {older.upn} with pupil {newer.upn}")
    before = dict(zip(older.slots, older.codes, strict=True))
    return tuple(
        MarkChange(newer.upn, date_of_slot(slot), session_of_slot(slot), before.get(slot), code)
        for slot, code in zip(newer.slots, newer.codes, strict=True)
        if before.get(slot) != code
    )


def newest_marks(*registers: PupilRegister) -> PupilRegister:
    """One register from imports given oldest first: for each session the newest mark wins."""
    if not registers:
        raise ValueError("at least one register is needed")
    upn = registers[0].upn
    merged: dict[int, str] = {}
    for register in registers:
        if register.upn != upn:
            raise ValueError(f"cannot merge pupil {register.upn} into pupil {upn}")
        merged.update(zip(register.slots, register.codes, strict=True))
    ordered = sorted(merged.items())
    return PupilRegister(upn, tuple(s for s, _ in ordered), tuple(c for _, c in ordered))
