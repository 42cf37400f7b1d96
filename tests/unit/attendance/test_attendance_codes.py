from datetime import date

import pytest

from ewo_desk.domain.attendance import (
    CODES_BEFORE_2024,
    CODES_FROM_2024,
    Category,
    UnknownCode,
    category_of,
    code_set,
)
from ewo_desk.domain.attendance.codes import Q_CATEGORY
from ewo_desk.domain.settings import Policy

DAY_BEFORE = date(2024, 8, 18)  # a Sunday: the last day of the 2006 code set
SWITCH = date(2024, 8, 19)
DAY_AFTER = date(2024, 8, 20)

# Written out from the issue and attendance-law.md §1, independently of the module's tables.
EXPECTED_FROM_2024 = {
    **dict.fromkeys(["/", "\\", "L"], Category.PRESENT),
    **dict.fromkeys(["K", "V", "P", "W", "B"], Category.APPROVED_ACTIVITY),
    **dict.fromkeys(["C1", "M", "J1", "S", "C2", "C", "T", "R", "I", "E"], Category.AUTHORISED),
    **dict.fromkeys(["G", "N", "O", "U"], Category.UNAUTHORISED),
    **dict.fromkeys(
        ["D", "X", "Q", "Z", "#"] + [f"Y{n}" for n in range(1, 8)], Category.NOT_COUNTED
    ),
}
EXPECTED_BEFORE_2024 = {
    **dict.fromkeys(["/", "\\", "L"], Category.PRESENT),
    **dict.fromkeys(["B", "J", "P", "V", "W"], Category.APPROVED_ACTIVITY),
    **dict.fromkeys(["C", "E", "F", "H", "I", "M", "R", "S", "T"], Category.AUTHORISED),
    **dict.fromkeys(["G", "N", "O", "U"], Category.UNAUTHORISED),
    **dict.fromkeys(["D", "X", "Y", "Z", "#"], Category.NOT_COUNTED),
}
NOT_BEFORE_2024 = ["K", "C1", "C2", "J1", "Q"] + [f"Y{n}" for n in range(1, 8)]
NOT_FROM_2024 = ["H", "F", "J", "Y"]


def test_code_sets_are_exactly_the_expected_sets():
    assert set(CODES_FROM_2024) == set(EXPECTED_FROM_2024)
    assert set(CODES_BEFORE_2024) == set(EXPECTED_BEFORE_2024)


@pytest.mark.parametrize(("code", "category"), EXPECTED_FROM_2024.items())
def test_category_from_19_august_2024(code, category):
    assert category_of(code, SWITCH) is category
    assert category_of(code, date(2026, 2, 28)) is category


@pytest.mark.parametrize(("code", "category"), EXPECTED_BEFORE_2024.items())
def test_category_up_to_18_august_2024(code, category):
    assert category_of(code, DAY_BEFORE) is category
    assert category_of(code, date(2020, 2, 29)) is category


@pytest.mark.parametrize("code", NOT_BEFORE_2024)
def test_new_codes_did_not_exist_on_18_august_2024(code):
    with pytest.raises(UnknownCode) as caught:
        category_of(code, DAY_BEFORE)
    assert caught.value.code == code
    assert "before 19/08/2024" in str(caught.value)
    assert category_of(code, SWITCH) is not None


@pytest.mark.parametrize("code", NOT_FROM_2024)
def test_removed_codes_fail_from_19_august_2024(code):
    assert category_of(code, DAY_BEFORE) is not None
    with pytest.raises(UnknownCode, match="from 19/08/2024.*19/08/2024"):
        category_of(code, SWITCH)
    with pytest.raises(UnknownCode):
        category_of(code, DAY_AFTER)


def test_j_was_approved_activity_and_j1_is_authorised_leave():
    assert category_of("J", DAY_BEFORE) is Category.APPROVED_ACTIVITY
    assert category_of("J1", SWITCH) is Category.AUTHORISED


@pytest.mark.parametrize("code", ["", "n", "?", "7", "Y8", "/ ", "C3"])
def test_unknown_code_names_code_and_date(code):
    with pytest.raises(UnknownCode) as caught:
        category_of(code, date(2025, 1, 6))
    assert repr(code) in str(caught.value)
    assert "06/01/2025" in str(caught.value)


def test_possible_and_absence_flags():
    assert [c for c in Category if not c.possible] == [Category.NOT_COUNTED]
    assert {c for c in Category if c.absence} == {Category.AUTHORISED, Category.UNAUTHORISED}


def test_q_category_is_a_council_setting():
    assert category_of("Q", SWITCH) is Category.NOT_COUNTED
    policy = Policy({Q_CATEGORY.key: "authorised"})
    assert category_of("Q", SWITCH, policy) is Category.AUTHORISED
    with pytest.raises(UnknownCode):  # the setting does not invent Q before it existed
        category_of("Q", DAY_BEFORE, policy)
    with pytest.raises(ValueError, match="attendance.code_q_category"):
        category_of("Q", SWITCH, Policy({Q_CATEGORY.key: "sometimes"}))


def test_code_set_by_date_carries_meanings():
    assert code_set(DAY_BEFORE)["H"].meaning.startswith("Family holiday")
    assert code_set(SWITCH)["C2"].meaning == "Leave: temporary reduced timetable"
