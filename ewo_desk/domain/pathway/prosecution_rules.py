"""Rules for prosecution (EA 1996 s.443, s.444(1), s.444(1A); MCA 1980 s.127, s.16A), §3.7, §4.

Also the parenting order, which is a court outcome on conviction (§3.5).
"""

from __future__ import annotations

from datetime import date

from ewo_desk.domain.calendar import add_months, add_years
from ewo_desk.domain.pathway import policy as P
from ewo_desk.domain.pathway import rules as R
from ewo_desk.domain.pathway.context import (
    StepContext,
    compulsory_school_age,
    contract_explored,
    registered_pupil,
    s576_parent,
    support_first,
    unresolved_n_codes,
)
from ewo_desk.domain.pathway.court_records import (
    InterviewStatus,
    InterviewUnderCaution,
    Offence,
    Prosecution,
    Route,
    SchoolAttendanceOrder,
)
from ewo_desk.domain.pathway.decision import Reason, block, note, warn
from ewo_desk.domain.pathway.eso_rules import considered_before
from ewo_desk.domain.pathway.evidence import missing_evidence
from ewo_desk.domain.pathway.formatting import fmt_date
from ewo_desk.domain.pathway.penalty_terms import (
    PnStatus,
    notice_status,
    notice_terms,
    paid_on,
)
from ewo_desk.domain.pathway.periods import (
    PARENTING_ORDER_MAX_MONTHS,
    PARENTING_PROGRAMME_MAX_MONTHS,
    prosecution_limit,
)
from ewo_desk.domain.pathway.records import PenaltyNotice


def prosecution_to_lay(ctx: StepContext) -> Prosecution | None:
    """An opened prosecution file for this parent and child not yet laid."""
    files = [
        p
        for p in ctx.case.actions(Prosecution, ctx.child_id, ctx.parent_id)
        if p.parent_id == ctx.parent_id and p.information_laid_on is None
    ]
    return max(files, key=lambda p: p.opened_on) if files else None


def check_prosecution(ctx: StepContext, prosecution: Prosecution | None) -> list[Reason]:
    """May the information be laid on the step's date (for this file, when there is one)?"""
    reasons = s576_parent(ctx)
    if reasons:
        return reasons
    lay_on = ctx.on if prosecution is None else prosecution.information_laid_on or ctx.on
    if considered_before(ctx, lay_on) is None:
        reasons.append(
            block(
                R.ESO_CONSIDERED,
                "Before proceedings under s.443 or s.444 the council must consider applying for "
                "an Education Supervision Order instead of, or as well as, prosecuting. Record "
                "the dated decision and its reasons first.",
            )
        )
    if prosecution is None or prosecution.offence is not Offence.S443:
        reasons += registered_pupil(ctx)  # s.443 is about a child not on any roll
    if prosecution is None:
        reasons += compulsory_school_age(ctx)
    else:
        reasons += _file(ctx, prosecution, lay_on)
    reasons += _interview(ctx)
    reasons += contract_explored(ctx) + support_first(ctx) + unresolved_n_codes(ctx)
    return reasons


def _file(ctx: StepContext, p: Prosecution, lay_on: date) -> list[Reason]:
    reasons: list[Reason] = []
    if p.offence_start > p.offence_end or p.offence_end > lay_on:
        reasons.append(
            block(
                R.PROSECUTION_OFFENCE_PERIOD,
                f"The offence period {fmt_date(p.offence_start)} to {fmt_date(p.offence_end)} "
                "must start before it ends, and end before the information is laid.",
            )
        )
    reasons += compulsory_school_age(ctx, p.offence_end)
    if not ctx.child.of_compulsory_school_age(p.offence_start):
        reasons.append(
            warn(
                R.COMPULSORY_SCHOOL_AGE,
                f"{ctx.child.name} was not of compulsory school age on "
                f"{fmt_date(p.offence_start)}; start the offence period on or after "
                f"{fmt_date(ctx.child.csa_starts)}.",
            )
        )
    reasons += time_limit(p, lay_on)
    reasons += _route(ctx, p, lay_on)
    if p.offence is Offence.S443 and not any(
        s.order_served_on and s.order_served_on <= p.offence_start
        for s in ctx.case.actions(SchoolAttendanceOrder, ctx.child_id)
    ):
        reasons.append(
            block(
                R.PROSECUTION_SAO,
                "No school attendance order served before the offence period is recorded.",
            )
        )
    reasons += _penalty_notices(ctx, p, lay_on)
    for other in ctx.case.actions(Prosecution, ctx.child_id, ctx.parent_id):
        if (
            other.id != p.id
            and other.parent_id == p.parent_id
            and other.information_laid_on is not None
            and other.offence_start <= p.offence_end
            and p.offence_start <= other.offence_end
        ):
            reasons.append(
                block(
                    R.PROSECUTION_OFFENCE_PERIOD,
                    f"A prosecution laid {fmt_date(other.information_laid_on)} already covers "
                    "part of this offence period.",
                )
            )
    if ctx.policy[P.PROSECUTION_NEEDS_AUTHORISATION] and (
        p.authorised_on is None or p.authorised_on > lay_on
    ):
        reasons.append(warn(R.PROSECUTION_AUTHORISATION, "Record the legal panel's authorisation."))
    for line in missing_evidence(p, ctx.case):
        todo = f": {line.detail}" if line.detail else ""
        reasons.append(
            warn(R.PROSECUTION_EVIDENCE, f"Missing from the file: {line.item.label}{todo}.")
        )
    return reasons


def time_limit(p: Prosecution, lay_on: date) -> list[Reason]:
    limit = prosecution_limit(p.offence_end)
    if lay_on <= limit:
        days = (limit - lay_on).days
        return [
            note(
                R.PROSECUTION_TIME_LIMIT,
                f"The information must be laid by {fmt_date(limit)} ({days} days from "
                f"{fmt_date(lay_on)}).",
            )
        ]
    if p.late_reason.strip():
        return [
            warn(
                R.PROSECUTION_TIME_LIMIT,
                f"Laid after the six-month limit ({fmt_date(limit)}) on the recorded reason: "
                f"{p.late_reason.strip()}. The court may refuse to try it.",
            )
        ]
    return [
        block(
            R.PROSECUTION_TIME_LIMIT,
            f"The six-month limit for an offence period ending {fmt_date(p.offence_end)} was "
            f"{fmt_date(limit)}. A magistrates' court cannot try an information laid later. "
            "Record a reason to proceed only on legal advice, or choose a later offence period.",
        )
    ]


def _route(ctx: StepContext, p: Prosecution, lay_on: date) -> list[Reason]:
    if p.route is not Route.SJP:
        return []
    if p.offence is Offence.S444_1A:
        return [
            block(
                R.PROSECUTION_ROUTE,
                "s.444(1A) is imprisonable, so it cannot go by the Single Justice Procedure: "
                "choose open court.",
            )
        ]
    parent = ctx.parent
    born = parent.date_of_birth if parent else None
    if born is None:
        return [
            warn(
                R.PROSECUTION_SJP_ADULT,
                "Record the parent's date of birth: the Single "
                "Justice Procedure is only for those aged 18+.",
            )
        ]
    if lay_on < add_years(born, 18):
        return [block(R.PROSECUTION_SJP_ADULT, f"{ctx.parent_name} is under 18: open court only.")]
    return []


def _penalty_notices(ctx: StepContext, p: Prosecution, lay_on: date) -> list[Reason]:
    reasons: list[Reason] = []
    for pn in ctx.case.actions(PenaltyNotice, ctx.child_id, ctx.parent_id):
        linked = p.penalty_notice_id == pn.id
        overlaps = pn.offence_start <= p.offence_end and p.offence_start <= pn.offence_end
        if pn.parent_id != p.parent_id or not (linked or overlaps) or pn.withdrawn_by(lay_on):
            continue
        terms = notice_terms(pn, ctx.case, ctx.policy)
        settled = paid_on(pn, terms)
        if settled is not None and settled <= lay_on:
            reasons.append(
                block(
                    R.PROSECUTION_PN_PAID,
                    f"The penalty notice issued {fmt_date(pn.issued_on)} for this absence was "
                    f"paid on {fmt_date(settled)}: payment discharges liability.",
                )
            )
        elif notice_status(pn, ctx.case, lay_on, ctx.policy) is PnStatus.AWAITING_PAYMENT:
            reasons.append(
                block(
                    R.PROSECUTION_PN_PERIOD,
                    f"The penalty notice issued {fmt_date(pn.issued_on)} for this absence can "
                    f"be paid until {fmt_date(terms.full_until)}; no proceedings before then.",
                )
            )
    return reasons


def _interview(ctx: StepContext) -> list[Reason]:
    interviews = ctx.case.actions(InterviewUnderCaution, ctx.child_id, ctx.parent_id)
    if not interviews:
        return [
            warn(
                R.PROSECUTION_INTERVIEW,
                f"{ctx.parent_name} has not been invited to an interview under caution. There is "
                "no legal duty, but the parent should have the chance to give an account.",
            )
        ]
    latest = max(interviews, key=lambda i: i.invited_on)
    if latest.status is InterviewStatus.INVITED:
        return [
            warn(
                R.PROSECUTION_INTERVIEW,
                f"Invited to interview on {fmt_date(latest.invited_on)}; record whether it was "
                "held or declined.",
            )
        ]
    return []


def check_interview(ctx: StepContext, interview: InterviewUnderCaution | None) -> list[Reason]:
    reasons = s576_parent(ctx)
    if interview is not None and interview.status is InterviewStatus.HELD and not interview.held_on:
        reasons.append(warn(R.PROSECUTION_INTERVIEW, "Record the date the interview was held."))
    if interview is not None and interview.status is InterviewStatus.HELD:
        reasons.append(
            note(
                R.PROSECUTION_INTERVIEW,
                "Caution given, not under arrest, free to leave, free legal advice offered; an "
                "interpreter or appropriate adult where needed.",
            )
        )
    return reasons


# --- after the information is laid ---


def laid_awaiting_outcome(ctx: StepContext) -> Prosecution | None:
    laid = [
        p
        for p in ctx.case.actions(Prosecution, ctx.child_id, ctx.parent_id)
        if p.parent_id == ctx.parent_id and p.information_laid_on is not None and p.outcome is None
    ]
    return max(laid, key=lambda p: p.information_laid_on or p.opened_on) if laid else None


def check_outcome(ctx: StepContext, p: Prosecution) -> list[Reason]:
    if p.information_laid_on is None or p.information_laid_on > ctx.on:
        return [block(R.PROSECUTION_LAID, "The information has not been laid yet.")]
    return []


def latest_conviction(ctx: StepContext) -> Prosecution | None:
    convicted = [
        p
        for p in ctx.case.actions(Prosecution, ctx.child_id, ctx.parent_id)
        if p.parent_id == ctx.parent_id
        and p.outcome is not None
        and p.outcome.result.is_conviction
        and p.outcome.decided_on <= ctx.on
    ]
    return (
        max(convicted, key=lambda p: p.outcome.decided_on if p.outcome else p.opened_on)
        if convicted
        else None
    )


def check_parenting_order(ctx: StepContext, p: Prosecution) -> list[Reason]:
    outcome = p.outcome
    if outcome is None or not outcome.result.is_conviction:
        return [
            block(
                R.PARENTING_ORDER_CONVICTION,
                "A parenting order can only be made by the court on conviction under s.443 or "
                "s.444 (Sentencing Act 2020 s.369).",
            )
        ]
    order = outcome.parenting_order
    if order is None:
        return []
    reasons: list[Reason] = []
    if order.requirements_until > add_months(order.made_on, PARENTING_ORDER_MAX_MONTHS):
        reasons.append(block(R.PARENTING_ORDER_LIMITS, "Requirements may last at most 12 months."))
    if order.programme_until is not None and order.programme_until > add_months(
        order.made_on, PARENTING_PROGRAMME_MAX_MONTHS
    ):
        reasons.append(block(R.PARENTING_ORDER_LIMITS, "The programme may last at most 3 months."))
    return reasons


def check_outcome_recorded(ctx: StepContext, p: Prosecution) -> list[Reason]:
    """A recorded outcome, dated by the court's decision: laid first, and any parenting order."""
    reasons: list[Reason] = []
    if p.outcome is None:
        return reasons
    if p.information_laid_on is None or p.information_laid_on > p.outcome.decided_on:
        reasons.append(
            block(R.PROSECUTION_LAID, "An outcome needs the information laid before it.")
        )
    if p.outcome.parenting_order is not None:
        reasons += check_parenting_order(ctx, p)
    return reasons
