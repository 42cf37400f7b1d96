"""Rules for school attendance orders (EA 1996 ss.437-443), §3.6."""

from __future__ import annotations

from datetime import timedelta

from ewo_desk.domain.pathway import policy as P
from ewo_desk.domain.pathway import rules as R
from ewo_desk.domain.pathway.context import StepContext, compulsory_school_age
from ewo_desk.domain.pathway.court_records import SchoolAttendanceOrder
from ewo_desk.domain.pathway.decision import Reason, block, note, warn
from ewo_desk.domain.pathway.formatting import fmt_date
from ewo_desk.domain.pathway.periods import SAO_NOTICE_MIN_DAYS, sao_notice_ends


def check_sao_notice(ctx: StepContext, sao: SchoolAttendanceOrder | None) -> list[Reason]:
    reasons = compulsory_school_age(ctx)
    if sao is None:
        return reasons
    if sao.notice_days < SAO_NOTICE_MIN_DAYS:
        reasons.append(
            block(
                R.SAO_NOTICE_PERIOD,
                f"The notice gives {sao.notice_days} days; it must give at least "
                f"{SAO_NOTICE_MIN_DAYS} days beginning with the day of service.",
            )
        )
    else:
        reasons.append(
            note(
                R.SAO_NOTICE_PERIOD,
                f"The parent has until "
                f"{fmt_date(sao_notice_ends(sao.notice_served_on, sao.notice_days))} to satisfy "
                "the council that the child is receiving suitable education.",
            )
        )
    if sao.order_served_on is not None:
        reasons += check_order(ctx, sao)
    return reasons


def notice_awaiting_order(ctx: StepContext) -> SchoolAttendanceOrder | None:
    waiting = [
        s
        for s in ctx.case.actions(SchoolAttendanceOrder, ctx.child_id)
        if s.order_served_on is None and s.revoked_on is None and s.notice_served_on <= ctx.on
    ]
    return max(waiting, key=lambda s: s.notice_served_on) if waiting else None


def check_order(ctx: StepContext, sao: SchoolAttendanceOrder) -> list[Reason]:
    on = sao.order_served_on or ctx.on
    ends = sao_notice_ends(sao.notice_served_on, sao.notice_days)
    reasons: list[Reason] = []
    if on <= ends:
        reasons.append(
            block(
                R.SAO_AFTER_NOTICE,
                f"The parent has until {fmt_date(ends)} to answer the s.437(1) notice; an order "
                "can be served only after that.",
            )
        )
    naming = sao.naming_notice_served_on
    if naming is None:
        reasons.append(
            warn(
                R.SAO_NAMING,
                "Serve notice of the school the council intends to name first; the parent may "
                "choose another school (ss.438-441).",
            )
        )
    else:
        choice_until = naming + timedelta(days=ctx.policy[P.SAO_NAMING_DAYS] - 1)
        if on <= choice_until:
            reasons.append(
                warn(
                    R.SAO_NAMING,
                    f"The parent may choose a school until {fmt_date(choice_until)} (council "
                    "setting; the statutory period is UNVERIFIED).",
                )
            )
    return reasons
