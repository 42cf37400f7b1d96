"""Rules for penalty notices (EA 1996 s.444A; 2007 Regs as amended 2024; the national framework).

attendance-law.md §3.3.
"""

from __future__ import annotations

from datetime import timedelta

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
from ewo_desk.domain.pathway.court_records import Prosecution
from ewo_desk.domain.pathway.decision import Reason, block, note, warn
from ewo_desk.domain.pathway.formatting import fmt_date, fmt_money
from ewo_desk.domain.pathway.nti_rules import nti_in_period
from ewo_desk.domain.pathway.penalty_terms import (
    PenaltyTerms,
    PnStatus,
    counting_notices,
    notice_status,
    notice_terms,
    paid_on,
    receipt_of,
    sequence_on,
    terms_for,
)
from ewo_desk.domain.pathway.periods import FRAMEWORK_START, counts_until, prosecution_limit
from ewo_desk.domain.pathway.records import (
    Delivery,
    NoticeToImprove,
    NtiFinding,
    PenaltyNotice,
    WithdrawalGround,
)


def check_penalty_notice(ctx: StepContext, pn: PenaltyNotice | None) -> list[Reason]:
    reasons = s576_parent(ctx)
    if reasons:
        return reasons  # every other rule is about this parent
    assert ctx.parent_id is not None
    reasons += compulsory_school_age(ctx) + registered_pupil(ctx) + school_where_pns_apply(ctx)
    reasons += _limit(ctx, pn)
    reasons += _notice_to_improve_first(ctx, pn)
    if ctx.child.threshold_met_by(ctx.on) is None:
        reasons.append(
            warn(
                R.PN_THRESHOLD,
                f"The national threshold is not recorded as met for {ctx.child.name} by "
                f"{fmt_date(ctx.on)}. A notice below the threshold is at the council's discretion "
                "under its code; record why.",
            )
        )
    if ctx.child.moved_council_within_3_years and ctx.child.previous_council_checked_on is None:
        reasons.append(
            warn(
                R.PN_PREVIOUS_LA,
                f"{ctx.child.name} moved from another council in the last 3 years. Ask that "
                "council about earlier penalty notices and record the check before issuing.",
            )
        )
    if pn is None or not pn.no_nti_reason.strip():
        reasons += support_first(ctx)
    reasons += unresolved_n_codes(ctx)
    if pn is not None:
        reasons += _the_notice(ctx, pn)
    return reasons


def _limit(ctx: StepContext, pn: PenaltyNotice | None) -> list[Reason]:
    assert ctx.parent_id is not None
    if ctx.on < FRAMEWORK_START:
        return [
            note(
                R.PN_LIMIT,
                f"Issued before {fmt_date(FRAMEWORK_START)}: the old amounts apply and it does "
                "not count toward the two-notices-in-three-years limit.",
            )
        ]
    counting = counting_notices(
        ctx.case, ctx.parent_id, ctx.child_id, ctx.on, exclude_id=pn.id if pn else None
    )
    if len(counting) < 2:
        return []
    frees_a_place = counting[-2]  # once it stops counting, only one notice is left
    return [
        block(
            R.PN_LIMIT,
            f"{ctx.parent_name} has had {len(counting)} penalty notices for {ctx.child.name} "
            f"within three years (issued {', '.join(fmt_date(n.issued_on) for n in counting)}). "
            "A third cannot be issued within three years of the first: consider prosecution "
            "under s.444 or an Education Supervision Order instead. A new notice would be "
            f"possible from {fmt_date(counts_until(frees_a_place.issued_on) + timedelta(days=1))}.",
        )
    ]


def _notice_to_improve_first(ctx: StepContext, pn: PenaltyNotice | None) -> list[Reason]:
    given = [
        n
        for n in ctx.case.actions(NoticeToImprove, ctx.child_id, ctx.parent_id)
        if n.issued_on <= ctx.on
    ]
    reason_given = pn is not None and pn.no_nti_reason.strip()
    if not given:
        if reason_given:
            assert pn is not None
            return [note(R.PN_NTI_FIRST, f"No notice to improve: {pn.no_nti_reason.strip()}.")]
        return [
            warn(
                R.PN_NTI_FIRST,
                f"No notice to improve has been given to {ctx.parent_name}. Give one first, or "
                "record why not (for example, a term-time holiday where support is not "
                "appropriate).",
            )
        ]
    running = nti_in_period(ctx)
    if running is not None:
        early = [
            r
            for r in running.reviews
            if r.finding is NtiFinding.EARLY_PN_GROUNDS and r.on <= ctx.on
        ]
        told = [r for r in early if r.parent_told_on is not None and r.parent_told_on <= ctx.on]
        if not told:
            return [
                warn(
                    R.PN_DURING_NTI,
                    f"The notice to improve's improvement period runs until "
                    f"{fmt_date(running.period_end)}. Issue a penalty notice before then only on "
                    "the grounds stated in the notice, recorded at a check, and tell the parent "
                    "first.",
                )
            ]
    latest = max(given, key=lambda n: n.issued_on)
    outcome = latest.outcome()
    improved = outcome is not None and outcome.finding is NtiFinding.SUFFICIENT_IMPROVEMENT
    if improved and outcome is not None and (pn is None or pn.offence_end <= outcome.on):
        return [
            warn(
                R.PN_NTI_FIRST,
                f"The notice to improve of {fmt_date(latest.issued_on)} recorded sufficient "
                f"improvement on {fmt_date(outcome.on)}.",
            )
        ]
    return []


def _the_notice(ctx: StepContext, pn: PenaltyNotice) -> list[Reason]:
    assert ctx.parent_id is not None
    reasons: list[Reason] = []
    if pn.issuer_role not in P.issuer_roles(ctx.policy):
        reasons.append(
            block(
                R.PN_ISSUER,
                f"Under the council's code, {pn.issuer_role.replace('_', ' ')} may not issue "
                "penalty notices.",
            )
        )
    if pn.offence_start > pn.offence_end or pn.offence_end > pn.issued_on:
        reasons.append(
            block(
                R.PN_OFFENCE_PERIOD,
                f"The offence period {fmt_date(pn.offence_start)} to {fmt_date(pn.offence_end)} "
                "must start before it ends, and end by the date of issue.",
            )
        )
    elif not ctx.child.of_compulsory_school_age(pn.offence_start):
        reasons.append(
            warn(
                R.COMPULSORY_SCHOOL_AGE,
                f"{ctx.child.name} was not of compulsory school age at the start of the offence "
                f"period; absence before {fmt_date(ctx.child.csa_starts)} is not an offence.",
            )
        )
    reasons += _same_offence(ctx, pn)
    if pn.posted_on is not None and pn.posted_on < pn.issued_on:
        reasons.append(
            block(R.PN_POSTING, "The notice cannot be posted before the date it is issued.")
        )
    elif pn.posted_on is None and pn.delivery is Delivery.FIRST_CLASS_POST:
        reasons.append(
            warn(
                R.PN_POSTING,
                "Record the date of posting: payment periods run from deemed receipt. Until then "
                "the dates assume it was posted on the day of issue.",
            )
        )
    terms = _proposed_terms(ctx, pn)
    reasons.append(note(R.PN_PAYMENT, describe_terms(terms)))
    limit = prosecution_limit(pn.offence_end)
    spare = (limit - terms.full_until).days
    if spare < ctx.policy[P.PN_MIN_DAYS_TO_PROSECUTE]:
        reasons.append(
            warn(
                R.PN_TIME_TO_PROSECUTE,
                f"If unpaid, the notice expires {fmt_date(terms.full_until)} and the six-month "
                f"limit to prosecute this absence is {fmt_date(limit)}: "
                + (
                    f"only {spare} days to lay an information."
                    if spare >= 0
                    else "prosecution would already be out of time."
                ),
            )
        )
    return reasons


def _proposed_terms(ctx: StepContext, pn: PenaltyNotice) -> PenaltyTerms:
    assert ctx.parent_id is not None
    receipt, assumed = receipt_of(pn, ctx.policy)
    sequence = min(sequence_on(ctx.case, ctx.parent_id, ctx.child_id, pn.issued_on), 2)
    return terms_for(sequence, pn.issued_on, receipt, assumed, ctx.policy)


def describe_terms(terms: PenaltyTerms) -> str:
    which = {0: "A notice from before 19/08/2024", 1: "The first notice", 2: "The second notice"}
    text = f"{which[terms.sequence]}: received {fmt_date(terms.receipt_on)}"
    if terms.posting_assumed:
        text += " (assumed)"
    if terms.reduced_pence is not None and terms.reduced_until is not None:
        text += (
            f"; {fmt_money(terms.reduced_pence)} if paid by {fmt_date(terms.reduced_until)}, "
            f"otherwise {fmt_money(terms.full_pence)} by {fmt_date(terms.full_until)}."
        )
    else:
        text += f"; {fmt_money(terms.full_pence)} by {fmt_date(terms.full_until)}."
    return text


def _same_offence(ctx: StepContext, pn: PenaltyNotice) -> list[Reason]:
    assert ctx.parent_id is not None
    reasons: list[Reason] = []
    for other in ctx.case.actions(PenaltyNotice, ctx.child_id, ctx.parent_id):
        if other.id == pn.id or other.withdrawn_by(pn.issued_on):
            continue
        if other.offence_start <= pn.offence_end and pn.offence_start <= other.offence_end:
            reasons.append(
                block(
                    R.PN_SAME_OFFENCE,
                    f"The notice issued {fmt_date(other.issued_on)} already covers absence from "
                    f"{fmt_date(other.offence_start)} to {fmt_date(other.offence_end)}. The "
                    "offence periods must not overlap.",
                )
            )
    for p in ctx.case.actions(Prosecution, ctx.child_id, ctx.parent_id):
        laid = p.information_laid_on
        if (
            laid is not None
            and laid <= pn.issued_on
            and (p.offence_start <= pn.offence_end and pn.offence_start <= p.offence_end)
        ):
            reasons.append(
                block(
                    R.PN_SAME_OFFENCE,
                    f"A prosecution laid {fmt_date(laid)} already covers this absence.",
                )
            )
    return reasons


# --- follow-up steps on an issued notice ---


def notice_to_act_on(ctx: StepContext, statuses: tuple[PnStatus, ...]) -> PenaltyNotice | None:
    """The latest notice to this parent for this child in one of `statuses` on the step's date."""
    found = [
        n
        for n in ctx.case.actions(PenaltyNotice, ctx.child_id, ctx.parent_id)
        if n.parent_id == ctx.parent_id
        and n.issued_on <= ctx.on
        and notice_status(n, ctx.case, ctx.on, ctx.policy) in statuses
    ]
    return max(found, key=lambda n: n.issued_on) if found else None


def check_payment(ctx: StepContext, pn: PenaltyNotice) -> list[Reason]:
    status = notice_status(pn, ctx.case, ctx.on, ctx.policy)
    if status is PnStatus.WITHDRAWN:
        return [block(R.PN_PAYMENT, "This notice was withdrawn; refund any payment.")]
    if status is PnStatus.PAID:
        return [block(R.PN_PAYMENT, "This notice is already paid; refund any further payment.")]
    terms = notice_terms(pn, ctx.case, ctx.policy)
    due = terms.amount_due_on(ctx.on)
    if due is None:
        return [
            warn(
                R.PN_PAYMENT,
                f"The payment period ended on {fmt_date(terms.full_until)}. A late payment does "
                "not discharge liability: decide whether to prosecute or withdraw the notice.",
            )
        ]
    outstanding = due - pn.paid_pence()
    return [
        note(
            R.PN_PAYMENT,
            f"{fmt_money(outstanding)} is due if paid on {fmt_date(ctx.on)}, in one payment "
            "(no part payment or instalments).",
        )
    ]


def check_payments_recorded(ctx: StepContext, pn: PenaltyNotice) -> list[Reason]:
    """Each recorded payment against the amount due on its day."""
    terms = notice_terms(pn, ctx.case, ctx.policy)
    reasons: list[Reason] = []
    settled = paid_on(pn, terms)
    for payment in pn.payments:
        if payment.refunded_on is not None:
            continue
        due = terms.amount_due_on(payment.paid_on)
        if due is None:
            reasons.append(
                warn(
                    R.PN_PAYMENT,
                    f"{fmt_money(payment.amount_pence)} was paid on {fmt_date(payment.paid_on)}, "
                    f"after the payment period ended ({fmt_date(terms.full_until)}).",
                )
            )
        elif settled is None and payment.amount_pence < due:
            reasons.append(
                warn(
                    R.PN_PAYMENT,
                    f"{fmt_money(payment.amount_pence)} paid on {fmt_date(payment.paid_on)} is "
                    f"less than the {fmt_money(due)} due: part payment is not accepted.",
                )
            )
    over = pn.paid_pence() - (terms.amount_due_on(settled) or 0) if settled else 0
    if over > 0:
        reasons.append(warn(R.PN_PAYMENT, f"Overpaid: refund {fmt_money(over)}."))
    return reasons


def check_withdrawal(ctx: StepContext, pn: PenaltyNotice) -> list[Reason]:
    status = notice_status(pn, ctx.case, ctx.on, ctx.policy)
    reasons: list[Reason] = []
    if status is PnStatus.WITHDRAWN:
        return [block(R.PN_WITHDRAWAL, "This notice is already withdrawn.")]
    grounds = "; ".join(g.label for g in WithdrawalGround)
    reasons.append(note(R.PN_WITHDRAWAL, f"Lawful grounds: {grounds}. There is no appeal."))
    if pn.paid_pence():
        reasons.append(
            warn(R.PN_WITHDRAWAL, f"Refund the {fmt_money(pn.paid_pence())} paid, and record it.")
        )
    if status is PnStatus.PROSECUTED:
        reasons.append(warn(R.PN_WITHDRAWAL, "A prosecution has been laid for this absence."))
    return reasons


def check_withdrawal_recorded(ctx: StepContext, pn: PenaltyNotice) -> list[Reason]:
    w = pn.withdrawal
    if w is None:
        return []
    reasons: list[Reason] = []
    terms = notice_terms(pn, ctx.case, ctx.policy)
    if w.ground is WithdrawalGround.UNPAID_NOT_PROSECUTED and w.withdrawn_on <= terms.full_until:
        reasons.append(
            block(
                R.PN_WITHDRAWAL,
                f"'{w.ground.label}' applies only once the payment period has ended "
                f"({fmt_date(terms.full_until)}).",
            )
        )
    if w.notice_sent_on is None:
        reasons.append(
            warn(R.PN_WITHDRAWAL, "Send written notice of the withdrawal and record the date.")
        )
    if any(p.refunded_on is None for p in pn.payments) and w.refunded_on is None:
        reasons.append(warn(R.PN_WITHDRAWAL, "Refund any payment made, and record the date."))
    return reasons


def check_expiry(ctx: StepContext, pn: PenaltyNotice) -> list[Reason]:
    """At expiry, unpaid: the council must prosecute or withdraw (reg 9)."""
    if notice_status(pn, ctx.case, ctx.today, ctx.policy) is not PnStatus.EXPIRED_UNPAID:
        return []
    terms = notice_terms(pn, ctx.case, ctx.policy)
    return [
        warn(
            R.PN_EXPIRY,
            f"Unpaid at the end of its payment period ({fmt_date(terms.full_until)}). Decide: "
            "prosecute for the original absence, or withdraw the notice (reg 9). The six-month "
            f"limit is {fmt_date(prosecution_limit(pn.offence_end))}.",
        )
    ]
