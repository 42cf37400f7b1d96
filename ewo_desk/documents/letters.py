"""Making a letter: merge fields -> template -> PDF -> stored in the vault with its fingerprint.

    doc = generate_letter(session, "C-2026-014", "notice_to_improve", parent_id=3,
                          today=date.today(), extra_fields={"improvement_start": "2026-12-01"})
    pdf = reprint(doc)   # the stored bytes: a reprint is the identical document

Every check (unknown or missing field, a value the template does not ask for) happens before
the PDF is laid out; nothing is stored when one fails. The stored record keeps the SHA-256 of
the PDF and the JSON of the exact data it was made from (including the template's own SHA-256).

Attendance figures are never given by the officer: the `attendance.` fields are computed from the
register marks for the period the template asks for (attendance_fields.py), and the letter keeps
the import they came from (`attendance_import_id`) and the figures with their citation.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, Spacer
from reportlab.platypus.doctemplate import LayoutError
from sqlalchemy.orm import Session

from ewo_desk import __version__
from ewo_desk.documents.asks import apply_asks
from ewo_desk.documents.attendance_fields import (
    ATTENDANCE,
    BEFORE,
    GROUPS,
    PeriodAttendance,
    before,
    check_marks,
    choose_period,
    period_attendance,
    uses_attendance,
)
from ewo_desk.documents.errors import DocumentError, TemplateError
from ewo_desk.documents.fieldcheck import missing_message
from ewo_desk.documents.fonts import GlyphCheck
from ewo_desk.documents.frontmatter import Ask, TemplateSpec
from ewo_desk.documents.letterhead import (
    Letterhead,
    Signatory,
    address_block,
    sign_here,
    signature_block,
)
from ewo_desk.documents.markup import inline, paragraph, to_flowables
from ewo_desk.documents.merge import MergeSource, merge_source
from ewo_desk.documents.pdf import DocumentInfo, PageDecor, build_pdf, underlay_first_page
from ewo_desk.documents.styles import Styles, styles
from ewo_desk.documents.templates import (
    Prepared,
    TemplateFolders,
    load_spec,
    prepare,
    read_text,
    render,
)
from ewo_desk.documents.values import Money, Percent
from ewo_desk.store.schema import GeneratedDocument

MAX_LAYOUT_PASSES = 4  # templates that print their own page count are laid out until it is stable


@dataclass(frozen=True)
class TemplateInfo:
    """What the app's "new letter" list and `ewo-desk letters` show."""

    name: str
    title: str
    kind: str
    to: str
    source: str  # "council" or "shipped"
    description: str
    needs: tuple[str, ...]
    optional: tuple[str, ...]
    asks: tuple[Ask, ...]


def list_templates(template_dir: Path | None = None) -> list[TemplateInfo]:
    """Every template, the council's own folder first (same name replaces the shipped one)."""
    folders = TemplateFolders(template_dir)
    infos = []
    for name in folders.names():
        spec = load_spec(folders, name)
        infos.append(
            TemplateInfo(
                name=spec.name,
                title=spec.title,
                kind=spec.kind,
                to=spec.to,
                source=spec.source,
                description=spec.description,
                needs=tuple(f.path for f in spec.needs),
                optional=tuple(f.path for f in spec.optional),
                asks=spec.asks,
            )
        )
    return infos


@dataclass(frozen=True)
class RenderedLetter:
    """A letter made but not stored (the app's preview); `generate_letter` stores one."""

    spec: TemplateSpec
    source: MergeSource
    content: bytes
    page_count: int
    sha256: str
    title: str
    source_data_json: str
    warnings: tuple[str, ...]
    attendance_import_id: int | None = None  # the snapshot its attendance figures came from


def render_letter(
    session: Session,
    ref: str,
    template_name: str,
    *,
    today: date,
    parent_id: int | None = None,
    extra_fields: Mapping[str, Any] | None = None,
    legal_action_id: int | None = None,
    template_dir: Path | None = None,
) -> RenderedLetter:
    folders = TemplateFolders(template_dir)
    spec = load_spec(folders, template_name)
    source = merge_source(
        session, ref, today=today, parent_id=parent_id, legal_action_id=legal_action_id
    )
    data = dict(source.fields)
    for ask in spec.asks:
        if ask.name in data or ask.name in GROUPS:
            raise TemplateError(
                spec.filename,
                ask.line,
                f"it asks for {ask.name}, which is "
                "already a merge field; give the ask another name.",
            )
    apply_asks(spec, data, extra_fields or {})
    held = _attendance(session, spec, data, source, today)
    data["page_count"] = 1
    prepared = prepare(folders, template_name, data)
    if not held:
        for group in GROUPS:  # computed only so a council template's mistake reads right
            data.pop(group, None)
    _check_recipient(spec, data)

    page_count, content, glyphs = 0, b"", GlyphCheck()
    for _ in range(MAX_LAYOUT_PASSES):
        glyphs = GlyphCheck(styles(spec.font, spec.size).family)
        content, pages = _layout(prepared, data, source, glyphs)
        if not prepared.uses_page_count or pages == data["page_count"]:
            page_count = pages
            break
        data["page_count"] = pages
    else:
        raise DocumentError(
            f"{spec.filename}: the page count printed in the letter does not "
            "settle; shorten the text near the page-count line."
        )
    if not prepared.uses_page_count:
        data.pop("page_count")
    warnings = tuple(glyphs.warnings())
    who = data["parent"]["name"] or data["child"]["name"]
    title = f"{spec.title} – {who}"[:300]
    record = {
        "generator": f"EWO Desk {__version__}",
        "template": spec.name,
        "template_file": spec.filename,
        "template_source": spec.source,
        "template_sha256": hashlib.sha256(read_text(spec.path).encode()).hexdigest(),
        "extra_fields": {k: v for k, v in (extra_fields or {}).items()},
        "fields": data,
        "letterhead_sha256": _sha(source.council.letterhead),
        "logo_sha256": _sha(source.council.logo),
        "signature_sha256": _sha(source.signatory.signature),
        "warnings": list(warnings),
    }
    for group, figures in held.items():
        record[group] = figures.record()
    return RenderedLetter(
        spec=spec,
        source=source,
        content=content,
        page_count=page_count,
        sha256=hashlib.sha256(content).hexdigest(),
        title=title,
        source_data_json=json.dumps(
            record, ensure_ascii=False, sort_keys=True, default=_json_value
        ),
        warnings=warnings,
        attendance_import_id=held[ATTENDANCE].import_id if held else None,
    )


def _attendance(
    session: Session,
    spec: TemplateSpec,
    data: dict[str, Any],
    source: MergeSource,
    today: date,
) -> dict[str, PeriodAttendance]:
    """Put the `attendance.` fields for the template's period into `data` and return the figures
    by group, if the template lists them; `attendance_before.` likewise for the period of the same
    length before it. A template that needs figures stops here when none are held for a period,
    before any PDF is made. A template that lists none gets empty groups (and {}), only so that
    using a figure without listing it is reported as such."""
    if not any(uses_attendance(spec, group) for group in GROUPS):
        for group in GROUPS:
            data[group] = PeriodAttendance.empty(source.upn, today, today).fields()
        return {}
    start, end = choose_period(spec, data, today)
    held = {ATTENDANCE: period_attendance(session, source.child_id, source.upn, start, end)}
    if uses_attendance(spec, BEFORE):
        earlier = before(start, end)
        held[BEFORE] = period_attendance(session, source.child_id, source.upn, *earlier)
    for group, figures in held.items():
        data[group] = figures.fields()
        check_marks(spec, figures, group)
    return held


def generate_letter(
    session: Session,
    ref: str,
    template_name: str,
    *,
    today: date,
    parent_id: int | None = None,
    extra_fields: Mapping[str, Any] | None = None,
    legal_action_id: int | None = None,
    template_dir: Path | None = None,
) -> GeneratedDocument:
    """Make the letter and store it in the vault (the caller's session commits it)."""
    letter = render_letter(
        session,
        ref,
        template_name,
        today=today,
        parent_id=parent_id,
        extra_fields=extra_fields,
        legal_action_id=legal_action_id,
        template_dir=template_dir,
    )
    document = GeneratedDocument(
        case_id=letter.source.case_id,
        parent_id=letter.source.parent_id,
        legal_action_id=letter.source.legal_action_id,
        kind=letter.spec.kind,
        title=letter.title,
        template=letter.spec.name,
        sha256=letter.sha256,
        source_data_json=letter.source_data_json,
        content=letter.content,
        page_count=letter.page_count,
        created_by_id=letter.source.officer_id,
        attendance_import_id=letter.attendance_import_id,
    )
    session.add(document)
    session.flush()
    return document


def reprint(document: GeneratedDocument) -> bytes:
    """The stored PDF, checked against its fingerprint: a reprint is the identical document."""
    content = bytes(document.content)
    if hashlib.sha256(content).hexdigest() != document.sha256:
        raise DocumentError(
            f"The stored copy of {document.title!r} does not match the "
            "fingerprint recorded when it was made. Do not use it; report this "
            "and make the letter again."
        )
    return content


def document_warnings(document: GeneratedDocument) -> list[str]:
    """Warnings recorded when the document was made (e.g. characters the font lacks)."""
    return list(json.loads(document.source_data_json or "{}").get("warnings", []))


# --- layout ------------------------------------------------------------------------------


# About 100 pages of text: a template that prints more has a loop repeating itself, and laying
# it out would keep the officer waiting for minutes before failing.
MAX_LETTER_CHARACTERS = 300_000


def _layout(
    prepared: Prepared, data: dict[str, Any], source: MergeSource, glyphs: GlyphCheck
) -> tuple[bytes, int]:
    spec = prepared.spec
    s = styles(spec.font, spec.size)
    text = render(prepared, data)
    if len(text) > MAX_LETTER_CHARACTERS:
        raise DocumentError(
            f"{spec.filename}: the letter comes to {len(text):,} characters, far more than any "
            "letter; check the template for a loop that repeats its text."
        )
    letterhead = Letterhead(source.council, s, glyphs, spec.letterhead)
    story: list[Flowable] = []
    if spec.to != "none":
        story += address_block(_recipient(spec, data), _details(data), s, glyphs)
    story += to_flowables(text, s, glyphs, _directives(source.signatory, s, glyphs))
    decor = PageDecor(
        reference=data["case"]["ref"],
        title=spec.title,
        marking=spec.marking,
        signature_footer=spec.signature_footer,
        first_top=letterhead.first_top,
        later_top=letterhead.later_top,
        draw_first=letterhead.draw_first,
        draw_later=letterhead.draw_later,
    )
    info = DocumentInfo(
        title=f"{spec.title} – {data['case']['ref']}",
        author=source.council.name,
        subject=f"Case {data['case']['ref']}",
    )
    try:
        built = build_pdf(story, decor, s, glyphs, info)
    except (LayoutError, ValueError):
        # reportlab's words for a table wider than the page or a row taller than one
        raise DocumentError(
            f"{spec.filename}: the letter cannot be laid out on the page: a table has more "
            "columns than fit across it, or a table row or paragraph is taller than a page. "
            "Check the template's tables."
        ) from None
    content = built.content
    if letterhead.pdf_background is not None:
        content = underlay_first_page(content, letterhead.pdf_background)
    return content, built.page_count


def _directives(who: Signatory, s: Styles, glyphs: GlyphCheck) -> dict[str, Any]:
    """`[signature]`, `[sign here: label]`, and `[small print: text]` (a note in small grey type,
    e.g. the citation of the register import a letter's figures came from)."""
    return {
        "signature": lambda _arg: signature_block(who, s, glyphs),
        "sign here": lambda arg: sign_here(arg or "Signature", s, glyphs),
        "small print": lambda arg: _small_print(arg, s, glyphs),
    }


def _small_print(text: str, s: Styles, glyphs: GlyphCheck) -> list[Flowable]:
    return [paragraph(inline(text, glyphs), s.small), Spacer(1, s.size * 0.9)]


def _check_recipient(spec: TemplateSpec, data: dict[str, Any]) -> None:
    needed = {
        "parent": ("parent.name", "parent.address"),
        "school": ("school.name", "school.address"),
    }.get(spec.to, ())
    for path in needed:
        group, _, leaf = path.partition(".")
        if not data[group].get(leaf):
            raise TemplateError(
                spec.filename,
                None,
                f"the letter is addressed to the {group} "
                f"(to: {spec.to}); {missing_message(path, data)}",
            )


def _recipient(spec: TemplateSpec, data: dict[str, Any]) -> list[str]:
    if spec.to == "parent":
        return [data["parent"]["name"], *data["parent"]["address"]]
    if spec.to == "school":
        school = data["school"]
        head = (
            [school["head_teacher"], "Head Teacher"]
            if school["head_teacher"]
            else ["The Head Teacher"]
        )
        return [*head, school["name"], *school["address"]]
    council = data["council"]
    worker = data["child"]["social_worker"]
    return [
        *([worker] if worker else []),
        "Children's Social Care",
        council["name"],
        *council["address"],
    ]


def _details(data: dict[str, Any]) -> list[tuple[str, str]]:
    officer, council = data["officer"], data["council"]
    return [
        ("Our ref", data["case"]["ref"]),
        ("Date", data["today"].strftime("%d/%m/%Y")),
        ("Contact", officer["name"]),
        ("Telephone", officer["phone"] or council["phone"]),
        ("Email", officer["email"] or council["email"]),
    ]


def _sha(blob: bytes | None) -> str | None:
    return hashlib.sha256(blob).hexdigest() if blob else None


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Money):
        return {"pence": value.pence}
    if isinstance(value, Percent):
        return value.value
    return str(value)
