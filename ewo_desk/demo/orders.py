"""The court end of the pathway as the demo records it.

ESO: considered before any prosecution (EA 1996 s.447), children's social care consulted
(Children Act 1989 s.36(8)), made for one year. Prosecution: s.444(1) by the Single Justice
Procedure, s.444(1A) in open court (imprisonable), laid within 6 months of the end of the offence
period. Parenting order: up to 12 months (Sentencing Act 2020 s.369). School attendance order:
a s.437(1) notice giving at least 15 days, then the order naming a school. attendance-law.md §3.4-7.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ewo_desk.demo import names
from ewo_desk.demo.names import ParentSpec
from ewo_desk.demo.schoolyear import add_months
from ewo_desk.demo.writer import CaseBook, d, money
from ewo_desk.store.schema import LegalAction, ParentCarer

DIRECTIONS = (
    "attend school every day from the start of term",
    "meet the supervisor fortnightly at school",
    "parent to attend the family hub parenting course",
)


def eso_declined(book: CaseBook, day: date, reasons: str) -> LegalAction:
    details = {"decision": "declined", "reasons": reasons, "s447_considered_on": day}
    action = book.action("education_supervision_order", None, "declined", day,
                         outcome="declined", reason=reasons, details=details)  # fmt: skip
    text = (
        "Education Supervision Order considered before prosecution (EA 1996 s.447). "
        f"Decision: not to apply. Reasons: {reasons}"
    )
    book.entry("legal_step", day, text, hour=11, action=action)
    return action


def eso(
    book: CaseBook,
    status: str,
    consulted: date,
    *,
    applied: date | None = None,
    hearing: date | None = None,
    made: date | None = None,
) -> LegalAction:
    details: dict[str, Any] = {
        "decision": "apply",
        "consulted": names.SOCIAL_CARE,
        "consulted_on": consulted,
        "court": names.FAMILY_COURT,
    }
    ends = add_months(made, 12) - timedelta(days=1) if made else None
    if applied:
        details["applied_on"] = applied
        details["consultation_response"] = "No objection; social care will attend the hearing."
    if hearing:
        details["hearing_on"] = hearing
    if made:
        details |= {"made_on": made, "expires_on": ends, "supervisor": book.officer.name}
        details["directions"] = list(DIRECTIONS)
    action = book.action("education_supervision_order", None, status,
                         made or applied or consulted, ends=ends, prefix="ESO", outcome=status,
                         details=details)  # fmt: skip
    text = (
        f"ESO considered (EA 1996 s.447) and judged the right route. {names.SOCIAL_CARE} "
        "consulted (Children Act 1989 s.36(8)); reply asked for within 10 working days."
    )
    book.entry("legal_step", consulted, text, hour=11, action=action)
    if applied:
        text = f"ESO application filed at the {names.FAMILY_COURT}; social care do not object."
        if hearing:
            text += f" First hearing {d(hearing)}."
        book.entry("legal_step", applied, text, hour=15, action=action)
    if made and ends:
        text = (
            f"Education Supervision Order made for one year, to {d(ends)}. Supervisor: "
            f"{book.officer.name}. Directions given to {book.kid.name} and the parent(s)."
        )
        book.entry("legal_step", made, text, hour=14, action=action)
    return action


def prosecution(
    book: CaseBook,
    parent: ParentCarer,
    spec: ParentSpec,
    laid: date,
    offence: tuple[date, date],
    *,
    section: str,
    status: str,
    convicted: date | None = None,
    fine: int = 0,
    costs: int = 0,
    hearing: date | None = None,
    pn_reference: str = "",
    sentence: str = "",
) -> LegalAction:
    lo, hi = offence
    limit = add_months(hi, 6)
    if laid > limit:
        raise ValueError(f"demo timeline: information laid {laid} after the time limit {limit}")
    route = "sjp" if section == "s444(1)" else "open_court"
    panel, invited = laid - timedelta(days=9), laid - timedelta(days=24)
    details: dict[str, Any] = {
        "offence": section,
        "route": route,
        "offence_start": lo,
        "offence_end": hi,
        "time_limit": limit,
        "court": names.COURT,
        "legal_panel_on": panel,
        "pace_interview_invited_on": invited,
    }
    if pn_reference:
        details["penalty_notice"] = pn_reference
    if route == "sjp":
        details["plea_due_by"] = laid + timedelta(days=21)
    if hearing:
        details["first_hearing_on"] = hearing
    if convicted:
        details |= {"convicted_on": convicted, "plea": "guilty", "sentence": sentence}
        details |= {"fine_pence": fine, "costs_pence": costs}
        details["victim_surcharge_pence"] = max(2000, fine * 2 // 5)
    action = book.action("prosecution", parent, status, laid, amount=fine or None, prefix="PR",
                         outcome=sentence, details=details)  # fmt: skip
    who, child = f"{spec.given} {spec.family}", book.kid.name
    section = section.replace("s444", "s.444")  # "s444(1A)" in the record, "s.444(1A)" in text
    text = f"Letter inviting {who} to an interview under caution (PACE Code C) about {child}'s "
    text += f"absence {d(lo)} to {d(hi)}."
    book.entry("letter", invited, text, action=action)
    text = (
        f"Legal panel: prosecution of {who} under EA 1996 {section} authorised; ESO consideration "
        f"on file. Time limit for laying the information: {d(limit)}."
    )
    book.entry("meeting", panel, text, action=action)
    if route == "sjp":
        text = f"Information laid against {who} under {section}: written charge and Single "
        text += "Justice Procedure notice."
    else:
        text = f"Information laid against {who} under {section} for a summons to open court "
        text += "(imprisonable, so not the Single Justice Procedure)."
        if hearing:
            text += f" First hearing {d(hearing)}."
    book.entry("legal_step", laid, text, hour=12, action=action)
    if convicted:
        text = (
            f"{names.COURT}: {who} pleaded guilty under {section}. {sentence}: fine "
            f"{money(fine)}, costs {money(costs)}."
        )
        book.entry("legal_step", convicted, text, hour=15, action=action)
    return action


def parenting_order(
    book: CaseBook, parent: ParentCarer, spec: ParentSpec, made: date
) -> LegalAction:
    ends = add_months(made, 12) - timedelta(days=1)
    details = {
        "court": names.COURT,
        "power": "Sentencing Act 2020 s.369",
        "requirements": [f"ensure {book.kid.name} attends school every day",
                         "attend every meeting with the responsible officer"],
        "programme": "parenting programme at the family hub, 10 weekly sessions",
        "programme_months": 3,
        "responsible_officer": book.officer.name,
    }  # fmt: skip
    action = book.action("parenting_order", parent, "made", made, ends=ends, prefix="PO",
                         outcome="made", details=details)  # fmt: skip
    text = (
        f"Parenting order made against {spec.given} {spec.family} on conviction, to {d(ends)}, "
        f"with a 3-month parenting programme. Responsible officer: {book.officer.name}."
    )
    book.entry("legal_step", made, text, action=action)
    title = "Parenting order: first meeting with the responsible officer"
    book.task(title, made + timedelta(days=14), done=made + timedelta(days=12))
    return action


def school_attendance_order(
    book: CaseBook, notice_on: date, *, naming_on: date | None = None, order_on: date | None = None
) -> LegalAction:
    """The s.437(1) notice and, if the parent does not satisfy the council, the order itself."""
    respond_by = notice_on + timedelta(days=14)  # at least 15 days beginning with service
    named = book.ctx.world.schools[book.kid.spec.school]
    details: dict[str, Any] = {
        "s437_notice_on": notice_on,
        "respond_by": respond_by,
        "reason": "Home education reported but no evidence of suitable education.",
    }
    status = "served" if order_on else "notice_served"
    if order_on:
        details |= {"naming_notice_on": naming_on, "order_served_on": order_on}
        details |= {"named_school": named.name, "named_school_urn": named.urn}
    action = book.action("school_attendance_order", book.kid.resident()[0], status,
                         order_on or notice_on, ends=None if order_on else respond_by,
                         prefix="SAO", outcome=status, details=details)  # fmt: skip
    text = (
        "Notice under EA 1996 s.437(1) served by hand: the parents must satisfy the council by "
        f"{d(respond_by)} that {book.kid.name} is receiving suitable education."
    )
    book.entry("legal_step", notice_on, text, hour=13, action=action)
    if naming_on:
        text = (
            f"No evidence of suitable education by {d(respond_by)}. Notice of intention to name "
            f"{named.name} in a school attendance order; the parents may choose another school."
        )
        book.entry("letter", naming_on, text, action=action)
    if order_on:
        text = f"School attendance order served naming {named.name}; the school must admit."
        book.entry("legal_step", order_on, text, hour=12, action=action)
    return action
