"""The work list: overdue, due and coming up, with reminders, across the caseload, by date."""

import json
from dataclasses import replace
from datetime import date

import pytest

from ewo_desk.domain.pathway import (
    AttendanceContract,
    ContractReview,
    ContractStatus,
    CourtDirection,
    Deadline,
    EducationSupervisionOrder,
    NtiFinding,
    NtiReview,
    Offence,
    Payment,
    Prosecution,
    Route,
)
from ewo_desk.domain.pathway import rules as R
from ewo_desk.domain.settings import Policy
from ewo_desk.domain.worklist import (
    WINDOW_DAYS,
    WorkStatus,
    case_work_list,
    classify,
    summary,
    work_list,
)

from ._builders import POLICY, SUPPORT, case, child, nti, pn

KID = child(date_of_birth=date(2016, 5, 10))


def items(facts, today, rule=None):
    found = case_work_list(facts, today, POLICY)
    return [i for i in found if rule is None or i.deadline.rule is rule]


def deadline(due: date, **kw: object) -> Deadline:
    base = Deadline(due, "Do it", R.NTI_CHECK, "EWO-1", "c1", "p1", "a")
    return replace(base, **kw)


@pytest.mark.parametrize(
    "due, status",
    [
        (date(2026, 3, 1), WorkStatus.OVERDUE),
        (date(2026, 3, 2), WorkStatus.DUE),
        (date(2026, 3, 16), WorkStatus.COMING_UP),  # 14 days ahead: inside the window
        (date(2026, 3, 17), None),
    ],
)
def test_classify_against_the_window(due: date, status: WorkStatus | None) -> None:
    item = classify(deadline(due), date(2026, 3, 2), 14)
    assert (item.status if item else None) is status


def test_something_that_opens_early_is_due_from_its_opening_day() -> None:
    d = deadline(date(2026, 4, 1), opens_on=date(2026, 3, 20))
    assert classify(d, date(2026, 3, 19), 0) is None
    assert classify(d, date(2026, 3, 20), 0).status is WorkStatus.DUE


# --- penalty notice: the forced decision and the six-month limit ---

UNPAID = pn("a", date(2025, 7, 21), offence_start=date(2025, 6, 2), offence_end=date(2025, 7, 18))
# posted Monday 21/07/2025: deemed received 23/07; payable until 19/08/2025


@pytest.mark.parametrize(
    "today, status",
    [
        (date(2025, 8, 5), None),
        (date(2025, 8, 6), WorkStatus.COMING_UP),
        (date(2025, 8, 19), WorkStatus.COMING_UP),  # last day to pay
        (date(2025, 8, 20), WorkStatus.DUE),  # expired: decide
        (date(2025, 9, 2), WorkStatus.DUE),  # 14 days to decide (policy)
        (date(2025, 9, 3), WorkStatus.OVERDUE),
    ],
)
def test_prosecute_or_withdraw_decision(today: date, status: WorkStatus | None) -> None:
    found = items(case(UNPAID, kid=KID), today, R.PN_EXPIRY)
    assert (found[0].status if found else None) is status


def test_paid_notice_leaves_the_list() -> None:
    paid = replace(UNPAID, payments=(Payment(date(2025, 8, 1), 8000),))
    assert items(case(paid, kid=KID), date(2025, 8, 20)) == []


@pytest.mark.parametrize(
    "today, status, reminder",
    [
        (date(2025, 11, 22), None, ""),
        (date(2025, 11, 23), WorkStatus.COMING_UP, "8 weeks"),
        (date(2025, 12, 20), WorkStatus.COMING_UP, "8 weeks"),
        (date(2025, 12, 21), WorkStatus.COMING_UP, "4 weeks"),
        (date(2026, 1, 4), WorkStatus.COMING_UP, "2 weeks"),
        (date(2026, 1, 18), WorkStatus.DUE, "2 weeks"),
        (date(2026, 1, 19), WorkStatus.OVERDUE, ""),
    ],
)
def test_six_month_limit_reminders_at_8_4_and_2_weeks(
    today: date, status: WorkStatus | None, reminder: str
) -> None:
    found = items(case(UNPAID, kid=KID), today, R.PROSECUTION_TIME_LIMIT)
    if status is None:
        assert found == []
        return
    assert found[0].status is status and found[0].deadline.hard
    assert found[0].due_on == date(2026, 1, 18)
    assert found[0].reminder.startswith(reminder)


def test_one_limit_for_a_notice_and_its_prosecution_file() -> None:
    file = Prosecution(
        "x",
        "p1",
        "c1",
        Offence.S444_1,
        UNPAID.offence_start,
        UNPAID.offence_end,
        Route.SJP,
        date(2025, 9, 1),
        penalty_notice_id="a",
    )
    assert len(items(case(UNPAID, file, kid=KID), date(2026, 1, 10), R.PROSECUTION_TIME_LIMIT)) == 1
    laid = replace(file, information_laid_on=date(2025, 9, 5))
    assert items(case(UNPAID, laid, kid=KID), date(2026, 1, 10), R.PROSECUTION_TIME_LIMIT) == []


# --- contract, notice to improve, ESO, court direction ---


def _contract(**changes: object) -> AttendanceContract:
    base = AttendanceContract(
        "ac1",
        "p1",
        "c1",
        date(2025, 3, 3),
        ContractStatus.IN_FORCE,
        date(2025, 3, 3),
        date(2025, 3, 3),
        date(2025, 3, 3),
        date(2025, 6, 27),
        ("On time",),
        ("Check-ins",),
        first_review_on=date(2025, 3, 31),
    )
    return replace(base, **changes)


def test_contract_review_dates() -> None:
    first = items(case(_contract()), date(2025, 3, 31), R.CONTRACT_REVIEW)
    assert first[0].due_on == date(2025, 3, 31) and first[0].status is WorkStatus.DUE
    reviewed = _contract(reviews=(ContractReview(date(2025, 3, 31), "Better", date(2025, 4, 28)),))
    assert items(case(reviewed), date(2025, 4, 13), R.CONTRACT_REVIEW) == []  # 15 days off
    assert items(case(reviewed), date(2025, 4, 14), R.CONTRACT_REVIEW)[0].due_on == date(
        2025, 4, 28
    )
    unbooked = _contract(first_review_on=None)
    assert items(case(unbooked), date(2025, 4, 1), R.CONTRACT_REVIEW)[0].due_on == date(2025, 4, 14)


def test_notice_to_improve_daily_check_and_outcome() -> None:
    notice = nti("n1", date(2025, 2, 5), date(2025, 3, 25))
    during = items(case(notice), date(2025, 2, 10), R.NTI_CHECK)
    assert [i.due_on for i in during] == [date(2025, 2, 10)]  # outcome is 6 weeks off
    checked = replace(notice, reviews=(NtiReview(date(2025, 2, 10), NtiFinding.CONTINUING),))
    assert items(case(checked), date(2025, 2, 10), R.NTI_CHECK) == []
    last_day = items(case(notice), date(2025, 3, 25), R.NTI_CHECK)
    assert {i.status for i in last_day} == {WorkStatus.DUE}
    end = items(case(notice), date(2025, 3, 26), R.NTI_CHECK)
    assert [i.status for i in end] == [WorkStatus.OVERDUE]


def test_eso_extension_window_in_the_list() -> None:
    order = EducationSupervisionOrder("o1", "c1", date(2025, 6, 10), made_on=date(2025, 9, 1))
    facts = case(order, kid=KID)
    assert items(facts, date(2026, 5, 17), R.ESO_EXTENSION_WINDOW) == []
    soon = items(facts, date(2026, 5, 18), R.ESO_EXTENSION_WINDOW)
    assert soon[0].status is WorkStatus.COMING_UP
    assert items(facts, date(2026, 6, 1), R.ESO_EXTENSION_WINDOW)[0].status is WorkStatus.DUE
    assert items(facts, date(2026, 9, 1), R.ESO_EXTENSION_WINDOW)[0].status is WorkStatus.OVERDUE


def test_court_direction_deadline_until_reasons_or_application() -> None:
    direction = CourtDirection("d1", "c1", date(2026, 3, 2))
    found = items(case(direction, kid=KID), date(2026, 3, 2), R.ESO_COURT_DIRECTION)
    assert found[0].due_on == date(2026, 4, 27) and found[0].deadline.hard
    applied = EducationSupervisionOrder("o1", "c1", date(2026, 3, 20))
    assert items(case(direction, applied, kid=KID), date(2026, 3, 21), R.ESO_COURT_DIRECTION) == []


# --- across the caseload ---


def test_caseload_sorted_by_date_with_the_rule_on_each_item() -> None:
    later = case(UNPAID, kid=KID)
    sooner = replace(case(_contract()), case_ref="EWO-2")
    found = work_list([later, sooner], date(2025, 8, 20), POLICY)
    assert [i.due_on for i in found] == sorted(i.due_on for i in found)
    assert {i.deadline.case_ref for i in found} == {"EWO-1", "EWO-2"}
    assert all(i.deadline.rule.source.startswith("attendance-law.md") for i in found)
    assert sum(summary(found).values()) == len(found)


def test_window_is_policy() -> None:
    wide = Policy({WINDOW_DAYS.key: 30})
    found = case_work_list(case(UNPAID, kid=KID), date(2025, 7, 22), wide)
    assert any(i.deadline.rule is R.PN_EXPIRY for i in found)
    assert not any(
        i.deadline.rule is R.PN_EXPIRY for i in items(case(UNPAID, kid=KID), date(2025, 7, 22))
    )


def test_items_serialise_to_json() -> None:
    found = case_work_list(case(SUPPORT, UNPAID, kid=KID), date(2025, 8, 20), POLICY)
    data = json.loads(json.dumps([i.as_dict() for i in found]))
    assert data[0]["due_on_display"].count("/") == 2 and data[0]["rule"]


def test_missing_posting_date_is_a_task() -> None:
    unposted = replace(UNPAID, posted_on=None)
    found = items(case(unposted, kid=KID), date(2025, 7, 22), R.PN_POSTING)
    assert found[0].status is WorkStatus.OVERDUE
    assert found[0].due_on == date(2025, 7, 21)
