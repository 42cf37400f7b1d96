"""Demo cases at the penalty-notice stage: issued, paid at £80 or £160, unpaid, withdrawn, a
second notice within three years, a term-time holiday, notices to separated parents."""

from __future__ import annotations

from ewo_desk.demo import orders
from ewo_desk.demo import pathway as step
from ewo_desk.demo.people import Kid
from ewo_desk.demo.scenarios import decision_task, history, notices, offence_window, open_case
from ewo_desk.demo.support import upcoming_review
from ewo_desk.demo.writer import CaseBook, Ctx, d
from ewo_desk.domain import pathway as pw
from ewo_desk.domain.calendar import add_years

NO_NTI_HOLIDAY = "Term-time holiday without leave: support not appropriate (national framework)."


def s_pn_issued(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 140)
    history(ctx, book, 45, contract_ago=90)
    notices(ctx, book, 6, status="issued")
    book.plan.recent_n = 3
    parent = kid.resident()[1]
    text = f"Call with {parent.title} {parent.family} about the notice: asked about paying by "
    book.entry("phone_call", ctx.ago(0), text + "phone, and said that", status="draft")
    return book


def s_pn_separated(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 150)
    history(ctx, book, 80)
    mother, father = kid.parents()
    text = (
        "Parents separated; both have parental responsibility. Notices go to each at their own "
        "address (liability is per parent, per child)."
    )
    book.entry("note", ctx.ago(46), text, hour=10)
    notices(ctx, book, 45, [mother], status="paid", paid_after=10)
    window, (unpaid,) = notices(ctx, book, 45, [father], status="unpaid")
    decision_task(book, unpaid)
    # Before deciding, the father is asked for his account (he has not answered yet).
    orders.interview(book, *father, ctx.ago(3), pw.InterviewStatus.INVITED, window)
    return book


def s_pn_withdrawn(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 120)
    history(ctx, book, 70)
    mother = kid.parents()[0]
    carer = next(spec for _p, spec in kid.family.parents if not spec.pr)
    seen = f"{carer.given} {carer.family} at the door; visit made with "
    seen += f"{ctx.world.colleagues[0].name} (safety note)"
    book.visit(ctx.ago(60), 15, "refused_entry", child_seen=False, people_seen=seen,
               concerns=f"{carer.title} {carer.family} shouted and closed the door.",
               next_steps="Write to the mother instead; no lone visits.")  # fmt: skip
    text = (
        f"{carer.given} {carer.family} ({carer.relationship.lower()}) has care of {kid.name}, so "
        "is a parent under EA 1996 s.576, but has no parental responsibility. Notices go to the "
        "mother only for now."
    )
    book.entry("note", ctx.ago(58), text, hour=11)
    # The notice went out with the offence period a year out (the record keeps what was
    # printed); withdrawn, and a correct notice issued for the same absence.
    lo, hi = offence_window(ctx, book, ctx.ago(42))
    printed = (add_years(lo, -1), add_years(hi, -1))
    error = (
        f"The notice gave the offence period as {d(printed[0])} to {d(printed[1])}, a year out: "
        f"it should have read {d(lo)} to {d(hi)} and did not match the register."
    )
    withdrawal = (ctx.ago(33), pw.WithdrawalGround.MATERIAL_ERRORS, error)
    step.penalty_notice(book, *mother, ctx.ago(40), printed, status="withdrawn",
                        withdrawal=withdrawal)  # fmt: skip
    step.penalty_notice(book, *mother, ctx.ago(12), (lo, hi), status="issued")
    return book


def s_pn_second(ctx: Ctx, kid: Kid) -> CaseBook:
    """A second notice within three years of the first: £160, no reduced amount."""
    book = open_case(ctx, kid, 200)
    history(ctx, book, 175)
    notices(ctx, book, 150, status="paid", paid_after=15)
    book.plan.phase(ctx.ago(120), "bad")
    reason = (
        "No new notice to improve: the parent had one for the same pattern of absence before "
        "the first penalty notice."
    )
    notices(ctx, book, 9, status="issued", no_nti_reason=reason)
    return book


def s_pn_holiday(ctx: Ctx, kid: Kid) -> CaseBook:
    reason = "Five days' term-time holiday taken after leave was refused."
    book = open_case(ctx, kid, 70, profile="good", reason=reason)
    start = ctx.ago(62)
    end = ctx.cal.after(start, 4)
    book.plan.holidays.append((start, 5))
    text = "The head teacher refused a request for five days' leave (no exceptional "
    book.entry("letter", ctx.ago(70), text + "circumstances); letter copied to the council.")
    posted = ctx.ago(52)
    for (parent, spec), paid_after in zip(kid.parents(), (6, 24), strict=True):
        step.penalty_notice(book, parent, spec, posted, (start, end), status="paid",
                            paid_after=paid_after, no_nti_reason=NO_NTI_HOLIDAY)  # fmt: skip
    book.close(ctx.ago(20), "Both penalty notices paid; attendance good since the holiday.")
    return book


def s_pn_reg9(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 130)
    history(ctx, book, 95)
    note = (
        "The parent was admitted to hospital; prosecution is not in the public interest. Young "
        f"carers support arranged for {kid.name}."
    )
    withdrawal = (ctx.ago(40), pw.WithdrawalGround.UNPAID_NOT_PROSECUTED, note)
    notices(ctx, book, 70, status="withdrawn", withdrawal=withdrawal)
    return book


def s_pn_paid(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 110)
    history(ctx, book, 60)
    notices(ctx, book, 35, status="paid", paid_after=12)
    book.plan.phase(ctx.ago(30), "fair")
    upcoming_review(book, 8)
    return book


def s_closed_pn_paid(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 150)
    history(ctx, book, 125)
    notices(ctx, book, 100, status="paid", paid_after=5)
    book.plan.phase(ctx.ago(95), "good")
    book.close(ctx.ago(40), "Penalty notice paid and attendance above 95% for a half-term.")
    return book


SCENARIOS = {
    "pn_issued": s_pn_issued,
    "pn_separated": s_pn_separated,
    "pn_withdrawn": s_pn_withdrawn,
    "pn_second": s_pn_second,
    "pn_holiday": s_pn_holiday,
    "pn_reg9": s_pn_reg9,
    "pn_paid": s_pn_paid,
    "closed_pn_paid": s_closed_pn_paid,
}
