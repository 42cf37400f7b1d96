"""The question a rule answers, and checks that several steps share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ewo_desk.domain.pathway import rules as R
from ewo_desk.domain.pathway.decision import Reason, block, warn
from ewo_desk.domain.pathway.facts import CaseFacts, ChildFacts, ParentFacts
from ewo_desk.domain.pathway.formatting import fmt_date
from ewo_desk.domain.pathway.policy import CONTRACT_LABEL
from ewo_desk.domain.pathway.records import AttendanceContract, SupportOffer
from ewo_desk.domain.settings import Policy


@dataclass(frozen=True)
class StepContext:
    """Who the step is for, the case as it stands, the step's date and today."""

    case: CaseFacts
    parent_id: str | None
    child_id: str
    on: date  # the step's date (today, or earlier for a step recorded after the event)
    today: date
    policy: Policy

    @property
    def child(self) -> ChildFacts:
        return self.case.child(self.child_id)

    @property
    def parent(self) -> ParentFacts | None:
        return self.case.parent(self.parent_id)

    @property
    def parent_name(self) -> str:
        parent = self.parent
        return parent.name if parent else "the parent"


def compulsory_school_age(ctx: StepContext, day: date | None = None) -> list[Reason]:
    day = day or ctx.on
    child = ctx.child
    if child.of_compulsory_school_age(day):
        return []
    when = (
        f"starts on {fmt_date(child.csa_starts)}"
        if day < child.csa_starts
        else f"ended on {fmt_date(child.csa_ends)}"
    )
    return [
        block(
            R.COMPULSORY_SCHOOL_AGE,
            f"{child.name} is not of compulsory school age on {fmt_date(day)}: it {when}.",
        )
    ]


def registered_pupil(ctx: StepContext) -> list[Reason]:
    if ctx.child.registered_pupil:
        return []
    return [
        block(
            R.REGISTERED_PUPIL,
            f"{ctx.child.name} is not recorded as a registered pupil. Check the school roll "
            "(or consider a school attendance order).",
        )
    ]


def school_where_pns_apply(ctx: StepContext) -> list[Reason]:
    kind = ctx.child.school_kind
    if kind.penalty_notices_apply:
        return []
    return [
        block(
            R.PN_SCHOOL,
            f"{ctx.child.name}'s school is recorded as {kind.value.replace('_', ' ')}. Penalty "
            "notices (and the notice to improve before them) cannot be used there.",
        )
    ]


def s576_parent(ctx: StepContext) -> list[Reason]:
    """A step against a person needs a named parent within EA 1996 s.576."""
    if ctx.parent_id is None:
        return [
            block(R.PARENT_NAMED, "Choose the parent or carer this step is for: it is per parent.")
        ]
    parent = ctx.parent
    if parent is None:
        return [
            block(R.PARENT_NAMED, f"No parent or carer {ctx.parent_id!r} is recorded on this case.")
        ]
    if not parent.is_parent:
        return [
            block(
                R.PARENT,
                f"{parent.name} is not recorded as a parent: a natural parent, a person with "
                "parental responsibility, or a person who has care of the child.",
            )
        ]
    return []


def unresolved_n_codes(ctx: StepContext) -> list[Reason]:
    count = ctx.child.unresolved_n_codes
    if not count:
        return []
    return [
        warn(
            R.UNRESOLVED_N_CODES,
            f"{ctx.child.name} has {count} unresolved N code{'s' if count != 1 else ''} (reason "
            "not yet established). Ask the school to resolve them: requests and court files are "
            "rejected for unresolved N codes.",
        )
    ]


def support_first(ctx: StepContext) -> list[Reason]:
    offers = [
        o
        for o in ctx.case.actions(SupportOffer, ctx.child_id, ctx.parent_id)
        if o.offered_on <= ctx.on
    ]
    if offers:
        return []
    return [
        warn(
            R.SUPPORT_FIRST,
            f"No support or early help offered to {ctx.parent_name} is recorded. Record the "
            "support offered, or why support was not appropriate.",
        )
    ]


def contract_explored(ctx: StepContext) -> list[Reason]:
    contracts = [
        c
        for c in ctx.case.actions(AttendanceContract, ctx.child_id, ctx.parent_id)
        if c.offered_on <= ctx.on
    ]
    if contracts:
        return []
    return [
        warn(
            R.CONTRACT_EXPLORED,
            f"No {ctx.policy[CONTRACT_LABEL]} has been offered. WTISA says one should always be "
            "explored before an ESO or a prosecution; record why not if it was not appropriate.",
        )
    ]
