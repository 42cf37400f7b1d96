"""Attendance contract: both parties, requirements, support, review window, refusal as evidence."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from ewo_desk.domain.pathway import (
    AttendanceContract,
    ContractReview,
    ContractStatus,
    Severity,
    StepKind,
    Verdict,
    check_action,
    may_issue,
)
from ewo_desk.domain.pathway.policy import CONTRACT_LABEL, CONTRACT_REVIEW_WEEKS_MAX
from ewo_desk.domain.settings import Policy

from ._builders import POLICY, case, child, ids, messages

START = date(2025, 3, 3)
TODAY = START


def signed(**changes: object) -> AttendanceContract:
    base = AttendanceContract(
        id="ac1",
        parent_id="p1",
        child_id="c1",
        offered_on=START,
        status=ContractStatus.IN_FORCE,
        parent_signed_on=START,
        council_signed_on=START,
        starts_on=START,
        ends_on=START + timedelta(weeks=12),
        requirements=("Sam arrives by 8:45 every day",),
        support=("Weekly check-in with the attendance officer",),
        first_review_on=START + timedelta(weeks=4),
    )
    return replace(base, **changes)


def check(contract: AttendanceContract, today: date = TODAY, policy: Policy = POLICY):
    return check_action(contract, case(contract), today, policy)


def test_a_complete_signed_contract_is_allowed() -> None:
    assert check(signed()).verdict is Verdict.ALLOWED


@pytest.mark.parametrize("missing", ["parent_signed_on", "council_signed_on"])
def test_signed_by_both_sides(missing: str) -> None:
    decision = check(signed(**{missing: None}))
    assert decision.verdict is Verdict.BLOCKED
    assert "contract.signed_by_both" in ids(decision, Severity.BLOCK)
    who = "the parent" if missing == "parent_signed_on" else "the council"
    assert who in messages(decision)


def test_requirements_and_support_are_required_once_signed() -> None:
    decision = check(signed(requirements=(), support=("  ",)))
    assert {"contract.requirements", "contract.support"} <= ids(decision, Severity.BLOCK)


def test_an_offer_without_requirements_is_only_a_warning() -> None:
    offer = signed(status=ContractStatus.OFFERED, requirements=(), parent_signed_on=None)
    decision = check(offer)
    assert decision.verdict is Verdict.ALLOWED_WITH_WARNINGS
    assert "contract.requirements" in ids(decision, Severity.WARN)


def test_specified_period() -> None:
    assert "contract.period" in ids(check(signed(ends_on=None)), Severity.BLOCK)


@pytest.mark.parametrize(
    "review_after, warned",
    [
        (timedelta(weeks=4) - timedelta(days=1), True),
        (timedelta(weeks=4), False),
        (timedelta(weeks=6), False),
        (timedelta(weeks=6) + timedelta(days=1), True),
    ],
)
def test_first_review_between_4_and_6_weeks(review_after: timedelta, warned: bool) -> None:
    decision = check(signed(first_review_on=START + review_after))
    assert ("contract.review" in ids(decision, Severity.WARN)) is warned


def test_no_review_booked_warns_with_the_window() -> None:
    decision = check(signed(first_review_on=None))
    assert "contract.review" in ids(decision, Severity.WARN)
    assert "31/03/2025 and 14/04/2025" in messages(decision)


def test_review_window_is_council_policy() -> None:
    policy = Policy({CONTRACT_REVIEW_WEEKS_MAX.key: 8})
    decision = check(signed(first_review_on=START + timedelta(weeks=8)), policy=policy)
    assert "contract.review" not in ids(decision)


@pytest.mark.parametrize("status", [ContractStatus.REFUSED, ContractStatus.BROKEN])
def test_refused_or_broken_is_recorded_as_evidence(status: ContractStatus) -> None:
    bare = signed(status=status)
    assert "contract.refused_or_broken" in ids(check(bare), Severity.WARN)
    recorded = signed(status=status, refused_or_broken_on=START, refused_or_broken_note="Refused")
    decision = check(recorded)
    assert "contract.refused_or_broken" in ids(decision, Severity.NOTE)
    assert "evidence for the next stage" in messages(decision)


def test_child_must_be_of_compulsory_school_age() -> None:
    contract = signed()
    facts = case(contract, kid=child(date_of_birth=date(2020, 6, 1)))
    decision = check_action(contract, facts, TODAY, POLICY)
    assert "child.compulsory_school_age" in ids(decision, Severity.BLOCK)


def test_no_recorded_absence_warns() -> None:
    facts = case(kid=child(threshold_met_on=()))
    decision = may_issue(StepKind.ATTENDANCE_CONTRACT, "p1", "c1", facts, TODAY, POLICY)
    assert "contract.irregular_attendance" in ids(decision, Severity.WARN)


def test_a_second_contract_while_one_is_in_force_warns() -> None:
    facts = case(signed())
    during = may_issue(
        StepKind.ATTENDANCE_CONTRACT, "p1", "c1", facts, START + timedelta(weeks=12), POLICY
    )
    after = may_issue(
        StepKind.ATTENDANCE_CONTRACT, "p1", "c1", facts, START + timedelta(weeks=12, days=1), POLICY
    )
    assert "contract.one_in_force" in ids(during)
    assert "contract.one_in_force" not in ids(after)


def test_the_label_is_council_policy() -> None:
    policy = Policy({CONTRACT_LABEL.key: "parenting contract"})
    decision = check(signed(requirements=()), policy=policy)
    assert "parenting contract" not in messages(check(signed(ends_on=None)))
    assert "parenting contract" in messages(check(signed(ends_on=None), policy=policy))
    assert decision.verdict is Verdict.BLOCKED


def test_review_needs_a_contract_and_its_start() -> None:
    none = may_issue(StepKind.CONTRACT_REVIEW, "p1", "c1", case(), TODAY, POLICY)
    assert "step.target" in ids(none, Severity.BLOCK)
    later = signed(starts_on=START + timedelta(days=7), reviews=(ContractReview(START, "ok"),))
    early = may_issue(StepKind.CONTRACT_REVIEW, "p1", "c1", case(later), TODAY, POLICY)
    assert not early.allowed and early.target_id == "ac1"
    on_time = may_issue(
        StepKind.CONTRACT_REVIEW, "p1", "c1", case(later), START + timedelta(days=7), POLICY
    )
    assert on_time.allowed
