from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ewo_desk.domain.attendance import (
    CODES_BEFORE_2024,
    CODES_FROM_2024,
    Mark,
    PupilRegister,
    Session,
    UnknownCode,
    last_school_weeks,
    summarise,
)
from tests.unit.attendance.builders import PRESENT_WEEK, UPN, register, weeks


def test_counts_each_category_and_by_code():
    reg = weeks(date(2025, 1, 6), "/\\L\\BVI\\MG", "NOUCDXQ.#.")
    extra = register(UPN, (date(2025, 1, 16), "PM", "Y1"), (date(2025, 1, 17), "PM", "C1"))
    reg = PupilRegister.from_marks(UPN, [*reg.marks(), *extra.marks()])
    f = summarise(reg)
    assert (f.present, f.approved_activity, f.authorised, f.unauthorised) == (5, 2, 4, 4)
    assert f.not_counted == 5  # D X Q Y1 #
    assert f.possible == 15
    assert f.by_code == {
        "/": 1,
        "\\": 3,
        "L": 1,
        "B": 1,
        "V": 1,
        "I": 1,
        "M": 1,
        "G": 1,
        "N": 1,
        "O": 1,
        "U": 1,
        "C": 1,
        "C1": 1,
        "D": 1,
        "X": 1,
        "Q": 1,
        "Y1": 1,
        "#": 1,
    }


def test_percentages_are_unrounded_fractions_of_possible():
    reg = weeks(date(2025, 1, 6), "/\\/\\/\\/\\/I", "/\\/\\/\\/\\/O")
    f = summarise(reg)
    assert f.possible == 20
    assert f.attendance_pct == 90.0 and f.absence_pct == 10.0
    three = summarise(
        register(
            UPN,
            (date(2025, 1, 6), "AM", "/"),
            (date(2025, 1, 6), "PM", "I"),
            (date(2025, 1, 7), "AM", "O"),
        )
    )
    assert three.attendance_pct == pytest.approx(100 / 3, abs=0)  # 33.333..., not 33.3
    assert three.absence_pct == 200 / 3


def test_nothing_possible_gives_none_and_no_flags():
    f = summarise(weeks(date(2025, 1, 6), "##########"))
    assert f.possible == 0 and f.not_counted == 10
    assert f.attendance_pct is None and f.absence_pct is None
    assert not f.persistent and not f.severe
    empty = summarise(PupilRegister(UPN, (), ()))
    assert empty.possible == 0 and empty.by_code == {}


@pytest.mark.parametrize(
    ("absent", "possible", "persistent", "severe"),
    [
        (1, 10, True, False),  # exactly 10 %: persistent
        (1, 11, False, False),  # 9.09 %
        (2, 20, True, False),
        (5, 10, True, True),  # exactly 50 %: severe
        (4, 9, True, False),  # 44 %
        (5, 11, True, False),  # 45 %
        (6, 11, True, True),
        (10, 10, True, True),
        (0, 10, False, False),
    ],
)
def test_persistent_and_severe_edges(absent, possible, persistent, severe):
    start = date(2025, 1, 6)
    codes = ["I"] * absent + ["/"] * (possible - absent)
    reg = PupilRegister.from_marks(
        UPN,
        [Mark(UPN, start + timedelta(days=i // 2), Session(i % 2), c) for i, c in enumerate(codes)],
    )
    f = summarise(reg)
    assert (f.persistent, f.severe) == (persistent, severe)


def test_range_is_inclusive_day_before_of_and_after():
    reg = weeks(date(2025, 1, 6), "/\\IIO\\/\\/\\")  # Wed 8 Jan: O in the AM
    wed = date(2025, 1, 8)
    assert summarise(reg, wed, wed).by_code == {"O": 1, "\\": 1}
    assert summarise(reg, wed + timedelta(days=1), None).unauthorised == 0
    assert summarise(reg, None, wed - timedelta(days=1)).unauthorised == 0
    assert summarise(reg, wed - timedelta(days=1), wed).by_code == {"I": 2, "O": 1, "\\": 1}
    assert summarise(reg, wed, wed).start == wed


def test_range_with_no_marks():
    reg = weeks(date(2025, 1, 6), PRESENT_WEEK)
    f = summarise(reg, date(2025, 2, 1), date(2025, 2, 28))
    assert f.possible == 0 and f.attendance_pct is None


def test_leap_day_is_counted_in_its_range():
    reg = register(
        UPN,
        (date(2024, 2, 28), "AM", "/"),
        (date(2024, 2, 29), "AM", "O"),
        (date(2024, 2, 29), "PM", "O"),
        (date(2024, 3, 1), "AM", "/"),
    )
    assert summarise(reg, date(2024, 2, 29), date(2024, 2, 29)).unauthorised == 2
    assert summarise(reg, None, date(2024, 2, 28)).unauthorised == 0
    assert summarise(reg, date(2024, 3, 1), None).unauthorised == 0


def test_code_sets_are_applied_by_session_date_across_the_switch():
    # J on Sun 18 Aug 2024 is an old-set interview (approved activity); J1 on Mon 19 Aug is
    # authorised leave; H is allowed before only.
    reg = register(
        UPN,
        (date(2024, 8, 16), "AM", "H"),
        (date(2024, 8, 18), "AM", "J"),
        (date(2024, 8, 19), "AM", "J1"),
        (date(2024, 8, 19), "PM", "K"),
    )
    f = summarise(reg)
    assert (f.approved_activity, f.authorised) == (2, 2)  # J + K; H + J1
    assert summarise(reg, date(2024, 8, 19)).approved_activity == 1


def test_unknown_code_in_a_register_built_without_checks_raises():
    bad = PupilRegister(UPN, (date(2025, 1, 6).toordinal() * 2,), ("H",))
    with pytest.raises(UnknownCode, match="06/01/2025"):
        summarise(bad)


# --- last N school weeks ---------------------------------------------------------------------

HALF_TERM = "." * 10


def test_last_school_weeks_skips_a_holiday_week():
    # Weeks from Mon 3 Feb 2025; half-term in the week of 17 Feb.
    reg = weeks(date(2025, 2, 3), PRESENT_WEEK, PRESENT_WEEK, HALF_TERM, PRESENT_WEEK, PRESENT_WEEK)
    as_of = date(2025, 3, 7)
    assert last_school_weeks(reg, 4, as_of) == (date(2025, 2, 3), as_of)
    assert last_school_weeks(reg, 3, as_of) == (date(2025, 2, 10), as_of)


def test_a_week_of_only_closure_marks_is_not_a_school_week():
    reg = weeks(date(2025, 2, 3), PRESENT_WEEK, "#" * 10, PRESENT_WEEK)
    assert last_school_weeks(reg, 2, date(2025, 2, 21)) == (date(2025, 2, 3), date(2025, 2, 21))


def test_last_school_weeks_counts_the_as_of_week_only_once_it_has_a_session():
    reg = weeks(date(2025, 3, 3), PRESENT_WEEK, PRESENT_WEEK)
    sunday = date(2025, 3, 9)
    monday = date(2025, 3, 10)
    assert last_school_weeks(reg, 1, sunday) == (date(2025, 3, 3), sunday)
    assert last_school_weeks(reg, 1, monday) == (monday, monday)
    assert last_school_weeks(reg, 1, date(2025, 3, 2)) is None


def test_last_school_weeks_reaches_back_over_the_summer_into_last_year():
    july = weeks(date(2025, 7, 14), PRESENT_WEEK, PRESENT_WEEK)
    september = weeks(date(2025, 9, 1), PRESENT_WEEK)
    reg = PupilRegister.from_marks(UPN, [*july.marks(), *september.marks()])
    assert last_school_weeks(reg, 3, date(2025, 9, 5)) == (date(2025, 7, 14), date(2025, 9, 5))
    assert last_school_weeks(reg, 10, date(2025, 9, 5))[0] == date(2025, 7, 14)  # fewer exist


def test_last_school_weeks_rejects_zero():
    with pytest.raises(ValueError):
        last_school_weeks(PupilRegister(UPN, (), ()), 0, date(2025, 1, 1))


# --- properties -----------------------------------------------------------------------------

NEW = sorted(CODES_FROM_2024)
OLD = sorted(CODES_BEFORE_2024)


@st.composite
def registers(draw):
    start = draw(st.dates(date(2023, 6, 1), date(2025, 6, 1)))
    offsets = draw(st.lists(st.integers(0, 400), max_size=60, unique=True))
    found = []
    for offset in offsets:
        day = start + timedelta(days=offset // 2)
        codes = NEW if day >= date(2024, 8, 19) else OLD
        found.append(Mark(UPN, day, Session(offset % 2), draw(st.sampled_from(codes))))
    return PupilRegister.from_marks(UPN, found)


@given(registers())
def test_figures_add_up(reg):
    f = summarise(reg)
    assert f.possible == f.present + f.approved_activity + f.authorised + f.unauthorised
    assert f.possible + f.not_counted == len(reg) == sum(f.by_code.values())
    if f.possible:
        assert f.attendance_pct + f.absence_pct == pytest.approx(100)
        exact = Fraction(f.absent, f.possible)
        assert f.persistent == (exact >= Fraction(1, 10))
        assert f.severe == (exact >= Fraction(1, 2))


@given(registers(), st.integers(0, 250))
def test_adjacent_ranges_add_up(reg, split_offset):
    if not len(reg):
        return
    split = reg.first_date + timedelta(days=split_offset)
    whole = summarise(reg)
    before = summarise(reg, None, split)
    after = summarise(reg, split + timedelta(days=1), None)
    for name in ("present", "approved_activity", "authorised", "unauthorised", "not_counted"):
        assert getattr(before, name) + getattr(after, name) == getattr(whole, name)
