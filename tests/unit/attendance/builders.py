"""Small builders for attendance tests: registers from readable day-by-day codes."""

from __future__ import annotations

from datetime import date, timedelta

from ewo_desk.domain.attendance import Mark, PupilRegister, Session

UPN = "C999200121001"  # valid check letter (ctf-attendance.md §3)
OTHER_UPN = "D999200322017"


def marks(upn: str, start: date, pattern: str) -> list[Mark]:
    """Marks from a compact pattern: one character per session, AM then PM, for consecutive
    calendar days from `start`; '.' means no mark. E.g. "/\\/\\" is two present days."""
    found = []
    for index, code in enumerate(pattern):
        if code != ".":
            day = start + timedelta(days=index // 2)
            found.append(Mark(upn, day, Session(index % 2), code))
    return found


def weeks(monday: date, *week_patterns: str, upn: str = UPN) -> PupilRegister:
    """A register from Monday-to-Friday patterns of up to 10 characters, one per calendar week
    (use "" or "." * 10 for a week with no marks)."""
    assert monday.weekday() == 0
    found: list[Mark] = []
    for offset, pattern in enumerate(week_patterns):
        assert len(pattern) <= 10, pattern  # Monday to Friday at most
        found += marks(upn, monday + timedelta(weeks=offset), pattern)
    return PupilRegister.from_marks(upn, found)


def register(upn: str, *entries: tuple[date, str, str]) -> PupilRegister:
    """A register from (date, "AM"/"PM", code) triples."""
    return PupilRegister.from_marks(upn, [Mark(upn, d, Session[s], c) for d, s, c in entries])


PRESENT_WEEK = "/\\" * 5
