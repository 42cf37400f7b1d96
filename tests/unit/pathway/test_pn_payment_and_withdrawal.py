"""Penalty notice terms: deemed receipt, 21/28 days, amounts, payments, withdrawal and expiry."""

from datetime import UTC, date, datetime

import pytest

from ewo_desk.domain.calendar import london_date, on_or_before
from ewo_desk.domain.pathway import (
    Delivery,
    Offence,
    Payment,
    PnStatus,
    Prosecution,
    Route,
    Severity,
    StepKind,
    Verdict,
    Withdrawal,
    WithdrawalGround,
    check_action,
    fmt_money,
    may_issue,
    notice_status,
    notice_terms,
)
from ewo_desk.domain.pathway.policy import PN_PERIOD_COUNTS_FIRST_DAY, PN_PERIOD_STARTS
from ewo_desk.domain.settings import Policy

from ._builders import POLICY, SUPPORT, case, child, ids, messages, pn

EASTER_POST = date(2026, 4, 2)  # Thursday before Easter 2026
KID = child(date_of_birth=date(2016, 5, 10), threshold_met_on=(date(2026, 3, 20),))


def terms(notice, *history, policy=POLICY):
    return notice_terms(notice, case(*history, notice, kid=KID), policy)


def status(notice, on):
    return notice_status(notice, case(notice, kid=KID), on, POLICY)


def test_periods_run_from_deemed_receipt_over_easter() -> None:
    t = terms(pn("a", EASTER_POST))
    assert t.receipt_on == date(2026, 4, 8)
    assert (t.reduced_pence, t.reduced_until) == (8000, date(2026, 4, 28))
    assert (t.full_pence, t.full_until) == (16000, date(2026, 5, 5))


@pytest.mark.parametrize(
    "day, due",
    [
        (date(2026, 4, 28), 8000),  # the 21st day beginning with receipt
        (date(2026, 4, 29), 16000),
        (date(2026, 5, 5), 16000),  # the 28th day
        (date(2026, 5, 6), None),
    ],
)
def test_amount_due_day_by_day(day: date, due: int | None) -> None:
    assert terms(pn("a", EASTER_POST)).amount_due_on(day) == due


def test_christmas_posting() -> None:
    t = terms(pn("a", date(2026, 12, 23)))
    assert t.receipt_on == date(2026, 12, 29)
    assert t.reduced_until == date(2027, 1, 18)
    assert t.full_until == date(2027, 1, 25)


def test_hand_delivery_is_received_that_day() -> None:
    t = terms(pn("a", EASTER_POST, delivery=Delivery.HAND))
    assert t.receipt_on == EASTER_POST and not t.posting_assumed


def test_missing_posting_date_is_assumed_to_be_the_issue_date() -> None:
    t = terms(pn("a", EASTER_POST, posted_on=None))
    assert t.posting_assumed and t.receipt_on == date(2026, 4, 8)


def test_period_start_and_counting_are_policy() -> None:
    from_issue = Policy({PN_PERIOD_STARTS.key: "issue"})
    assert terms(pn("a", EASTER_POST), policy=from_issue).reduced_until == date(2026, 4, 22)
    after_receipt = Policy({PN_PERIOD_COUNTS_FIRST_DAY.key: False})
    assert terms(pn("a", EASTER_POST), policy=after_receipt).reduced_until == date(2026, 4, 29)


def test_second_notice_is_160_within_28_days_with_no_reduction() -> None:
    t = terms(pn("b", EASTER_POST), pn("a", date(2025, 9, 8)))
    assert t.sequence == 2
    assert (t.reduced_pence, t.reduced_until) == (None, None)
    assert t.amount_due_on(date(2026, 4, 9)) == 16000


def test_notices_before_the_framework_keep_the_old_amounts() -> None:
    t = terms(pn("a", date(2024, 7, 1)))
    assert (t.sequence, t.reduced_pence, t.full_pence) == (0, 6000, 12000)


def test_money_is_shown_in_pounds() -> None:
    assert fmt_money(8000) == "£80.00"
    assert fmt_money(16000) == "£160.00"
    assert fmt_money(5) == "£0.05"
    assert fmt_money(-150) == "-£1.50"
    assert fmt_money(123456789) == "£1,234,567.89"


# --- payments and status ---


@pytest.mark.parametrize(
    "paid_on, amount, expected",
    [
        (date(2026, 4, 28), 8000, PnStatus.PAID),
        (date(2026, 4, 29), 8000, PnStatus.EXPIRED_UNPAID),  # too little after the 21 days
        (date(2026, 5, 5), 16000, PnStatus.PAID),
        (date(2026, 5, 6), 16000, PnStatus.EXPIRED_UNPAID),  # late
    ],
)
def test_paid_status(paid_on: date, amount: int, expected: PnStatus) -> None:
    notice = pn("a", EASTER_POST, payments=(Payment(paid_on, amount),))
    assert status(notice, date(2026, 6, 1)) is expected


def test_awaiting_until_the_last_day_then_expired() -> None:
    notice = pn("a", EASTER_POST)
    assert status(notice, date(2026, 5, 5)) is PnStatus.AWAITING_PAYMENT
    assert status(notice, date(2026, 5, 6)) is PnStatus.EXPIRED_UNPAID


def test_refunded_payments_do_not_count() -> None:
    notice = pn("a", EASTER_POST, payments=(Payment(date(2026, 4, 20), 8000, date(2026, 4, 21)),))
    assert status(notice, date(2026, 5, 6)) is PnStatus.EXPIRED_UNPAID


def test_recorded_part_payment_late_payment_and_overpayment_warn() -> None:
    part = pn("a", EASTER_POST, payments=(Payment(date(2026, 4, 29), 8000),))
    assert "part payment is not accepted" in messages(
        check_action(part, case(SUPPORT, part, kid=KID), date(2026, 5, 1), POLICY)
    )
    late = pn("a", EASTER_POST, payments=(Payment(date(2026, 5, 6), 16000),))
    assert "after the payment period ended" in messages(
        check_action(late, case(SUPPORT, late, kid=KID), date(2026, 5, 6), POLICY)
    )
    over = pn("a", EASTER_POST, payments=(Payment(date(2026, 4, 10), 16000),))
    assert "Overpaid: refund £80.00" in messages(
        check_action(over, case(SUPPORT, over, kid=KID), date(2026, 4, 10), POLICY)
    )


def test_payment_step_shows_what_is_due() -> None:
    facts = case(SUPPORT, pn("a", EASTER_POST), kid=KID)
    reduced = may_issue(StepKind.PN_PAYMENT, "p1", "c1", facts, date(2026, 4, 28), POLICY)
    assert reduced.target_id == "a" and "£80.00 is due" in messages(reduced)
    full = may_issue(StepKind.PN_PAYMENT, "p1", "c1", facts, date(2026, 4, 29), POLICY)
    assert "£160.00 is due" in messages(full)
    late = may_issue(StepKind.PN_PAYMENT, "p1", "c1", facts, date(2026, 5, 6), POLICY)
    assert late.verdict is Verdict.ALLOWED_WITH_WARNINGS


def test_no_payment_on_a_paid_or_withdrawn_notice() -> None:
    paid = pn("a", EASTER_POST, payments=(Payment(date(2026, 4, 10), 8000),))
    facts = case(paid, kid=KID)
    decision = may_issue(
        StepKind.PN_PAYMENT, "p1", "c1", facts, date(2026, 4, 11), POLICY, target_id="a"
    )
    assert not decision.allowed
    assert (
        may_issue(StepKind.PN_PAYMENT, "p1", "c1", facts, date(2026, 4, 11), POLICY).target_id
        is None
    )


# --- withdrawal ---


def test_withdrawal_lists_the_lawful_grounds() -> None:
    facts = case(pn("a", EASTER_POST), kid=KID)
    decision = may_issue(StepKind.PN_WITHDRAWAL, "p1", "c1", facts, date(2026, 4, 20), POLICY)
    text = messages(decision)
    for ground in WithdrawalGround:
        assert ground.label in text


@pytest.mark.parametrize(
    "withdrawn_on, blocked", [(date(2026, 5, 5), True), (date(2026, 5, 6), False)]
)
def test_unpaid_not_prosecuted_ground_only_after_expiry(withdrawn_on: date, blocked: bool) -> None:
    w = Withdrawal(
        withdrawn_on, WithdrawalGround.UNPAID_NOT_PROSECUTED, notice_sent_on=withdrawn_on
    )
    notice = pn("a", EASTER_POST, withdrawal=w)
    decision = check_action(notice, case(SUPPORT, notice, kid=KID), withdrawn_on, POLICY)
    assert ("pn.withdrawal" in ids(decision, Severity.BLOCK)) is blocked


def test_withdrawing_a_paid_notice_needs_a_refund_and_written_notice() -> None:
    w = Withdrawal(date(2026, 4, 20), WithdrawalGround.WRONG_RECIPIENT)
    notice = pn("a", EASTER_POST, payments=(Payment(date(2026, 4, 10), 8000),), withdrawal=w)
    text = messages(check_action(notice, case(SUPPORT, notice, kid=KID), date(2026, 4, 20), POLICY))
    assert "Refund any payment" in text and "written notice" in text


def test_withdrawn_notice_cannot_be_withdrawn_again() -> None:
    w = Withdrawal(date(2026, 4, 20), WithdrawalGround.MATERIAL_ERRORS)
    facts = case(pn("a", EASTER_POST, withdrawal=w), kid=KID)
    d = may_issue(
        StepKind.PN_WITHDRAWAL, "p1", "c1", facts, date(2026, 4, 21), POLICY, target_id="a"
    )
    assert not d.allowed


# --- expiry: the forced decision ---


def test_expiry_forces_prosecute_or_withdraw() -> None:
    notice = pn("a", EASTER_POST)
    facts = case(SUPPORT, notice, kid=KID)
    assert "pn.expiry_decision" not in ids(check_action(notice, facts, date(2026, 5, 5), POLICY))
    decision = check_action(notice, facts, date(2026, 5, 6), POLICY)
    assert "pn.expiry_decision" in ids(decision, Severity.WARN)
    assert "prosecute" in messages(decision) and "withdraw" in messages(decision)


def test_prosecuted_notice_status() -> None:
    notice = pn("a", EASTER_POST)
    prosecution = Prosecution(
        "x",
        "p1",
        "c1",
        Offence.S444_1,
        notice.offence_start,
        notice.offence_end,
        Route.SJP,
        date(2026, 5, 7),
        information_laid_on=date(2026, 5, 8),
        penalty_notice_id="a",
    )
    facts = case(notice, prosecution, kid=KID)
    assert notice_status(notice, facts, date(2026, 5, 7), POLICY) is PnStatus.EXPIRED_UNPAID
    assert notice_status(notice, facts, date(2026, 5, 8), POLICY) is PnStatus.PROSECUTED


def test_online_payment_on_the_last_day_when_the_clocks_go_forward() -> None:
    # Posted Thursday 26/02/2026, deemed received Monday 02/03; the 28th day is Sunday 29/03/2026,
    # the day BST starts: that day ends at 23:00 UTC.
    t = terms(pn("a", date(2026, 2, 26)))
    assert t.full_until == date(2026, 3, 29)
    in_time = datetime(2026, 3, 29, 22, 30, tzinfo=UTC)  # 23:30 BST
    too_late = datetime(2026, 3, 29, 23, 15, tzinfo=UTC)  # 00:15 BST on 30/03
    assert on_or_before(in_time, t.full_until)
    assert not on_or_before(too_late, t.full_until)
    assert t.amount_due_on(london_date(in_time)) == 16000
    assert t.amount_due_on(london_date(too_late)) is None
