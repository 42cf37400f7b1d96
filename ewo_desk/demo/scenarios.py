"""The story of each demo case: shared helpers, and the support, contract and notice-to-improve
scenarios (penalty notices: notices.py; court: court.py). A child's scenario is named in
names.HOUSEHOLDS.

Dates count back from `today` in school days (ctx.ago(n)); legal periods are in calendar days.
Each scenario also tells the marks plan what the register must show (profiles, the unauthorised
sessions behind a notice, a holiday), so the figures the chronology quotes come true.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ewo_desk.demo import names
from ewo_desk.demo import pathway as step
from ewo_desk.demo.names import ParentSpec
from ewo_desk.demo.people import Kid
from ewo_desk.demo.schoolyear import academic_year
from ewo_desk.demo.support import REASONS, no_answer_then_card, phone, support, upcoming_review
from ewo_desk.demo.writer import CaseBook, Ctx, d
from ewo_desk.domain import pathway as pw
from ewo_desk.store.schema import LegalAction, ParentCarer

Parents = list[tuple[ParentCarer, ParentSpec]]
SECONDARY = ("northbridge_high", "harefield")


def open_case(
    ctx: Ctx,
    kid: Kid,
    opened_ago: int,
    *,
    reason: str = "",
    source: str = "School",
    left: date | None = None,
    profile: str = "poor",
) -> CaseBook:
    """A case opened `opened_ago` school days ago; attendance `profile` from a month before."""
    opened = ctx.ago(opened_ago)
    officer = ctx.rng.choice([ctx.world.owner] * 3 + ctx.world.colleagues)
    book = CaseBook(ctx, kid, opened, reason or ctx.rng.choice(REASONS), source, officer)
    _enrol(ctx, kid, book, left)
    if source.startswith("School"):
        text = f"Referral from {book.school}, made by {book.contact}."
    else:
        text = f"Referral from {source.lower()}; {book.school} informed."
    book.entry("referral", opened, f"{text} {book.case.referral_reason}")
    book.plan.phase(date.min, "fair")
    book.plan.phase(opened - timedelta(days=35), profile)
    if ctx.rng.random() < 0.2:  # a term-time holiday in the register, whatever else happens
        book.plan.holidays.append((ctx.ago(ctx.rng.randint(20, 150)), ctx.rng.randint(2, 5)))
    return book


def _enrol(ctx: Ctx, kid: Kid, book: CaseBook, left: date | None) -> None:
    """On roll at the case's school; the year before Year 7 at a primary school."""
    current = academic_year(ctx.today)
    earlier = ctx.rng.choice(names.PRIMARY_SCHOOLS)
    for year in range(ctx.cal.marks_from_year, current + 1):
        group = kid.spec.year - (current - year)
        if group < 0:
            continue
        school = earlier if group <= 6 and kid.spec.school in SECONDARY else kid.spec.school
        last = date(year + 1, 8, 31) if left is None else min(left, date(year + 1, 8, 31))
        if last >= date(year, 9, 1):
            book.plan.enrolments.append((school, date(year, 9, 1), last))


def offence_window(ctx: Ctx, book: CaseBook, end: date, days: int = 7) -> tuple[date, date]:
    """Ten school weeks ending `end`, with at least `days` whole days of unauthorised absence."""
    lo = ctx.cal.weeks_back(end, 10)
    book.plan.forced.append((lo, end, days, "O"))
    return lo, end


def history(ctx: Ctx, book: CaseBook, nti_ago: int, *, contract_ago: int | None = None) -> None:
    """Support not taken up, perhaps a broken contract, then a notice to improve without
    improvement (4 school weeks; its outcome recorded the school day after)."""
    support(book, interpreter=interpreter(book), response=pw.SupportResponse.NOT_ENGAGED)
    broken_on = ctx.ago(nti_ago + 8)
    if contract_ago:
        signed = ctx.ago(contract_ago)
        review = ctx.on_or_after(signed + timedelta(weeks=4))
        reviews = ((review, "parent did not attend"),) if review < broken_on else ()
        step.contract(book, signed, "broken", reviews=reviews, broken_on=broken_on)
    posted = ctx.ago(nti_ago)
    window = offence_window(ctx, book, ctx.ago(nti_ago + 1), 6)
    step.notice_to_improve(book, posted, 4, "not_improved", threshold=window)
    book.plan.phase(ctx.ago(nti_ago + 60), "bad")


def notices(
    ctx: Ctx, book: CaseBook, posted_ago: int, parents: Parents | None = None, **kw: Any
) -> tuple[tuple[date, date], list[LegalAction]]:
    """Penalty notices posted `posted_ago` school days ago for the 10 school weeks before."""
    window = offence_window(ctx, book, ctx.ago(posted_ago + 2))
    chosen = parents if parents is not None else book.kid.parents()[:1]
    posted = ctx.ago(posted_ago)
    return window, [step.penalty_notice(book, p, s, posted, window, **kw) for p, s in chosen]


def decision_task(book: CaseBook, action: LegalAction) -> None:
    """The reg 9 decision on an unpaid notice: prosecute, or withdraw."""
    assert action.ends_on is not None
    title = f"Prosecute or withdraw: penalty notice {action.reference} unpaid"
    rule = "Reg 9: an unpaid notice is withdrawn unless the council prosecutes"
    book.task(title, action.ends_on + timedelta(days=14), kind="decision", rule=rule)


def interpreter(book: CaseBook) -> str:
    parent = book.kid.resident()[1]
    return parent.language if parent.interpreter else ""


# --- support ------------------------------------------------------------------------------------


def s_support(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, ctx.rng.randint(15, 45))
    support(book, interpreter=interpreter(book))
    book.plan.phase(ctx.cal.after(book.case.opened_on, 10), "fair")
    upcoming_review(book, ctx.rng.randint(4, 20))
    book.task("Ask the GP surgery for a letter about the absences", ctx.ago(3))
    return book


def s_support_anxiety(ctx: Ctx, kid: Kid) -> CaseBook:
    reason = "Emotionally based school avoidance: anxiety about going in."
    book = open_case(ctx, kid, 40, profile="anxious", reason=reason)
    support(book, early_help=False)
    text = (
        "Call with the CAMHS single point of access: referral accepted, first appointment in "
        "about 12 weeks. School to offer a reduced-demand start."
    )
    phone(book, ctx.ago(30), text)
    if not ctx.world.schools[kid.spec.school].penalty_notices_apply:
        text = (
            "Independent school: penalty notices do not apply, but the council's duties under "
            "EA 1996 s.444 and s.447 still do."
        )
        book.entry("note", ctx.ago(29), text)
    upcoming_review(book, 12)
    return book


def s_support_traveller(ctx: Ctx, kid: Kid) -> CaseBook:
    book = s_support(ctx, kid)
    lo, hi = ctx.ago(95), ctx.ago(86)
    book.plan.travelling.append((lo, hi))
    text = f"Family travelling for work (fairs) {d(lo)} to {d(hi)}. School records T; "
    book.entry("note", lo, text + "distance-learning pack sent.", hour=10)
    return book


def s_support_looked_after(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 50, source="Virtual school")
    support(book, early_help=False)
    text = (
        f"Personal education plan meeting with {kid.child.social_worker} (social worker), the "
        f"virtual school and {book.contact}. {kid.name} is looked after: no ESO is possible "
        "(Children Act 1989 s.36(6)); work through the PEP and the foster carers."
    )
    book.entry("meeting", ctx.ago(35), text)
    upcoming_review(book, 15)
    return book


def s_support_safeguarding(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 35, source="Children's social care")
    support(book, visit=False, early_help=False)
    day = ctx.ago(20)
    dsl = ctx.world.contacts[kid.spec.school][1].name
    parent = kid.resident()[1]
    action = (
        "Phoned the children's social care front door at 15:20 and spoke to the duty social "
        f"worker; told {dsl} (DSL); emailed {kid.child.social_worker}. Procedure followed the "
        "same day."
    )
    voice = f"{kid.name} said mummy's friend 'gets cross' and shouted at him."
    after = "Strategy discussion tomorrow; joint visit with the social worker."
    book.visit(day, 14, "seen", child_seen=True,
               people_seen=f"{parent.given} {parent.family}, {kid.name}", child_voice=voice,
               concerns="Bruise on the left cheek; the explanation changed twice.",
               safeguarding_action=action, support="None today: safeguarding first.",
               next_steps=after)  # fmt: skip
    text = "Safeguarding concern raised after the home visit; referral reference from the front "
    book.entry("safeguarding", day, text + f"door. {dsl} informed.")
    upcoming_review(book, 6)
    return book


def s_support_part_time(ctx: Ctx, kid: Kid) -> CaseBook:
    book = s_support(ctx, kid)
    lo = ctx.ago(30)
    book.plan.part_time = (lo, ctx.ago(0))
    text = (
        f"EHCP review meeting: temporary part-time timetable (mornings only, coded C2) from "
        f"{d(lo)} for six weeks, adding one afternoon a fortnight."
    )
    book.entry("meeting", lo, text, hour=11)
    rule = "Part-time timetables are temporary and reviewed"
    book.task("Part-time timetable review", lo + timedelta(weeks=6), kind="review", rule=rule)
    return book


def s_support_n_codes(ctx: Ctx, kid: Kid) -> CaseBook:
    book = s_support(ctx, kid)
    book.plan.recent_n = 4
    no_answer_then_card(book, ctx.ago(2))
    note = "Neighbour says the family may be away; check with"
    book.visit(ctx.ago(0), 10, None, status="draft", next_steps=note)
    rule = "N codes should be resolved within about 5 school days"
    book.task(f"Ask {book.school} to resolve the N codes", ctx.ago(1), rule=rule)
    return book


# --- attendance contracts and notices to improve ------------------------------------------------


def s_contract_signed(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 55)
    support(book, interpreter=interpreter(book))
    signed = ctx.ago(12)
    step.contract(book, signed, "signed")
    book.plan.phase(signed, "fair")
    book.task("First attendance contract review", signed + timedelta(weeks=4), kind="review")
    return book


def s_contract_reviewed(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 95)
    support(book)
    signed, reviewed = ctx.ago(45), ctx.ago(22)
    outcome = "attendance improving; requirements kept; continue with a second review."
    second = ctx.today + timedelta(days=10)
    step.contract(book, signed, "reviewed", reviews=((reviewed, outcome),), next_review=second)
    step.attendance_line(book, reviewed, signed, reviewed)
    book.plan.phase(signed, "fair")
    book.plan.phase(reviewed, "good")
    book.task("Second attendance contract review", second, kind="review")
    return book


def s_contract_broken(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 110)
    support(book)
    reviews = ((ctx.ago(55), "parent did not attend"),)
    step.contract(book, ctx.ago(75), "broken", reviews=reviews, broken_on=ctx.ago(30))
    book.plan.phase(ctx.ago(50), "bad")
    book.task("Threshold check and decide on a notice to improve", ctx.ago(20), kind="decision")
    return book


def s_nti_open(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 100)
    support(book)
    step.contract(book, ctx.ago(70), "broken", broken_on=ctx.ago(40))
    window = offence_window(ctx, book, ctx.ago(11), 6)
    step.notice_to_improve(book, ctx.ago(10), 6, "issued", threshold=window)
    book.plan.phase(ctx.ago(60), "bad")
    book.plan.phase(ctx.ago(9), "fair")
    return book


def s_nti_improved_closed(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 120)
    support(book)
    window = offence_window(ctx, book, ctx.ago(76), 6)
    step.notice_to_improve(book, ctx.ago(75), 4, "improved", threshold=window)
    book.plan.phase(ctx.ago(100), "bad")
    book.plan.phase(ctx.ago(74), "good")
    book.close(ctx.ago(30), "Attendance good since the notice to improve; support plan ended.")
    return book


def s_nti_not_improved(ctx: Ctx, kid: Kid) -> CaseBook:
    book = open_case(ctx, kid, 105)
    history(ctx, book, 40, contract_ago=80)
    book.plan.forced.append((ctx.ago(38), ctx.ago(20), 4, "O"))
    title = "Decide on a penalty notice (the notice to improve was not complied with)"
    book.task(title, ctx.ago(8), kind="decision")
    return book


SCENARIOS = {
    "support": s_support,
    "support_anxiety": s_support_anxiety,
    "support_traveller": s_support_traveller,
    "support_looked_after": s_support_looked_after,
    "support_safeguarding": s_support_safeguarding,
    "support_part_time": s_support_part_time,
    "support_n_codes": s_support_n_codes,
    "contract_signed": s_contract_signed,
    "contract_reviewed": s_contract_reviewed,
    "contract_broken": s_contract_broken,
    "nti_open": s_nti_open,
    "nti_improved_closed": s_nti_improved_closed,
    "nti_not_improved": s_nti_not_improved,
}
