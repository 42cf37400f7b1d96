"""A penalty notice's terms: its number in the 3-year count, receipt, amounts, periods, status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ewo_desk.domain.calendar import deemed_service, last_day_of_period
from ewo_desk.domain.pathway import policy as P
from ewo_desk.domain.pathway.court_records import Prosecution
from ewo_desk.domain.pathway.facts import CaseFacts
from ewo_desk.domain.pathway.periods import FRAMEWORK_START, counts_until
from ewo_desk.domain.pathway.records import Delivery, PenaltyNotice
from ewo_desk.domain.settings import Policy

# Before the national framework (1 Sep 2013 to 18 Aug 2024): £60 within 21 days, £120 within 28.
LEGACY_REDUCED_PENCE = 6000
LEGACY_FULL_PENCE = 12000


def counts_toward_limit(notice: PenaltyNotice, on: date) -> bool:
    """Whether a notice counts toward the two-in-three-years limit on `on` (§3.3)."""
    return (
        notice.issued_on >= FRAMEWORK_START
        and notice.issued_on <= on <= counts_until(notice.issued_on)
        and not notice.withdrawn_by(on)
    )


def counting_notices(
    case: CaseFacts, parent_id: str, child_id: str, on: date, exclude_id: str | None = None
) -> list[PenaltyNotice]:
    """Notices to this parent for this child that count on `on`, oldest first."""
    notices = [
        n
        for n in case.actions(PenaltyNotice, child_id, parent_id)
        if n.parent_id == parent_id and n.id != exclude_id and counts_toward_limit(n, on)
    ]
    return sorted(notices, key=lambda n: n.issued_on)


def sequence_on(case: CaseFacts, parent_id: str, child_id: str, on: date) -> int:
    """The number a new notice issued on `on` would have in the count (3 or more: refused)."""
    if on < FRAMEWORK_START:
        return 0
    return len(counting_notices(case, parent_id, child_id, on)) + 1


def sequence_of(notice: PenaltyNotice, case: CaseFacts) -> int:
    """A recorded notice's number, as it stood when it was issued (0 before the framework)."""
    if notice.issued_on < FRAMEWORK_START:
        return 0
    order = [a.id for a in case.history]
    position = order.index(notice.id) if notice.id in order else len(order)
    earlier = [
        n
        for n in counting_notices(
            case, notice.parent_id, notice.child_id, notice.issued_on, exclude_id=notice.id
        )
        if n.issued_on < notice.issued_on or order.index(n.id) < position
    ]
    return len(earlier) + 1


@dataclass(frozen=True)
class PenaltyTerms:
    sequence: int  # 1 or 2; 0 for a notice from before 19 Aug 2024
    receipt_on: date  # received by hand, or deemed received after posting
    posting_assumed: bool  # no posting date recorded: assumed posted the day it was issued
    period_start: date
    reduced_pence: int | None  # only a first notice has a reduced amount
    reduced_until: date | None
    full_pence: int
    full_until: date  # the last day to pay

    def amount_due_on(self, day: date) -> int | None:
        """What paying on `day` costs; None once the payment period is over."""
        if self.reduced_pence is not None and self.reduced_until and day <= self.reduced_until:
            return self.reduced_pence
        return self.full_pence if day <= self.full_until else None


def receipt_of(notice: PenaltyNotice, policy: Policy) -> tuple[date, bool]:
    """Day of receipt and whether posting was assumed (no posting date recorded)."""
    handed_or_posted = notice.posted_on or notice.issued_on
    if notice.delivery is Delivery.HAND:
        return handed_or_posted, notice.posted_on is None
    return deemed_service(handed_or_posted, policy), notice.posted_on is None


def terms_for(
    sequence: int, issued_on: date, receipt_on: date, posting_assumed: bool, policy: Policy
) -> PenaltyTerms:
    start = receipt_on if policy[P.PN_PERIOD_STARTS] == "receipt" else issued_on
    first_day_counts = policy[P.PN_PERIOD_COUNTS_FIRST_DAY]
    reduced_until = last_day_of_period(
        start, policy[P.PN_REDUCED_DAYS], includes_start=first_day_counts
    )
    full_until = last_day_of_period(start, policy[P.PN_FULL_DAYS], includes_start=first_day_counts)
    if sequence == 0:
        reduced: int | None = LEGACY_REDUCED_PENCE
        full = LEGACY_FULL_PENCE
    elif sequence == 1:
        reduced, full = policy[P.PN_FIRST_REDUCED_PENCE], policy[P.PN_FIRST_FULL_PENCE]
    else:
        reduced, full = None, policy[P.PN_SECOND_PENCE]
    return PenaltyTerms(
        sequence=sequence,
        receipt_on=receipt_on,
        posting_assumed=posting_assumed,
        period_start=start,
        reduced_pence=reduced,
        reduced_until=reduced_until if reduced is not None else None,
        full_pence=full,
        full_until=full_until,
    )


def notice_terms(notice: PenaltyNotice, case: CaseFacts, policy: Policy) -> PenaltyTerms:
    receipt, assumed = receipt_of(notice, policy)
    return terms_for(sequence_of(notice, case), notice.issued_on, receipt, assumed, policy)


def paid_on(notice: PenaltyNotice, terms: PenaltyTerms) -> date | None:
    """The day payments (not refunded) first reached the amount due, within the period."""
    total = 0
    for payment in sorted(notice.payments, key=lambda p: p.paid_on):
        if payment.refunded_on is not None:
            continue
        total += payment.amount_pence
        due = terms.amount_due_on(payment.paid_on)
        if due is not None and total >= due:
            return payment.paid_on
    return None


class PnStatus(StrEnum):
    AWAITING_PAYMENT = "awaiting_payment"
    PAID = "paid"
    WITHDRAWN = "withdrawn"
    PROSECUTED = "prosecuted"
    EXPIRED_UNPAID = "expired_unpaid"  # the forced decision: prosecute or withdraw


def prosecution_for(notice: PenaltyNotice, case: CaseFacts) -> Prosecution | None:
    """The prosecution that follows this notice: linked to it, or for overlapping absence."""
    for p in case.actions(Prosecution, notice.child_id, notice.parent_id):
        if p.parent_id != notice.parent_id:
            continue
        overlaps = p.offence_start <= notice.offence_end and notice.offence_start <= p.offence_end
        if p.penalty_notice_id == notice.id or (p.penalty_notice_id is None and overlaps):
            return p
    return None


def notice_status(notice: PenaltyNotice, case: CaseFacts, on: date, policy: Policy) -> PnStatus:
    if notice.withdrawn_by(on):
        return PnStatus.WITHDRAWN
    terms = notice_terms(notice, case, policy)
    paid = paid_on(notice, terms)
    if paid is not None and paid <= on:
        return PnStatus.PAID
    prosecution = prosecution_for(notice, case)
    laid = prosecution.information_laid_on if prosecution is not None else None
    if laid is not None and laid <= on:
        return PnStatus.PROSECUTED
    if on > terms.full_until:
        return PnStatus.EXPIRED_UNPAID
    return PnStatus.AWAITING_PAYMENT
