"""The index at the front of a bundle, and the divider page at the start of each family section.

The index is laid out after assembly, from the entries assembly found, so it can only say what is
really there. While it is drawn, each row records where on which index page it landed
(`LaidIndex.anchors`); assembly turns those rectangles into links to the page the row names, and
the check reads them back from the finished PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from ewo_desk.documents.bundles.model import BundleKind, Entry, Heading
from ewo_desk.documents.fonts import GlyphCheck, draw_text
from ewo_desk.documents.markup import escape_value, inline, paragraph
from ewo_desk.documents.pdf import DocumentInfo, PageDecor, build_pdf
from ewo_desk.documents.styles import (
    ACCENT,
    BOX_EDGE,
    FRAME_WIDTH,
    MARGIN_LEFT,
    MUTED,
    PAGE_HEIGHT,
    RULE,
    SHADE,
    Styles,
)

Rect = tuple[float, float, float, float]
COLUMNS = (20 * mm, FRAME_WIDTH - 20 * mm - 25 * mm - 27 * mm, 25 * mm, 27 * mm)
PAD = 3  # points of cell padding, also added around a row's link
PAGES_COLUMN_X = MARGIN_LEFT + sum(COLUMNS[:3])  # where the "Pages" cells start


@dataclass
class LaidIndex:
    pdf: bytes
    page_count: int
    anchors: dict[str, tuple[int, Rect]] = field(default_factory=dict)  # key -> (page, rect)


class _Anchor(Flowable):
    """A paragraph that remembers where it was drawn (page and rectangle in PDF points)."""

    def __init__(self, inner: Paragraph, key: str, sink: dict[str, tuple[int, Rect]]) -> None:
        super().__init__()
        self.inner, self.key, self.sink = inner, key, sink

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(avail_width, avail_height)
        return self.width, self.height

    def draw(self) -> None:
        x0, y0 = self.canv.absolutePosition(0, 0)
        _x1, y1 = self.canv.absolutePosition(self.width, self.height)
        # the link spans the whole row: every column of the index table
        self.sink[self.key] = (
            self.canv.getPageNumber() - 1,
            (MARGIN_LEFT, y0 - PAD, MARGIN_LEFT + FRAME_WIDTH, y1 + PAD),
        )
        self.inner.drawOn(self.canv, 0, 0)


def _p(text: str, style: Any, glyphs: GlyphCheck) -> Paragraph:
    return paragraph(inline(escape_value(text), glyphs), style)


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def lay_index(
    heading: Heading,
    kind: BundleKind,
    sections: Sequence[tuple[str, str]],
    entries: Sequence[Entry],
    section_pages: dict[str, str],
    summary: str,
    s: Styles,
    glyphs: GlyphCheck,
) -> LaidIndex:
    """`section_pages`: each section's page range as printed ("A1–A9"); `summary`: the page
    count line under the heading."""
    anchors: dict[str, tuple[int, Rect]] = {}
    story: list[Flowable] = [_p(heading.title, s.heading1, glyphs)]
    story.append(_facts(heading.lines, s, glyphs))
    story += [Spacer(1, 3 * mm), _p(summary, s.small, glyphs), Spacer(1, 4 * mm)]
    # not keepWithNext: the table splits across pages and should start on this one
    plain = ParagraphStyle("index_heading", parent=s.heading2, keepWithNext=0)
    story.append(_p("Index", plain, glyphs))
    header = ["No." if kind.sectioned else "Ref.", "Document", "Date", "Pages"]
    rows: list[list[Any]] = [[_p(h, s.cell_header, glyphs) for h in header]]
    commands: list[tuple[Any, ...]] = []
    for key, title in sections:
        own = [(i, e) for i, e in enumerate(entries) if e.section == key]
        if not own:
            continue
        label = f"Section {key}: {title}" if kind.sectioned else title
        rows.append(
            [
                _Anchor(_p(label, s.cell_header, glyphs), f"section:{key}", anchors),
                "",
                "",
                _p(section_pages.get(key, ""), s.cell_header, glyphs),
            ]
        )
        row = len(rows) - 1
        commands += [
            ("SPAN", (0, row), (2, row)),
            ("BACKGROUND", (0, row), (-1, row), SHADE),
            ("NOSPLIT", (0, row), (-1, row + 1)),  # a section heading never ends a page
        ]
        for number, (i, entry) in enumerate(own, start=1):
            title_text = entry.title
            if entry.added_on:
                title_text += f" (added {_day(entry.added_on)})"
            ref = entry.exhibit if not kind.sectioned else str(number)
            rows.append(
                [
                    _p(ref, s.cell, glyphs),
                    _Anchor(_p(title_text, s.cell, glyphs), f"entry:{i}", anchors),
                    _p(_day(entry.dated), s.cell, glyphs),
                    _p(entry.pages, s.cell, glyphs),
                ]
            )
    table = Table(rows, colWidths=COLUMNS, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
                ("TOPPADDING", (0, 0), (-1, -1), PAD),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                *commands,
            ]
        )
    )
    story.append(table)
    added = sorted({e.added_on for e in entries if e.added_on})
    if added:
        story.append(Spacer(1, 4 * mm))
        story.append(
            _p(
                "Documents added after the bundle was first prepared follow its last page and "
                "carry their own page numbers, so earlier page references are unchanged "
                f"(added on {', '.join(_day(d) for d in added)}).",
                s.small,
                glyphs,
            )
        )
    decor = PageDecor(
        reference=heading.reference,
        title="Index",
        marking=heading.marking,
        page_label=lambda _page, _total: "",
        draw_later=_continued(heading.title, s, glyphs),
    )
    info = DocumentInfo(title=f"{heading.title} – index", author=heading.council)
    built = build_pdf(story, decor, s, glyphs, info)
    return LaidIndex(built.content, built.page_count, anchors)


def _facts(lines: Sequence[tuple[str, str]], s: Styles, glyphs: GlyphCheck) -> Table:
    rows = [[_p(label, s.cell_header, glyphs), _p(value, s.cell, glyphs)] for label, value in lines]
    table = Table(rows, colWidths=[38 * mm, FRAME_WIDTH - 38 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def _continued(title: str, s: Styles, glyphs: GlyphCheck) -> Callable[[Canvas, Any], None]:
    def draw(canvas: Canvas, _doc: Any) -> None:
        canvas.setFillColor(MUTED)
        text = f"{title}: index (continued)"
        draw_text(canvas, MARGIN_LEFT, PAGE_HEIGHT - 13 * mm, text, s.family.regular, 9, glyphs)

    return draw


def lay_dividers(
    heading: Heading,
    sections: Sequence[tuple[str, str]],
    s: Styles,
    glyphs: GlyphCheck,
) -> bytes:
    """One page per family section (key, title). It names no page range: a supplement adds
    pages to the last section without touching earlier pages, and a divider must not go stale."""
    story: list[Flowable] = []
    for n, (key, title) in enumerate(sections):
        if n:
            story.append(PageBreak())
        story += [
            Spacer(1, 70 * mm),
            _Banner(f"Section {key}", s),
            Spacer(1, 8 * mm),
            _p(title, s.heading1, glyphs),
            Spacer(1, 2 * mm),
            _p(heading.title, s.small, glyphs),
        ]
    decor = PageDecor(
        reference=heading.reference,
        title="Section dividers",
        marking=heading.marking,
        page_label=lambda _page, _total: "",
    )
    info = DocumentInfo(title=f"{heading.title} – sections", author=heading.council)
    return build_pdf(story, decor, s, glyphs, info).content


class _Banner(Flowable):
    """ "Section B" in large type between two rules: what a tab divider says on paper."""

    def __init__(self, text: str, s: Styles) -> None:
        super().__init__()
        self.text, self.s = text, s

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, 30 * mm
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(BOX_EDGE)
        c.setLineWidth(1.2)
        c.line(0, self.height, self.width, self.height)
        c.line(0, 0, self.width, 0)
        c.setFillColor(ACCENT)
        c.setFont(self.s.family.bold, 34)
        c.drawString(0, 9 * mm, self.text)
