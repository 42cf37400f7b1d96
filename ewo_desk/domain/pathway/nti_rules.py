"""Rules for the notice to improve (national framework, from 19 Aug 2024), §3.2."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ewo_desk.domain.calendar import SchoolCalendar, deemed_service
from ewo_desk.domain.pathway import policy as P
from ewo_desk.domain.pathway import rules as R
from ewo_desk.domain.pathway.context import (
    StepContext,
    compulsory_school_age,
    registered_pupil,
    s576_parent,
    school_where_pns_apply,
    support_first,
    unresolved_n_codes,
)
from ewo_desk.domain.pathway.decision import Reason, block, note, warn
from ewo_desk.domain.pathway.facts import ChildFacts
from ewo_desk.domain.pathway.formatting import fmt_date
from ewo_desk.domain.pathway.records import (
    Delivery,
    NoticeToImprove,
    NtiContent,
    NtiFinding,
)
from ewo_desk.domain.settings import Policy


def propose_nti_period(
    issued_on: date,
    delivery: Delivery,
    posted_on: date | None,
    child: ChildFacts,
    policy: Policy,
) -> tuple[date, date]:
    """The improvement period to offer: from receipt, the council's default school weeks."""
    handed_or_posted = posted_on or issued_on
    start = (
        handed_or_posted if delivery is Delivery.HAND else deemed_service(handed_or_posted, policy)
    )
    end = child.calendar().add_school_weeks(start, policy[P.NTI_WEEKS_PROPOSED])
    return start, end


def nti_in_period(ctx: StepContext, exclude_id: str | None = None) -> NoticeToImprove | None:
    """The notice to improve whose improvement period includes the step's date, if any."""
    for nti in ctx.case.actions(NoticeToImprove, ctx.child_id, ctx.parent_id):
        if nti.id != exclude_id and nti.period_start <= ctx.on <= nti.period_end:
            return nti
    return None


def check_nti(ctx: StepContext, nti: NoticeToImprove | None) -> list[Reason]:
    reasons = (
        s576_parent(ctx)
        + compulsory_school_age(ctx)
        + registered_pupil(ctx)
        + school_where_pns_apply(ctx)
    )
    child = ctx.child
    met = child.threshold_met_by(ctx.on)
    pattern = child.pattern_recorded_on
    if met is None and (pattern is None or pattern > ctx.on):
        reasons.append(
            block(
                R.NTI_TRIGGER,
                f"Neither the national threshold (10 unauthorised sessions in 10 school weeks) "
                f"nor a pattern of absence is recorded for {child.name} by {fmt_date(ctx.on)}. "
                "Record the pattern of absence that justifies the notice.",
            )
        )
    reasons += support_first(ctx) + unresolved_n_codes(ctx)
    running = nti_in_period(ctx, exclude_id=nti.id if nti else None)
    if running is not None and running.outcome() is None:
        reasons.append(
            warn(
                R.NTI_IN_FORCE,
                f"A notice to improve issued {fmt_date(running.issued_on)} is still in its "
                f"improvement period (to {fmt_date(running.period_end)}). Record its outcome "
                "before giving another.",
            )
        )
    if nti is not None:
        reasons += _period(ctx, nti) + _contents(nti) + _reviews(ctx, nti)
    return reasons


def _period(ctx: StepContext, nti: NoticeToImprove) -> list[Reason]:
    if nti.period_start < nti.issued_on:
        return [
            block(
                R.NTI_PERIOD,
                f"The improvement period cannot start ({fmt_date(nti.period_start)}) before the "
                f"notice is issued ({fmt_date(nti.issued_on)}).",
            )
        ]
    calendar: SchoolCalendar = ctx.child.calendar()
    weeks_min, weeks_max = ctx.policy[P.NTI_WEEKS_MIN], ctx.policy[P.NTI_WEEKS_MAX]
    shortest = calendar.add_school_weeks(nti.period_start, weeks_min)
    longest = calendar.add_school_weeks(nti.period_start, weeks_max)
    reasons: list[Reason] = []
    if nti.period_end < shortest:
        reasons.append(
            block(
                R.NTI_PERIOD,
                f"The improvement period ends {fmt_date(nti.period_end)}, less than {weeks_min} "
                f"school weeks from {fmt_date(nti.period_start)}. It must run at least to "
                f"{fmt_date(shortest)} (weeks when the school is closed do not count).",
            )
        )
    elif nti.period_end > longest:
        reasons.append(
            warn(
                R.NTI_PERIOD,
                f"The improvement period ends {fmt_date(nti.period_end)}, more than {weeks_max} "
                f"school weeks from {fmt_date(nti.period_start)} (that would be "
                f"{fmt_date(longest)}).",
            )
        )
    if not calendar.knows(nti.period_end):
        reasons.append(
            warn(
                R.NTI_PERIOD,
                f"The school's term dates are not known up to {fmt_date(nti.period_end)}; "
                "weekdays were taken as school days. Add the term dates to count school weeks "
                "properly.",
            )
        )
    return reasons


def _contents(nti: NoticeToImprove) -> list[Reason]:
    reasons = [
        warn(R.NTI_CONTENTS, f"The notice does not include {item.label}.")
        for item in NtiContent
        if item not in nti.contents
    ]
    if not nti.sufficient_improvement.strip():
        reasons.append(
            warn(
                R.NTI_CONTENTS,
                'Record what "sufficient improvement" means for this family (for example, "no '
                'further unauthorised absence"); the checks during the period measure against it.',
            )
        )
    return reasons


def _reviews(ctx: StepContext, nti: NoticeToImprove) -> list[Reason]:
    reasons: list[Reason] = []
    for review in nti.reviews:
        if review.finding is NtiFinding.EARLY_PN_GROUNDS and review.parent_told_on is None:
            reasons.append(
                warn(
                    R.PN_DURING_NTI,
                    f"The check on {fmt_date(review.on)} found grounds for a penalty notice "
                    "before the period ends: tell the parent first, and record when.",
                )
            )
    outcome = nti.outcome()
    if outcome is None and ctx.today > nti.period_end:
        reasons.append(
            warn(
                R.NTI_CHECK,
                f"The improvement period ended {fmt_date(nti.period_end)} with no outcome "
                "recorded: record sufficient improvement, or not.",
            )
        )
    elif outcome is not None and outcome.on > nti.period_end:
        reasons.append(
            note(
                R.NTI_CHECK,
                f"The outcome was recorded on {fmt_date(outcome.on)}, after the period ended on "
                f"{fmt_date(nti.period_end)}.",
            )
        )
    return reasons


def nti_to_review(ctx: StepContext) -> NoticeToImprove | None:
    """The latest notice to improve for this parent and child still awaiting its outcome."""
    open_notices = [
        n
        for n in ctx.case.actions(NoticeToImprove, ctx.child_id, ctx.parent_id)
        if n.outcome() is None and n.issued_on <= ctx.on
    ]
    return max(open_notices, key=lambda n: n.issued_on) if open_notices else None


@dataclass(frozen=True)
class NtiProgress:
    sessions_since_start: int  # unauthorised sessions (G/N/O/U) in the period so far
    last_absence: date | None


def nti_progress(nti: NoticeToImprove, child: ChildFacts, on: date) -> NtiProgress:
    days = [d for d in child.unauthorised_sessions if nti.period_start <= d <= on]
    return NtiProgress(len(days), max(days) if days else None)


def check_nti_review(ctx: StepContext, nti: NoticeToImprove) -> list[Reason]:
    if ctx.on < nti.period_start:
        return [
            block(
                R.NTI_CHECK,
                f"The improvement period only starts on {fmt_date(nti.period_start)}.",
            )
        ]
    progress = nti_progress(nti, ctx.child, ctx.on)
    reasons = [
        note(
            R.NTI_CHECK,
            f"{progress.sessions_since_start} unauthorised session(s) since the period began on "
            f"{fmt_date(nti.period_start)}. Sufficient improvement was defined as: "
            f"{nti.sufficient_improvement or 'not recorded'}.",
        )
    ]
    if ctx.on > nti.period_end:
        reasons.append(
            warn(
                R.NTI_CHECK,
                f"The improvement period ended on {fmt_date(nti.period_end)}; record the outcome "
                "now.",
            )
        )
    return reasons
