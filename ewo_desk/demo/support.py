"""Support and early help: the referral, calls, school meetings, letters and home visits every
case starts with, written from short pools of plausible wording chosen by the seed. The support
offered is recorded for each parent (a pathway `SupportOffer`): later steps look for it."""

from __future__ import annotations

from datetime import date, timedelta

from ewo_desk.demo.writer import CaseBook
from ewo_desk.domain import pathway as pw
from ewo_desk.store.schema import LegalAction

REASONS = (
    "Attendance falling this term; most absences on Mondays and Fridays.",
    "Repeated absence reported as illness, no medical evidence; parent not answering calls.",
    "Late most mornings, often after the register closes.",
    "Absent on PE and swimming days; the child says they feel sick before school.",
    "Absence since a house move across the borough; the journey is now two buses.",
    "Tired and late; the school thinks the child is caring for a parent.",
    "Absence after a falling-out with friends; the school is worried about isolation.",
)
CHILD_VOICE = (
    "{name} said mornings are hard because mum starts work early and nobody wakes them.",
    "{name} said they like art and their teacher but get 'a sick feeling' on Sunday nights.",
    "{name} said some older pupils on the bus call them names; they had not told school.",
    "{name} said they miss their old school and their friends there.",
    "{name} said they stay home to help when mum is poorly and the baby is up at night.",
    "{name} said they would go more if they could sit with their friend in maths.",
    "{name} drew their family and said school is 'OK but the corridors are too loud'.",
)
SUPPORT = (
    "Breakfast club place from Monday (free), agreed with school.",
    "Referral to the school nurse about headaches and sleep.",
    "Early help assessment offered; parent consented.",
    "Key adult check-in each morning and a time-out card.",
    "Help with a bus pass application.",
    "Referral to the young carers service.",
    "Place on the family hub parenting group (Tuesday mornings).",
)
NEXT_STEPS = (
    "Review at school in four weeks with the attendance lead.",
    "Phone the parent on Friday to see how the week went.",
    "Ask school for weekly attendance updates by email.",
    "Joint visit with the family support worker next week.",
)


def clamp(book: CaseBook, day: date) -> date:
    """No record is dated after the last school day up to today."""
    return min(day, book.ctx.ago(0))


def support(
    book: CaseBook,
    *,
    visit: bool = True,
    early_help: bool = True,
    interpreter: str = "",
    response: pw.SupportResponse = pw.SupportResponse.ENGAGED,
) -> None:
    """`response`: how the family took up the support, as it stands."""
    ctx, rng, kid = book.ctx, book.rng, book.kid
    opened = book.case.opened_on
    _parent, pspec = kid.resident()
    parent = f"{pspec.given} {pspec.family}"
    step = [clamp(book, ctx.cal.after(opened, n)) for n in (1, 3, 5, 8)]
    via = f" through a {interpreter} interpreter (telephone service)" if interpreter else ""
    text = (
        f"Phoned {parent}{via} to introduce the service and arrange a home visit. "
        f"{pspec.given} agreed that {kid.name}'s attendance has slipped and wants help."
    )
    book.entry("phone_call", step[0], text)
    book.entry("letter", step[0], f"Letter 1 (attendance concern) sent to {parent}.")
    agreed = rng.choice(SUPPORT)
    text = (
        f"Targeting support meeting at {book.school} with {book.contact}. "
        f"Agreed: {agreed.lower()} Review in four weeks."
    )
    offers = offer(book, step[1], agreed, response)
    book.entry("school_visit", step[1], text, action=offers[0])
    if visit:
        seen = f"{parent}, {kid.name}" + (f", {interpreter} interpreter" if interpreter else "")
        voice = rng.choice(CHILD_VOICE).format(name=kid.name)
        book.visit(step[2], rng.choice((10, 11, 14, 15)), "seen", child_seen=True,
                   people_seen=seen, child_voice=voice, support=rng.choice(SUPPORT),
                   next_steps=rng.choice(NEXT_STEPS))  # fmt: skip
    if early_help:
        text = (
            f"Early help assessment started with {pspec.given}'s consent; lead practitioner "
            f"{book.contact}. Family hub informed."
        )
        book.entry("note", step[3], text, hour=16)


def offer(
    book: CaseBook, day: date, agreed: str, response: pw.SupportResponse
) -> list[LegalAction]:
    """Support offered to the parent the child lives with and, by letter, to any other parent
    with parental responsibility (not for a looked-after child: the carers and social worker)."""
    kid = book.kid
    resident = kid.resident()
    others = [] if kid.child.looked_after else [p for p in kid.parents() if p != resident]
    rows = []
    for (parent, spec), description in [(resident, agreed)] + [
        (other, "Letter setting out the concern and the support agreed, and inviting a meeting.")
        for other in others
    ]:
        record = pw.SupportOffer(
            id=book.ctx.new_id(),
            parent_id=str(parent.id),
            child_id=book.child_id,
            offered_on=day,
            description=description,
            response=response,
        )
        rows.append(book.record(record, response.value))
        if (parent, spec) != resident:
            text = f"Letter to {spec.given} {spec.family}, who does not live with {kid.name}: the "
            text += "concern, the support agreed and an invitation to meet."
            book.entry("letter", day, text, action=rows[-1])
    return rows


def review(book: CaseBook, day: date, text: str) -> None:
    book.entry("school_visit", clamp(book, day), f"Review at {book.school}: {text}")


def upcoming_review(book: CaseBook, days: int) -> None:
    book.task(f"Review meeting at {book.school}", book.ctx.today + timedelta(days=days),
              kind="review")  # fmt: skip


def no_answer_then_card(book: CaseBook, first: date) -> None:
    book.visit(first, 9, "no_answer", next_steps="Try again later in the week.")
    book.visit(book.ctx.cal.after(first, 2), 16, "card_left",
               next_steps="Card left asking the parent to phone the office.")  # fmt: skip


def phone(book: CaseBook, day: date, text: str) -> None:
    book.entry("phone_call", clamp(book, day), text, hour=book.rng.choice((9, 10, 12, 14)))
