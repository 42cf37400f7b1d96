"""A case ready for court: the letters case of tests/unit/documents/builders.py, with its legal
steps recorded on the pathway, the letters made and kept, a home visit, and a prosecution."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ewo_desk.documents import generate_letter
from ewo_desk.documents.fonts import SANS, register
from ewo_desk.domain import pathway as pw
from ewo_desk.store.schema import ChronologyEntry, HomeVisit, LegalAction
from tests.unit.documents.builders import EXTRAS, TODAY, Built, build_case

LETTERS = (
    "attendance_meeting_invitation",
    "attendance_contract",
    "notice_to_improve",
    "penalty_notice",
    "interview_invitation",
    "s9_statement",
    "s566_certificate",
    "case_summary",
    "eso_consultation_letter",
)


@dataclass(frozen=True)
class CourtCase:
    built: Built
    prosecution_id: int
    nti_id: int
    pn_id: int

    @property
    def ref(self) -> str:
        return self.built.ref


def _step(session, case_id: int, record, parent_id: int | None) -> LegalAction:
    row = LegalAction(
        case_id=case_id,
        parent_id=parent_id,
        kind=pw.kind_of(record).value,
        started_on=pw.action_date(record),
        posted_on=getattr(record, "posted_on", None),
    )
    session.add(row)
    session.flush()
    row.details_json = json.dumps(pw.action_to_dict(_with_id(record, row.id)), sort_keys=True)
    return row


def _with_id(record, row_id):
    from dataclasses import replace

    return replace(record, id=str(row_id))


def court_case(
    session,
    *,
    offence: pw.Offence = pw.Offence.S444_1,
    route: pw.Route = pw.Route.SJP,
    letters: tuple[str, ...] = LETTERS,
    **case_options,
) -> CourtCase:
    built = build_case(session, **case_options)
    from ewo_desk.store.schema import Case

    case = session.get(Case, session.query(Case.id).filter(Case.ref == built.ref).scalar())
    dad, child = str(built.father_id), str(built.child_id)
    nti = _step(
        session,
        case.id,
        pw.NoticeToImprove(
            id="",
            parent_id=dad,
            child_id=child,
            issued_on=date(2026, 11, 2),
            period_start=date(2026, 11, 9),
            period_end=date(2026, 12, 18),
            contents=frozenset(pw.NtiContent),
            posted_on=date(2026, 11, 2),
        ),
        built.father_id,
    )
    pn_row = session.get(LegalAction, built.pn_action_id)
    pn = pw.PenaltyNotice(
        id=str(pn_row.id),
        parent_id=dad,
        child_id=child,
        issued_on=date(2026, 11, 23),
        offence_start=date(2026, 9, 3),
        offence_end=date(2026, 11, 20),
        posted_on=date(2026, 11, 23),
    )
    pn_row.details_json = json.dumps(pw.action_to_dict(pn), sort_keys=True)
    pn_row.posted_on = pn.posted_on
    _step(
        session,
        case.id,
        pw.InterviewUnderCaution(
            id="",
            parent_id=dad,
            child_id=child,
            invited_on=date(2026, 11, 10),
            status=pw.InterviewStatus.HELD,
            held_on=date(2026, 11, 17),
            record_ref="Audio recording IUC-2026-014",
        ),
        built.father_id,
    )
    _step(
        session,
        case.id,
        pw.EsoConsidered(
            id="",
            child_id=child,
            decided_on=date(2026, 11, 16),
            decision=pw.EsoDecision.DO_NOT_APPLY,
            reasons="Mr Wiśniewski engages with support; the absences are a parenting choice "
            "rather than a welfare need, and an order would add nothing the support plan does "
            "not offer.",
        ),
        None,
    )
    _step(
        session,
        case.id,
        pw.EsoConsultation(
            id="",
            child_id=child,
            consulted_on=date(2026, 11, 12),
            response="No open social care involvement; no objection.",
        ),
        None,
    )
    prosecution = _step(
        session,
        case.id,
        pw.Prosecution(
            id="",
            parent_id=dad,
            child_id=child,
            offence=offence,
            offence_start=date(2026, 9, 3),
            offence_end=date(2026, 11, 20),
            route=route,
            opened_on=date(2026, 11, 20),
        ),
        built.father_id,
    )
    session.add(
        HomeVisit(
            case_id=case.id,
            author_id=built.officer_id,
            status="final",
            visited_at=datetime(2026, 10, 12, 15, 30, tzinfo=UTC),
            address="12 Acacia Avenue, Eastfield, Northbridge NB4 5EF",
            outcome="seen",
            child_seen=True,
            people_seen="Mr Wiśniewski, Amelia",
            child_voice="Amelia said she likes her teacher but mornings are hard.",
            concerns="Late nights; no GP appointment made yet.",
            support_offered="Morning routine plan; school nurse referral.",
            next_steps="Review at the contract meeting.",
        )
    )
    session.add(
        ChronologyEntry(
            case_id=case.id,
            kind="phone_call",
            author_id=built.officer_id,
            occurred_at=datetime(2026, 11, 3, 9, 5, tzinfo=UTC),
            text="Mr Wiśniewski called: Amelia was unwell with a stomach bug on Monday.",
        )
    )
    session.flush()
    links = {"notice_to_improve": nti.id, "penalty_notice": pn_row.id}
    for name in letters:
        parent = None if name in ("s9_statement", "s566_certificate", "case_summary",
                                  "eso_consultation_letter") else built.father_id  # fmt: skip
        generate_letter(
            session,
            built.ref,
            name,
            parent_id=parent,
            today=TODAY,
            extra_fields=EXTRAS[name],
            legal_action_id=links.get(name),
        )
    return CourtCase(built, prosecution.id, nti.id, pn_row.id)


# --- attachments ---------------------------------------------------------------------------


def scanned_pdf(pages: int = 2, rotate: int = 0, text: str = "Scanned page") -> bytes:
    """A text PDF standing in for a scan; with `rotate`, each page is stored sideways and shown
    upright by /Rotate, as scanners do."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    for n in range(pages):
        if rotate == 90:
            canvas.setPageSize((width, height))
            # content drawn turned 90 degrees anticlockwise; /Rotate 90 turns it back
            canvas.translate(width, 0)
            canvas.rotate(90)
        canvas.setFont("Helvetica", 16)
        canvas.drawString(60, 120 if rotate else 700, f"{text} {n + 1}")
        canvas.showPage()
    canvas.save()
    if not rotate:
        return buffer.getvalue()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    for page in writer.pages:
        page.rotation = rotate
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def photo(width: int, height: int, orientation: int = 1, fmt: str = "JPEG") -> bytes:
    """A picture with a red stripe along its stored left edge and blue along its stored top."""
    image = Image.new("RGB", (width, height), "white")
    for x in range(width // 10):
        for y in range(height):
            image.putpixel((x, y), (220, 0, 0))
    for y in range(height // 10):
        for x in range(width // 10, width):
            image.putpixel((x, y), (0, 0, 220))
    out = io.BytesIO()
    if fmt == "JPEG":
        exif = Image.Exif()
        exif[0x0112] = orientation
        image.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    else:
        image.save(out, fmt)
    return out.getvalue()


def text_pdf(pages: int, title: str) -> bytes:
    """A plain document: "<title> page N" on each page (in the embedded font)."""
    font = register(SANS).regular
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for n in range(pages):
        canvas.setFont(font, 14)
        canvas.drawString(72, 650, f"{title} page {n + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def page_text(content: bytes, index: int) -> str:
    return " ".join(pdf_reader(content).pages[index].extract_text().split())


def second_prosecution(session, court: CourtCase, *, laid_on: date = date(2026, 11, 23)) -> int:
    """The mother prosecuted too, for the same period, opened after the father's (so hers is
    the one used when none is chosen). Her legal step's id."""
    from ewo_desk.store.schema import Case

    built = court.built
    case_id = session.query(Case.id).filter(Case.ref == built.ref).scalar()
    row = _step(
        session,
        case_id,
        pw.Prosecution(
            id="",
            parent_id=str(built.mother_id),
            child_id=str(built.child_id),
            offence=pw.Offence.S444_1,
            offence_start=date(2026, 9, 3),
            offence_end=date(2026, 11, 20),
            route=pw.Route.OPEN_COURT,
            opened_on=date(2026, 11, 21),
            information_laid_on=laid_on,
        ),
        built.mother_id,
    )
    session.flush()
    return row.id
