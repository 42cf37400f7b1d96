"""The page layer every generated PDF goes through: frames, running headers, and a footer with
the reference number and "Page X of Y".

"Page X of Y" needs the total before the first page is written, so the canvas defers pages:
`showPage()` keeps each page's state and `save()` replays them, drawing the footer with the total
now known (engineering-anchors.md, Question 4). Court bundles reuse `build_pdf` with their own
`PageDecor` (e.g. a page label "A1", "B7" instead of "Page 1 of 9") and `underlay_first_page`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate

from ewo_desk.documents.fonts import GlyphCheck, draw_text, text_width
from ewo_desk.documents.styles import (
    FRAME_WIDTH,
    INK,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MUTED,
    PAGE_HEIGHT,
    PAGE_SIZE,
    PAGE_WIDTH,
    RULE,
    SIGNATURE_FOOTER_HEIGHT,
    Styles,
)

PageDrawer = Callable[[Canvas, Any], None]


def page_x_of_y(page: int, total: int) -> str:
    return f"Page {page} of {total}"


@dataclass(frozen=True)
class PageDecor:
    """What is printed around the text of every page."""

    reference: str = ""  # bottom left, e.g. the case reference
    title: str = ""  # after the reference, e.g. "Notice to improve"
    marking: str = ""  # top centre of every page, e.g. OFFICIAL-SENSITIVE
    signature_footer: bool = False  # s.9 statements: a signature line at the foot of each page
    page_label: Callable[[int, int], str] = page_x_of_y
    first_top: float = MARGIN_TOP  # room the letterhead takes on page 1
    later_top: float = MARGIN_TOP
    draw_first: PageDrawer | None = None  # letterhead
    draw_later: PageDrawer | None = None  # running header on pages 2+


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    author: str = ""
    subject: str = ""
    keywords: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BuiltPdf:
    content: bytes
    page_count: int


def build_pdf(
    story: list[Flowable],
    decor: PageDecor,
    styles: Styles,
    glyphs: GlyphCheck,
    info: DocumentInfo,
) -> BuiltPdf:
    """Lay the story out on A4 pages and return the PDF bytes (byte-stable for the same input:
    reportlab's invariant mode fixes the timestamp and document ID)."""
    bottom = MARGIN_BOTTOM + (SIGNATURE_FOOTER_HEIGHT if decor.signature_footer else 0)

    def frame(top: float, name: str) -> Frame:
        return Frame(
            MARGIN_LEFT,
            bottom,
            FRAME_WIDTH,
            PAGE_HEIGHT - top - bottom,
            id=name,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    def on_page(drawer: PageDrawer | None) -> Callable[[Canvas, Any], None]:
        def draw(canvas: Canvas, doc: Any) -> None:
            canvas.saveState()
            if decor.marking:
                canvas.setFillColor(INK)
                x, y = PAGE_WIDTH / 2, PAGE_HEIGHT - 8 * mm
                draw_text(canvas, x, y, decor.marking, styles.family.bold, 8.5, glyphs, "centre")
            if drawer:
                drawer(canvas, doc)
            canvas.restoreState()

        return draw

    pages: list[int] = []
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=decor.later_top,
        bottomMargin=bottom,
        title=info.title,
        author=info.author,
        subject=info.subject,
        keywords=info.keywords,
        creator="EWO Desk",
        invariant=1,
        pageCompression=1,
        initialFontName=styles.family.regular,
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                "first", [frame(decor.first_top, "first")], onPage=on_page(decor.draw_first)
            ),
            PageTemplate(
                "later", [frame(decor.later_top, "later")], onPage=on_page(decor.draw_later)
            ),
        ]
    )
    canvasmaker = _numbered(decor, styles, glyphs, pages)
    doc.build([NextPageTemplate("later"), *story], canvasmaker=canvasmaker)
    return BuiltPdf(buffer.getvalue(), pages[-1])


def _numbered(
    decor: PageDecor, styles: Styles, glyphs: GlyphCheck, pages: list[int]
) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            for number, state in enumerate(self._page_states, start=1):
                self.__dict__.update(state)
                _footer(self, decor, styles, glyphs, number, total)
                super().showPage()
            pages.append(total)
            super().save()

    return NumberedCanvas


def _footer(
    canvas: Canvas, decor: PageDecor, styles: Styles, glyphs: GlyphCheck, page: int, total: int
) -> None:
    """Strings drawn straight on the canvas get the fallback fonts and missing-glyph markers of
    the text (fonts.draw_text)."""
    canvas.saveState()
    left, right = MARGIN_LEFT, PAGE_WIDTH - MARGIN_RIGHT
    y = MARGIN_BOTTOM - 11 * mm
    if decor.signature_footer:
        sy = MARGIN_BOTTOM + 3 * mm
        font, size = styles.family.regular, 9.5
        canvas.setFont(font, size)
        canvas.setFillColor(INK)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.5)
        middle = left + FRAME_WIDTH / 2
        for x, end, label in (
            (left, middle - 5 * mm, "Signature:"),
            (middle + 5 * mm, right, "Signature witnessed by:"),
        ):
            canvas.drawString(x, sy, label)
            canvas.line(x + canvas.stringWidth(label, font, size) + 2 * mm, sy - 1, end, sy - 1)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.line(left, y + 4.2 * mm, right, y + 4.2 * mm)
    label = decor.page_label(page, total)
    canvas.setFont(styles.family.bold, 8.5)
    canvas.setFillColor(INK)
    canvas.drawRightString(right, y, label)
    canvas.setFont(styles.family.regular, 8.5)
    canvas.setFillColor(MUTED)
    parts = [p for p in (f"Ref: {decor.reference}" if decor.reference else "", decor.title) if p]
    text = "  ·  ".join(parts)
    room = FRAME_WIDTH - canvas.stringWidth(label, styles.family.bold, 8.5) - 8 * mm
    while text and text_width(text, styles.family.regular, 8.5, glyphs) > room:
        text = text[:-2] + "…"
    draw_text(canvas, left, y, text, styles.family.regular, 8.5, glyphs)
    canvas.restoreState()


def underlay_first_page(content: bytes, background_pdf: bytes) -> bytes:
    """Put the first page of a council's PDF letterhead under page 1 of `content`."""
    from pypdf import PdfReader, PdfWriter

    from ewo_desk.documents.errors import DocumentError

    try:
        background = PdfReader(io.BytesIO(background_pdf)).pages[0]
    except Exception as exc:  # pypdf raises many kinds for a damaged file
        raise DocumentError(
            "The council's PDF letterhead cannot be read. Replace it in the council settings "
            f"with a PDF saved from your letterhead template ({exc.__class__.__name__})."
        ) from None
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(content)))
    first = writer.pages[0]
    first.merge_page(background, over=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
