"""What the officer records for support, contracts, notices to improve and penalty notices.

Plain frozen dataclasses: the store fills them from the caseload, the rules read them. Each record
names one parent and one child (`parent_id` may be None only where the step is about the child).
Dates are `datetime.date`; money is integer pence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Delivery(StrEnum):
    FIRST_CLASS_POST = "first_class_post"
    HAND = "hand"  # handed to the parent: received the same day


# --- support and early help -------------------------------------------------------------------


class SupportResponse(StrEnum):
    PENDING = "pending"
    ENGAGED = "engaged"
    NOT_ENGAGED = "not_engaged"
    DECLINED = "declined"


@dataclass(frozen=True)
class SupportOffer:
    id: str
    parent_id: str | None
    child_id: str
    offered_on: date
    description: str
    response: SupportResponse = SupportResponse.PENDING


# --- attendance contract ----------------------------------------------------------------------


class ContractStatus(StrEnum):
    OFFERED = "offered"
    REFUSED = "refused"  # evidence for the next stage
    IN_FORCE = "in_force"
    BROKEN = "broken"  # evidence for the next stage
    COMPLETED = "completed"


@dataclass(frozen=True)
class ContractReview:
    held_on: date
    outcome: str
    next_review_on: date | None = None


@dataclass(frozen=True)
class AttendanceContract:
    id: str
    parent_id: str
    child_id: str
    offered_on: date
    status: ContractStatus = ContractStatus.OFFERED
    parent_signed_on: date | None = None
    council_signed_on: date | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    requirements: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    first_review_on: date | None = None
    reviews: tuple[ContractReview, ...] = ()
    refused_or_broken_on: date | None = None
    refused_or_broken_note: str = ""

    def in_force_on(self, day: date) -> bool:
        if self.status is not ContractStatus.IN_FORCE or self.starts_on is None:
            return False
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


# --- notice to improve ------------------------------------------------------------------------


class NtiContent(StrEnum):
    """The eight contents the national framework requires (§3.2)."""

    ATTENDANCE_RECORD = "attendance_record"
    BENEFITS_AND_DUTY = "benefits_and_duty"
    SUPPORT_PROVIDED = "support_provided"
    FURTHER_SUPPORT = "further_support"
    CLEAR_WARNING = "clear_warning"
    IMPROVEMENT_PERIOD = "improvement_period"
    SUFFICIENT_IMPROVEMENT = "sufficient_improvement"
    EARLY_PN_GROUNDS = "early_pn_grounds"

    @property
    def label(self) -> str:
        return _NTI_CONTENT_LABELS[self]


_NTI_CONTENT_LABELS = {
    NtiContent.ATTENDANCE_RECORD: "the pupil's attendance record and details of the offences",
    NtiContent.BENEFITS_AND_DUTY: (
        "the benefits of regular attendance and the parent's duty under s.7 of the Education Act "
        "1996"
    ),
    NtiContent.SUPPORT_PROVIDED: "the support provided so far",
    NtiContent.FURTHER_SUPPORT: (
        "further support on offer, including support offered before but not taken up"
    ),
    NtiContent.CLEAR_WARNING: (
        "a clear warning that a penalty notice may be issued, or prosecution considered, if "
        "attendance does not improve within the improvement period"
    ),
    NtiContent.IMPROVEMENT_PERIOD: "a clear improvement period of between 3 and 6 weeks",
    NtiContent.SUFFICIENT_IMPROVEMENT: "what sufficient improvement looks like",
    NtiContent.EARLY_PN_GROUNDS: (
        "the grounds on which a penalty notice may be issued before the improvement period ends"
    ),
}


class NtiFinding(StrEnum):
    CONTINUING = "continuing"  # checked the new marks; the period goes on
    SUFFICIENT_IMPROVEMENT = "sufficient_improvement"
    NOT_IMPROVED = "not_improved"
    EARLY_PN_GROUNDS = "early_pn_grounds"  # grounds stated in the notice for a PN before the end

    @property
    def is_outcome(self) -> bool:
        return self is not NtiFinding.CONTINUING


@dataclass(frozen=True)
class NtiReview:
    on: date
    finding: NtiFinding
    note: str = ""
    parent_told_on: date | None = None  # before an early penalty notice (S59)


@dataclass(frozen=True)
class NoticeToImprove:
    id: str
    parent_id: str
    child_id: str
    issued_on: date
    period_start: date
    period_end: date
    contents: frozenset[NtiContent]  # which of the eight the notice as sent contains
    sufficient_improvement: str = ""
    delivery: Delivery = Delivery.FIRST_CLASS_POST
    posted_on: date | None = None
    reviews: tuple[NtiReview, ...] = ()

    def outcome(self) -> NtiReview | None:
        """The review that ended the period's checks, if any."""
        finals = [r for r in self.reviews if r.finding.is_outcome]
        return max(finals, key=lambda r: r.on) if finals else None


# --- penalty notice ---------------------------------------------------------------------------


class WithdrawalGround(StrEnum):
    """The lawful grounds for withdrawing a penalty notice (2007 Regs reg 8 and reg 9, §3.3)."""

    OUGHT_NOT_TO_HAVE_BEEN_ISSUED = "ought_not_to_have_been_issued"  # no offence; outside the code
    WRONG_RECIPIENT = "wrong_recipient"
    MATERIAL_ERRORS = "material_errors"
    UNPAID_NOT_PROSECUTED = "unpaid_not_prosecuted"  # reg 9: must withdraw if not prosecuting

    @property
    def label(self) -> str:
        return _GROUND_LABELS[self]


_GROUND_LABELS = {
    WithdrawalGround.OUGHT_NOT_TO_HAVE_BEEN_ISSUED: (
        "it ought not to have been issued (no offence, or issued outside the local code)"
    ),
    WithdrawalGround.WRONG_RECIPIENT: "it ought not to have been issued to the person named",
    WithdrawalGround.MATERIAL_ERRORS: "it contains material errors",
    WithdrawalGround.UNPAID_NOT_PROSECUTED: "it was not paid and the council will not prosecute",
}


@dataclass(frozen=True)
class Payment:
    paid_on: date
    amount_pence: int
    refunded_on: date | None = None


@dataclass(frozen=True)
class Withdrawal:
    withdrawn_on: date
    ground: WithdrawalGround
    note: str = ""
    notice_sent_on: date | None = None  # the written notice of withdrawal
    refunded_on: date | None = None  # any payment is refunded


@dataclass(frozen=True)
class PenaltyNotice:
    id: str
    parent_id: str
    child_id: str
    issued_on: date
    offence_start: date
    offence_end: date
    issuer_role: str = "la_officer"
    delivery: Delivery = Delivery.FIRST_CLASS_POST
    posted_on: date | None = None
    no_nti_reason: str = ""  # e.g. "term-time holiday: support not appropriate"
    payments: tuple[Payment, ...] = ()
    withdrawal: Withdrawal | None = None

    def withdrawn_by(self, day: date) -> bool:
        return self.withdrawal is not None and self.withdrawal.withdrawn_on <= day

    def paid_pence(self) -> int:
        return sum(p.amount_pence for p in self.payments if p.refunded_on is None)
