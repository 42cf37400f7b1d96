"""Rules for support and the attendance contract (ASBA 2003 s.19; WTISA 2024), §3.1."""

from __future__ import annotations

from datetime import date, timedelta

from ewo_desk.domain.pathway import policy as P
from ewo_desk.domain.pathway import rules as R
from ewo_desk.domain.pathway.context import StepContext, compulsory_school_age, s576_parent
from ewo_desk.domain.pathway.decision import Reason, block, note, warn
from ewo_desk.domain.pathway.formatting import fmt_date
from ewo_desk.domain.pathway.records import AttendanceContract, ContractStatus, SupportOffer

SIGNED_STATUSES = (ContractStatus.IN_FORCE, ContractStatus.BROKEN, ContractStatus.COMPLETED)


def check_support(ctx: StepContext, offer: SupportOffer | None) -> list[Reason]:
    if offer is not None and not offer.description.strip():
        return [warn(R.SUPPORT_FIRST, "Say what support was offered: it is evidence later.")]
    return []


def contract_review_window(starts_on: date, ctx: StepContext) -> tuple[date, date]:
    weeks_min = ctx.policy[P.CONTRACT_REVIEW_WEEKS_MIN]
    weeks_max = ctx.policy[P.CONTRACT_REVIEW_WEEKS_MAX]
    return starts_on + timedelta(weeks=weeks_min), starts_on + timedelta(weeks=weeks_max)


def check_contract(ctx: StepContext, contract: AttendanceContract | None) -> list[Reason]:
    label = ctx.policy[P.CONTRACT_LABEL]
    reasons = s576_parent(ctx) + compulsory_school_age(ctx)
    child = ctx.child
    if (
        child.threshold_met_by(ctx.on) is None
        and (child.pattern_recorded_on is None or child.pattern_recorded_on > ctx.on)
        and not any(d <= ctx.on for d in child.unauthorised_sessions)
    ):
        reasons.append(
            warn(
                R.CONTRACT_IRREGULAR_ATTENDANCE,
                f"No unauthorised absence, threshold or pattern of absence is recorded for "
                f"{child.name}. A {label} is for a child who has failed to attend regularly.",
            )
        )
    own_id = contract.id if contract else None
    for other in ctx.case.actions(AttendanceContract, ctx.child_id, ctx.parent_id):
        if other.id != own_id and other.in_force_on(ctx.on):
            reasons.append(
                warn(
                    R.CONTRACT_IN_FORCE,
                    f"A {label} with {ctx.parent_name} is already in force (from "
                    f"{fmt_date(other.starts_on or other.offered_on)}). Review or end it first.",
                )
            )
    if contract is not None:
        reasons += _contract_contents(ctx, contract, label)
    return reasons


def _contract_contents(ctx: StepContext, c: AttendanceContract, label: str) -> list[Reason]:
    signed = c.status in SIGNED_STATUSES
    missing_level = block if signed else warn
    reasons: list[Reason] = []
    if signed and (c.parent_signed_on is None or c.council_signed_on is None):
        who = " and ".join(
            name
            for name, day in (
                ("the parent", c.parent_signed_on),
                ("the council", c.council_signed_on),
            )
            if day is None
        )
        reasons.append(
            block(
                R.CONTRACT_SIGNED,
                f"A {label} is signed by both sides; record the date {who} signed. It is "
                "voluntary and cannot be agreed in the parent's absence.",
            )
        )
    if not [r for r in c.requirements if r.strip()]:
        reasons.append(
            missing_level(
                R.CONTRACT_REQUIREMENTS,
                "List the requirements the parent agrees to (for example, attending a parenting "
                "programme, getting the child to school by 8:45).",
            )
        )
    if not [s for s in c.support if s.strip()]:
        reasons.append(
            missing_level(
                R.CONTRACT_SUPPORT, "State the support the council will provide or arrange."
            )
        )
    if signed and (c.starts_on is None or c.ends_on is None):
        reasons.append(block(R.CONTRACT_PERIOD, f"Give the {label}'s start and end dates."))
    if signed and c.starts_on is not None:
        reasons += _first_review(ctx, c, c.starts_on)
    if c.status in (ContractStatus.REFUSED, ContractStatus.BROKEN):
        what = "refused" if c.status is ContractStatus.REFUSED else "broken"
        if c.refused_or_broken_on is None or not c.refused_or_broken_note.strip():
            reasons.append(
                warn(
                    R.CONTRACT_EVIDENCE,
                    f"Record when and how the {label} was {what}: it is evidence for a notice to "
                    "improve, a penalty notice, an ESO or a prosecution.",
                )
            )
        else:
            reasons.append(
                note(
                    R.CONTRACT_EVIDENCE,
                    f"The {label} was {what} on {fmt_date(c.refused_or_broken_on)}; this is kept "
                    "as evidence for the next stage. There is no action for breach (s.19(8)).",
                )
            )
    return reasons


def _first_review(ctx: StepContext, c: AttendanceContract, starts_on: date) -> list[Reason]:
    earliest, latest = contract_review_window(starts_on, ctx)
    if c.first_review_on is None:
        return [
            warn(
                R.CONTRACT_REVIEW,
                f"Book the first review, between {fmt_date(earliest)} and {fmt_date(latest)}.",
            )
        ]
    if not earliest <= c.first_review_on <= latest:
        return [
            warn(
                R.CONTRACT_REVIEW,
                f"The first review on {fmt_date(c.first_review_on)} is outside the council's "
                f"window of {fmt_date(earliest)} to {fmt_date(latest)}.",
            )
        ]
    return []


def contract_to_review(ctx: StepContext) -> AttendanceContract | None:
    contracts = [
        c
        for c in ctx.case.actions(AttendanceContract, ctx.child_id, ctx.parent_id)
        if c.status in SIGNED_STATUSES
    ]
    return max(contracts, key=lambda c: c.starts_on or c.offered_on) if contracts else None


def check_contract_review(ctx: StepContext, contract: AttendanceContract) -> list[Reason]:
    if contract.starts_on is not None and ctx.on < contract.starts_on:
        return [
            block(
                R.CONTRACT_REVIEW,
                f"The contract only starts on {fmt_date(contract.starts_on)}.",
            )
        ]
    return []
