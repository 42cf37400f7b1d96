"""Penalty notice: who and where, the notice to improve first, the two-in-three-years limit."""

from datetime import date, timedelta

import pytest

from ewo_desk.domain.pathway import (
    NtiFinding,
    NtiReview,
    Offence,
    Prosecution,
    Route,
    SchoolKind,
    Severity,
    StepKind,
    Verdict,
    Withdrawal,
    WithdrawalGround,
    check_action,
    may_issue,
    sequence_on,
)
from ewo_desk.domain.pathway.policy import PN_ISSUER_ROLES
from ewo_desk.domain.settings import Policy

from ._builders import POLICY, SUPPORT, case, child, ids, messages, nti, parent, pn

TODAY = date(2025, 6, 2)
PN = StepKind.PENALTY_NOTICE


def ask(facts, on=TODAY, parent_id="p1", policy=POLICY):
    return may_issue(PN, parent_id, "c1", facts, on, policy)


def check(notice, *history, today=None, kid=None, policy=POLICY):
    return check_action(
        notice, case(SUPPORT, *history, notice, kid=kid), today or notice.issued_on, policy
    )


# --- who and where ---


def test_per_parent() -> None:
    assert "step.parent_named" in ids(ask(case(), parent_id=None), Severity.BLOCK)
    assert "step.parent_named" in ids(ask(case(), parent_id="nobody"), Severity.BLOCK)
    facts = case(parents=(parent(is_parent=False),))
    assert "parent.s576" in ids(ask(facts), Severity.BLOCK)


def test_each_parent_has_their_own_count() -> None:
    facts = case(pn("a", date(2024, 9, 2)), pn("b", date(2025, 3, 3)))
    assert not ask(facts, parent_id="p1").allowed
    assert ask(facts, parent_id="p2").allowed


def test_registered_pupil_only() -> None:
    assert "child.registered_pupil" in ids(ask(case(kid=child(registered_pupil=False))))


@pytest.mark.parametrize(
    "kind, allowed",
    [
        (SchoolKind.MAINTAINED, True),
        (SchoolKind.ACADEMY, True),
        (SchoolKind.PUPIL_REFERRAL_UNIT, True),
        (SchoolKind.AP_ACADEMY, True),
        (SchoolKind.INDEPENDENT, False),
    ],
)
def test_only_at_schools_where_penalty_notices_apply(kind: SchoolKind, allowed: bool) -> None:
    assert ask(case(kid=child(school_kind=kind))).allowed is allowed


def test_issuer_must_be_allowed_by_the_council() -> None:
    notice = pn("a", TODAY, issuer_role="head_teacher")
    assert "pn.issuer" not in ids(check(notice))
    la_only = Policy({PN_ISSUER_ROLES.key: "la_officer"})
    assert "pn.issuer" in ids(check(notice, policy=la_only), Severity.BLOCK)


# --- notice to improve first ---


def test_no_notice_to_improve_warns_unless_a_reason_is_recorded() -> None:
    without = check(pn("a", TODAY, no_nti_reason=""))
    assert "pn.nti_first" in ids(without, Severity.WARN)
    with_reason = check(pn("a", TODAY))
    assert "pn.nti_first" in ids(with_reason, Severity.NOTE)
    assert "pn.nti_first" not in ids(with_reason, Severity.WARN)


@pytest.mark.parametrize(
    "issued, warned",
    [(date(2025, 3, 24), True), (date(2025, 3, 25), True), (date(2025, 3, 26), False)],
)
def test_during_the_improvement_period(issued: date, warned: bool) -> None:
    notice_to_improve = nti("n1", date(2025, 2, 5), date(2025, 3, 25))
    decision = check(pn("a", issued, no_nti_reason=""), notice_to_improve)
    assert ("pn.during_nti_period" in ids(decision, Severity.WARN)) is warned


def test_early_grounds_with_the_parent_told() -> None:
    review = NtiReview(
        date(2025, 3, 3), NtiFinding.EARLY_PN_GROUNDS, parent_told_on=date(2025, 3, 4)
    )
    notice_to_improve = nti("n1", date(2025, 2, 5), date(2025, 3, 25), reviews=(review,))
    told_before = check(pn("a", date(2025, 3, 4), no_nti_reason=""), notice_to_improve)
    too_soon = check(pn("a", date(2025, 3, 3), no_nti_reason=""), notice_to_improve)
    assert "pn.during_nti_period" not in ids(told_before)
    assert "pn.during_nti_period" in ids(too_soon)


def test_after_sufficient_improvement_warns() -> None:
    review = NtiReview(date(2025, 3, 25), NtiFinding.SUFFICIENT_IMPROVEMENT)
    notice_to_improve = nti("n1", date(2025, 2, 5), date(2025, 3, 25), reviews=(review,))
    decision = ask(case(SUPPORT, notice_to_improve), on=date(2025, 3, 26))
    assert "recorded sufficient improvement" in messages(decision)


def test_threshold_not_met_warns() -> None:
    decision = ask(case(SUPPORT, kid=child(threshold_met_on=(TODAY + timedelta(days=1),))))
    assert "pn.threshold" in ids(decision, Severity.WARN)
    assert "pn.threshold" not in ids(ask(case(SUPPORT, kid=child(threshold_met_on=(TODAY,)))))


def test_moved_pupil_needs_the_previous_council_checked() -> None:
    moved = child(moved_council_within_3_years=True)
    assert "pn.previous_council_checked" in ids(ask(case(kid=moved)))
    checked = child(moved_council_within_3_years=True, previous_council_checked_on=TODAY)
    assert "pn.previous_council_checked" not in ids(ask(case(kid=checked)))


# --- two notices in three years ---


def test_third_notice_refused_offering_prosecution_or_eso() -> None:
    facts = case(pn("a", date(2024, 9, 2)), pn("b", date(2025, 3, 3)))
    decision = ask(facts)
    assert decision.verdict is Verdict.BLOCKED
    text = messages(decision)
    assert "prosecution" in text and "Education Supervision Order" in text
    assert "possible from 03/09/2027" in text


@pytest.mark.parametrize(
    "on, blocked",
    [(date(2027, 9, 1), True), (date(2027, 9, 2), True), (date(2027, 9, 3), False)],
)
def test_third_anniversary_of_the_first(on: date, blocked: bool) -> None:
    facts = case(pn("a", date(2024, 9, 2)), pn("b", date(2025, 3, 3)))
    assert ("pn.two_in_three_years" in ids(ask(facts, on=on), Severity.BLOCK)) is blocked


def test_after_the_first_drops_out_the_next_is_a_second_notice() -> None:
    facts = case(pn("a", date(2024, 9, 2)), pn("b", date(2025, 3, 3)))
    assert sequence_on(facts, "p1", "c1", date(2027, 9, 3)) == 2


def test_leap_day_first_notice_counts_until_28_february_three_years_on() -> None:
    kid = child(date_of_birth=date(2020, 1, 10))  # of compulsory school age until 2036
    facts = case(pn("a", date(2028, 2, 29)), pn("b", date(2029, 3, 1)), kid=kid)
    assert "pn.two_in_three_years" in ids(ask(facts, on=date(2031, 2, 28)), Severity.BLOCK)
    assert ask(facts, on=date(2031, 3, 1)).allowed


def test_withdrawn_notices_do_not_count_from_their_withdrawal() -> None:
    withdrawal = Withdrawal(date(2025, 4, 1), WithdrawalGround.MATERIAL_ERRORS)
    facts = case(pn("a", date(2024, 9, 2), withdrawal=withdrawal), pn("b", date(2025, 3, 3)))
    assert not ask(facts, on=date(2025, 3, 31)).allowed  # still counted the day before
    assert ask(facts, on=date(2025, 4, 1)).allowed


@pytest.mark.parametrize(
    "first_issued, counts",
    [(date(2024, 8, 18), False), (date(2024, 8, 19), True)],
)
def test_only_notices_from_19_august_2024_count(first_issued: date, counts: bool) -> None:
    facts = case(pn("a", first_issued), pn("b", date(2025, 3, 3)))
    assert (not ask(facts).allowed) is counts


def test_first_and_second_amounts_are_shown() -> None:
    first = check(pn("a", date(2025, 3, 3)))
    assert "The first notice" in messages(first) and "£80.00" in messages(first)
    second = check(pn("b", date(2025, 3, 3)), pn("a", date(2024, 9, 2)))
    assert "The second notice" in messages(second) and "£80.00" not in messages(second)
    assert "£160.00" in messages(second)


def test_a_recorded_notice_does_not_count_against_itself() -> None:
    notice = pn("b", date(2025, 3, 3))
    assert check(notice, pn("a", date(2024, 9, 2))).allowed


# --- the offence ---


def test_overlapping_offence_periods_are_refused() -> None:
    first = pn("a", date(2025, 3, 3))  # offence 01/02/2025 to 28/02/2025
    overlapping = pn("b", date(2025, 3, 10), offence_start=date(2025, 2, 28))
    next_day = pn("b", date(2025, 3, 10), offence_start=date(2025, 3, 1))
    assert "pn.same_offence" in ids(check(overlapping, first), Severity.BLOCK)
    assert "pn.same_offence" not in ids(check(next_day, first))


def test_not_for_absence_already_prosecuted() -> None:
    prosecution = Prosecution(
        "x",
        "p1",
        "c1",
        Offence.S444_1,
        date(2025, 2, 1),
        date(2025, 2, 28),
        Route.SJP,
        date(2025, 3, 1),
        information_laid_on=date(2025, 3, 2),
    )
    assert "pn.same_offence" in ids(check(pn("a", date(2025, 3, 3)), prosecution))


def test_offence_period_must_end_by_issue() -> None:
    notice = pn("a", TODAY, offence_end=TODAY + timedelta(days=1))
    assert "pn.offence_period" in ids(check(notice), Severity.BLOCK)


def test_offence_before_compulsory_school_age_warns() -> None:
    kid = child(date_of_birth=date(2020, 1, 10))  # compulsory school age from 31/03/2025
    notice = pn(
        "a", date(2025, 4, 28), offence_start=date(2025, 3, 30), offence_end=date(2025, 4, 25)
    )
    assert "child.compulsory_school_age" in ids(check(notice, kid=kid), Severity.WARN)


def test_warns_when_an_unpaid_notice_would_leave_too_little_time_to_prosecute() -> None:
    recent = check(pn("a", TODAY))
    assert "pn.time_to_prosecute" not in ids(recent)
    stale = pn("a", TODAY, offence_start=date(2024, 11, 1), offence_end=date(2024, 12, 20))
    decision = check(stale)
    assert "pn.time_to_prosecute" in ids(decision, Severity.WARN)
    assert "out of time" in messages(decision)


def test_posting_date() -> None:
    assert "pn.posting_and_receipt" in ids(check(pn("a", TODAY, posted_on=None)), Severity.WARN)
    early = pn("a", TODAY, posted_on=TODAY - timedelta(days=1))
    assert "pn.posting_and_receipt" in ids(check(early), Severity.BLOCK)
