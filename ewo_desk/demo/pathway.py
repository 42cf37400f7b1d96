"""The early steps of the legal pathway as the demo records them, with the dates the law sets.

Attendance contract (ASBA 2003 s.19; reviewed after about 4 weeks), notice to improve (an
improvement period of 3 to 6 school weeks), penalty notice (deemed served 2 working days after
first-class posting; £80 within 21 days or £160 within 28; a second notice within 3 years is £160
flat; unpaid means prosecute or withdraw, reg 9). See attendance-law.md §3.1-§3.3. Each step is a
record of the pathway domain; its dates and amounts come from the domain's own rules and the
council's policy. Court steps: orders.py.
"""

from __future__ import annotations

from datetime import date, timedelta

from ewo_desk.demo.marks import Register
from ewo_desk.demo.names import ParentSpec
from ewo_desk.demo.writer import CaseBook, d, money
from ewo_desk.domain import pathway as pw
from ewo_desk.domain.calendar import deemed_service
from ewo_desk.domain.pathway.penalty_terms import counts_toward_limit, terms_for
from ewo_desk.domain.pathway.periods import FRAMEWORK_START
from ewo_desk.store.schema import LegalAction, ParentCarer

CONTRACT_STATUS = {
    "signed": pw.ContractStatus.IN_FORCE,
    "reviewed": pw.ContractStatus.IN_FORCE,
    "broken": pw.ContractStatus.BROKEN,
}
NTI_FINDING = {
    "improved": pw.NtiFinding.SUFFICIENT_IMPROVEMENT,
    "not_improved": pw.NtiFinding.NOT_IMPROVED,
}
SUFFICIENT = "No further unauthorised absence during the improvement period."
EARLY_PN = "Any further term-time holiday, or five more unauthorised sessions."
REQUIREMENTS = (
    "{name} to arrive by 8:45 every day",
    "parent to phone the school by 9:00 on any day of absence",
    "parent to attend every review meeting",
)
CONTRACT_SUPPORT = ("morning club place", "weekly key-adult check-in", "family hub referral")


def pct(r: Register, key: str, lo: date, hi: date) -> str:
    value = r.percent(key, lo, hi)
    return "not known (no register held for the period)" if value is None else f"{value}%"


def sessions(r: Register, key: str, lo: date, hi: date) -> str:
    """ "14 unauthorised sessions", or why the number is not known."""
    if not r.covers(key, lo):
        return "unauthorised sessions not known (the register for the period is not held here)"
    return f"{r.unauthorised(key, lo, hi)} unauthorised sessions"


def threshold_check(book: CaseBook, day: date, lo: date, hi: date) -> None:
    key = book.kid.key

    def text(r: Register) -> str:
        return (
            f"Threshold check: {sessions(r, key, lo, hi)} (G, N, O, U) in the 10 school weeks "
            f"{d(lo)} to {d(hi)}; the national threshold is 10. "
            f"Attendance in the period: {pct(r, key, lo, hi)}."
        )

    book.entry("attendance", day, text)


def attendance_line(book: CaseBook, day: date, lo: date, hi: date) -> None:
    key = book.kid.key

    def text(r: Register) -> str:
        n = sessions(r, key, lo, hi)
        return f"Attendance {pct(r, key, lo, hi)} from {d(lo)} to {d(hi)}; {n}."

    book.entry("attendance", day, text)


def contract(
    book: CaseBook,
    signed: date,
    status: str,
    *,
    reviews: tuple[tuple[date, str], ...] = (),
    next_review: date | None = None,
    broken_on: date | None = None,
) -> list[LegalAction]:
    """One contract per parent with parental responsibility the child lives with.

    `status` is "signed", "reviewed" or "broken"; the first review is booked 4 weeks on."""
    ctx = book.ctx
    ends = signed + timedelta(weeks=12)
    first_review = ctx.on_or_after(signed + timedelta(weeks=4))
    if first_review > signed + timedelta(weeks=6):  # a holiday: booked for the day itself
        first_review = signed + timedelta(weeks=4)
    requirements = tuple(r.format(name=book.kid.name) for r in REQUIREMENTS)
    held = tuple(
        pw.ContractReview(day, outcome, next_review if i == len(reviews) - 1 else None)
        for i, (day, outcome) in enumerate(reviews)
    )
    broken_note = "Review meetings missed; attendance fell." if broken_on else ""
    parents = [p for p in book.kid.parents() if p[1].lives_with] or book.kid.parents()
    actions = []
    for parent, _spec in parents:
        record = pw.AttendanceContract(
            id=ctx.new_id(),
            parent_id=str(parent.id),
            child_id=book.child_id,
            offered_on=signed,
            status=CONTRACT_STATUS[status],
            parent_signed_on=signed,
            council_signed_on=signed,
            starts_on=signed,
            ends_on=ends,
            requirements=requirements,
            support=CONTRACT_SUPPORT,
            first_review_on=first_review,
            reviews=held,
            refused_or_broken_on=broken_on,
            refused_or_broken_note=broken_note,
        )
        actions.append(book.record(record, status, ends=ends, prefix="AC", outcome=status))
    first = actions[0]
    text = (
        f"Attendance contract meeting at {book.school} with {book.parent_names(parents)}, "
        f"{book.kid.name} and {book.contact}. Signed by the parent(s) and by {book.officer.name} "
        f"for the council; runs to {d(ends)}. Requirements: {'; '.join(requirements)}. "
        f"Support: {'; '.join(CONTRACT_SUPPORT)}. First review {d(first_review)}."
    )
    book.entry("meeting", signed, text, hour=10, action=first)
    for day, outcome in reviews:
        book.entry("meeting", day, f"Contract review at {book.school}: {outcome}", action=first)
    if broken_on:
        text = (
            "Attendance contract recorded as broken: review meetings missed and attendance fell. "
            "Letter sent explaining this is evidence if a notice to improve or penalty notice "
            "follows."
        )
        book.entry("legal_step", broken_on, text, hour=11, action=first)
    return actions


def notice_to_improve(
    book: CaseBook,
    posted: date,
    weeks: int,
    status: str,
    *,
    threshold: tuple[date, date],
) -> list[LegalAction]:
    """A notice to each parent with parental responsibility, after the threshold check.

    The improvement period runs `weeks` school weeks from deemed receipt (half-terms do not
    count). `status` "issued" leaves it running; "improved" or "not_improved" records the outcome
    on the first school day after the period ends."""
    ctx = book.ctx
    served = deemed_service(posted, ctx.policy)
    end = ctx.school_calendar.add_school_weeks(served, weeks)
    threshold_check(book, posted - timedelta(days=1), *threshold)
    outcome_on = ctx.cal.after(end, 1) if status in NTI_FINDING else None
    if outcome_on is not None and outcome_on > ctx.today:
        raise ValueError(f"demo timeline: the notice to improve ends {end}, after today")
    verdict = {
        "improved": "sufficient improvement; no penalty notice",
        "not_improved": "not sufficient; a penalty notice will be considered",
    }.get(status, "")
    reviews = (
        (pw.NtiReview(outcome_on, NTI_FINDING[status], verdict.capitalize() + "."),)
        if outcome_on
        else ()
    )
    actions = []
    for parent, spec in book.kid.parents():
        record = pw.NoticeToImprove(
            id=ctx.new_id(),
            parent_id=str(parent.id),
            child_id=book.child_id,
            issued_on=posted,
            period_start=served,
            period_end=end,
            contents=frozenset(pw.NtiContent),
            sufficient_improvement=SUFFICIENT,
            delivery=pw.Delivery.FIRST_CLASS_POST,
            posted_on=posted,
            reviews=reviews,
        )
        action = book.record(record, status, ends=end, prefix="NTI", outcome=status)
        actions.append(action)
        text = (
            f"Notice to improve sent to {spec.given} {spec.family} by first-class post (deemed "
            f"served {d(served)}). Improvement period {d(served)} to {d(end)} ({weeks} school "
            f"weeks). Sufficient improvement: {SUFFICIENT.lower()} Grounds for a penalty notice "
            f"before the period ends: {EARLY_PN.lower()}"
        )
        book.entry("legal_step", posted, text, action=action)
    if outcome_on is None:
        title = f"Review the notice to improve: the period ends {d(end)}"
        rule = "Notice to improve: an improvement period of 3 to 6 school weeks"
        book.task(title, end + timedelta(days=1), kind="deadline", rule=rule)
        return actions
    key = book.kid.key

    def outcome(r: Register) -> str:
        n = sessions(r, key, served, end)
        return (
            f"Notice to improve: the improvement period ended {d(end)}. {n} in the period; "
            f"attendance {pct(r, key, served, end)}. Outcome: {verdict}."
        )

    book.entry("legal_step", outcome_on, outcome, hour=11, action=actions[0])
    return actions


def penalty_notice(
    book: CaseBook,
    parent: ParentCarer,
    spec: ParentSpec,
    posted: date,
    offence: tuple[date, date],
    *,
    status: str,
    paid_after: int | None = None,
    no_nti_reason: str = "",
    withdrawal: tuple[date, pw.WithdrawalGround, str] | None = None,
) -> LegalAction:
    """`paid_after`: days after deemed receipt; `withdrawal`: (date, ground, note).

    The notice's number in the three-year count, the amounts and the payment periods are the
    domain's, under the council's policy."""
    ctx = book.ctx
    served = deemed_service(posted, ctx.policy)
    earlier = [
        r
        for r in book.records
        if isinstance(r, pw.PenaltyNotice)
        and r.parent_id == str(parent.id)
        and counts_toward_limit(r, posted)
    ]
    sequence = 0 if posted < FRAMEWORK_START else len(earlier) + 1
    if sequence > 2:
        raise ValueError("demo timeline: a third penalty notice within three years")
    terms = terms_for(sequence, posted, served, False, ctx.policy)
    lo, hi = offence
    issuer = ctx.world.pn_officer
    payments: tuple[pw.Payment, ...] = ()
    if paid_after is not None:
        paid_on = served + timedelta(days=paid_after)
        due = terms.amount_due_on(paid_on)
        if due is None:
            raise ValueError(f"demo timeline: paid {paid_on}, after the notice expired")
        payments = (pw.Payment(paid_on, due),)
    record = pw.PenaltyNotice(
        id=ctx.new_id(),
        parent_id=str(parent.id),
        child_id=book.child_id,
        issued_on=posted,
        offence_start=lo,
        offence_end=hi,
        issuer_role="la_officer",
        delivery=pw.Delivery.FIRST_CLASS_POST,
        posted_on=posted,
        no_nti_reason=no_nti_reason,
        payments=payments,
        withdrawal=(
            pw.Withdrawal(withdrawal[0], withdrawal[1], withdrawal[2], notice_sent_on=withdrawal[0])
            if withdrawal
            else None
        ),
    )
    pay_by = terms.full_until
    amount = terms.reduced_pence if terms.reduced_pence is not None else terms.full_pence
    action = book.record(record, status, ends=pay_by, amount=amount, prefix="PN", outcome=status)
    key, who, ref = book.kid.key, f"{spec.given} {spec.family}", action.reference
    if terms.reduced_pence is not None and terms.reduced_until is not None:
        terms_text = (
            f"{money(terms.reduced_pence)} if paid by {d(terms.reduced_until)}, "
            f"{money(terms.full_pence)} by {d(pay_by)}"
        )
    else:
        terms_text = (
            f"{money(terms.full_pence)} by {d(pay_by)} (second notice in three years: no reduced "
            "amount)"
        )

    def issued(r: Register) -> str:
        n = sessions(r, key, lo, hi)
        return (
            f"Penalty notice {ref} issued to {who} by {issuer.name} for {book.kid.name}'s absence "
            f"{d(lo)} to {d(hi)} ({n}). Sent first class; deemed served "
            f"{d(served)}. {terms_text}."
        )

    book.entry("legal_step", posted, issued, action=action, author=issuer)
    if payments:
        paid = money(payments[0].amount_pence)
        text = f"Penalty notice {ref}: {paid} received from {who}. Liability discharged."
        book.entry("legal_step", payments[0].paid_on, text, hour=12, action=action)
    elif withdrawal and withdrawal[0] <= pay_by:
        pass  # withdrawn within the payment period: nothing falls due
    elif ctx.today > pay_by:
        text = (
            f"Penalty notice {ref}: no payment from {who} by {d(pay_by)}. The council must decide "
            "whether to prosecute for the original absence or withdraw the notice (reg 9)."
        )
        book.entry("legal_step", pay_by + timedelta(days=1), text, hour=10, action=action)
    else:
        title = f"Check payment of penalty notice {ref} ({who})"
        book.task(title, pay_by, kind="deadline", rule="Penalty notice: 21/28 days from service")
    if withdrawal:
        text = (
            f"Penalty notice {ref} withdrawn; written notice sent to {who}. Ground: "
            f"{withdrawal[1].label}. {withdrawal[2]}"
        )
        book.entry("legal_step", withdrawal[0], text, hour=11, action=action)
    return action
