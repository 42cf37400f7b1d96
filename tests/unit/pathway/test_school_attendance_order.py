"""School attendance order: a s.437(1) notice of at least 15 days, then the naming notice."""

from datetime import date

import pytest

from ewo_desk.domain.pathway import (
    SchoolAttendanceOrder,
    Severity,
    StepKind,
    check_action,
    may_issue,
)

from ._builders import POLICY, case, ids, messages

SERVED = date(2026, 3, 2)


@pytest.mark.parametrize("days, blocked", [(14, True), (15, False)])
def test_notice_gives_at_least_15_days(days: int, blocked: bool) -> None:
    notice = SchoolAttendanceOrder("s1", "c1", SERVED, notice_days=days)
    decision = check_action(notice, case(notice), SERVED, POLICY)
    assert ("sao.notice_period" in ids(decision, Severity.BLOCK)) is blocked


def test_notice_says_when_the_parent_must_answer() -> None:
    notice = SchoolAttendanceOrder("s1", "c1", SERVED)
    assert "16/03/2026" in messages(check_action(notice, case(notice), SERVED, POLICY))


@pytest.mark.parametrize("on, blocked", [(date(2026, 3, 16), True), (date(2026, 3, 17), False)])
def test_order_only_after_the_notice_period(on: date, blocked: bool) -> None:
    facts = case(SchoolAttendanceOrder("s1", "c1", SERVED, naming_notice_served_on=SERVED))
    decision = may_issue(StepKind.SCHOOL_ATTENDANCE_ORDER, None, "c1", facts, on, POLICY)
    assert decision.target_id == "s1"
    assert ("sao.after_notice" in ids(decision, Severity.BLOCK)) is blocked


def test_naming_notice_first_and_the_choice_period() -> None:
    without = case(SchoolAttendanceOrder("s1", "c1", SERVED))
    d = may_issue(StepKind.SCHOOL_ATTENDANCE_ORDER, None, "c1", without, date(2026, 3, 20), POLICY)
    assert "sao.naming_notice" in ids(d, Severity.WARN)
    named = case(
        SchoolAttendanceOrder("s1", "c1", SERVED, naming_notice_served_on=date(2026, 3, 17))
    )
    during = may_issue(
        StepKind.SCHOOL_ATTENDANCE_ORDER, None, "c1", named, date(2026, 3, 31), POLICY
    )
    after = may_issue(StepKind.SCHOOL_ATTENDANCE_ORDER, None, "c1", named, date(2026, 4, 1), POLICY)
    assert "sao.naming_notice" in ids(during)
    assert "sao.naming_notice" not in ids(after)


def test_order_needs_a_notice() -> None:
    d = may_issue(StepKind.SCHOOL_ATTENDANCE_ORDER, None, "c1", case(), SERVED, POLICY)
    assert "step.target" in ids(d, Severity.BLOCK)
