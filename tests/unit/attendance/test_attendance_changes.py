from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ewo_desk.domain.attendance import (
    MarkChange,
    PupilRegister,
    Session,
    changed_marks,
    newest_marks,
)
from tests.unit.attendance.builders import OTHER_UPN, UPN, weeks

MONDAY = date(2025, 1, 6)


def test_changes_are_new_and_recoded_sessions_only():
    first = weeks(MONDAY, "/\\NN/\\")  # Mon-Wed
    second = weeks(MONDAY, "..IO/\\/\\")  # Tue recoded, Thu added, Mon not sent
    assert changed_marks(first, second) == (
        MarkChange(UPN, date(2025, 1, 7), Session.AM, "N", "I"),
        MarkChange(UPN, date(2025, 1, 7), Session.PM, "N", "O"),
        MarkChange(UPN, date(2025, 1, 9), Session.AM, None, "/"),
        MarkChange(UPN, date(2025, 1, 9), Session.PM, None, "\\"),
    )
    assert changed_marks(first, first) == ()


def test_newest_mark_wins_and_unsent_sessions_stay():
    first = weeks(MONDAY, "/\\NN/\\")
    second = weeks(MONDAY, "..IO")
    merged = newest_marks(first, second)
    assert merged.codes == ("/", "\\", "I", "O", "/", "\\")
    assert newest_marks(second, first).codes == ("/", "\\", "N", "N", "/", "\\")


def test_pupils_must_match():
    with pytest.raises(ValueError):
        changed_marks(weeks(MONDAY, "/"), weeks(MONDAY, "/", upn=OTHER_UPN))
    with pytest.raises(ValueError):
        newest_marks(weeks(MONDAY, "/"), weeks(MONDAY, "/", upn=OTHER_UPN))
    with pytest.raises(ValueError):
        newest_marks()


patterns = st.text(alphabet="./\\NOI", max_size=10)


@given(patterns, patterns)
def test_applying_the_changes_gives_the_newest_marks(old_pattern, new_pattern):
    older, newer = weeks(MONDAY, old_pattern), weeks(MONDAY, new_pattern)
    merged = dict(zip(older.slots, older.codes, strict=True))
    for change in changed_marks(older, newer):
        merged[change.date.toordinal() * 2 + change.session] = change.new
    ordered = sorted(merged.items())
    rebuilt = PupilRegister(UPN, tuple(s for s, _ in ordered), tuple(c for _, c in ordered))
    assert rebuilt == newest_marks(older, newer)
