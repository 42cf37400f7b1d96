"""The questions the app asks: may this step be taken? is this record sound? what comes next?"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ewo_desk.domain.pathway import rules as R
from ewo_desk.domain.pathway.context import StepContext
from ewo_desk.domain.pathway.contract_rules import (
    check_contract,
    check_contract_review,
    check_support,
    contract_to_review,
)
from ewo_desk.domain.pathway.court_records import (
    CourtDirection,
    EducationSupervisionOrder,
    Offence,
    Prosecution,
    Route,
    SchoolAttendanceOrder,
)
from ewo_desk.domain.pathway.decision import Decision, Reason, as_back_dated, block
from ewo_desk.domain.pathway.eso_rules import (
    application_awaiting_order,
    check_application,
    check_considered,
    check_discharge,
    check_extension,
    check_reasons_to_court,
    direction_awaiting_reasons,
    latest_order,
)
from ewo_desk.domain.pathway.facts import CaseFacts, LegalAction
from ewo_desk.domain.pathway.nti_rules import check_nti, check_nti_review, nti_to_review
from ewo_desk.domain.pathway.penalty_terms import PnStatus
from ewo_desk.domain.pathway.pn_rules import (
    check_payment,
    check_penalty_notice,
    check_withdrawal,
    notice_to_act_on,
)
from ewo_desk.domain.pathway.policy import step_label
from ewo_desk.domain.pathway.prosecution_rules import (
    check_interview,
    check_outcome,
    check_parenting_order,
    check_prosecution,
    laid_awaiting_outcome,
    latest_conviction,
    prosecution_to_lay,
)
from ewo_desk.domain.pathway.records import (
    AttendanceContract,
    NoticeToImprove,
    PenaltyNotice,
)
from ewo_desk.domain.pathway.sao_rules import check_order, check_sao_notice, notice_awaiting_order
from ewo_desk.domain.pathway.steps import StepKind, step_spec
from ewo_desk.domain.settings import Policy

K = StepKind
_OPEN_PN = (PnStatus.AWAITING_PAYMENT, PnStatus.EXPIRED_UNPAID)


def _target(kind: StepKind, ctx: StepContext) -> LegalAction | None:
    """The record a step acts on by default: the latest one it makes sense for."""
    finders: dict[StepKind, Callable[[StepContext], LegalAction | None]] = {
        K.CONTRACT_REVIEW: contract_to_review,
        K.NTI_REVIEW: nti_to_review,
        K.PN_PAYMENT: lambda c: notice_to_act_on(c, _OPEN_PN),
        K.PN_WITHDRAWAL: lambda c: notice_to_act_on(c, (*_OPEN_PN, PnStatus.PAID)),
        K.ESO_MADE: application_awaiting_order,
        K.ESO_EXTENSION: latest_order,
        K.ESO_DISCHARGE: latest_order,
        K.ESO_REASONS_TO_COURT: direction_awaiting_reasons,
        K.PROSECUTION: lambda c: prosecution_to_lay(c) or _prosecution_after_notice(c),
        K.PROSECUTION_OUTCOME: laid_awaiting_outcome,
        K.PARENTING_ORDER: latest_conviction,
        K.SCHOOL_ATTENDANCE_ORDER: notice_awaiting_order,
    }
    finder = finders.get(kind)
    return finder(ctx) if finder else None


def _prosecution_after_notice(ctx: StepContext) -> Prosecution | None:
    """With no file opened yet, the obvious candidate: the absence of an expired unpaid notice."""
    pn = notice_to_act_on(ctx, (PnStatus.EXPIRED_UNPAID,))
    if pn is None:
        return None
    return Prosecution(
        id=f"proposed-{pn.id}",
        parent_id=pn.parent_id,
        child_id=pn.child_id,
        offence=Offence.S444_1,
        offence_start=pn.offence_start,
        offence_end=pn.offence_end,
        route=Route.SJP,
        opened_on=ctx.on,
        penalty_notice_id=pn.id,
    )


def _follow_up(kind: StepKind, ctx: StepContext, target: LegalAction) -> list[Reason]:
    """Rules for a step on an existing record, once the record is known to be the right type."""
    if kind is K.CONTRACT_REVIEW and isinstance(target, AttendanceContract):
        return check_contract_review(ctx, target)
    if kind is K.NTI_REVIEW and isinstance(target, NoticeToImprove):
        return check_nti_review(ctx, target)
    if kind is K.PN_PAYMENT and isinstance(target, PenaltyNotice):
        return check_payment(ctx, target)
    if kind is K.PN_WITHDRAWAL and isinstance(target, PenaltyNotice):
        return check_withdrawal(ctx, target)
    if kind is K.ESO_MADE and isinstance(target, EducationSupervisionOrder):
        return []
    if kind is K.ESO_EXTENSION and isinstance(target, EducationSupervisionOrder):
        return check_extension(ctx, target)
    if kind is K.ESO_DISCHARGE and isinstance(target, EducationSupervisionOrder):
        return check_discharge(ctx, target)
    if kind is K.ESO_REASONS_TO_COURT and isinstance(target, CourtDirection):
        return check_reasons_to_court(ctx, target)
    if kind is K.PROSECUTION_OUTCOME and isinstance(target, Prosecution):
        return check_outcome(ctx, target)
    if kind is K.PARENTING_ORDER and isinstance(target, Prosecution):
        return check_parenting_order(ctx, target)
    if kind is K.SCHOOL_ATTENDANCE_ORDER and isinstance(target, SchoolAttendanceOrder):
        return check_order(ctx, target)
    return [block(R.STEP_TARGET, f"{target.id} is not a record this step can act on.")]


def _new_step(kind: StepKind, ctx: StepContext, target: LegalAction | None) -> list[Reason]:
    """Rules for starting a step, before its details are filled in."""
    checks: dict[StepKind, Callable[[StepContext], list[Reason]]] = {
        K.SUPPORT: lambda c: check_support(c, None),
        K.ATTENDANCE_CONTRACT: lambda c: check_contract(c, None),
        K.NOTICE_TO_IMPROVE: lambda c: check_nti(c, None),
        K.PENALTY_NOTICE: lambda c: check_penalty_notice(c, None),
        K.ESO_CONSIDERED: lambda c: check_considered(c, None),
        K.ESO_CONSULTATION: lambda c: [],
        K.ESO_APPLICATION: lambda c: check_application(c, None),
        K.ESO_COURT_DIRECTION: lambda c: [],
        K.INTERVIEW_UNDER_CAUTION: lambda c: check_interview(c, None),
        K.SAO_NOTICE: lambda c: check_sao_notice(c, None),
    }
    if kind is K.PROSECUTION:
        return check_prosecution(ctx, target if isinstance(target, Prosecution) else None)
    return checks[kind](ctx)


def may_issue(
    kind: StepKind,
    parent_id: str | None,
    child_id: str,
    case: CaseFacts,
    today: date,
    policy: Policy,
    *,
    on: date | None = None,
    target_id: str | None = None,
) -> Decision:
    """May this step be taken for this parent and child on `on` (default today)?

    A follow-up step (a payment, a withdrawal, an extension...) acts on `target_id`, or by default
    on the latest record it makes sense for. A step dated before today is recorded as it
    happened: rules it broke become warnings that say so.
    """
    on = on or today
    ctx = StepContext(case, parent_id, child_id, on, today, policy)
    spec = step_spec(kind)
    target = case.find(target_id) if target_id else _target(kind, ctx)
    if spec.acts_on is not None:
        if target is None:
            what = step_label(spec.acts_on, policy).lower()
            reasons = [
                block(R.STEP_TARGET, f"There is no {what} on this case that this step can act on.")
            ]
        else:
            reasons = _follow_up(kind, ctx, target)
    else:
        reasons = _new_step(kind, ctx, target)
    return Decision(
        kind,
        parent_id,
        child_id,
        on,
        as_back_dated(tuple(reasons), on, today),
        target_id=target.id if target is not None else None,
        back_dated=on < today,
    )
