"""Working days, deemed service, months, school weeks and UK time, each at its edges."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from ewo_desk.domain.calendar import (
    DEEMED_SERVICE_WORKING_DAYS,
    SchoolCalendar,
    Term,
    add_months,
    add_working_days,
    add_years,
    birthday_in,
    deemed_service,
    end_of_day,
    hours_in_day,
    is_bank_holiday,
    is_working_day,
    last_day_of_period,
    last_weekday_of_month,
    london_date,
    london_datetime,
    on_or_before,
    week_start,
)
from ewo_desk.domain.settings import Policy

from ._builders import CALENDAR


@pytest.mark.parametrize(
    "day, holiday",
    [
        (date(2026, 4, 2), False),  # Maundy Thursday
        (date(2026, 4, 3), True),  # Good Friday
        (date(2026, 4, 6), True),  # Easter Monday
        (date(2026, 12, 25), True),
        (date(2026, 12, 26), True),  # Boxing Day on a Saturday ...
        (date(2026, 12, 28), True),  # ... gives a substitute Monday
        (date(2027, 12, 27), True),  # Christmas on a Saturday: Monday and Tuesday substitutes
        (date(2027, 12, 28), True),
        (date(2027, 12, 29), False),
    ],
)
def test_england_and_wales_bank_holidays(day: date, holiday: bool) -> None:
    assert is_bank_holiday(day) is holiday


def test_weekend_is_not_a_working_day() -> None:
    assert not is_working_day(date(2026, 3, 28))  # Saturday
    assert is_working_day(date(2026, 3, 30))


@pytest.mark.parametrize(
    "posted, expected",
    [
        (date(2026, 3, 30), date(2026, 4, 1)),  # Monday -> Wednesday
        (date(2026, 3, 27), date(2026, 3, 31)),  # Friday -> Tuesday
        (date(2026, 4, 1), date(2026, 4, 7)),  # Wednesday before Easter: Thu, (Fri, Mon hols) Tue
        (date(2026, 4, 2), date(2026, 4, 8)),  # Thursday before Easter -> Wednesday after
        (date(2026, 12, 23), date(2026, 12, 29)),  # Thu 24, then the 25th, 28th are holidays
        (date(2027, 12, 24), date(2027, 12, 30)),  # both Christmas substitute days skipped
    ],
)
def test_deemed_service_second_working_day_after_posting(posted: date, expected: date) -> None:
    assert deemed_service(posted, Policy()) == expected


def test_deemed_service_days_is_council_policy() -> None:
    one_day = Policy({DEEMED_SERVICE_WORKING_DAYS.key: 1})
    assert deemed_service(date(2026, 4, 2), one_day) == date(2026, 4, 7)


def test_add_working_days_zero_and_backwards() -> None:
    assert add_working_days(date(2026, 4, 4), 0) == date(2026, 4, 4)
    assert add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 2)


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # leap year
        (date(2028, 2, 29), 6, date(2028, 8, 29)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 2, 29), 48, date(2032, 2, 29)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
    ],
)
def test_add_months_uses_the_corresponding_date_or_month_end(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


def test_three_years_from_29_february_is_28_february() -> None:
    assert add_years(date(2028, 2, 29), 3) == date(2031, 2, 28)
    assert add_years(date(2028, 2, 29), 4) == date(2032, 2, 29)


def test_birthday_of_a_leapling_is_1_march_in_a_common_year() -> None:
    assert birthday_in(2033, date(2028, 2, 29)) == date(2033, 3, 1)
    assert birthday_in(2032, date(2028, 2, 29)) == date(2032, 2, 29)


def test_periods_beginning_with_a_day_count_that_day() -> None:
    assert last_day_of_period(date(2026, 4, 8), 21) == date(2026, 4, 28)
    assert last_day_of_period(date(2026, 4, 8), 21, includes_start=False) == date(2026, 4, 29)
    with pytest.raises(ValueError):
        last_day_of_period(date(2026, 4, 8), 0)


def test_last_weekday_of_month() -> None:
    assert last_weekday_of_month(2026, 3, 6) == date(2026, 3, 29)  # clocks go forward
    assert last_weekday_of_month(2026, 10, 6) == date(2026, 10, 25)  # clocks go back
    assert last_weekday_of_month(2030, 6, 4) == date(2030, 6, 28)


# --- school calendar ---


def test_school_days_skip_weekends_bank_holidays_and_closures() -> None:
    cal = SchoolCalendar.from_terms(
        [Term(date(2025, 4, 22), date(2025, 5, 23))], closures=[date(2025, 5, 9)]
    )
    assert cal.is_school_day(date(2025, 5, 2))
    assert not cal.is_school_day(date(2025, 5, 5))  # May Day bank holiday in term
    assert not cal.is_school_day(date(2025, 5, 9))  # INSET day
    assert not cal.is_school_day(date(2025, 5, 10))  # Saturday
    assert cal.school_days_between(date(2025, 5, 5), date(2025, 5, 9)) == 3


def test_term_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError):
        Term(date(2025, 5, 2), date(2025, 5, 1))


def test_half_term_week_is_not_a_school_week() -> None:
    assert CALENDAR.is_school_week(date(2025, 2, 14))
    assert not CALENDAR.is_school_week(date(2025, 2, 19))
    # 3 Feb to 7 Mar 2025 spans five calendar weeks, one of them half-term.
    assert CALENDAR.school_weeks_between(date(2025, 2, 3), date(2025, 3, 7)) == 4
    assert CALENDAR.school_weeks_between(date(2025, 2, 15), date(2025, 2, 23)) == 0


def test_add_school_weeks_without_a_holiday_is_plain_weeks() -> None:
    assert CALENDAR.add_school_weeks(date(2025, 3, 3), 3) == date(2025, 3, 23)


def test_add_school_weeks_stretches_over_half_term() -> None:
    # Wednesday start; the half-term week does not count.
    assert CALENDAR.add_school_weeks(date(2025, 2, 5), 3) == date(2025, 3, 4)


def test_add_school_weeks_over_easter_with_easter_monday_in_the_first_week_back() -> None:
    # 31 Mar-6 Apr counts; 7-20 Apr is the holiday; 21 Apr (Easter Monday) week counts.
    assert CALENDAR.add_school_weeks(date(2025, 3, 31), 3) == date(2025, 5, 4)


def test_a_start_after_the_last_day_of_term_waits_for_the_next_school_week() -> None:
    # Saturday 5 Apr: that week had school before the start only, so it does not count.
    assert CALENDAR.add_school_weeks(date(2025, 4, 5), 1) == date(2025, 4, 27)


def test_beyond_known_term_dates_weekdays_are_assumed() -> None:
    assert not CALENDAR.knows(date(2026, 9, 1))
    assert CALENDAR.is_school_day(date(2026, 9, 1))
    assert not CALENDAR.is_school_day(date(2026, 8, 31))  # bank holiday even when guessing
    empty = SchoolCalendar(frozenset())
    assert empty.add_school_weeks(date(2026, 3, 2), 1) == date(2026, 3, 8)


def test_calendar_from_session_dates() -> None:
    days = [date(2025, 3, 3), date(2025, 3, 4), date(2025, 3, 6)]
    cal = SchoolCalendar.from_session_dates(days)
    assert cal.knows(date(2025, 3, 5)) and not cal.is_school_day(date(2025, 3, 5))
    assert cal.add_school_days(date(2025, 3, 3), 2) == date(2025, 3, 6)
    assert SchoolCalendar.from_session_dates([]).known_from is None


def test_week_start_is_monday() -> None:
    assert week_start(date(2025, 3, 9)) == date(2025, 3, 3)
    assert week_start(date(2025, 3, 3)) == date(2025, 3, 3)


# --- Europe/London ---


def test_day_lengths_on_clock_change_days() -> None:
    assert hours_in_day(date(2026, 3, 28)) == 24
    assert hours_in_day(date(2026, 3, 29)) == 23
    assert hours_in_day(date(2026, 10, 25)) == 25
    assert hours_in_day(date(2026, 10, 26)) == 24


def test_end_of_day_deadline_when_clocks_go_forward() -> None:
    deadline = date(2026, 3, 29)
    assert end_of_day(deadline) == datetime(2026, 3, 29, 23, 0, tzinfo=UTC)
    assert on_or_before(datetime(2026, 3, 29, 22, 59, tzinfo=UTC), deadline)
    assert not on_or_before(datetime(2026, 3, 29, 23, 0, tzinfo=UTC), deadline)
    assert not on_or_before(datetime(2026, 3, 29, 23, 30, tzinfo=UTC), deadline)


def test_end_of_day_deadline_when_clocks_go_back() -> None:
    deadline = date(2026, 10, 25)
    assert end_of_day(deadline) == datetime(2026, 10, 26, 0, 0, tzinfo=UTC)
    assert on_or_before(datetime(2026, 10, 25, 23, 30, tzinfo=UTC), deadline)
    assert not on_or_before(datetime(2026, 10, 26, 0, 0, tzinfo=UTC), deadline)
    # The day before the change is still in BST: its day ends at 23:00 UTC.
    assert not on_or_before(datetime(2026, 10, 24, 23, 30, tzinfo=UTC), date(2026, 10, 24))


def test_london_date_and_wall_times() -> None:
    assert london_date(datetime(2026, 7, 1, 23, 30, tzinfo=UTC)) == date(2026, 7, 2)
    assert london_date(datetime(2026, 1, 1, 23, 30, tzinfo=UTC)) == date(2026, 1, 1)
    skipped = london_datetime(date(2026, 3, 29), time(1, 30))  # does not exist in London
    assert skipped.hour == 2 and skipped.utcoffset() == timedelta(hours=1)
    repeated = london_datetime(date(2026, 10, 25), time(1, 30))  # happens twice: first taken
    assert repeated.utcoffset() == timedelta(hours=1)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        on_or_before(datetime(2026, 3, 29, 12, 0), date(2026, 3, 29))
