"""The council letterhead, the recipient/reference block and signature blocks.

A council can supply (in its settings, stored in the vault) a letterhead as a PDF (its first page
goes under page 1, full size) or as an image (drawn across the top of page 1), and separately a
logo. Without either, a typeset header gives the council's name, service, address, telephone and
email. The officer's signature image is used where the letter says [signature]; without one the
letter gets a line to sign on.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ewo_desk.documents.errors import DocumentError
from ewo_desk.documents.fonts import GlyphCheck, draw_text, text_width
from ewo_desk.documents.markup import escape_value, inline, paragraph
from ewo_desk.documents.styles import (
    ACCENT,
    FRAME_WIDTH,
    INK,
    MARGIN_LEFT,
    MARGIN_TOP,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Styles,
)
from ewo_desk.store.settings_store import picture_kind

PDF_LETTERHEAD_TOP = 48 * mm  # room left for a council's own PDF letterhead design on page 1
LATER_TOP = 22 * mm


@dataclass(frozen=True)
class CouncilIdentity:
    name: str
    service: str
    address: tuple[str, ...]
    phone: str
    email: str
    letterhead: bytes | None = None  # PDF, PNG or JPEG
    logo: bytes | None = None  # PNG or JPEG


def blob_kind(data: bytes) -> str:
    """"pdf", "image" or "unknown", by the same test the store applies before keeping a file."""
    kind = picture_kind(data)
    return "image" if kind in ("png", "jpeg") else kind


def _image(data: bytes, what: str) -> ImageReader:
    try:
        reader = ImageReader(io.BytesIO(data))
        reader.getSize()
        return reader
    except Exception:
        raise DocumentError(
            f"The {what} is not a PNG or JPEG picture EWO Desk can read. Replace it in the "
            "settings."
        ) from None


def _fit(reader: ImageReader, max_w: float, max_h: float) -> tuple[float, float]:
    w, h = reader.getSize()
    scale = min(max_w / w, max_h / h)
    return w * scale, h * scale


class Letterhead:
    """Draws page headers. `mode`: "full" (letters), "small" (internal papers), "none" (forms
    such as the s.9 statement and the s.566 certificate, which carry their own headings)."""

    def __init__(
        self, council: CouncilIdentity, styles: Styles, glyphs: GlyphCheck, mode: str = "full"
    ) -> None:
        if mode not in ("full", "small", "none"):
            raise DocumentError(f"letterhead must be full, small or none, not {mode!r}.")
        self.council, self.s, self.glyphs, self.mode = council, styles, glyphs, mode
        self.pdf_background: bytes | None = None
        self._banner: ImageReader | None = None
        self._logo: ImageReader | None = None
        self._first_top = MARGIN_TOP
        if mode == "full":
            self._prepare_full()

    # --- geometry -------------------------------------------------------------------------

    @property
    def first_top(self) -> float:
        return self._first_top if self.mode == "full" else self.later_top

    @property
    def later_top(self) -> float:
        return MARGIN_TOP if self.mode == "none" else LATER_TOP

    def _prepare_full(self) -> None:
        c = self.council
        if c.letterhead:
            kind = blob_kind(c.letterhead)
            if kind == "pdf":
                self.pdf_background = c.letterhead
                self._first_top = PDF_LETTERHEAD_TOP
                return
            if kind != "image":
                raise DocumentError(
                    "The council letterhead is neither a PDF nor a PNG/JPEG picture. Replace it "
                    "in the council settings."
                )
            self._banner = _image(c.letterhead, "council letterhead")
            _w, h = _fit(self._banner, PAGE_WIDTH - 2 * MARGIN_LEFT, 35 * mm)
            self._first_top = 10 * mm + h + 8 * mm
            return
        if c.logo:
            self._logo = _image(c.logo, "council logo")
        self._header = self._typeset_header()
        self._first_top = 12 * mm + self._header_height + 9 * mm

    def _para(self, text: str, style: Any) -> Paragraph:
        return paragraph(inline(escape_value(text), self.glyphs), style)

    def _typeset_header(self) -> Table:
        c, s = self.council, self.s
        left: list[Flowable] = []
        if self._logo is not None:
            w, h = _fit(self._logo, 70 * mm, 22 * mm)
            left.append(Image(io.BytesIO(self.council.logo or b""), w, h, hAlign="LEFT"))
        else:
            left.append(self._para(c.name, s.letterhead_name))
            if c.service:
                left.append(self._para(c.service, s.letterhead_service))
        right_lines = []
        if self._logo is not None:
            right_lines.append(f"**{escape_value(c.name)}**")
            if c.service:
                right_lines.append(escape_value(c.service))
        right_lines += [escape_value(line) for line in c.address]
        if c.phone:
            right_lines.append("Telephone " + escape_value(c.phone))
        if c.email:
            right_lines.append(escape_value(c.email))
        right = paragraph(inline("\n".join(right_lines), self.glyphs), s.small_right)
        font, size = s.small_right.fontName, s.small_right.fontSize
        widest = max(
            [text_width(t, font, size, self.glyphs) for t in [*c.address, c.email]]
            + [text_width(c.name, s.family.bold, size, self.glyphs)]
        )
        right_w = min(max(widest + 2 * mm, FRAME_WIDTH * 0.36), FRAME_WIDTH * 0.55)
        table = Table([[left, right]], colWidths=[FRAME_WIDTH - right_w, right_w])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        _w, self._header_height = table.wrap(FRAME_WIDTH, 100 * mm)
        return table

    # --- drawing (PageTemplate onPage callbacks) ------------------------------------------

    def draw_first(self, canvas: Canvas, doc: Any) -> None:
        if self.mode != "full":
            self.draw_later(canvas, doc)
            return
        if self.pdf_background is not None:
            return  # merged under the page after the build
        if self._banner is not None:
            w, h = _fit(self._banner, PAGE_WIDTH - 2 * MARGIN_LEFT, 35 * mm)
            canvas.drawImage(
                self._banner, (PAGE_WIDTH - w) / 2, PAGE_HEIGHT - 10 * mm - h, w, h, mask="auto"
            )
            return
        top = PAGE_HEIGHT - 12 * mm
        self._header.drawOn(canvas, MARGIN_LEFT, top - self._header_height)
        rule_y = top - self._header_height - 4 * mm
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN_LEFT, rule_y, PAGE_WIDTH - MARGIN_LEFT, rule_y)

    def draw_later(self, canvas: Canvas, doc: Any) -> None:
        if self.mode == "none":
            return
        y = PAGE_HEIGHT - 13 * mm
        f, x = self.s.family, MARGIN_LEFT
        canvas.setFillColor(ACCENT)
        x += draw_text(canvas, x, y, self.council.name, f.bold, 9, self.glyphs)
        if self.council.service:
            canvas.setFillColor(MUTED)
            draw_text(canvas, x, y, "  ·  " + self.council.service, f.regular, 9, self.glyphs)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_LEFT, y - 2.5 * mm, PAGE_WIDTH - MARGIN_LEFT, y - 2.5 * mm)


def address_block(
    recipient: list[str],
    details: list[tuple[str, str]],
    styles: Styles,
    glyphs: GlyphCheck,
    *,
    confidential: bool = True,
) -> list[Flowable]:
    """Recipient (left, where a DL window envelope shows it) and our reference/date (right).
    `recipient` and `details` are plain text; they are escaped here."""
    lines = ["**PRIVATE AND CONFIDENTIAL**"] if confidential else []
    lines += [escape_value(line) for line in recipient if line]
    left = paragraph(inline("\n".join(lines), glyphs), styles.body)
    shown = [(label, value) for label, value in details if value]
    font, size = styles.small_right.fontName, styles.small_right.fontSize
    label_w = max(text_width(label, font, size, glyphs) for label, _ in shown) + 4 * mm
    value_w = max(text_width(value, font, size, glyphs) for _, value in shown) + 1 * mm
    right_w = min(label_w + value_w, FRAME_WIDTH - 75 * mm)
    muted = MUTED.hexval().replace("0x", "#")
    rows = [
        [
            Paragraph(
                f'<font color="{muted}">{inline(escape_value(label), glyphs)}</font>',
                styles.small_right,
            ),
            paragraph(inline(escape_value(value), glyphs), styles.small_left),
        ]
        for label, value in shown
    ]
    right = Table(rows, colWidths=[label_w, right_w - label_w])
    right.setStyle(
        TableStyle(
            [
                ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ]
        )
    )
    block = Table([[left, right]], colWidths=[FRAME_WIDTH - right_w, right_w])
    block.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [block, Spacer(1, 9 * mm)]


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str
    team: str
    organisation: str
    signature: bytes | None = None  # PNG or JPEG


def signature_block(who: Signatory, styles: Styles, glyphs: GlyphCheck) -> list[Flowable]:
    """The officer's signature image (or a line to sign on), then name, role and service."""
    parts: list[Flowable] = []
    if who.signature:
        reader = _image(who.signature, "officer's signature")
        w, h = _fit(reader, 60 * mm, 15 * mm)
        parts.append(Image(io.BytesIO(who.signature), w, h, hAlign="LEFT"))
    else:
        line = Table([[""]], colWidths=[65 * mm], rowHeights=[13 * mm])
        line.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.6, INK)]))
        line.hAlign = "LEFT"
        parts.append(line)
    parts.append(Spacer(1, 1.5 * mm))
    text = [f"**{escape_value(who.name)}**"]
    if who.role:
        text.append(escape_value(who.role))
    unit = ", ".join(t for t in (who.team, who.organisation) if t)
    if unit:
        text.append(escape_value(unit))
    parts.append(paragraph(inline("\n".join(text), glyphs), styles.body))
    return [KeepTogether(parts)]


def sign_here(label: str, styles: Styles, glyphs: GlyphCheck) -> list[Flowable]:
    """A line for someone else (a parent, a head teacher) to sign and date. `label` is markup."""
    cells = [
        ["Signed", "", "Date", ""],
        [paragraph(inline(label, glyphs), styles.small), "", "", ""],
    ]
    table = Table(cells, colWidths=[16 * mm, 86 * mm, 16 * mm, 38 * mm], rowHeights=[12 * mm, None])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), styles.family.regular, styles.size - 1),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, 0), 0.6, INK),
                ("LINEBELOW", (3, 0), (3, 0), 0.6, INK),
                ("SPAN", (0, 1), (3, 1)),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 4),
                ("LEFTPADDING", (2, 0), (2, 0), 4 * mm),
                ("TOPPADDING", (0, 1), (-1, 1), 3),
            ]
        )
    )
    table.hAlign = "LEFT"
    return [KeepTogether([table, Spacer(1, 6 * mm)])]
