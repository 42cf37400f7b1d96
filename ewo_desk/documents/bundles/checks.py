"""The three records a prosecution file owes the court and the defence beyond the evidence: the
penalty-notice history with the three-year check (§3.3), the s.447 ESO decision (§3.4), and the
schedule of unused material (CPIA 1996, §4.4). The pathway domain does the counting; this module
only lays its answers out."""

from __future__ import annotations

import re
from datetime import date

from reportlab.lib.units import mm

from ewo_desk.documents.bundles.casefile import CaseFile, StoredDoc
from ewo_desk.documents.bundles.model import Part
from ewo_desk.documents.bundles.records import Writer, day, local_day, moment
from ewo_desk.documents.merge import CHRONOLOGY_LABELS
from ewo_desk.documents.styles import FRAME_WIDTH
from ewo_desk.domain import pathway as pw
from ewo_desk.domain.pathway.formatting import fmt_money
from ewo_desk.domain.pathway.penalty_terms import counting_notices, sequence_of
from ewo_desk.domain.pathway.periods import FRAMEWORK_START, counts_until

STATUS_WORDS = {
    pw.PnStatus.AWAITING_PAYMENT: "awaiting payment",
    pw.PnStatus.PAID: "paid",
    pw.PnStatus.WITHDRAWN: "withdrawn",
    pw.PnStatus.PROSECUTED: "unpaid: prosecuted",
    pw.PnStatus.EXPIRED_UNPAID: "unpaid: payment period over",
}
# Unused material that may assist the defence of sickness (s.444(2A)): flagged for the reviewer.
HEALTH = re.compile(
    r"\b(ill|illness|unwell|sick|gp|doctor|medical|hospital|stomach|anxiety|anxious|"
    r"camhs|mental health|medication|nurse)\b",
    re.I,
)
NOT_SCHEDULED = ("safeguarding", "legal_step")  # sensitive; or the system's own log of a step


def facts(case: CaseFile) -> pw.CaseFacts:
    return pw.CaseFacts(case.ref, (), (), tuple(s.record for s in case.steps if s.record))


def pn_history(case: CaseFile, parent_id: str, child_id: str, on: date) -> Part:
    w = Writer(case, "Penalty-notice history and three-year check")
    parent = case.parent(parent_id)
    who = parent.name if parent else "the parent"
    known = facts(case)
    notices = sorted(
        (n for n in case.records(pw.PenaltyNotice) if n.parent_id == parent_id),
        key=lambda n: n.issued_on,
    )
    rows = []
    for notice in notices:
        step = case.step_of(notice)
        terms = pw.notice_terms(notice, known, case.policy)
        number = sequence_of(notice, known)
        rows.append(
            [
                (step.reference if step and step.reference else f"record {notice.id}"),
                day(notice.issued_on),
                f"{day(notice.offence_start)} to {day(notice.offence_end)}",
                str(number) if number else "not counted (before 19/08/2024)",
                (f"{fmt_money(terms.reduced_pence)} / " if terms.reduced_pence else "")
                + fmt_money(terms.full_pence),
                STATUS_WORDS[pw.notice_status(notice, known, on, case.policy)],
                day(counts_until(notice.issued_on)) if number else "",
            ]
        )
    unread = [
        s
        for s in case.steps
        if s.kind == "penalty_notice" and s.record is None and str(s.parent_id) == parent_id
    ]
    for step in unread:
        amount = fmt_money(step.amount_pence) if step.amount_pence is not None else ""
        rows.append(
            [
                step.reference,
                day(step.started_on),
                "not recorded",
                "not recorded",
                amount,
                step.status or "not recorded",
                "",
            ]
        )
    w.facts([("Parent or carer", who), ("Child", case.child), ("Checked on", day(on))])
    if rows:
        w.table(
            [
                "Notice",
                "Issued",
                "Offence period",
                "No. in 3 years",
                "Amount",
                "Status",
                "Counts until",
            ],
            rows,
            [29 * mm, 24 * mm, 28 * mm, 14 * mm, 24 * mm, 26 * mm, FRAME_WIDTH - 145 * mm],
            dense=True,
        )
    else:
        w.text(f"No penalty notice has been issued to {who} for {case.child}.")
    counting = counting_notices(known, parent_id, child_id, on)
    w.heading("Three-year check")
    if counting:
        listed = ", ".join(day(n.issued_on) for n in counting)
        w.text(
            f"On {day(on)}, {len(counting)} penalty notice{'s' if len(counting) != 1 else ''} "
            f"to {who} for {case.child} counted toward the national limit of two in three years "
            f"(issued {listed}). Notices issued before {day(FRAMEWORK_START)} do not count."
        )
    else:
        w.text(
            f"On {day(on)}, no penalty notice to {who} for {case.child} counted toward the "
            "national limit of two in three years."
        )
    if unread:
        w.text(
            f"{len(unread)} notice(s) above have no pathway record, so they could not be "
            "counted: check them by hand."
        )
    return w.part(on)


def eso_record(case: CaseFile, child_id: str, parent_id: str | None, by: date) -> tuple[Part, bool]:
    """The s.447 record; the flag says whether a reasoned decision was made on or before `by`."""
    w = Writer(case, "Education supervision order considered (s.447)")
    considered = sorted(
        (
            c
            for c in case.records(pw.EsoConsidered)
            if c.child_id == child_id
            and (c.parent_id is None or parent_id is None or c.parent_id == parent_id)
        ),
        key=lambda c: c.decided_on,
    )
    decision = {
        pw.EsoDecision.APPLY: "apply for an order",
        pw.EsoDecision.DO_NOT_APPLY: "not apply",
    }
    for item in considered:
        whose = case.parent(item.parent_id)
        w.facts(
            [
                ("Decided on", day(item.decided_on)),
                ("Decision", decision[item.decision]),
                ("For", whose.name if whose else "the child, whichever parent is prosecuted"),
            ]
        )
        w.heading("Reasons")
        w.text(item.reasons)
    consulted = [c for c in case.records(pw.EsoConsultation) if c.child_id == child_id]
    if consulted:
        w.heading("Consultation with children's social care (s.36(8))")
        w.table(
            ["Consulted on", "Who", "Response"],
            [[day(c.consulted_on), c.consulted, c.response or "—"] for c in consulted],
            [28 * mm, 50 * mm, FRAME_WIDTH - 78 * mm],
        )
    for direction in case.records(pw.CourtDirection):
        w.heading("Direction of the court (s.447(2))")
        w.facts(
            [
                ("Directed on", day(direction.directed_on)),
                ("Reasons given on", day(direction.reasons_given_on)),
                ("Reasons", direction.reasons),
            ]
        )
    ok = any(c.reasons.strip() and c.decided_on <= by for c in considered)
    if not considered:
        w.text("No decision under s.447 is recorded on this case.")
    return w.part(considered[-1].decided_on if considered else by), ok


def unused_schedule(
    case: CaseFile, used_notes: set[int], used_docs: set[int], used_visits: set[int]
) -> tuple[Part, int]:
    """Material held and not used as evidence; the count of sensitive items left off it (they go
    on a separate sensitive schedule for the prosecutor, never to the defence)."""
    w = Writer(case, "Schedule of unused material (CPIA 1996)")
    items: list[tuple[date, str, str]] = []
    for note in case.notes:
        if note.id in used_notes or note.kind in NOT_SCHEDULED:
            continue
        label = CHRONOLOGY_LABELS.get(note.kind, note.kind.replace("_", " ").capitalize())
        draft = " (draft)" if note.status != "final" else ""
        text = f"{label}{draft}, {moment(note.occurred_at)}, {note.author}: {_short(note.text)}"
        items.append((local_day(note.occurred_at), text, _remark(note.text)))
    for visit in case.visits:
        if visit.id not in used_visits:
            text = f"Home visit record ({visit.status}), {moment(visit.visited_at)}"
            items.append((local_day(visit.visited_at), text, _remark(visit.concerns)))
    for doc in case.documents:
        if doc.id not in used_docs:
            items.append((doc.created_on, f"{doc.title} ({_kind(doc)})", ""))
    items.sort(key=lambda item: item[0])
    w.text(
        "Material held by the council that is not part of the prosecution case. Items flagged in "
        "the remarks may assist the defence and should be considered for disclosure (CPIA 1996 "
        "s.3). All items are held on the council's case record for this case."
    )
    if items:
        w.table(
            ["No.", "Date", "Description", "Remarks"],
            [[str(i), day(d), text, remark] for i, (d, text, remark) in enumerate(items, 1)],
            [11 * mm, 24 * mm, FRAME_WIDTH - 83 * mm, 48 * mm],
            dense=True,
        )
    else:
        w.text("There is no unused material.")
    sensitive = sum(1 for n in case.notes if n.kind == "safeguarding" and n.id not in used_notes)
    return w.part(case.today), sensitive


def _short(text: str, limit: int = 180) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _remark(text: str) -> str:
    if HEALTH.search(text or ""):
        return "Mentions the child's health: may assist a defence of sickness (s.444(2A))."
    return ""


def _kind(doc: StoredDoc) -> str:
    return doc.kind.replace("_", " ")
