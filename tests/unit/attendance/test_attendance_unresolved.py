from datetime import date

from ewo_desk.domain.attendance import Mark, PupilRegister, Session, unresolved_n_codes
from ewo_desk.domain.attendance.unresolved import N_RESOLUTION_SCHOOL_DAYS
from ewo_desk.domain.settings import Policy
from tests.unit.attendance.builders import PRESENT_WEEK, UPN, weeks

MONDAY = date(2025, 1, 6)


def test_flagged_after_more_than_five_school_days():
    reg = weeks(MONDAY, "N\\/\\/\\/\\/\\", PRESENT_WEEK)
    # Tue-Fri and the next Monday are five school days: not yet.
    assert unresolved_n_codes(reg, date(2025, 1, 13)) == ()
    flagged = unresolved_n_codes(reg, date(2025, 1, 14))
    assert [(f.mark, f.school_days_open) for f in flagged] == [
        (Mark(UPN, MONDAY, Session.AM, "N"), 6)
    ]


def test_school_days_come_from_the_pupils_own_marks():
    # Half-term week between: holidays do not count, nor days of closure marks only.
    reg = weeks(MONDAY, "/\\/\\/\\/\\N\\", "", "##########", "/\\/\\/\\/\\/\\")
    assert unresolved_n_codes(reg, date(2025, 1, 30)) == ()  # Mon-Thu of week 4: four days
    assert len(unresolved_n_codes(reg, date(2025, 1, 31))) == 0  # Friday: five
    later = weeks(MONDAY, "/\\/\\/\\/\\N\\", "", "##########", PRESENT_WEEK, "/\\")
    assert [f.school_days_open for f in unresolved_n_codes(later, date(2025, 2, 3))] == [6]


def test_days_without_marks_after_the_last_import_do_not_count():
    reg = weeks(MONDAY, "N\\/\\/\\")
    assert unresolved_n_codes(reg, date(2025, 3, 1)) == ()  # only two school days known


def test_n_after_as_of_is_ignored_and_resolved_codes_are_not_flagged():
    reg = weeks(MONDAY, "/\\/\\/\\/\\/\\", PRESENT_WEEK, "N\\/\\/\\/\\/\\")
    assert unresolved_n_codes(reg, date(2025, 1, 31)) == ()
    resolved = weeks(MONDAY, "O\\/\\/\\/\\/\\", PRESENT_WEEK)
    assert unresolved_n_codes(resolved, date(2025, 1, 17)) == ()


def test_each_session_is_flagged_and_the_limit_is_a_setting():
    reg = weeks(MONDAY, "NN/\\/\\/\\/\\")
    policy = Policy({N_RESOLUTION_SCHOOL_DAYS.key: 3})
    assert unresolved_n_codes(reg, date(2025, 1, 9), policy) == ()  # Tue-Thu: three
    flagged = unresolved_n_codes(reg, date(2025, 1, 10), policy)
    assert [f.mark.session for f in flagged] == [Session.AM, Session.PM]


def test_empty_register():
    assert unresolved_n_codes(PupilRegister(UPN, (), ()), date(2025, 1, 1)) == ()
