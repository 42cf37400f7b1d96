"""Prosecution: s.447 first, the six-month limit, SJP or open court, PNs, interview, evidence."""

from dataclasses import replace
from datetime import date

import pytest

from ewo_desk.domain.pathway import (
    CourtResult,
    EvidenceItem,
    InterviewStatus,
    InterviewUnderCaution,
    Offence,
    ParentingOrder,
    Payment,
    Prosecution,
    ProsecutionOutcome,
    Route,
    SchoolAttendanceOrder,
    Severity,
    StepKind,
    Verdict,
    Withdrawal,
    WithdrawalGround,
    check_action,
    evidence_checklist,
    may_issue,
)
from ewo_desk.domain.pathway.periods import prosecution_limit
from ewo_desk.domain.pathway.policy import PROSECUTION_NEEDS_AUTHORISATION
from ewo_desk.domain.settings import Policy

from ._builders import POLICY, SUPPORT, case, child, considered, ids, messages, parent, pn

KID = child(date_of_birth=date(2016, 5, 10))
INTERVIEW = InterviewUnderCaution("i1", "p1", "c1", date(2025, 9, 1), InterviewStatus.DECLINED)
ESO_DONE = considered(date(2025, 9, 1))
ALL_EVIDENCE = frozenset(EvidenceItem)


def prosecution(**changes: object) -> Prosecution:
    base = Prosecution(
        id="x1",
        parent_id="p1",
        child_id="c1",
        offence=Offence.S444_1,
        offence_start=date(2025, 6, 2),
        offence_end=date(2025, 7, 18),
        route=Route.SJP,
        opened_on=date(2025, 9, 1),
        authorised_on=date(2025, 9, 2),
        evidence=ALL_EVIDENCE,
    )
    return replace(base, **changes)


def lay(p: Prosecution, *history: object, on: date, today: date | None = None, kid=KID, **kw):
    laid = replace(p, information_laid_on=on)
    facts = case(SUPPORT, *history, laid, kid=kid, **kw)
    return check_action(laid, facts, today or on, kw.get("policy", POLICY))


def test_a_complete_file_may_be_laid() -> None:
    assert lay(prosecution(), ESO_DONE, INTERVIEW, on=date(2025, 9, 3)).verdict in (
        Verdict.ALLOWED,
        Verdict.ALLOWED_WITH_WARNINGS,
    )
    decision = lay(prosecution(), ESO_DONE, INTERVIEW, on=date(2025, 9, 3))
    assert not decision.by_severity(Severity.BLOCK)


@pytest.mark.parametrize(
    "decided_on, blocked",
    [(date(2025, 9, 2), False), (date(2025, 9, 3), False), (date(2025, 9, 4), True)],
)
def test_eso_considered_on_or_before_laying(decided_on: date, blocked: bool) -> None:
    decision = lay(prosecution(), considered(decided_on), INTERVIEW, on=date(2025, 9, 3))
    assert ("eso.considered" in ids(decision, Severity.BLOCK)) is blocked


def test_no_prosecution_without_eso_considered_even_with_no_file() -> None:
    decision = may_issue(StepKind.PROSECUTION, "p1", "c1", case(kid=KID), date(2025, 9, 3), POLICY)
    assert "eso.considered" in ids(decision, Severity.BLOCK)


# --- the six-month limit ---


@pytest.mark.parametrize(
    "offence_end, limit",
    [
        (date(2025, 8, 31), date(2026, 2, 28)),
        (date(2027, 8, 31), date(2028, 2, 29)),  # leap year
        (date(2028, 2, 29), date(2028, 8, 29)),
        (date(2025, 7, 18), date(2026, 1, 18)),
    ],
)
def test_limit_date(offence_end: date, limit: date) -> None:
    assert prosecution_limit(offence_end) == limit


@pytest.mark.parametrize(
    "lay_on, blocked",
    [(date(2026, 1, 17), False), (date(2026, 1, 18), False), (date(2026, 1, 19), True)],
)
def test_six_months_from_the_end_of_the_offence_period(lay_on: date, blocked: bool) -> None:
    decision = lay(prosecution(), ESO_DONE, INTERVIEW, on=lay_on)
    assert ("prosecution.six_month_limit" in ids(decision, Severity.BLOCK)) is blocked


def test_late_laying_with_a_recorded_reason_is_a_warning() -> None:
    p = prosecution(late_reason="Legal advice: continuing absence to 20/07/2025")
    decision = lay(p, ESO_DONE, INTERVIEW, on=date(2026, 1, 19))
    assert decision.allowed
    assert "prosecution.six_month_limit" in ids(decision, Severity.WARN)
    assert "Legal advice" in messages(decision)


def test_back_dated_laying_after_the_limit_is_kept_with_a_note() -> None:
    decision = lay(prosecution(), ESO_DONE, INTERVIEW, on=date(2026, 1, 19), today=date(2026, 3, 1))
    assert decision.allowed and decision.back_dated
    assert "broke this rule" in messages(decision)


# --- route ---


def test_s444_1a_needs_open_court() -> None:
    sjp = lay(prosecution(offence=Offence.S444_1A), ESO_DONE, INTERVIEW, on=date(2025, 9, 3))
    assert "prosecution.route" in ids(sjp, Severity.BLOCK)
    court = prosecution(offence=Offence.S444_1A, route=Route.OPEN_COURT)
    assert "prosecution.route" not in ids(lay(court, ESO_DONE, INTERVIEW, on=date(2025, 9, 3)))


@pytest.mark.parametrize("born, blocked", [(date(2007, 9, 3), False), (date(2007, 9, 4), True)])
def test_sjp_only_for_an_accused_aged_18(born: date, blocked: bool) -> None:
    young = (parent(date_of_birth=born),)
    decision = lay(prosecution(), ESO_DONE, INTERVIEW, on=date(2025, 9, 3), parents=young)
    assert ("prosecution.sjp_adult" in ids(decision, Severity.BLOCK)) is blocked


def test_sjp_needs_the_date_of_birth() -> None:
    unknown = (parent(date_of_birth=None),)
    decision = lay(prosecution(), ESO_DONE, INTERVIEW, on=date(2025, 9, 3), parents=unknown)
    assert "prosecution.sjp_adult" in ids(decision, Severity.WARN)


# --- penalty notices for the same absence ---


def _notice(**changes: object):
    return pn(
        "a",
        date(2025, 7, 21),
        offence_start=date(2025, 6, 2),
        offence_end=date(2025, 7, 18),
        **changes,
    )


def test_not_before_the_penalty_notice_payment_period_ends() -> None:
    # posted 21/07/2025, deemed received 23/07, payable until 19/08/2025
    during = lay(prosecution(), ESO_DONE, INTERVIEW, _notice(), on=date(2025, 8, 19))
    after = lay(prosecution(), ESO_DONE, INTERVIEW, _notice(), on=date(2025, 8, 20))
    assert "prosecution.pn_period" in ids(during, Severity.BLOCK)
    assert "prosecution.pn_period" not in ids(after)


def test_not_for_absence_covered_by_a_paid_notice() -> None:
    paid = _notice(payments=(Payment(date(2025, 8, 1), 8000),))
    decision = lay(prosecution(), ESO_DONE, INTERVIEW, paid, on=date(2025, 9, 3))
    assert "prosecution.pn_paid" in ids(decision, Severity.BLOCK)


def test_a_withdrawn_notice_does_not_stand_in_the_way() -> None:
    w = Withdrawal(date(2025, 8, 1), WithdrawalGround.MATERIAL_ERRORS)
    decision = lay(prosecution(), ESO_DONE, INTERVIEW, _notice(withdrawal=w), on=date(2025, 8, 2))
    assert not ({"prosecution.pn_period", "prosecution.pn_paid"} & ids(decision))


def test_expired_notice_proposes_a_prosecution_for_its_absence() -> None:
    facts = case(SUPPORT, ESO_DONE, INTERVIEW, _notice(), kid=KID)
    decision = may_issue(StepKind.PROSECUTION, "p1", "c1", facts, date(2025, 8, 20), POLICY)
    assert decision.target_id == "proposed-a"
    assert "18/01/2026" in messages(decision)


def test_overlapping_earlier_prosecution_is_refused() -> None:
    earlier = prosecution(id="x0", information_laid_on=date(2025, 8, 1))
    decision = lay(prosecution(), ESO_DONE, INTERVIEW, earlier, on=date(2025, 9, 3))
    assert "prosecution.offence_period" in ids(decision, Severity.BLOCK)


# --- interview and evidence ---


def test_interview_under_caution() -> None:
    none = lay(prosecution(), ESO_DONE, on=date(2025, 9, 3))
    assert "prosecution.interview" in ids(none, Severity.WARN)
    invited = replace(INTERVIEW, status=InterviewStatus.INVITED)
    assert "prosecution.interview" in ids(
        lay(prosecution(), ESO_DONE, invited, on=date(2025, 9, 3))
    )
    assert "prosecution.interview" not in ids(
        lay(prosecution(), ESO_DONE, INTERVIEW, on=date(2025, 9, 3))
    )


def test_evidence_checklist_says_what_is_missing() -> None:
    p = prosecution(evidence=frozenset({EvidenceItem.S9_STATEMENTS}))
    decision = lay(p, ESO_DONE, on=date(2025, 9, 3))
    missing = [r.message for r in decision.reasons if r.rule.id == "prosecution.evidence"]
    for item in (
        EvidenceItem.S566_CERTIFICATE,
        EvidenceItem.LETTERS_WITH_POSTING_DATES,
        EvidenceItem.VISIT_RECORDS,
        EvidenceItem.INTERVIEW_RECORD,
        EvidenceItem.UNUSED_MATERIAL_SCHEDULE,
    ):
        assert any(item.label in m for m in missing), item
    assert not any(EvidenceItem.S9_STATEMENTS.label in m for m in missing)
    assert not any(EvidenceItem.ESO_CONSIDERATION.label in m for m in missing)  # from the record
    assert not any(EvidenceItem.PN_HISTORY.label in m for m in missing)


def test_interview_declined_satisfies_the_interview_record() -> None:
    p = prosecution(evidence=frozenset())
    lines = {line.item: line for line in evidence_checklist(p, case(INTERVIEW, ESO_DONE, p))}
    assert lines[EvidenceItem.INTERVIEW_RECORD].present
    held_without_record = replace(INTERVIEW, status=InterviewStatus.HELD, held_on=date(2025, 9, 2))
    lines = {line.item: line for line in evidence_checklist(p, case(held_without_record, p))}
    assert not lines[EvidenceItem.INTERVIEW_RECORD].present
    assert not lines[EvidenceItem.ESO_CONSIDERATION].present


def test_panel_authorisation_is_policy() -> None:
    p = prosecution(authorised_on=None)
    assert "prosecution.authorisation" in ids(lay(p, ESO_DONE, INTERVIEW, on=date(2025, 9, 3)))
    off = Policy({PROSECUTION_NEEDS_AUTHORISATION.key: False})
    assert "prosecution.authorisation" not in ids(
        lay(p, ESO_DONE, INTERVIEW, on=date(2025, 9, 3), policy=off)
    )


def test_s443_needs_a_school_attendance_order() -> None:
    p = prosecution(offence=Offence.S443)
    assert "prosecution.s443_needs_sao" in ids(lay(p, ESO_DONE, INTERVIEW, on=date(2025, 9, 3)))
    sao = SchoolAttendanceOrder("s1", "c1", date(2025, 4, 1), order_served_on=date(2025, 5, 1))
    assert "prosecution.s443_needs_sao" not in ids(
        lay(p, ESO_DONE, INTERVIEW, sao, on=date(2025, 9, 3))
    )


# --- outcome and parenting order ---


def test_outcome_needs_a_laid_information() -> None:
    facts = case(prosecution(), kid=KID)
    none = may_issue(StepKind.PROSECUTION_OUTCOME, "p1", "c1", facts, date(2025, 10, 1), POLICY)
    assert "step.target" in ids(none, Severity.BLOCK)
    laid = case(prosecution(information_laid_on=date(2025, 9, 3)), kid=KID)
    assert may_issue(
        StepKind.PROSECUTION_OUTCOME, "p1", "c1", laid, date(2025, 10, 1), POLICY
    ).allowed


def test_parenting_order_only_on_conviction() -> None:
    acquitted = prosecution(
        information_laid_on=date(2025, 9, 3),
        outcome=ProsecutionOutcome(date(2025, 10, 1), CourtResult.ACQUITTED),
    )
    d = may_issue(
        StepKind.PARENTING_ORDER, "p1", "c1", case(acquitted, kid=KID), date(2025, 10, 2), POLICY
    )
    assert not d.allowed
    convicted = replace(
        acquitted, outcome=ProsecutionOutcome(date(2025, 10, 1), CourtResult.CONVICTED_SJP)
    )
    d = may_issue(
        StepKind.PARENTING_ORDER, "p1", "c1", case(convicted, kid=KID), date(2025, 10, 2), POLICY
    )
    assert d.allowed and d.target_id == "x1"


@pytest.mark.parametrize(
    "requirements_until, programme_until, blocked",
    [
        (date(2029, 2, 28), date(2028, 5, 29), False),  # 12 and 3 months from 29/02/2028
        (date(2029, 3, 1), date(2028, 5, 29), True),
        (date(2029, 2, 28), date(2028, 5, 30), True),
    ],
)
def test_parenting_order_limits(
    requirements_until: date, programme_until: date, blocked: bool
) -> None:
    order = ParentingOrder(date(2028, 2, 29), requirements_until, programme_until)
    p = prosecution(
        offence_start=date(2027, 11, 1),
        offence_end=date(2027, 12, 17),
        opened_on=date(2028, 1, 5),
        authorised_on=date(2028, 1, 5),
        information_laid_on=date(2028, 1, 10),
        outcome=ProsecutionOutcome(
            date(2028, 2, 29), CourtResult.CONVICTED_GUILTY_PLEA, parenting_order=order
        ),
    )
    decision = check_action(
        p,
        case(SUPPORT, considered(date(2028, 1, 5)), INTERVIEW, p, kid=KID),
        date(2028, 2, 29),
        POLICY,
    )
    assert ("parenting_order.limits" in ids(decision, Severity.BLOCK)) is blocked
