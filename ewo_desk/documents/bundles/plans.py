"""Which documents go in which bundle, in which section and order, with which exhibit reference.

Prosecution file (attendance-law.md §4.5, a local model rather than a rule): particulars of the
offence and the case summary; s.9 statements; the exhibits in date order, each referenced with the
officer's initials and a number (ZD/1 ...); the s.566 certificate; the penalty-notice history and
three-year check; the s.447 ESO decision; the unused-material schedule. The SJP pack is what is
served with a Single Justice Procedure notice: it leaves out the internal s.447 record and the
unused-material schedule (disclosure follows a not-guilty plea). The family bundle uses sections
A-E, numbered per section (FPR PD27A).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from pypdf import PdfReader, PdfWriter

from ewo_desk.documents.bundles import checks, records
from ewo_desk.documents.bundles.assembly import BundlePlan
from ewo_desk.documents.bundles.attachments import attachment_part
from ewo_desk.documents.bundles.casefile import CaseFile, Step, StoredDoc
from ewo_desk.documents.bundles.model import Attachment, BundleKind, Heading, Part, Section
from ewo_desk.documents.errors import DocumentError
from ewo_desk.documents.fonts import GlyphCheck
from ewo_desk.domain import pathway as pw
from ewo_desk.domain.court_bundles import ESO_PAGE_LIMIT

LETTERS = (
    "attendance_meeting_invitation",
    "attendance_contract",
    "attendance_contract_review",
    "notice_to_improve",
    "penalty_notice",
    "penalty_notice_withdrawal",
    "interview_invitation",
    "s566_certificate_request",
    "eso_consultation_letter",
)
POSTED = {"notice_to_improve": pw.NoticeToImprove, "penalty_notice": pw.PenaltyNotice}
ESO_SECTIONS = (
    ("A", "Preliminary documents"),
    ("B", "Application, orders and decisions"),
    ("C", "Statements"),
    ("D", "Attendance evidence"),
    ("E", "Letters, notices and records"),
)
PD27A_PAGES = {"case_summary": 6, "chronology": 10, "s9_statement": 25}  # 2018 PD, §4.5


@dataclass
class _Plan:
    case: CaseFile
    glyphs: GlyphCheck = field(default_factory=GlyphCheck)
    warnings: list[str] = field(default_factory=list)
    used_docs: set[int] = field(default_factory=set)
    used_notes: set[int] = field(default_factory=set)
    used_visits: set[int] = field(default_factory=set)

    def stored(self, doc: StoredDoc, extra: bytes | None = None) -> Part:
        self.used_docs.add(doc.id)
        pdf = doc.content if extra is None else _join(doc.content, extra)
        title = doc.title + (" (with record of posting)" if extra is not None else "")
        return Part(
            title,
            pdf,
            doc.kind,
            doc.created_on,
            source={"document_id": doc.id, "sha256": doc.sha256},
        )

    def latest(self, kind: str, parent_id: str | None = None) -> StoredDoc | None:
        found = [d for d in _docs(self.case, (kind,), parent_id)]
        return found[-1] if found else None


def plan_bundle(
    case: CaseFile,
    kind: BundleKind,
    attachments: Iterable[Attachment | tuple[object, ...]] = (),
    *,
    prosecution_id: str | None = None,
) -> BundlePlan:
    plan = _Plan(case)
    extra = [placed(Attachment.of(a), kind) for a in attachments]
    if kind is BundleKind.ESO:
        return _eso(plan, extra)
    return _prosecution(plan, kind, extra, prosecution_id)


def _prosecution(
    plan: _Plan, kind: BundleKind, extra: list[Attachment], prosecution_id: str | None
) -> BundlePlan:
    case = plan.case
    pros = _choose(case, prosecution_id)
    sjp = kind is BundleKind.SJP
    if sjp and (problem := _not_sjp(pros)):
        raise DocumentError(problem)
    parent = pros.parent_id
    by = pros.information_laid_on or case.today  # the checks as at laying (or as at today)
    summary = plan.latest("case_summary", parent)
    sections = [
        Section(
            "summary",
            "Offence and case summary",
            (
                records.particulars(case, pros, sjp),
                plan.stored(summary) if summary else records.case_summary(case, parent),
            ),
        ),
        Section(
            "statements",
            "Witness statements (s.9 Criminal Justice Act 1967)",
            (
                *(plan.stored(d) for d in _docs(case, ("s9_statement",), parent)),
                *_attached(plan, extra, ("statement",)),
            ),
        ),
        Section("exhibits", "Exhibits", _exhibits(plan, extra, pros)),
    ]
    signed = _attached(plan, extra, ("certificate",))
    certificate = plan.latest("s566_certificate")
    if not signed and certificate:
        signed = [plan.stored(certificate)]
    sections.append(Section("certificate", "Certificate of attendance (s.566)", tuple(signed)))
    history = checks.pn_history(case, parent, pros.child_id, by)
    sections.append(Section("pn", "Penalty notices and the three-year check", (history,)))
    held = {pw.EvidenceItem.PN_HISTORY}
    eso, considered = checks.eso_record(case, pros.child_id, parent, by)
    held |= {pw.EvidenceItem.ESO_CONSIDERATION} if considered else set()
    if sjp:  # disclosure of unused material follows a not-guilty plea, not the SJP notice
        held.add(pw.EvidenceItem.UNUSED_MATERIAL_SCHEDULE)
    else:
        unused, sensitive = checks.unused_schedule(
            case, plan.used_notes, plan.used_docs, plan.used_visits
        )
        sections.append(Section("eso", "Education supervision order considered (s.447)", (eso,)))
        sections.append(Section("unused", "Unused material (CPIA 1996)", (unused,)))
        held.add(pw.EvidenceItem.UNUSED_MATERIAL_SCHEDULE)
        if sensitive:
            plan.warnings.append(
                f"{sensitive} safeguarding record(s) are not on the unused-material schedule: "
                "list them on a sensitive material schedule for the prosecutor."
            )
    _drafts(plan, sections)
    held |= _held(sections)
    for line in pw.missing_evidence(replace(pros, evidence=frozenset(held)), checks.facts(case)):
        plan.warnings.append(f"The file has no {line.item.label}. {line.detail}".strip())
    return BundlePlan(
        kind, _heading(case, kind, pros, sections), tuple(sections), tuple(plan.warnings)
    )


def _exhibits(plan: _Plan, extra: list[Attachment], pros: pw.Prosecution) -> tuple[Part, ...]:
    case, parent = plan.case, pros.parent_id
    dated: list[tuple[date, Part]] = []
    for doc in _docs(case, LETTERS, parent):
        step = _posted_step(case, doc)
        posting = records.posting_record(case, step) if step else None
        dated.append((doc.created_on, plan.stored(doc, posting)))
    for visit in case.visits:
        if visit.status == "final":
            plan.used_visits.add(visit.id)
            dated.append((records.local_day(visit.visited_at), records.visit_record(case, visit)))
    for note in case.notes:
        if (
            note.status == "final"
            and note.kind in ("meeting", "home_visit")
            and not (note.home_visit_id)
        ):
            plan.used_notes.add(note.id)
            dated.append((records.local_day(note.occurred_at), records.note_record(case, note)))
    for interview in case.records(pw.InterviewUnderCaution):
        if interview.parent_id == parent and interview.child_id == pros.child_id:
            part = records.interview_record(case, interview)
            dated.append((part.dated or case.today, part))
    for part in _attached(plan, extra, ("", "exhibit")):
        dated.append((part.dated or case.today, part))
    dated.sort(key=lambda item: item[0])  # stable: same-day items keep the order above
    return tuple(
        replace(part, exhibit=f"{case.initials}/{n}") for n, (_d, part) in enumerate(dated, 1)
    )


def _eso(plan: _Plan, extra: list[Attachment]) -> BundlePlan:
    case = plan.case
    child = str(case.child_id)
    summary = plan.latest("case_summary")
    chronology, left_out = records.chronology(case)
    if left_out:
        plan.warnings.append(
            f"{left_out} safeguarding entr{'y is' if left_out == 1 else 'ies are'} not in the "
            "chronology; add what the court needs by hand."
        )
    decisions, _ok = checks.eso_record(case, child, None, case.today)
    if not case.records(pw.EsoConsultation):
        plan.warnings.append(
            "No consultation with children's social care is recorded: the council must consult "
            "them before applying (Children Act 1989 s.36(8))."
        )
    content: dict[str, list[Part]] = {
        "A": [plan.stored(summary) if summary else records.case_summary(case, None), chronology],
        "B": [*_attached(plan, extra, ("B",)), decisions],
        "C": [plan.stored(d) for d in _docs(case, ("s9_statement",), None)],
        "D": [plan.stored(d) for d in _docs(case, ("s566_certificate",), None)],
        "E": [],
    }
    for key in "CD":
        content[key] += _attached(plan, extra, (key,))
    letters = [plan.stored(d) for d in _docs(case, LETTERS, None)]
    visits = [records.visit_record(case, v) for v in case.visits if v.status == "final"]
    notes = [
        records.note_record(case, n)
        for n in case.notes
        if n.status == "final" and n.kind in ("meeting", "home_visit") and not n.home_visit_id
    ]
    history = [
        checks.pn_history(case, str(p.id), child, case.today)
        for p in case.parents
        if any(n.parent_id == str(p.id) for n in case.records(pw.PenaltyNotice))
    ]
    content["E"] = sorted([*letters, *visits, *notes], key=lambda p: p.dated or case.today)
    content["E"] += [*history, *_attached(plan, extra, ("", "E"))]
    if not content["B"][:-1]:
        plan.warnings.append("Section B has no application form: attach the application.")
    for part in (p for parts in content.values() for p in parts):
        _page_limit(plan, part)
    sections = tuple(Section(k, t, tuple(content[k])) for k, t in ESO_SECTIONS)
    _drafts(plan, sections, ("C", "D"))
    kind = BundleKind.ESO
    return BundlePlan(
        kind,
        _heading(case, kind, None, sections),
        sections,
        tuple(plan.warnings),
        page_limit=case.policy[ESO_PAGE_LIMIT],
    )


def _page_limit(plan: _Plan, part: Part) -> None:
    key = "chronology" if part.title == "Chronology" else part.kind
    limit = PD27A_PAGES.get(key)
    pages = len(PdfReader(io.BytesIO(part.pdf)).pages) if limit else 0
    if limit and pages > limit:
        plan.warnings.append(
            f"{part.title!r} has {pages} pages; FPR PD27A expects at most {limit}."
        )


def _heading(
    case: CaseFile, kind: BundleKind, pros: pw.Prosecution | None, sections: Sequence[Section]
) -> Heading:
    born = f" (born {records.day(case.child_born)})" if case.child_born else ""
    prepared = f"{records.day(case.today)} by {case.officer}, {case.officer_role}".rstrip(", ")
    if pros is None:
        return Heading(
            "Application for an education supervision order (Children Act 1989 s.36)",
            (
                ("Court", "The Family Court"),
                ("Applicant", case.council.name),
                ("Respondents", "; ".join(p.name for p in case.parents)),
                ("Child", case.child + born),
                ("School", case.school),
                ("Our reference", case.ref),
                ("Bundle prepared", prepared),
            ),
            case.ref,
            case.council.name,
        )
    refs = [p.exhibit for s in sections for p in s.parts if p.exhibit]
    exhibits = f"{refs[0]} to {refs[-1]}, produced by {case.officer}" if refs else "none"
    title = f"{kind.label}: {pros.offence.label} Education Act 1996"
    return Heading(
        title,
        (
            *records.parties(case, pros.parent_id)[:2],
            ("Child", case.child + born),
            ("School", case.school),
            (
                "Offence period",
                f"{records.day(pros.offence_start)} to {records.day(pros.offence_end)}",
            ),
            ("Exhibits", exhibits),
            ("Our reference", case.ref),
            ("File prepared", prepared),
        ),
        case.ref,
        case.council.name,
    )


def refusal(case: CaseFile, kind: BundleKind, prosecution_id: str | None = None) -> str:
    """Why this case cannot have this bundle yet, in plain words; "" when it can be made."""
    if kind is BundleKind.ESO:
        return ""
    try:
        pros = _choose(case, prosecution_id)
    except DocumentError as problem:
        return str(problem)
    return _not_sjp(pros) if kind is BundleKind.SJP else ""


def _not_sjp(pros: pw.Prosecution) -> str:
    if pros.offence is not pw.Offence.S444_1:
        return (
            f"The prosecution is for {pros.offence.label}, which can be punished with prison, so "
            "it cannot go by the Single Justice Procedure; make the prosecution file instead."
        )
    if pros.route is not pw.Route.SJP:
        return (
            "The prosecution is recorded to go to open court, not the Single Justice Procedure. "
            "Change its route on the pathway first, or make the prosecution file."
        )
    return ""


@dataclass(frozen=True)
class ProsecutionChoice:
    """One prosecution a file can be made for, in the officer's words (the app's "For" list and
    the command line's --prosecution ID), with why each kind of bundle cannot be made for it."""

    id: str
    parent: str
    offence_period: str
    laid: str
    refusals: tuple[tuple[BundleKind, str], ...] = ()

    @property
    def words(self) -> str:
        return f"{self.parent}, offence {self.offence_period}, {self.laid}"


def prosecution_choices(case: CaseFile) -> list[ProsecutionChoice]:
    """The case's prosecutions, the one used when none is chosen first (the newest)."""
    return [
        ProsecutionChoice(
            pros.id,
            _parent_name(case, pros.parent_id),
            _period(pros.offence_start, pros.offence_end),
            f"laid {records.day(pros.information_laid_on)}"
            if pros.information_laid_on
            else "not laid yet",
            tuple((kind, refusal(case, kind, pros.id)) for kind in BundleKind),
        )
        for pros in _newest_first(case.records(pw.Prosecution))
    ]


def _period(start: date, end: date) -> str:
    """The offence period short enough to choose from: 03/09 to 20/11/2026 within a year."""
    if start.year == end.year:
        return f"{start:%d/%m} to {records.day(end)}"
    return f"{records.day(start)} to {records.day(end)}"


def _parent_name(case: CaseFile, parent_id: str) -> str:
    parent = case.parent(parent_id)
    return parent.name if parent else f"parent {parent_id}"


def _newest_first(found: list[pw.Prosecution]) -> list[pw.Prosecution]:
    return sorted(found, key=lambda p: (p.opened_on, p.id), reverse=True)


def _choose(case: CaseFile, prosecution_id: str | None) -> pw.Prosecution:
    found = _newest_first(case.records(pw.Prosecution))
    if not found:
        raise DocumentError(
            f"There is no prosecution recorded on {case.ref}. Record it on the pathway (the "
            "parent, the offence and its period) before making the file."
        )
    if prosecution_id is None:
        return found[0]
    chosen = [p for p in found if p.id == str(prosecution_id)]
    if not chosen:
        known = "; ".join(f"{c.id} ({c.words})" for c in prosecution_choices(case))
        raise DocumentError(
            f"There is no prosecution {prosecution_id} on {case.ref}; choose one of: {known}."
        )
    return chosen[0]


def _docs(case: CaseFile, kinds: Sequence[str], parent_id: str | None) -> list[StoredDoc]:
    """Stored documents of these kinds for the parent (or for nobody in particular), oldest
    first; a document stored twice with the same fingerprint counts once."""
    seen: set[str] = set()
    out = []
    for doc in sorted(case.documents, key=lambda d: (d.created_on, d.id)):
        if doc.kind not in kinds or doc.sha256 in seen:
            continue
        if parent_id is not None and doc.parent_id is not None and str(doc.parent_id) != parent_id:
            continue
        seen.add(doc.sha256)
        out.append(doc)
    return out


def _posted_step(case: CaseFile, doc: StoredDoc) -> Step | None:
    wanted = POSTED.get(doc.kind)
    if wanted is None:
        return None
    steps = [s for s in case.steps if isinstance(s.record, wanted)]
    linked = [s for s in steps if s.id == doc.legal_action_id]
    mine = [s for s in steps if s.parent_id == doc.parent_id]
    return linked[0] if linked else (mine[0] if len(mine) == 1 else None)


PLACES = {BundleKind.ESO: ("", *"ABCDE")}
CRIMINAL_PLACES = ("", "exhibit", "statement", "certificate")


def attachment_places(kind: BundleKind) -> list[tuple[str, str]]:
    """Where the officer may put an attached file in this bundle: (place, words), the usual
    place first. The app offers these; the command line takes the same places (--attach-to)."""
    if kind is BundleKind.ESO:
        titles = dict(ESO_SECTIONS)
        return [(k, f"Section {k}: {titles[k]}") for k in "EBCD"]
    return [
        ("", "Exhibits"),
        ("statement", "Witness statements (signed s.9)"),
        ("certificate", "Certificate of attendance (signed s.566)"),
    ]


def supplement_places(kind: BundleKind) -> list[tuple[str, str]]:
    """Where an attached file goes when pages are added to a stored bundle: always after its
    last page; in a criminal file an attachment is an exhibit numbered on from the last one,
    unless it is a signed statement or certificate."""
    if kind is BundleKind.ESO:
        return [("", "After the last page, in the last section")]
    return [
        ("", "An exhibit, numbered on from the last"),
        ("statement", "A signed s.9 statement (not an exhibit)"),
        ("certificate", "A signed s.566 certificate (not an exhibit)"),
    ]


def placed(item: Attachment, kind: BundleKind) -> Attachment:
    """The attachment with its place written as the plan expects it; an unknown place is an
    error, never a file quietly left out."""
    place = item.section.strip()
    place = place.upper() if kind is BundleKind.ESO else place.lower()
    allowed = PLACES.get(kind, CRIMINAL_PLACES)
    if place not in allowed:
        raise DocumentError(
            f"{item.title!r} is to go in {item.section!r}, which this bundle does not have; "
            f"use one of: {', '.join(p for p in allowed if p)}."
        )
    return replace(item, section=place)


def _attached(plan: _Plan, extra: list[Attachment], sections: Sequence[str]) -> list[Part]:
    chosen = [a for a in extra if a.section in sections]
    return [attachment_part(a, plan.glyphs) for a in chosen]


def _drafts(
    plan: _Plan, sections: Sequence[Section], places: tuple[str, str] = ("statement", "certificate")
) -> None:
    """EWO Desk makes the s.9 statement and the s.566 certificate for signing: the court needs
    the signed copies, attached."""
    kinds = {p.kind for s in sections for p in s.parts}
    if "s9_statement" in kinds:
        plan.warnings.append(
            "The s.9 statement in the bundle is the draft EWO Desk made: attach the signed copy "
            f"{_where(places[0])} (command line: --attach-to {places[0]} FILE) before it is served."
        )
    if "s566_certificate" in kinds:
        plan.warnings.append(
            "The s.566 certificate in the bundle is the pre-filled copy: attach the one the head "
            f"teacher signed {_where(places[1])} (command line: --attach-to {places[1]} FILE)."
        )


def _where(place: str) -> str:
    """Where an attachment goes, in words for the app and the command line alike."""
    return f"in section {place}" if len(place) == 1 else f"as the {place}"


def _held(sections: Sequence[Section]) -> set[pw.EvidenceItem]:
    held = set()
    keys = {s.key: s for s in sections}
    if keys["statements"].parts:
        held.add(pw.EvidenceItem.S9_STATEMENTS)
    if keys["certificate"].parts:
        held.add(pw.EvidenceItem.S566_CERTIFICATE)
    exhibits = keys["exhibits"].parts
    if any(p.kind in LETTERS for p in exhibits):
        held.add(pw.EvidenceItem.LETTERS_WITH_POSTING_DATES)
    if any("visit" in p.source or p.kind == "home_visit" for p in exhibits):
        held.add(pw.EvidenceItem.VISIT_RECORDS)
    if any(p.kind == "interview" for p in exhibits):
        held.add(pw.EvidenceItem.INTERVIEW_RECORD)
    return held


def _join(*pdfs: bytes) -> bytes:
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
