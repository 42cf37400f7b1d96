from datetime import date

import pytest

from ewo_desk.domain.attendance import PupilRegister, attendance_level
from ewo_desk.domain.attendance.levels import (
    HOLIDAY_TRIGGER_SESSIONS,
    HOLIDAY_WINDOW_SCHOOL_WEEKS,
    LEVEL_BAND_FLOORS,
    LEVEL_WINDOW_SCHOOL_WEEKS,
    band_floors,
)
from ewo_desk.domain.settings import Policy
from tests.unit.attendance.builders import PRESENT_WEEK, weeks

MONDAY = date(2025, 1, 6)
AS_OF = date(2025, 1, 31)  # Friday of the 4th week


def four_weeks_with(absences: int, code: str = "I") -> PupilRegister:
    """40 possible sessions over 4 school weeks, `absences` of them `code`."""
    pattern = (code * absences + PRESENT_WEEK * 4)[:40]
    return weeks(MONDAY, *(pattern[i : i + 10] for i in range(0, 40, 10)))


@pytest.mark.parametrize(
    ("absences", "pct", "level"),
    [(0, 100.0, 1), (4, 90.0, 1), (5, 87.5, 2), (8, 80.0, 2), (9, 77.5, 3), (40, 0.0, 3)],
)
def test_default_bands_at_their_edges(absences, pct, level):
    result = attendance_level(four_weeks_with(absences), AS_OF)
    assert result.attendance_pct == pct
    assert result.level == level
    assert result.window_start == MONDAY


def test_only_the_last_four_school_weeks_count():
    # A terrible week 1, then a holiday week, then four full weeks: level 1.
    reg = weeks(MONDAY, "I" * 10, "", PRESENT_WEEK, PRESENT_WEEK, PRESENT_WEEK, PRESENT_WEEK)
    result = attendance_level(reg, date(2025, 2, 14))
    assert result.level == 1 and result.window_start == date(2025, 1, 20)
    # As of the end of week 4 (calendar week 5), week 1 is back in the window.
    earlier = attendance_level(reg, date(2025, 2, 7))
    assert earlier.window_start == MONDAY and earlier.level == 3


def test_marks_after_as_of_are_ignored():
    reg = weeks(MONDAY, PRESENT_WEEK, "I" * 10)
    assert attendance_level(reg, date(2025, 1, 12)).level == 1
    monday = attendance_level(reg, date(2025, 1, 13))
    assert (monday.attendance_pct, monday.level) == (1000 / 12, 2)  # 10 of 12 sessions
    assert attendance_level(reg, date(2025, 1, 17)).level == 3


def test_holiday_trigger_at_eight_sessions_of_g():
    seven = attendance_level(four_weeks_with(7, "G"), AS_OF)
    eight = attendance_level(four_weeks_with(8, "G"), AS_OF)
    assert (seven.holiday_sessions, seven.holiday_trigger) == (7, False)
    assert (eight.holiday_sessions, eight.holiday_trigger) == (8, True)
    assert not attendance_level(four_weeks_with(8, "O"), AS_OF).holiday_trigger


def test_no_possible_session_has_no_level():
    result = attendance_level(weeks(MONDAY, "#" * 10), AS_OF)
    assert result.level is None and result.attendance_pct is None and result.window_start is None
    assert not result.holiday_trigger


def test_every_number_is_a_council_setting():
    policy = Policy(
        {
            LEVEL_BAND_FLOORS.key: [93, 85.5, 70],
            LEVEL_WINDOW_SCHOOL_WEEKS.key: 1,
            HOLIDAY_TRIGGER_SESSIONS.key: 2,
            HOLIDAY_WINDOW_SCHOOL_WEEKS.key: 1,
        }
    )
    reg = weeks(MONDAY, "GG" + PRESENT_WEEK[2:], PRESENT_WEEK, PRESENT_WEEK, "/\\/\\/\\/\\GG")
    result = attendance_level(reg, AS_OF, policy)
    assert result.window_start == date(2025, 1, 27)  # one school week
    assert result.attendance_pct == 80.0 and result.level == 3  # 4 levels: 93 / 85.5 / 70
    assert result.holiday_sessions == 2 and result.holiday_trigger
    assert band_floors(policy) == (93.0, 85.5, 70.0)


@pytest.mark.parametrize("floors", [[], [80.0, 90.0], [90.0, 90.0], [120.0], [90.0, "80"], [True]])
def test_band_floors_must_fall_from_100_to_0(floors):
    with pytest.raises(ValueError, match="attendance.level_band_floors"):
        attendance_level(four_weeks_with(0), AS_OF, Policy({LEVEL_BAND_FLOORS.key: floors}))
