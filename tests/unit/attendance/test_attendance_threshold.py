from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ewo_desk.domain.attendance import (
    Mark,
    PupilRegister,
    Session,
    category_of,
    penalty_threshold,
)
from tests.unit.attendance.builders import PRESENT_WEEK, UPN, marks, register, weeks

HOLIDAY = ""
FIVE_O = "OOOOO/\\/\\/"  # Mon, Tue, Wed AM unauthorised
MONDAY = date(2025, 1, 6)


def test_nine_sessions_do_not_meet_it_and_the_tenth_does():
    nine = weeks(MONDAY, "OOOOOOOOO\\", PRESENT_WEEK)
    result = penalty_threshold(nine)
    assert not result.met and result.met_on is None and result.met_session is None
    assert result.unauthorised_in_window == 9

    ten = weeks(MONDAY, "OOOOOOOOO\\", "G\\/\\/\\/\\/\\")
    result = penalty_threshold(ten)
    assert result.met
    assert (result.met_on, result.met_session) == (date(2025, 1, 13), Session.AM)
    assert result.unauthorised_in_window == 10


def test_am_is_walked_before_pm():
    reg = weeks(MONDAY, "OOOOOOOO/\\", "/\\/\\NU/\\/\\")
    result = penalty_threshold(reg)
    assert (result.met_on, result.met_session) == (date(2025, 1, 15), Session.PM)
    early = weeks(MONDAY, "OOOOOOOO/\\", "/\\/\\NN/\\/\\")
    assert penalty_threshold(early).met_session is Session.PM  # 9th AM, 10th PM
    first = weeks(MONDAY, "OOOOOOOOO\\", "/\\/\\U\\/\\/\\")
    assert penalty_threshold(first).met_session is Session.AM


def test_only_g_n_o_u_count():
    reg = weeks(MONDAY, "IIMMCCLLSS", "TTRREEBBVV", "PPWWKK/\\/\\", "OOOOOOOOO\\")
    result = penalty_threshold(reg)
    assert not result.met and result.unauthorised_in_window == 9
    assert penalty_threshold(weeks(MONDAY, "GGNNOOUUGN")).met


def test_the_window_is_this_week_and_the_nine_school_weeks_before():
    # One O in school week 2, nine in week 11: weeks 2..11 hold ten.
    in_window = weeks(MONDAY, PRESENT_WEEK, "O\\/\\/\\/\\/\\", *[PRESENT_WEEK] * 8, "OOOOOOOOO\\")
    assert penalty_threshold(in_window).met
    # One O in school week 1, nine in week 11: week 1 has left the window.
    outside = weeks(MONDAY, "O\\/\\/\\/\\/\\", PRESENT_WEEK, *[PRESENT_WEEK] * 8, "OOOOOOOOO\\")
    result = penalty_threshold(outside)
    assert not result.met and result.unauthorised_in_window == 9


def test_holiday_weeks_are_skipped_so_the_window_reaches_back():
    # 5 in week 1, a holiday week, 8 present weeks, 5 in the 11th calendar week.
    with_holiday = weeks(MONDAY, FIVE_O, HOLIDAY, *[PRESENT_WEEK] * 8, FIVE_O)
    result = penalty_threshold(with_holiday)
    assert result.met and result.met_on == date(2025, 3, 19)
    assert result.window_start == MONDAY
    # The same with the holiday week in school: week 1 is eleven school weeks back.
    no_holiday = weeks(MONDAY, FIVE_O, PRESENT_WEEK, *[PRESENT_WEEK] * 8, FIVE_O)
    assert not penalty_threshold(no_holiday).met
    assert penalty_threshold(no_holiday).unauthorised_in_window == 5


def test_weeks_of_only_not_possible_marks_are_not_school_weeks():
    for week in ("#" * 10, "X" * 10, "DDDDDQQQZZ"):
        reg = weeks(MONDAY, FIVE_O, week, *[PRESENT_WEEK] * 8, FIVE_O)
        assert penalty_threshold(reg).met, week
    one_possible = weeks(MONDAY, FIVE_O, "#########\\", *[PRESENT_WEEK] * 8, FIVE_O)
    assert not penalty_threshold(one_possible).met


def test_week_runs_monday_to_sunday():
    # 5 in week 1 (from Mon 6 Jan 2025), weeks 2-9 in school, nothing Mon-Fri in week 10,
    # 5 in week 11 (from Mon 17 Mar). A session on a Sunday belongs to the week before it.
    base = [*weeks(MONDAY, FIVE_O, *[PRESENT_WEEK] * 8).marks()]
    eleventh = marks(UPN, date(2025, 3, 17), FIVE_O)
    sunday_of_week_10 = Mark(UPN, date(2025, 3, 16), Session.AM, "/")
    sunday_of_week_9 = Mark(UPN, date(2025, 3, 9), Session.AM, "/")
    met = PupilRegister.from_marks(UPN, [*base, *eleventh, sunday_of_week_9])
    assert penalty_threshold(met).met
    not_met = PupilRegister.from_marks(UPN, [*base, *eleventh, sunday_of_week_10])
    assert not penalty_threshold(not_met).met


def test_window_spans_the_summer_holiday_and_school_years():
    # 4 + 3 in the last two weeks of July, then the summer holiday, then 4 in September.
    summer_term = marks(UPN, date(2025, 7, 14), "/\\/\\/\\OOOO" + "...." + "/\\OOO\\/\\/\\")
    autumn_term = marks(UPN, date(2025, 9, 1), "OOOO/\\/\\/\\")
    reg = PupilRegister.from_marks(UPN, [*summer_term, *autumn_term])
    result = penalty_threshold(reg)
    assert result.met
    assert (result.met_on, result.met_session) == (date(2025, 9, 2), Session.AM)
    assert result.window_start == date(2025, 7, 14)
    assert [m.date for m in result.sessions][:2] == [date(2025, 7, 17), date(2025, 7, 17)]


def test_window_spans_the_2024_code_switch():
    # The rule as stated counts G N O U whatever the code set; both sets have them.
    before = marks(UPN, date(2024, 7, 15), "OOOOOH\\/\\")  # H: agreed holiday, old set
    after = marks(UPN, date(2024, 9, 2), "GGGGG\\/\\/\\")
    result = penalty_threshold(PupilRegister.from_marks(UPN, [*before, *after]))
    assert result.met and result.met_on == date(2024, 9, 4)


def test_leap_day_session_can_be_the_tenth():
    reg = weeks(date(2024, 2, 26), "/\\/\\/\\O/\\/", "OOOOOOOO/\\")
    assert not penalty_threshold(reg).met  # 9
    reg = weeks(date(2024, 2, 19), "OOOOOOOOO\\", "/\\/\\/\\O\\/\\")
    result = penalty_threshold(reg)
    assert (result.met_on, result.met_session) == (date(2024, 2, 29), Session.AM)


def test_it_is_met_at_the_first_session_and_stays_there():
    reg = weeks(MONDAY, "OOOOOOOOOO", "OOOOOOOOOO")
    result = penalty_threshold(reg)
    assert (result.met_on, result.met_session, result.unauthorised_in_window) == (
        date(2025, 1, 10),
        Session.PM,
        10,
    )


def test_triggering_sessions_are_the_ten_counted():
    reg = weeks(MONDAY, "OOOOO/\\/\\/", HOLIDAY, *[PRESENT_WEEK] * 8, "OOOOOOO\\/\\")
    result = penalty_threshold(reg)
    assert len(result.sessions) == 10
    assert result.sessions[0] == Mark(UPN, MONDAY, Session.AM, "O")
    assert result.sessions[-1].date == result.met_on
    assert result.sessions[-1].session == result.met_session
    assert all(m.code == "O" for m in result.sessions)


def test_not_met_reports_the_first_highest_window():
    reg = weeks(MONDAY, "OOO\\/\\/\\/\\", *[PRESENT_WEEK] * 12, "OO/\\/\\/\\/\\")
    result = penalty_threshold(reg)
    assert not result.met and result.unauthorised_in_window == 3
    assert [m.date for m in result.sessions] == [MONDAY, MONDAY, date(2025, 1, 7)]


def test_no_unauthorised_sessions():
    result = penalty_threshold(weeks(MONDAY, PRESENT_WEEK))
    assert (result.met, result.unauthorised_in_window, result.sessions) == (False, 0, ())
    assert penalty_threshold(PupilRegister(UPN, (), ())).window_start is None


def test_sessions_in_one_day_on_a_weekend_count():
    reg = register(
        UPN,
        *[(date(2025, 1, 11) + timedelta(days=i), s, "O") for i in range(5) for s in ("AM", "PM")],
    )
    assert penalty_threshold(reg).met  # Sat to Wed: two weeks, ten sessions


# --- against a literal reading of the rule -------------------------------------------------

GNOU = {"G", "N", "O", "U"}


def oracle(reg: PupilRegister) -> tuple[bool, date | None, Session | None, int]:
    """The issue's words, done the slow way."""
    all_marks = sorted(reg.marks(), key=lambda m: (m.date, m.session))

    def monday(day: date) -> date:
        return day - timedelta(days=day.weekday())

    school_weeks = sorted(
        {monday(m.date) for m in all_marks if category_of(m.code, m.date).possible}
    )
    best = 0
    for mark in all_marks:
        if mark.code not in GNOU:
            continue
        index = school_weeks.index(monday(mark.date))
        window = set(school_weeks[max(0, index - 9) : index + 1])
        count = sum(
            1
            for other in all_marks
            if other.code in GNOU
            and monday(other.date) in window
            and (other.date, other.session) <= (mark.date, mark.session)
        )
        if count >= 10:
            return True, mark.date, mark.session, count
        best = max(best, count)
    return False, None, None, best


@st.composite
def sparse_registers(draw):
    start = draw(st.dates(date(2023, 1, 2), date(2025, 12, 1)))
    start -= timedelta(days=start.weekday())
    day_offsets = draw(st.lists(st.integers(0, 7 * 30), min_size=0, max_size=80, unique=True))
    found = []
    for offset in day_offsets:
        day = start + timedelta(days=offset)
        codes = ["O", "G", "N", "U", "/", "\\", "I", "#", "X"]
        for session in Session:
            code = draw(st.sampled_from(codes + [""]))
            if code:
                found.append(Mark(UPN, day, session, code))
    return PupilRegister.from_marks(UPN, found)


@settings(max_examples=300)
@given(sparse_registers())
def test_agrees_with_a_literal_reading(reg):
    result = penalty_threshold(reg)
    assert (
        result.met,
        result.met_on,
        result.met_session,
        result.unauthorised_in_window,
    ) == oracle(reg)
    assert len(result.sessions) == result.unauthorised_in_window
