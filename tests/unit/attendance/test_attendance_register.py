from datetime import date

import pytest

from ewo_desk.domain.attendance import (
    DuplicateSession,
    Mark,
    PupilRegister,
    Session,
    UnknownCode,
    group_by_pupil,
)
from ewo_desk.domain.attendance.marks import monday_of_week, week_of_slot
from ewo_desk.domain.attendance.upn import (
    check_letter,
    is_temporary,
    is_upn_shape,
    upn_check_letter_ok,
)
from tests.unit.attendance.builders import OTHER_UPN, UPN

DAY = date(2025, 1, 6)


def test_marks_order_by_pupil_date_then_am_before_pm():
    pm = Mark(UPN, DAY, Session.PM, "/")
    am_next_day = Mark(UPN, date(2025, 1, 7), Session.AM, "/")
    am = Mark(UPN, DAY, Session.AM, "\\")
    assert sorted([am_next_day, pm, am]) == [am, pm, am_next_day]
    assert Session.AM < Session.PM and str(Session.PM) == "PM"


@pytest.mark.parametrize(("text", "session"), [("AM", Session.AM), (" pm ", Session.PM)])
def test_session_parse(text, session):
    assert Session.parse(text) is session


@pytest.mark.parametrize("text", ["", "A", "AMPM", "morning"])
def test_session_parse_refuses_others(text):
    with pytest.raises(ValueError, match="AM or PM"):
        Session.parse(text)


def test_register_sorts_and_drops_identical_repeats():
    marks = [Mark(UPN, DAY, Session.PM, "N"), Mark(UPN, DAY, Session.AM, "/")] * 2
    reg = PupilRegister.from_marks(UPN, marks)
    assert list(reg.marks()) == sorted(set(marks))
    assert (reg.first_date, reg.last_date, len(reg)) == (DAY, DAY, 2)
    assert reg.code_on(DAY, Session.PM) == "N" and reg.code_on(date(2025, 1, 7), Session.AM) is None


def test_different_codes_for_one_session_are_refused():
    with pytest.raises(DuplicateSession, match="06/01/2025 AM: '/' and 'N'"):
        PupilRegister.from_marks(
            UPN, [Mark(UPN, DAY, Session.AM, "/"), Mark(UPN, DAY, Session.AM, "N")]
        )


def test_codes_are_checked_against_their_date():
    with pytest.raises(UnknownCode):
        PupilRegister.from_marks(UPN, [Mark(UPN, date(2024, 8, 19), Session.AM, "H")])
    assert len(PupilRegister.from_marks(UPN, [Mark(UPN, date(2024, 8, 18), Session.AM, "H")])) == 1


def test_a_mark_for_another_pupil_is_refused():
    with pytest.raises(ValueError, match=OTHER_UPN):
        PupilRegister.from_marks(UPN, [Mark(OTHER_UPN, DAY, Session.AM, "/")])


def test_between_is_inclusive():
    marks = [Mark(UPN, date(2025, 1, d), s, "/") for d in (5, 6, 7) for s in Session]
    reg = PupilRegister.from_marks(UPN, marks)
    assert [m.date for m in reg.between(DAY, DAY).marks()] == [DAY, DAY]
    assert len(reg.between(None, DAY)) == 4 and len(reg.between(DAY, None)) == 4
    assert len(reg.between(date(2025, 1, 8), date(2025, 1, 4))) == 0


def test_group_by_pupil():
    marks = [Mark(OTHER_UPN, DAY, Session.AM, "/"), Mark(UPN, DAY, Session.AM, "I")]
    grouped = group_by_pupil(marks)
    assert list(grouped) == [UPN, OTHER_UPN]
    assert grouped[UPN].codes == ("I",)


def test_weeks_run_monday_to_sunday():
    sunday, monday = date(2025, 1, 12), date(2025, 1, 13)
    assert week_of_slot(sunday.toordinal() * 2 + 1) == week_of_slot(DAY.toordinal() * 2)
    assert week_of_slot(monday.toordinal() * 2) == week_of_slot(sunday.toordinal() * 2) + 1
    assert monday_of_week(week_of_slot(date(2024, 2, 29).toordinal() * 2)) == date(2024, 2, 26)


# --- UPN --------------------------------------------------------------------------------------


@pytest.mark.parametrize("upn", ["C999200121001", "D999200322017", "Z99920032500A"])
def test_check_letter_of_the_reference_samples(upn):
    assert check_letter(upn) == upn[0] and upn_check_letter_ok(upn)


def test_wrong_check_letter_and_temporary_upns():
    assert not upn_check_letter_ok("A999200121001")
    assert is_temporary("Z99920032500A") and not is_temporary("C999200121001")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "C99920012100",
        "C9992001210011",
        "c999200121001",
        "I999200121001",
        "C99920012100S",
        "C9992001X1001",
        " C999200121001",
    ],
)
def test_upn_shape(text):
    assert not is_upn_shape(text) and not upn_check_letter_ok(text)
    with pytest.raises(ValueError):
        check_letter(text)
