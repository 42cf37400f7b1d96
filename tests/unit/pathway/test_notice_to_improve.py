"""Notice to improve: trigger, improvement period in school weeks, eight contents, checks."""

from datetime import date

import pytest

from ewo_desk.domain.pathway import (
    Delivery,
    NtiContent,
    NtiFinding,
    NtiReview,
    SchoolKind,
    Severity,
    StepKind,
    Verdict,
    check_action,
    may_issue,
    propose_nti_period,
)
from ewo_desk.domain.pathway.policy import NTI_WEEKS_MIN
from ewo_desk.domain.settings import Policy

from ._builders import POLICY, SUPPORT, case, child, ids, messages, nti

WED = date(2025, 2, 5)  # half-term follows on 17-21 Feb 2025


def check(notice, facts=None, today=WED, policy=POLICY):
    return check_action(notice, facts or case(SUPPORT, notice), today, policy)


@pytest.mark.parametrize(
    "met_on, blocked",
    [(date(2025, 2, 4), False), (WED, False), (date(2025, 2, 6), True)],
)
def test_after_the_threshold(met_on: date, blocked: bool) -> None:
    facts = case(SUPPORT, kid=child(threshold_met_on=(met_on,)))
    decision = may_issue(StepKind.NOTICE_TO_IMPROVE, "p1", "c1", facts, WED, POLICY)
    assert ("nti.trigger" in ids(decision, Severity.BLOCK)) is blocked


def test_or_after_a_recorded_pattern_of_absence() -> None:
    facts = case(SUPPORT, kid=child(threshold_met_on=(), pattern_recorded_on=WED))
    assert may_issue(StepKind.NOTICE_TO_IMPROVE, "p1", "c1", facts, WED, POLICY).allowed


@pytest.mark.parametrize("kind", [SchoolKind.INDEPENDENT, SchoolKind.NON_MAINTAINED_SPECIAL])
def test_not_where_penalty_notices_cannot_follow(kind: SchoolKind) -> None:
    facts = case(SUPPORT, kid=child(school_kind=kind))
    decision = may_issue(StepKind.NOTICE_TO_IMPROVE, "p1", "c1", facts, WED, POLICY)
    assert "child.school_where_pns_apply" in ids(decision, Severity.BLOCK)


@pytest.mark.parametrize(
    "end, verdict",
    [
        (date(2025, 3, 3), Verdict.BLOCKED),  # day before three school weeks are up
        (date(2025, 3, 4), Verdict.ALLOWED),  # three school weeks, stretched over half-term
        (date(2025, 3, 5), Verdict.ALLOWED),
        (date(2025, 3, 25), Verdict.ALLOWED),  # six school weeks
        (date(2025, 3, 26), Verdict.ALLOWED_WITH_WARNINGS),  # more than six
    ],
)
def test_improvement_period_of_3_to_6_school_weeks_across_half_term(
    end: date, verdict: Verdict
) -> None:
    decision = check(nti("n1", WED, end))
    assert decision.verdict is verdict
    if verdict is not Verdict.ALLOWED:
        assert "nti.improvement_period" in ids(decision)


def test_too_short_period_names_the_earliest_end() -> None:
    decision = check(nti("n1", WED, date(2025, 2, 25)))
    assert "04/03/2025" in messages(decision)


def test_period_without_a_holiday() -> None:
    monday = date(2025, 3, 3)
    assert check(nti("n1", monday, date(2025, 3, 22)), today=monday).verdict is Verdict.BLOCKED
    assert check(nti("n1", monday, date(2025, 3, 23)), today=monday).verdict is Verdict.ALLOWED


def test_period_across_easter_and_easter_monday() -> None:
    monday = date(2025, 3, 31)
    assert check(nti("n1", monday, date(2025, 5, 3)), today=monday).verdict is Verdict.BLOCKED
    assert check(nti("n1", monday, date(2025, 5, 4)), today=monday).verdict is Verdict.ALLOWED


def test_period_length_is_policy() -> None:
    policy = Policy({NTI_WEEKS_MIN.key: 4})
    assert check(nti("n1", WED, date(2025, 3, 4)), policy=policy).verdict is Verdict.BLOCKED


def test_period_cannot_start_before_the_notice() -> None:
    notice = nti("n1", WED, date(2025, 3, 25), period_start=date(2025, 2, 4))
    assert "nti.improvement_period" in ids(check(notice), Severity.BLOCK)


def test_unknown_term_dates_warn() -> None:
    notice = nti("n1", date(2026, 7, 1), date(2026, 9, 30))
    facts = case(SUPPORT, notice)
    decision = check(notice, facts, today=date(2026, 7, 1))
    assert "term dates are not known" in messages(decision)


@pytest.mark.parametrize("missing", list(NtiContent))
def test_each_missing_content_is_a_warning_naming_it(missing: NtiContent) -> None:
    notice = nti("n1", WED, date(2025, 3, 25), contents=frozenset(NtiContent) - {missing})
    decision = check(notice)
    assert decision.verdict is Verdict.ALLOWED_WITH_WARNINGS
    assert [r.message for r in decision.reasons if r.rule.id == "nti.contents"] == [
        f"The notice does not include {missing.label}."
    ]


def test_a_second_notice_during_the_first_period_warns() -> None:
    first = nti("n1", WED, date(2025, 3, 25))
    facts = case(SUPPORT, first)
    during = may_issue(StepKind.NOTICE_TO_IMPROVE, "p1", "c1", facts, date(2025, 3, 25), POLICY)
    after = may_issue(StepKind.NOTICE_TO_IMPROVE, "p1", "c1", facts, date(2025, 3, 26), POLICY)
    assert "nti.one_in_force" in ids(during)
    assert "nti.one_in_force" not in ids(after)


def test_support_first_warning() -> None:
    decision = may_issue(StepKind.NOTICE_TO_IMPROVE, "p1", "c1", case(), WED, POLICY)
    assert "support.first" in ids(decision, Severity.WARN)


def test_proposed_period_runs_from_deemed_receipt_over_easter_and_half_term() -> None:
    start, end = propose_nti_period(
        date(2025, 4, 3), Delivery.FIRST_CLASS_POST, date(2025, 4, 3), child(), POLICY
    )
    assert start == date(2025, 4, 7)  # Thursday posting: Friday, Monday
    assert end == date(2025, 6, 8)  # 6 school weeks: two Easter weeks and half-term skipped
    by_hand = propose_nti_period(date(2025, 3, 3), Delivery.HAND, None, child(), POLICY)
    assert by_hand[0] == date(2025, 3, 3)


# --- the checks during the period ---


def test_check_before_during_and_after_the_period() -> None:
    notice = nti("n1", WED, date(2025, 3, 25), period_start=date(2025, 2, 7))
    kid = child(unauthorised_sessions=(date(2025, 2, 6), date(2025, 2, 10), date(2025, 2, 10)))
    facts = case(SUPPORT, notice, kid=kid)
    before = may_issue(StepKind.NTI_REVIEW, "p1", "c1", facts, date(2025, 2, 6), POLICY)
    during = may_issue(StepKind.NTI_REVIEW, "p1", "c1", facts, date(2025, 2, 10), POLICY)
    last = may_issue(StepKind.NTI_REVIEW, "p1", "c1", facts, date(2025, 3, 25), POLICY)
    late = may_issue(StepKind.NTI_REVIEW, "p1", "c1", facts, date(2025, 3, 26), POLICY)
    assert not before.allowed
    assert during.verdict is Verdict.ALLOWED and "2 unauthorised session(s)" in messages(during)
    assert last.verdict is Verdict.ALLOWED
    assert late.verdict is Verdict.ALLOWED_WITH_WARNINGS


def test_check_needs_a_notice() -> None:
    decision = may_issue(StepKind.NTI_REVIEW, "p1", "c1", case(), WED, POLICY)
    assert "step.target" in ids(decision, Severity.BLOCK)


def test_missing_outcome_after_the_period_warns() -> None:
    notice = nti("n1", WED, date(2025, 3, 25))
    assert "nti.check" not in ids(check(notice, today=date(2025, 3, 25)))
    assert "nti.check" in ids(check(notice, today=date(2025, 3, 26)), Severity.WARN)
    done = nti(
        "n1",
        WED,
        date(2025, 3, 25),
        reviews=(NtiReview(date(2025, 3, 25), NtiFinding.SUFFICIENT_IMPROVEMENT),),
    )
    assert "nti.check" not in ids(check(done, today=date(2025, 3, 26)))


def test_early_grounds_need_the_parent_told() -> None:
    review = NtiReview(date(2025, 2, 12), NtiFinding.EARLY_PN_GROUNDS)
    notice = nti("n1", WED, date(2025, 3, 25), reviews=(review,))
    assert "pn.during_nti_period" in ids(check(notice), Severity.WARN)
