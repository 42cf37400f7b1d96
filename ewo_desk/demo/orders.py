"""The court end of the pathway as the demo records it, as records of the pathway domain.

ESO: considered before any prosecution (EA 1996 s.447), children's social care consulted
(Children Act 1989 s.36(8)), made for one year, extended on an application made in the last 3
months. A court may direct the council to apply for an ESO (s.447(2)); reasons within 8 weeks if it
does not. Interview under caution (PACE Code C) before a prosecution. Prosecution: s.444(1) by the
Single Justice Procedure, s.444(1A) in open court (imprisonable), laid within 6 months of the end of
the offence period, never while a penalty notice for the absence can still be paid. Parenting
order: on conviction, up to 12 months with a programme of up to 3 (Sentencing Act 2020 s.369).
School attendance order: a s.437(1) notice giving at least 15 days, a notice naming the school the
council intends to name, then the order. attendance-law.md §3.4-7.
"""

from __future__ import annotations

from datetime import date, timedelta

from ewo_desk.demo import names
from ewo_desk.demo.names import ParentSpec
from ewo_desk.demo.writer import CaseBook, d, money
from ewo_desk.domain import pathway as pw
from ewo_desk.domain.calendar import add_months, add_working_days
from ewo_desk.domain.pathway.periods import eso_last_day, prosecution_limit, sao_notice_ends
from ewo_desk.store.schema import LegalAction, ParentCarer

DIRECTIONS = (
    "attend school every day from the start of term",
    "meet the supervisor fortnightly at school",
    "parent to attend the family hub parenting course",
)
APPLY = (
    "Support and an attendance contract have not changed the pattern of absence; the needs here "
    "are welfare needs a fine would not meet. Supervision with directions is the right route."
)
CONSULTATION_REPLY = "No objection; social care will attend the hearing."
# What the prosecution file holds beyond the case record (PN history, s.447, the interview).
FILE = frozenset(
    {
        pw.EvidenceItem.S9_STATEMENTS,
        pw.EvidenceItem.S566_CERTIFICATE,
        pw.EvidenceItem.LETTERS_WITH_POSTING_DATES,
        pw.EvidenceItem.VISIT_RECORDS,
        pw.EvidenceItem.UNUSED_MATERIAL_SCHEDULE,
    }
)


def parent_ids(book: CaseBook) -> tuple[str, ...]:
    return tuple(str(parent.id) for parent, _spec in book.kid.parents())


def eso_declined(book: CaseBook, day: date, reasons: str) -> LegalAction:
    record = pw.EsoConsidered(
        id=book.ctx.new_id(),
        child_id=book.child_id,
        decided_on=day,
        decision=pw.EsoDecision.DO_NOT_APPLY,
        reasons=reasons,
    )
    action = book.record(record, "declined", outcome="declined")
    text = (
        "Education Supervision Order considered before prosecution (EA 1996 s.447). "
        f"Decision: not to apply. Reasons: {reasons}"
    )
    book.entry("legal_step", day, text, hour=11, action=action)
    return action


def eso(
    book: CaseBook,
    consulted: date,
    *,
    applied: date | None = None,
    hearing: date | None = None,
    made: date | None = None,
    extension: tuple[date, date | None] | None = None,
) -> LegalAction:
    """The s.447 decision to apply, the s.36(8) consultation and, from `applied`, the order.

    `extension`: (applied for, granted on or None). Returns the furthest record's row."""
    ctx = book.ctx
    considered = pw.EsoConsidered(
        id=ctx.new_id(),
        child_id=book.child_id,
        decided_on=consulted,
        decision=pw.EsoDecision.APPLY,
        reasons=APPLY,
    )
    decision = book.record(considered, "apply", outcome="apply")
    consultation = pw.EsoConsultation(
        id=ctx.new_id(),
        child_id=book.child_id,
        consulted_on=consulted,
        consulted=names.SOCIAL_CARE,
        response=CONSULTATION_REPLY if applied else "",
    )
    status = "replied" if applied else "awaiting_reply"
    action = book.record(consultation, status, outcome=status)
    text = (
        f"ESO considered (EA 1996 s.447) and judged the right route: {APPLY} "
        f"{names.SOCIAL_CARE} consulted (Children Act 1989 s.36(8)); reply asked for within 10 "
        "working days."
    )
    book.entry("legal_step", consulted, text, hour=11, action=decision)
    if applied is None:
        return action
    ends = eso_last_day(made) if made else None
    extensions: tuple[pw.EsoExtension, ...] = ()
    if extension and ends:
        ext_applied, granted = extension
        until = add_months(ends + timedelta(days=1), 12) - timedelta(days=1) if granted else None
        extensions = (pw.EsoExtension(ext_applied, granted, until),)
    order = pw.EducationSupervisionOrder(
        id=ctx.new_id(),
        child_id=book.child_id,
        applied_on=applied,
        made_on=made,
        extensions=extensions,
        parent_ids=parent_ids(book),
    )
    status = "made" if made else "applied"
    if extensions:
        status = "extended" if extensions[0].granted_on else "extension_applied"
    last = extensions[0].extended_until if extensions and extensions[0].extended_until else ends
    action = book.record(order, status, ends=last, prefix="ESO", outcome=status)
    text = f"ESO application filed at the {names.FAMILY_COURT}; social care do not object."
    if hearing:
        text += f" First hearing {d(hearing)}."
    book.entry("legal_step", applied, text, hour=15, action=action)
    if made and ends:
        text = (
            f"Education Supervision Order made for one year, to {d(ends)}. Supervisor: "
            f"{book.officer.name}. Directions given to {book.kid.name} and the parent(s): "
            f"{'; '.join(DIRECTIONS)}."
        )
        book.entry("legal_step", made, text, hour=14, action=action)
    for ext in extensions:
        text = (
            f"Application to extend the ESO (it ends {d(ends or ext.applied_on)}): made within "
            "the last 3 months of the order, with the supervisor's report."
        )
        book.entry("legal_step", ext.applied_on, text, hour=15, action=action)
        if ext.granted_on and ext.extended_until:
            text = f"ESO extended by the court to {d(ext.extended_until)}."
            book.entry("legal_step", ext.granted_on, text, hour=14, action=action)
    return action


def court_direction(book: CaseBook, directed: date, parent: ParentCarer) -> LegalAction:
    """The court directs the council to apply for an ESO (s.447(2)); reasons due in 8 weeks."""
    record = pw.CourtDirection(
        id=book.ctx.new_id(),
        child_id=book.child_id,
        directed_on=directed,
        parent_id=str(parent.id),
    )
    action = book.record(record, "reasons_due", outcome="reasons_due")
    due = directed + timedelta(weeks=8)
    text = (
        f"{names.COURT} directed the council to apply for an Education Supervision Order for "
        f"{book.kid.name} (EA 1996 s.447(2)). If the council decides not to apply, it must tell "
        f"the court why by {d(due)}."
    )
    book.entry("legal_step", directed, text, hour=16, action=action)
    title = "ESO direction: consult social care, then apply or give the court reasons"
    rule = "s.447(4): reasons to the court within 8 weeks of the direction"
    book.task(title, due, kind="deadline", rule=rule)
    return action


def interview(
    book: CaseBook,
    parent: ParentCarer,
    spec: ParentSpec,
    invited: date,
    status: pw.InterviewStatus,
    offence: tuple[date, date],
) -> LegalAction:
    """An interview under caution (PACE Code C): invited, then held, declined or no reply."""
    held = add_working_days(invited, 6) if status is pw.InterviewStatus.HELD else None
    ref = f"IUC-{book.kid.child.id}-{parent.id}" if held else ""
    record = pw.InterviewUnderCaution(
        id=book.ctx.new_id(),
        parent_id=str(parent.id),
        child_id=book.child_id,
        invited_on=invited,
        status=status,
        held_on=held,
        record_ref=f"Audio recording {ref}" if held else "",
    )
    action = book.record(record, status.value, outcome=status.value)
    who, (lo, hi) = f"{spec.given} {spec.family}", offence
    text = f"Letter inviting {who} to an interview under caution (PACE Code C) about "
    text += f"{book.kid.name}'s absence {d(lo)} to {d(hi)}; free legal advice explained."
    book.entry("letter", invited, text, action=action)
    if held:
        text = (
            f"Interview under caution with {who} at the council offices: cautioned, told they "
            f"were not under arrest and free to leave, offered free legal advice. Recorded ({ref})."
        )
        book.entry("meeting", held, text, hour=10, action=action)
    elif status is pw.InterviewStatus.DECLINED:
        text = f"{who} replied declining the interview under caution."
        book.entry("letter", add_working_days(invited, 4), text, action=action)
    elif status is pw.InterviewStatus.NO_REPLY:
        text = f"No reply from {who} to the invitation to an interview under caution."
        book.entry("note", add_working_days(invited, 10), text, action=action)
    return action


def prosecution(
    book: CaseBook,
    parent: ParentCarer,
    spec: ParentSpec,
    laid: date,
    offence: tuple[date, date],
    *,
    section: pw.Offence,
    status: str,
    interviewed: pw.InterviewStatus = pw.InterviewStatus.HELD,
    convicted: date | None = None,
    fine: int = 0,
    costs: int = 0,
    hearing: date | None = None,
    notice: LegalAction | None = None,
    sentence: str = "",
    parenting_order: bool = False,
) -> LegalAction:
    """The interview, the file opened, the legal panel, the information laid and any outcome.

    `notice`: the unpaid penalty notice's row, when the prosecution follows one."""
    lo, hi = offence
    limit = prosecution_limit(hi)
    if laid > limit:
        raise ValueError(f"demo timeline: information laid {laid} after the time limit {limit}")
    sjp = section is pw.Offence.S444_1
    # The parent's account first; then the file is opened, authorised and laid.
    invited = add_working_days(laid, -17)
    opened, panel = add_working_days(laid, -7), add_working_days(laid, -5)
    interview(book, parent, spec, invited, interviewed, offence)
    outcome = None
    if convicted:
        result = pw.CourtResult.CONVICTED_SJP if sjp else pw.CourtResult.CONVICTED_GUILTY_PLEA
        order = (
            pw.ParentingOrder(
                made_on=convicted,
                requirements_until=add_months(convicted, 12) - timedelta(days=1),
                programme_until=add_months(convicted, 3) - timedelta(days=1),
            )
            if parenting_order
            else None
        )
        outcome = pw.ProsecutionOutcome(
            decided_on=convicted,
            result=result,
            fine_pence=fine,
            costs_pence=costs,
            parenting_order=order,
            note=sentence,
        )
    record = pw.Prosecution(
        id=book.ctx.new_id(),
        parent_id=str(parent.id),
        child_id=book.child_id,
        offence=section,
        offence_start=lo,
        offence_end=hi,
        route=pw.Route.SJP if sjp else pw.Route.OPEN_COURT,
        opened_on=opened,
        information_laid_on=laid,
        penalty_notice_id=book.record_of(notice).id if notice is not None else None,
        authorised_on=panel,
        evidence=FILE,
        outcome=outcome,
    )
    action = book.record(record, status, amount=fine or None, prefix="PR", outcome=sentence)
    who, label = f"{spec.given} {spec.family}", section.label
    text = (
        f"Prosecution file opened for {who} under EA 1996 {label}: s.9 statements, the s.566 "
        "certificate, letters with their posting dates, visit records and the unused-material "
        "schedule gathered."
    )
    book.entry("note", opened, text, hour=16, action=action)
    text = (
        f"Legal panel: prosecution of {who} under EA 1996 {label} authorised; ESO consideration "
        f"on file. Time limit for laying the information: {d(limit)}."
    )
    book.entry("meeting", panel, text, action=action)
    if sjp:
        text = f"Information laid against {who} under {label}: written charge and Single "
        text += "Justice Procedure notice."
    else:
        text = f"Information laid against {who} under {label} for a summons to open court "
        text += "(imprisonable, so not the Single Justice Procedure)."
        if hearing:
            text += f" First hearing {d(hearing)}."
    book.entry("legal_step", laid, text, hour=12, action=action)
    if convicted:
        how = "convicted on a written guilty plea" if sjp else "pleaded guilty"
        text = (
            f"{names.COURT}: {who} {how} under {label}. {sentence}: fine {money(fine)}, costs "
            f"{money(costs)}."
        )
        book.entry("legal_step", convicted, text, hour=15, action=action)
    if outcome and outcome.parenting_order:
        _parenting_order(book, action, spec, outcome.parenting_order)
    return action


def _parenting_order(
    book: CaseBook, action: LegalAction, spec: ParentSpec, order: pw.ParentingOrder
) -> None:
    text = (
        f"Parenting order made against {spec.given} {spec.family} on conviction, to "
        f"{d(order.requirements_until)}: ensure {book.kid.name} attends school every day and "
        "attend every meeting with the responsible officer; a parenting programme at the family "
        f"hub (10 weekly sessions) to {d(order.programme_until or order.made_on)}. Responsible "
        f"officer: {book.officer.name}."
    )
    book.entry("legal_step", order.made_on, text, hour=16, action=action)
    title = "Parenting order: first meeting with the responsible officer"
    met = order.made_on + timedelta(days=12)
    due = order.made_on + timedelta(days=14)
    book.task(title, due, done=met if met <= book.ctx.today else None)


def school_attendance_order(
    book: CaseBook, notice_on: date, *, naming_on: date | None = None, order_on: date | None = None
) -> LegalAction:
    """The s.437(1) notice and, if the parent does not satisfy the council, the order itself."""
    respond_by = sao_notice_ends(notice_on, 15)  # at least 15 days beginning with service
    named = book.ctx.world.schools[book.kid.spec.school]
    record = pw.SchoolAttendanceOrder(
        id=book.ctx.new_id(),
        child_id=book.child_id,
        notice_served_on=notice_on,
        notice_days=15,
        parent_ids=parent_ids(book),
        naming_notice_served_on=naming_on,
        school_named=named.name if naming_on else "",
        order_served_on=order_on,
    )
    status = "served" if order_on else "notice_served"
    action = book.record(record, status, ends=None if order_on else respond_by, prefix="SAO",
                         outcome=status)  # fmt: skip
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
