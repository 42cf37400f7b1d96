"""Rules for Education Supervision Orders (CA 1989 s.36, Sch 3; EA 1996 s.447), §3.4."""

from __future__ import annotations

from datetime import date, timedelta

from ewo_desk.domain.calendar import add_years
from ewo_desk.domain.pathway import rules as R
from ewo_desk.domain.pathway.context import StepContext, compulsory_school_age, contract_explored
from ewo_desk.domain.pathway.court_records import (
    CourtDirection,
    EducationSupervisionOrder,
    EsoConsidered,
    EsoConsultation,
    SchoolAttendanceOrder,
)
from ewo_desk.domain.pathway.decision import Reason, block, note, warn
from ewo_desk.domain.pathway.facts import ChildFacts
from ewo_desk.domain.pathway.formatting import fmt_date
from ewo_desk.domain.pathway.periods import (
    ESO_EXTENSION_MAX_YEARS,
    eso_extension_opens,
    eso_last_day,
    eso_reasons_due,
)


def uncapped_last_day(order: EducationSupervisionOrder) -> date | None:
    """Last day in force from the order and granted extensions (before age or discharge)."""
    if order.made_on is None:
        return None
    last = eso_last_day(order.made_on)
    for ext in order.extensions:
        if ext.granted_on is not None and ext.extended_until is not None:
            last = max(last, ext.extended_until)
    return last


def last_day_in_force(order: EducationSupervisionOrder, child: ChildFacts) -> date | None:
    """The order also ends when the child leaves compulsory school age, or on discharge."""
    last = uncapped_last_day(order)
    if last is None:
        return None
    last = min(last, child.csa_ends)
    if order.discharged_on is not None:
        last = min(last, order.discharged_on - timedelta(days=1))
    return last


def in_force_on(order: EducationSupervisionOrder, child: ChildFacts, day: date) -> bool:
    last = last_day_in_force(order, child)
    return order.made_on is not None and last is not None and order.made_on <= day <= last


def order_in_force(ctx: StepContext) -> EducationSupervisionOrder | None:
    for order in ctx.case.actions(EducationSupervisionOrder, ctx.child_id):
        if in_force_on(order, ctx.child, ctx.on):
            return order
    return None


def considered_before(ctx: StepContext, day: date) -> EsoConsidered | None:
    """The latest reasoned s.447 decision for this child (and parent) on or before `day`."""
    found = [
        c
        for c in ctx.case.actions(EsoConsidered, ctx.child_id, ctx.parent_id)
        if c.decided_on <= day and c.reasons.strip()
    ]
    return max(found, key=lambda c: c.decided_on) if found else None


def check_considered(ctx: StepContext, record: EsoConsidered | None) -> list[Reason]:
    if record is not None and not record.reasons.strip():
        return [
            block(
                R.ESO_CONSIDERED,
                "Give the reasons for the decision: the court may ask why an ESO was (or was "
                "not) applied for.",
            )
        ]
    return []


def check_application(ctx: StepContext, order: EducationSupervisionOrder | None) -> list[Reason]:
    child = ctx.child
    reasons = compulsory_school_age(ctx)
    if child.in_local_authority_care:
        reasons.append(
            block(R.ESO_IN_CARE, f"{child.name} is in local authority care: no ESO can be made.")
        )
    consulted = [
        c for c in ctx.case.actions(EsoConsultation, ctx.child_id) if c.consulted_on <= ctx.on
    ]
    if not consulted:
        reasons.append(
            block(
                R.ESO_CONSULTATION,
                "Consult children's social care before applying (s.36(8)), and record it.",
            )
        )
    existing = order_in_force(ctx)
    if existing is not None and (order is None or existing.id != order.id):
        reasons.append(
            block(
                R.ESO_IN_FORCE, f"An ESO made {fmt_date(existing.made_on or ctx.on)} is in force."
            )
        )
    saos = ctx.case.actions(SchoolAttendanceOrder, ctx.child_id)
    if (
        child.threshold_met_by(ctx.on) is None
        and child.pattern_recorded_on is None
        and not any(s.order_served_on for s in saos)
    ):
        reasons.append(
            warn(
                R.ESO_NOT_EDUCATED,
                "Nothing recorded shows the child is not attending regularly (or not complying "
                "with a school attendance order); the court must be satisfied the child is not "
                "properly educated.",
            )
        )
    reasons += contract_explored(ctx)
    if order is not None:
        reasons += _order_dates(ctx, order)
    return reasons


def _order_dates(ctx: StepContext, order: EducationSupervisionOrder) -> list[Reason]:
    reasons: list[Reason] = []
    last = uncapped_last_day(order)
    for ext in order.extensions:
        if last is None:
            break
        reasons += _extension_limits(ext.applied_on, ext.extended_until, order, ctx)
    if order.made_on is not None and last is not None:
        reasons.append(
            note(R.ESO_DURATION, f"In force until {fmt_date(min(last, ctx.child.csa_ends))}.")
        )
    return reasons


def _extension_limits(
    applied_on: date, until: date | None, order: EducationSupervisionOrder, ctx: StepContext
) -> list[Reason]:
    before = [
        e.extended_until
        for e in order.extensions
        if e.extended_until and e.granted_on and e.applied_on < applied_on
    ]
    assert order.made_on is not None
    current = max([eso_last_day(order.made_on), *before])
    reasons: list[Reason] = []
    opens = eso_extension_opens(current)
    if applied_on < opens:
        reasons.append(
            block(
                R.ESO_EXTENSION_WINDOW,
                f"An extension may be applied for no earlier than 3 months before the order "
                f"expires: from {fmt_date(opens)} (the order runs to {fmt_date(current)}).",
            )
        )
    elif applied_on > current:
        reasons.append(
            block(R.ESO_IN_FORCE, f"The order expired on {fmt_date(current)}; apply for a new one.")
        )
    if until is not None and until > add_years(
        current + timedelta(days=1), ESO_EXTENSION_MAX_YEARS
    ) - timedelta(days=1):
        reasons.append(
            block(
                R.ESO_EXTENSION_LENGTH,
                f"An extension to {fmt_date(until)} is longer than 3 years from "
                f"{fmt_date(current)}.",
            )
        )
    return reasons


def application_awaiting_order(ctx: StepContext) -> EducationSupervisionOrder | None:
    waiting = [
        o
        for o in ctx.case.actions(EducationSupervisionOrder, ctx.child_id)
        if o.made_on is None and o.refused_on is None and o.applied_on <= ctx.on
    ]
    return max(waiting, key=lambda o: o.applied_on) if waiting else None


def check_extension(ctx: StepContext, order: EducationSupervisionOrder) -> list[Reason]:
    if not in_force_on(order, ctx.child, ctx.on):
        return [block(R.ESO_IN_FORCE, "No ESO is in force to extend; apply for a new one.")]
    return _extension_limits(ctx.on, None, order, ctx)


def latest_order(ctx: StepContext) -> EducationSupervisionOrder | None:
    made = [o for o in ctx.case.actions(EducationSupervisionOrder, ctx.child_id) if o.made_on]
    return max(made, key=lambda o: o.made_on or o.applied_on) if made else None


def check_discharge(ctx: StepContext, order: EducationSupervisionOrder) -> list[Reason]:
    if not in_force_on(order, ctx.child, ctx.on):
        return [block(R.ESO_IN_FORCE, "No ESO is in force to discharge.")]
    return []


def direction_awaiting_reasons(ctx: StepContext) -> CourtDirection | None:
    waiting = [
        d
        for d in ctx.case.actions(CourtDirection, ctx.child_id, ctx.parent_id)
        if d.reasons_given_on is None and d.directed_on <= ctx.on
    ]
    return max(waiting, key=lambda d: d.directed_on) if waiting else None


def check_reasons_to_court(ctx: StepContext, direction: CourtDirection) -> list[Reason]:
    due = eso_reasons_due(direction.directed_on, direction.reasons_due_days)
    sent_on = direction.reasons_given_on or ctx.on
    if sent_on > due:
        return [
            warn(
                R.ESO_COURT_DIRECTION,
                f"The reasons were due by {fmt_date(due)} (8 weeks from the direction of "
                f"{fmt_date(direction.directed_on)}, unless the court set another period).",
            )
        ]
    return [note(R.ESO_COURT_DIRECTION, f"Reasons are due by {fmt_date(due)}.")]


def check_direction(ctx: StepContext, direction: CourtDirection | None) -> list[Reason]:
    if direction is None or direction.reasons_given_on is None:
        return []
    reasons = check_reasons_to_court(ctx, direction)
    if not direction.reasons.strip():
        reasons.append(warn(R.ESO_COURT_DIRECTION, "Record the reasons given to the court."))
    return reasons
