"""Demo cases in or near court: ESO (consultation, applied, made and extended), prosecution under
s.444(1) by the Single Justice Procedure and s.444(1A) in open court after an interview under
caution, a parenting order and a court's direction to apply for an ESO, school attendance orders,
and cases closed after improvement or a move away."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ewo_desk.demo import orders
from ewo_desk.demo import pathway as step
from ewo_desk.demo.pathway import attendance_line
from ewo_desk.demo.people import Kid
from ewo_desk.demo.scenarios import Parents, history, interpreter, notices, open_case
from ewo_desk.demo.support import no_answer_then_card, review, support
from ewo_desk.demo.writer import CaseBook, Ctx
from ewo_desk.domain import pathway as pw
from ewo_desk.domain.calendar import add_months
from ewo_desk.domain.pathway.periods import eso_extension_opens, eso_last_day
from ewo_desk.store.schema import LegalAction

IUC = pw.InterviewStatus
DECLINED = (
    "Support offered for months has not been taken up and the family has said it will not follow "
    "directions; children's social care report no welfare concerns; an ESO would add nothing the "
    "support plan does not already offer."
)
OFF_ROLL = "School (removed from roll for home education)"


def s_eso_consultation(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 160, profile="bad")
    history(ctx, book, 110, contract_ago=140)
    notices(ctx, book, 70, status="paid", paid_after=25)
    orders.eso(book, ctx.ago(5))
    book.plan.recent_n = 2
    title = "Chase children's social care for the ESO consultation reply"
    book.task(title, ctx.today + timedelta(days=9), kind="deadline")
    return book


def s_eso_applied(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 170, profile="severe")
    history(ctx, book, 85, contract_ago=130)
    text = (
        "Penalty notice not used: the needs here are welfare needs and a fine would not change "
        "them. ESO preferred (child in need)."
    )
    book.entry("note", ctx.ago(42), text, hour=10)
    hearing = ctx.today + timedelta(days=16)
    orders.eso(book, ctx.ago(40), applied=ctx.ago(15), hearing=hearing)
    return book


def s_eso_made(ctx: Ctx, kid: Kid) -> CaseBook:
    """An ESO made about ten months ago, and the application to extend it in its last 3 months."""
    made = ctx.on_or_before(add_months(ctx.today, -10))
    m = ctx.days_ago(made)
    book = open_case(ctx, kid, m + 75, profile="severe")
    support(book, interpreter=interpreter(book), response=pw.SupportResponse.NOT_ENGAGED)
    signed, broken = ctx.ago(m + 68), ctx.ago(m + 40)
    review_on = ctx.on_or_after(signed + timedelta(weeks=4))
    step.contract(book, signed, "broken", reviews=((review_on, "parent did not attend"),),
                  broken_on=broken)  # fmt: skip
    text = (
        f"Penalty notice not used: the absence follows {kid.name}'s unmet special educational "
        "needs and the carer's ill health, which a fine would not change. ESO preferred."
    )
    book.entry("note", ctx.ago(m + 36), text, hour=10)
    opens = eso_extension_opens(eso_last_day(made))
    extension = None
    if opens <= ctx.ago(0):
        applied = max(opens, min(ctx.on_or_after(opens + timedelta(days=7)), ctx.ago(0)))
        granted = ctx.on_or_after(applied + timedelta(days=14))
        extension = (applied, granted if granted <= ctx.ago(0) else None)
    orders.eso(book, ctx.ago(m + 32), applied=ctx.ago(m + 20), made=made, extension=extension)
    book.plan.phase(made, "poor")
    book.plan.phase(ctx.ago(40), "fair")
    review(book, ctx.ago(10), "ESO supervision meeting; directions mostly kept.")
    if extension is None:
        title = "ESO: consider an extension (apply no earlier than 3 months before expiry)"
        book.task(title, opens, kind="deadline")
    return book


def _prosecute(
    ctx: Ctx,
    book: CaseBook,
    *,
    pn_ago: int,
    declined_ago: int,
    laid_ago: int,
    interviews: tuple[pw.InterviewStatus, ...],
    parents: Parents | None = None,
    **kw: Any,
) -> list[LegalAction]:
    """Unpaid penalty notices, the ESO considered and declined, an interview under caution, then
    s.444(1) by SJP for the absence the notices were for."""
    chosen = parents if parents is not None else book.kid.parents()
    window, unpaid = notices(ctx, book, pn_ago, chosen, status="unpaid")
    orders.eso_declined(book, ctx.ago(declined_ago), DECLINED)
    return [
        orders.prosecution(book, p, s, ctx.ago(laid_ago), window, section=pw.Offence.S444_1,
                           notice=n, interviewed=i, **kw)
        for (p, s), n, i in zip(chosen, unpaid, interviews, strict=True)
    ]  # fmt: skip


def s_pros_sjp_laid(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 170, profile="bad")
    history(ctx, book, 110, contract_ago=150)
    _prosecute(ctx, book, pn_ago=78, declined_ago=45, laid_ago=15, status="laid",
               interviews=(IUC.HELD, IUC.DECLINED))  # fmt: skip
    return book


def s_pros_sjp_convicted(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 190, profile="bad")
    history(ctx, book, 140, contract_ago=175)
    _prosecute(ctx, book, pn_ago=110, declined_ago=85, laid_ago=62, status="convicted",
               interviews=(IUC.DECLINED, IUC.NO_REPLY), convicted=ctx.ago(25), fine=22000,
               costs=12000, sentence="Fine")  # fmt: skip
    book.plan.phase(ctx.ago(20), "poor")
    return book


def _open_court(ctx: Ctx, book: CaseBook, lo: date, hi: date, laid: date, **kw: Any) -> LegalAction:
    book.plan.forced.append((lo, hi, 14, "O"))
    parent, spec = book.kid.resident()
    return orders.prosecution(book, parent, spec, laid, (lo, hi), section=pw.Offence.S444_1A,
                              **kw)  # fmt: skip


def s_pros_1a_laid(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 160, profile="severe")
    history(ctx, book, 100, contract_ago=130)
    orders.eso_declined(book, ctx.ago(35), DECLINED)
    other = next(spec for _p, spec in kid.parents() if spec.relationship == "Father")
    text = (
        f"{other.given} {other.family} works offshore on three-week rotations and was not at "
        "home during the offence period; decision recorded not to prosecute him."
    )
    book.entry("note", ctx.ago(34), text, hour=10)
    hearing = ctx.today + timedelta(days=20)
    _open_court(ctx, book, ctx.ago(75), ctx.ago(20), ctx.ago(10), status="laid", hearing=hearing)
    return book


def s_pros_1a_parenting_order(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 200, profile="severe")
    history(ctx, book, 160, contract_ago=195)
    reasons = (
        f"{kid.name} will not engage with any adult and social care see no welfare need an ESO "
        "would meet. The parent knows of the absence and has refused every offer of support: "
        "s.444(1A) is the proportionate route."
    )
    orders.eso_declined(book, ctx.ago(85), reasons)
    convicted = ctx.ago(22)
    _open_court(ctx, book, ctx.ago(150), ctx.ago(100), ctx.ago(70), status="convicted",
                convicted=convicted, fine=30000, costs=15000, hearing=ctx.ago(50),
                sentence="Fine and parenting order", parenting_order=True)  # fmt: skip
    orders.court_direction(book, convicted, kid.resident()[0])
    book.plan.phase(convicted, "poor")
    return book


def s_sao_notice(ctx: Ctx, kid: Kid) -> CaseBook:
    reason = "Parents wrote to the school to home educate; the school is concerned."
    book = open_case(ctx, kid, 40, left=ctx.ago(31), source=OFF_ROLL, reason=reason)
    text = f"Notice from the school: {kid.name} removed from roll for elective home education "
    book.entry("letter", ctx.ago(30), text + "at the parents' written request.", hour=10)
    parent = kid.resident()[1]
    book.visit(ctx.ago(15), 11, "seen", child_seen=True,
               people_seen=f"{parent.given} {parent.family}, {kid.name}",
               child_voice=f"{kid.name} said he mostly helps his father and does not do lessons.",
               concerns="No materials, timetable or plan of education seen.",
               next_steps="Serve a notice under s.437(1).")  # fmt: skip
    action = orders.school_attendance_order(book, ctx.ago(5))
    assert action.ends_on is not None
    rule = "At least 15 days beginning with the day of service (s.437(1))"
    title = "s.437(1) notice: has the parent shown suitable education?"
    book.task(title, action.ends_on + timedelta(days=1), kind="deadline", rule=rule)
    return book


def s_sao_served(ctx: Ctx, kid: Kid) -> CaseBook:
    reason = "Removed from roll for home education after exclusion was discussed."
    book = open_case(ctx, kid, 90, left=ctx.ago(85), source=OFF_ROLL, reason=reason)
    parent = kid.resident()[1]
    book.visit(ctx.ago(70), 14, "refused_entry", child_seen=False,
               people_seen=f"{parent.given} {parent.family} at the door",
               concerns="The parent declined to discuss the education provided.",
               next_steps="Write asking for evidence of education.")  # fmt: skip
    orders.school_attendance_order(book, ctx.ago(60), naming_on=ctx.ago(45), order_on=ctx.ago(25))
    title = f"Check {kid.name} is on roll and attending; if not, consider s.443 (ESO first)"
    rule = "s.447: consider an ESO before prosecuting under s.443"
    book.task(title, ctx.ago(10), kind="decision", rule=rule)
    return book


def s_closed_improved(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 160)
    support(book)
    review(book, ctx.ago(120), "attendance improving; the key adult is working well.")
    book.plan.phase(ctx.ago(125), "good")
    attendance_line(book, ctx.ago(36), ctx.ago(90), ctx.ago(36))
    book.close(ctx.ago(35), "Attendance good for a full half-term; support plan completed.")
    return book


def s_closed_moved(ctx: Ctx, kid: Kid) -> CaseBook:
    left = ctx.ago(18)
    book = open_case(ctx, kid, 60, left=left)
    support(book)
    book.plan.forced.append((ctx.ago(30), left, 8, "O"))
    no_answer_then_card(book, ctx.ago(30))
    book.visit(ctx.ago(22), 10, "moved_away", child_seen=False, people_seen="Neighbour",
               concerns="The neighbour says the family moved to Scotland two weeks ago.",
               next_steps="Children missing education referral; tell the school.")  # fmt: skip
    text = "Children missing education referral made; the school keeps the child on roll until "
    book.entry("referral", ctx.ago(21), text + "enquiries are complete.", hour=11)
    book.close(ctx.ago(15), "Moved to Scotland; the new council confirmed a school place.")
    return book


SCENARIOS = {
    "eso_consultation": s_eso_consultation,
    "eso_applied": s_eso_applied,
    "eso_made": s_eso_made,
    "pros_sjp_laid": s_pros_sjp_laid,
    "pros_sjp_convicted": s_pros_sjp_convicted,
    "pros_1a_laid": s_pros_1a_laid,
    "pros_1a_parenting_order": s_pros_1a_parenting_order,
    "sao_notice": s_sao_notice,
    "sao_served": s_sao_served,
    "closed_improved": s_closed_improved,
    "closed_moved": s_closed_moved,
}
