"""Checking a whole record (new or changed) against the rest of its case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ewo_desk.domain.pathway.context import StepContext
from ewo_desk.domain.pathway.contract_rules import (
    check_contract,
    check_support,
)
from ewo_desk.domain.pathway.court_records import (
    CourtDirection,
    EducationSupervisionOrder,
    EsoConsidered,
    EsoConsultation,
    InterviewUnderCaution,
    Prosecution,
    SchoolAttendanceOrder,
)
from ewo_desk.domain.pathway.decision import Decision, Reason, as_back_dated
from ewo_desk.domain.pathway.eso_rules import (
    check_application,
    check_considered,
    check_direction,
)
from ewo_desk.domain.pathway.facts import CaseFacts, LegalAction
from ewo_desk.domain.pathway.nti_rules import check_nti
from ewo_desk.domain.pathway.pn_rules import (
    check_expiry,
    check_payments_recorded,
    check_penalty_notice,
    check_withdrawal_recorded,
)
from ewo_desk.domain.pathway.prosecution_rules import (
    check_interview,
    check_outcome_recorded,
    check_prosecution,
)
from ewo_desk.domain.pathway.records import (
    AttendanceContract,
    NoticeToImprove,
    PenaltyNotice,
    SupportOffer,
)
from ewo_desk.domain.pathway.sao_rules import check_sao_notice
from ewo_desk.domain.pathway.steps import StepKind
from ewo_desk.domain.settings import Policy

K = StepKind


# The step that makes each kind of record (follow-up steps change an existing record).
RECORD_KINDS: dict[type[Any], StepKind] = {
    SupportOffer: K.SUPPORT,
    AttendanceContract: K.ATTENDANCE_CONTRACT,
    NoticeToImprove: K.NOTICE_TO_IMPROVE,
    PenaltyNotice: K.PENALTY_NOTICE,
    EsoConsidered: K.ESO_CONSIDERED,
    EsoConsultation: K.ESO_CONSULTATION,
    EducationSupervisionOrder: K.ESO_APPLICATION,
    CourtDirection: K.ESO_COURT_DIRECTION,
    InterviewUnderCaution: K.INTERVIEW_UNDER_CAUTION,
    Prosecution: K.PROSECUTION,
    SchoolAttendanceOrder: K.SAO_NOTICE,
}


def kind_of(action: LegalAction) -> StepKind:
    return RECORD_KINDS[type(action)]


def action_date(action: LegalAction) -> date:
    """The day the step was taken (for ordering the history)."""
    if isinstance(action, SupportOffer | AttendanceContract):
        return action.offered_on
    if isinstance(action, NoticeToImprove | PenaltyNotice):
        return action.issued_on
    if isinstance(action, EsoConsidered):
        return action.decided_on
    if isinstance(action, EsoConsultation):
        return action.consulted_on
    if isinstance(action, EducationSupervisionOrder):
        return action.applied_on
    if isinstance(action, CourtDirection):
        return action.directed_on
    if isinstance(action, InterviewUnderCaution):
        return action.invited_on
    if isinstance(action, Prosecution):
        return action.opened_on
    return action.notice_served_on


def _parts(
    ctx_at: Callable[[date], StepContext], action: LegalAction, today: date
) -> list[tuple[date, list[Reason]]]:
    """The record's rules, each part dated by the event it is about (so back-dating is per part)."""
    if isinstance(action, PenaltyNotice):
        parts = [(action.issued_on, check_penalty_notice(ctx_at(action.issued_on), action))]
        if action.payments:
            paid = max(p.paid_on for p in action.payments)
            parts.append((paid, check_payments_recorded(ctx_at(paid), action)))
        if action.withdrawal is not None:
            w_on = action.withdrawal.withdrawn_on
            parts.append((w_on, check_withdrawal_recorded(ctx_at(w_on), action)))
        parts.append((today, check_expiry(ctx_at(today), action)))
        return parts
    if isinstance(action, Prosecution):
        lay_on = action.information_laid_on or today
        parts = [(lay_on, check_prosecution(ctx_at(lay_on), action))]
        if action.outcome is not None:
            decided = action.outcome.decided_on
            parts.append((decided, check_outcome_recorded(ctx_at(decided), action)))
        return parts
    if isinstance(action, SchoolAttendanceOrder):
        return [
            (
                action.order_served_on or action.notice_served_on,
                check_sao_notice(ctx_at(action.notice_served_on), action),
            )
        ]
    if isinstance(action, EducationSupervisionOrder):
        latest = max([action.applied_on, *(e.applied_on for e in action.extensions)])
        return [(latest, check_application(ctx_at(action.applied_on), action))]
    on = action_date(action)
    ctx = ctx_at(on)
    if isinstance(action, SupportOffer):
        return [(on, check_support(ctx, action))]
    if isinstance(action, AttendanceContract):
        dates = [
            action.offered_on,
            action.parent_signed_on,
            action.council_signed_on,
            action.refused_or_broken_on,
        ]
        return [(max(d for d in dates if d), check_contract(ctx, action))]
    if isinstance(action, NoticeToImprove):
        return [(on, check_nti(ctx, action))]
    if isinstance(action, EsoConsidered):
        return [(on, check_considered(ctx, action))]
    if isinstance(action, CourtDirection):
        return [(action.reasons_given_on or on, check_direction(ctx, action))]
    if isinstance(action, InterviewUnderCaution):
        return [(action.held_on or on, check_interview(ctx, action))]
    return []


def check_action(action: LegalAction, case: CaseFacts, today: date, policy: Policy) -> Decision:
    """Is this record (new, or changed) sound against the rest of the case?

    The record is judged against the case without its own earlier version. Parts dated before
    today (a payment last week) are kept with a note of any rule they broke.
    """
    rest = case.without(action.id)
    parent_id: str | None = getattr(action, "parent_id", None)

    def ctx_at(day: date) -> StepContext:
        return StepContext(rest, parent_id, action.child_id, day, today, policy)

    reasons: list[Reason] = []
    for on, part in _parts(ctx_at, action, today):
        reasons += as_back_dated(tuple(part), on, today)
    on = action_date(action)
    return Decision(
        kind_of(action),
        parent_id,
        action.child_id,
        on,
        tuple(reasons),
        target_id=action.id,
        back_dated=on < today,
    )
