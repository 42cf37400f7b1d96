"""Records typeset from the case for a bundle: particulars of the offence, a case summary, the
chronology, visit and meeting records, the interview record and a record of posting.

Each is a short document of its own (council running header, "Page X of Y", the case reference
in the footer); the bundle stamp adds the bundle page number. Every value goes through
`escape_value`, so a name like "*Bob* <b>" prints as written and a missing glyph is marked.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from ewo_desk.documents.bundles.casefile import CaseFile, Note, Step, Visit
from ewo_desk.documents.bundles.model import Part
from ewo_desk.documents.fonts import GlyphCheck
from ewo_desk.documents.letterhead import Letterhead
from ewo_desk.documents.markup import escape_value, inline, paragraph
from ewo_desk.documents.merge import ACTION_LABELS, CHRONOLOGY_LABELS
from ewo_desk.documents.pdf import DocumentInfo, PageDecor, build_pdf
from ewo_desk.documents.styles import ACCENT, BOX_EDGE, FRAME_WIDTH, RULE, SHADE, Styles, styles
from ewo_desk.documents.values import LONDON
from ewo_desk.domain import pathway as pw
from ewo_desk.domain.calendar import deemed_service
from ewo_desk.domain.pathway.periods import prosecution_limit

MARKING = "OFFICIAL-SENSITIVE"
OFFENCE_WORDS = {
    pw.Offence.S444_1: (
        "Failing to secure the regular attendance at school of a registered pupil, contrary to "
        "section 444(1) of the Education Act 1996.",
        "failed to secure the child's regular attendance at that school.",
    ),
    pw.Offence.S444_1A: (
        "Knowing that a registered pupil was failing to attend school regularly, failing to "
        "cause the child to do so, contrary to section 444(1A) of the Education Act 1996.",
        "knowing that the child was failing to attend regularly at that school, failed without "
        "reasonable justification to cause the child to do so.",
    ),
}


class Writer:
    """Typesets one record: a title, what it was made from, then tables and paragraphs."""

    def __init__(self, case: CaseFile, title: str) -> None:
        self.case, self.title = case, title
        self.s: Styles = styles("sans", 12)
        self.glyphs = GlyphCheck(self.s.family)
        self.story: list[Flowable] = [self.para(title, self.s.heading1)]
        self.story.append(
            self.para(
                f"Case {case.ref} · {case.child} · prepared from the case record on "
                f"{day(case.today)} by {case.officer}",
                self.s.small,
            )
        )
        self.story.append(Spacer(1, 5 * mm))

    def para(self, text: str, style: Any = None) -> Paragraph:
        return paragraph(inline(escape_value(text), self.glyphs), style or self.s.body)

    def heading(self, text: str) -> None:
        self.story.append(self.para(text, self.s.heading2))

    def text(self, text: str) -> None:
        for block in [b for b in text.split("\n\n") if b.strip()] or ["—"]:
            self.story.append(self.para(block.strip()))

    def facts(self, rows: Sequence[tuple[str, str]]) -> None:
        cells = [
            [self.para(k, self.s.cell_header), self.para(v or "—", self.s.cell)] for k, v in rows
        ]
        table = Table(cells, colWidths=[48 * mm, FRAME_WIDTH - 48 * mm])
        table.setStyle(_grid(header=False))
        self.story += [table, Spacer(1, 4 * mm)]

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        dense: bool = False,
    ) -> None:
        """A table with its header repeated on each page; `dense` tables use 10-point cells."""
        s = styles("sans", 11) if dense else self.s
        cells = [[self.para(h, s.cell_header) for h in header]]
        cells += [[self.para(v, s.cell) for v in row] for row in rows]
        table = Table(cells, colWidths=list(widths), repeatRows=1)
        table.setStyle(_grid(header=True))
        self.story += [table, Spacer(1, 4 * mm)]

    def box(self, text: str) -> None:
        table = Table([[self.para(text, self.s.box)]], colWidths=[FRAME_WIDTH])
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, BOX_EDGE),
                    ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        self.story += [table, Spacer(1, 4 * mm)]

    def pdf(self) -> bytes:
        head = Letterhead(self.case.council, self.s, self.glyphs, "small")
        decor = PageDecor(
            reference=self.case.ref,
            title=self.title,
            marking=MARKING,
            first_top=head.first_top,
            later_top=head.later_top,
            draw_first=head.draw_first,
            draw_later=head.draw_later,
        )
        info = DocumentInfo(title=f"{self.title} – {self.case.ref}", author=self.case.council.name)
        return build_pdf(self.story, decor, self.s, self.glyphs, info).content

    def part(self, dated: date | None, kind: str = "record", **source: Any) -> Part:
        return Part(self.title, self.pdf(), kind, dated, source={"record": kind, **source})


def _grid(header: bool) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
        ]
    else:
        commands.append(("BACKGROUND", (0, 0), (0, -1), SHADE))
    return TableStyle(commands)


def day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = (value.astimezone(LONDON) if value.tzinfo else value).date()
    return value.strftime("%d/%m/%Y")


def moment(value: datetime) -> str:
    local = value.astimezone(LONDON) if value.tzinfo else value
    return local.strftime("%d/%m/%Y %H:%M")


def local_day(value: datetime) -> date:
    return (value.astimezone(LONDON) if value.tzinfo else value).date()


def parties(case: CaseFile, parent_id: str) -> list[tuple[str, str]]:
    parent = case.parent(parent_id)
    born = f" (born {day(case.child_born)})" if case.child_born else ""
    return [
        ("Prosecutor", case.council.name),
        ("Defendant", parent.name if parent else f"parent {parent_id}"),
        ("Address", ", ".join(parent.address) if parent else ""),
        ("Child", case.child + born),
        ("School", case.school),
    ]


def particulars(case: CaseFile, prosecution: pw.Prosecution, sjp: bool) -> Part:
    title = "Single Justice Procedure: the offence" if sjp else "Particulars of the offence"
    w = Writer(case, title)
    statement, charge = OFFENCE_WORDS.get(
        prosecution.offence, (f"{prosecution.offence.label} of the Education Act 1996.", "")
    )
    parent = case.parent(prosecution.parent_id)
    w.facts(
        [
            *parties(case, prosecution.parent_id),
            (
                "Offence period",
                f"{day(prosecution.offence_start)} to {day(prosecution.offence_end)}",
            ),
            ("Information laid", day(prosecution.information_laid_on) or "not yet laid"),
            (
                "Time limit",
                f"laid by {day(prosecution_limit(prosecution.offence_end))} "
                "(six months, Magistrates' Courts Act 1980 s.127)",
            ),
        ]
    )
    w.heading("Statement of offence")
    w.text(statement)
    w.heading("Particulars of offence")
    w.text(
        f"Between {day(prosecution.offence_start)} and {day(prosecution.offence_end)}, "
        f"{parent.name if parent else 'the defendant'}, being the parent of {case.child}, a child "
        f"of compulsory school age who was a registered pupil at {case.school}, {charge}"
    )
    if sjp:
        w.box(
            "These documents are served together with the Single Justice Procedure notice. The "
            "defendant has 21 days from service to respond: to plead guilty (and give any "
            "information the court should know), to plead not guilty, or to ask for the case to "
            "be heard in a courtroom. Without a response, a single magistrate may decide the case "
            "on these documents. Maximum penalty: a fine at level 3 on the standard scale."
        )
    return w.part(prosecution.information_laid_on or case.today, prosecution=prosecution.id)


def case_summary(case: CaseFile, parent_id: str | None) -> Part:
    """Used when no case summary letter is stored: the facts and the steps, from the record."""
    w = Writer(case, "Case summary")
    rows = [
        ("Child", case.child + (f" (born {day(case.child_born)})" if case.child_born else "")),
        ("School", case.school),
        ("Parents and carers", "; ".join(f"{p.name} ({p.relationship})" for p in case.parents)),
        ("Case opened", day(case.opened_on)),
        ("Referral", case.referral_reason),
    ]
    w.facts(rows)
    steps = [s for s in case.steps if parent_id is None or s.parent_id in (None, int(parent_id))]
    if steps:
        w.heading("Steps taken")
        w.table(
            ["Date", "Step", "Parent or carer", "Reference"],
            [
                [day(s.started_on), _step_label(s), _name(case, s.parent_id), s.reference]
                for s in steps
            ],
            [24 * mm, 66 * mm, 48 * mm, FRAME_WIDTH - 138 * mm],
            dense=True,
        )
    return w.part(case.today)


def chronology(case: CaseFile) -> tuple[Part, int]:
    """The chronology for the court; safeguarding entries are left out (and counted)."""
    w = Writer(case, "Chronology")
    shown = [n for n in case.notes if n.status == "final" and n.kind != "safeguarding"]
    left_out = sum(1 for n in case.notes if n.kind == "safeguarding")
    w.table(
        ["Date", "Type", "What happened", "By"],
        [
            [
                moment(n.occurred_at),
                _note_label(n),
                n.text + (" [edited]" if n.edited_at else ""),
                n.author,
            ]
            for n in shown
        ],
        [30 * mm, 26 * mm, FRAME_WIDTH - 88 * mm, 32 * mm],
        dense=True,
    )
    if not shown:
        w.text("No chronology entries are recorded.")
    return w.part(case.today), left_out


def visit_record(case: CaseFile, visit: Visit) -> Part:
    w = Writer(case, f"Home visit record, {day(visit.visited_at)}")
    seen = {True: "yes", False: "no", None: "not recorded"}[visit.child_seen]
    w.facts(
        [
            ("Date and time", moment(visit.visited_at)),
            ("Address", visit.address),
            ("Visited by", visit.author),
            ("Outcome", visit.outcome.replace("_", " ")),
            ("Child seen", seen),
            ("People seen", visit.people_seen),
            ("The child's views", visit.child_voice),
            ("Concerns", visit.concerns),
            ("Support offered", visit.support_offered),
            ("Next steps", visit.next_steps),
        ]
    )
    return w.part(local_day(visit.visited_at), "home_visit", visit=visit.id)


def note_record(case: CaseFile, note: Note) -> Part:
    label = {"meeting": "Note of meeting", "home_visit": "Note of home visit"}.get(
        note.kind, _note_label(note)
    )
    w = Writer(case, f"{label}, {day(note.occurred_at)}")
    rows = [("Date and time", moment(note.occurred_at)), ("Recorded by", note.author)]
    if note.edited_at:
        rows.append(("Edited", f"{moment(note.edited_at)}; the earlier text is kept on the case"))
    w.facts(rows)
    w.text(note.text)
    return w.part(local_day(note.occurred_at), note.kind, note=note.id)


def interview_record(case: CaseFile, interview: pw.InterviewUnderCaution) -> Part:
    w = Writer(case, "Interview under caution: record")
    parent = case.parent(interview.parent_id)
    status = {
        pw.InterviewStatus.INVITED: "invited; no reply recorded yet",
        pw.InterviewStatus.HELD: "held",
        pw.InterviewStatus.DECLINED: "declined by the parent",
        pw.InterviewStatus.NO_REPLY: "no reply to the invitation",
    }[interview.status]
    w.facts(
        [
            ("Interviewee", parent.name if parent else ""),
            ("Invited on", day(interview.invited_on)),
            ("Outcome", status),
            ("Held on", day(interview.held_on)),
            ("Record of interview", interview.record_ref or "not recorded"),
        ]
    )
    w.text(
        "The interview was voluntary: the parent was told they were not under arrest, were free "
        "to leave and could have free independent legal advice, and was cautioned (PACE Code C)."
        if interview.status is pw.InterviewStatus.HELD
        else "The parent was given the opportunity to give an account before the decision to "
        "prosecute; the invitation is exhibited with the letters."
    )
    return w.part(interview.held_on or interview.invited_on, "interview", interview=interview.id)


def posting_record(case: CaseFile, step: Step) -> bytes:
    """Delivery of a notice: how and when it was posted or handed over, and when it counts as
    received (the policy's deemed service)."""
    record = step.record
    what = "Penalty notice" if isinstance(record, pw.PenaltyNotice) else "Notice to improve"
    w = Writer(case, f"Record of posting: {what.lower()}")
    delivery = getattr(record, "delivery", pw.Delivery.FIRST_CLASS_POST)
    posted = getattr(record, "posted_on", None) or step.posted_on
    issued = getattr(record, "issued_on", step.started_on)
    if delivery is pw.Delivery.HAND:
        received = posted or issued
        how = "handed to the parent"
    else:
        received = deemed_service(posted or issued, case.policy)
        how = "first-class post"
    w.facts(
        [
            ("Document", f"{what} {step.reference}".strip()),
            ("Addressed to", _name(case, step.parent_id)),
            ("Issued on", day(issued)),
            ("Sent by", how),
            ("Posted or handed on", day(posted) if posted else "not recorded (issue date used)"),
            ("Received (deemed)", day(received)),
        ]
    )
    return w.pdf()


def _step_label(step: Step) -> str:
    return ACTION_LABELS.get(step.kind, step.kind.replace("_", " ").capitalize())


def _note_label(note: Note) -> str:
    return CHRONOLOGY_LABELS.get(note.kind, note.kind.replace("_", " ").capitalize())


def _name(case: CaseFile, parent_id: int | str | None) -> str:
    parent = case.parent(parent_id)
    return parent.name if parent else ""
