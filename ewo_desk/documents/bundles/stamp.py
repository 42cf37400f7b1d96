"""The bundle page number stamped on every page, and reading it back from the finished PDF.

One numbering authority (engineering-anchors.md, Question 4, option a): documents go in as they
are (a letter keeps its own "Page 1 of 3"), and after assembly every page gets one stamp in the
top right corner: the bundle page ("A7", "Bundle page 12"), with the exhibit reference before it
on an exhibit's pages. The stamp sits on a white box, so it stays legible on a dark scan, and it is
drawn in the page's visible box after any /Rotate has been moved into the content, so it is
upright.

Each stamp is a small form XObject drawn by a content stream added after the page's own, which is
wrapped in q/Q and never parsed or rewritten: a scan with an odd content stream cannot break the
stamping, and reading the stamp back needs only the stamp's own text, not the whole page's.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, cast

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    RectangleObject,
    StreamObject,
)
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ewo_desk.documents.fonts import FontFamily, GlyphCheck, draw_text, text_width
from ewo_desk.documents.styles import BOX_EDGE, INK, MUTED

TOP = 4 * mm  # from the top edge of the visible page to the top of the stamp
RIGHT = 6 * mm
HEIGHT = 6.5 * mm
PAD = 2.2 * mm
SIZE = 9.5  # points
GAP = 2.5 * mm  # between the exhibit reference and the page label
READ_WIDTH = 110 * mm  # how far left of the right edge `read_stamp` looks
NAME = "/EWOStamp"
_DRAWN = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")


@dataclass(frozen=True)
class Stamp:
    label: str  # "A7", "Bundle page 12", "Section B", "i"
    exhibit: str = ""  # "Exhibit ZD/3"

    def tokens(self) -> list[str]:
        return f"{self.exhibit} {self.label}".split()


def visible_box(page: PageObject) -> tuple[float, float, float, float]:
    box = page.cropbox
    return float(box.left), float(box.bottom), float(box.right), float(box.top)


def apply(writer: PdfWriter, pages: list[tuple[PageObject, Stamp]], family: FontFamily) -> None:
    """Stamp each (writer page, stamp): one reportlab document draws all the stamps, each of its
    pages becomes the form XObject of one bundle page."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=1)
    for page, stamp in pages:
        _left, _bottom, right, top = visible_box(page)
        canvas.setPageSize((max(right, 1.0), max(top, 1.0)))
        _draw(canvas, stamp, right, top, family)
        canvas.showPage()
    canvas.save()
    layers = PdfReader(io.BytesIO(buffer.getvalue())).pages
    # pypdf has no public way to add an object; _add_object is what its own merging uses
    save, restore = writer._add_object(_stream(b"q\n")), writer._add_object(_stream(b"Q\n"))
    for (page, _stamp), layer in zip(pages, layers, strict=True):
        form = cast(StreamObject, layer["/Contents"].get_object()).clone(writer)
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): RectangleObject(layer.mediabox),
                NameObject("/Resources"): layer["/Resources"].clone(writer),
            }
        )
        resources = DictionaryObject(page.get("/Resources", DictionaryObject()).get_object())
        xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
        name = NAME
        while name in xobjects:  # a page that carries a stamp already (a bundle attached)
            name += "x"
        xobjects[NameObject(name)] = form.indirect_reference
        resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources
        draw = writer._add_object(_stream(f"q {name} Do Q\n".encode()))
        old = page.get("/Contents")
        held = old.get_object() if old is not None else ArrayObject()
        streams = list(held) if isinstance(held, ArrayObject) else [old]
        page[NameObject("/Contents")] = ArrayObject([save, *streams, restore, draw])


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _draw(canvas: Canvas, stamp: Stamp, right: float, top: float, family: FontFamily) -> None:
    glyphs = GlyphCheck(family)  # an exhibit reference has the officer's initials, in any script
    label_w = text_width(stamp.label, family.bold, SIZE, glyphs)
    exhibit_w = text_width(stamp.exhibit, family.regular, SIZE, glyphs) if stamp.exhibit else 0
    width = PAD * 2 + label_w + (exhibit_w + GAP if stamp.exhibit else 0)
    x1, y1 = right - RIGHT, top - TOP
    x0, y0 = x1 - width, y1 - HEIGHT
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setStrokeColor(BOX_EDGE)
    canvas.setLineWidth(0.6)
    canvas.rect(x0, y0, width, HEIGHT, stroke=1, fill=1)
    baseline = y0 + (HEIGHT - SIZE * 0.72) / 2
    if stamp.exhibit:
        canvas.setFillColor(MUTED)
        draw_text(canvas, x0 + PAD, baseline, stamp.exhibit, family.regular, SIZE, glyphs)
    canvas.setFillColor(INK)
    draw_text(canvas, x1 - PAD, baseline, stamp.label, family.bold, SIZE, glyphs, "right")
    canvas.restoreState()


def stamp_words(page: PageObject) -> list[str]:
    """The words of the stamp the page draws last: the form its last content stream draws,
    read with only that form's fonts (fast), as a viewer would draw it."""
    contents = page.get("/Contents")
    held = contents.get_object() if contents is not None else None
    if held is None:
        return []
    last = held[-1].get_object() if isinstance(held, ArrayObject) else held
    drawn = _DRAWN.findall(last.get_data())
    xobjects = page.get("/Resources", {}).get_object().get("/XObject", {})
    form = xobjects.get_object().get(f"/{drawn[-1].decode()}") if drawn else None
    if form is None:
        return []
    form = form.get_object()
    box = form.get("/BBox", [0, 0, 1, 1])
    sheet = PageObject.create_blank_page(width=float(box[2]), height=float(box[3]))
    sheet[NameObject("/Resources")] = form.get("/Resources", DictionaryObject())
    sheet[NameObject("/Contents")] = _stream(form.get_data())
    return sheet.extract_text().split()


def shows(page: PageObject, stamp: Stamp) -> bool:
    """Is this the stamp the page carries? The whole stamp, so "A1" never matches "A12"; spaces
    aside (a reader may split "王/2", drawn in two fonts, into two words) and NFKC (a joined
    Arabic letter reads back as its presentation form)."""
    return _squeezed(stamp_words(page)) == _squeezed(stamp.tokens())


def _squeezed(words: list[str]) -> str:
    return unicodedata.normalize("NFKC", "".join(words))


Fragment = tuple[float, float, str]  # x, y, text


def fragments(page: PageObject) -> list[Fragment]:
    """Every piece of text on the page with where it starts (one parse of the whole page)."""
    found: list[Fragment] = []

    def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text))

    page.extract_text(visitor_text=visit)
    return found


def words_in(
    page: PageObject,
    rect: tuple[float, float, float, float],
    parsed: list[Fragment] | None = None,
) -> list[str]:
    """The words whose text starts inside `rect` (x0, y0, x1, y1), top to bottom, left to right;
    `parsed`: the page's `fragments`, when several rectangles of one page are read."""
    x0, y0, x1, y1 = rect
    inside = [
        (-round(y), x, text)
        for x, y, text in (fragments(page) if parsed is None else parsed)
        if x0 - 1 <= x <= x1 + 1 and y0 - 1 <= y <= y1 + 1
    ]
    return " ".join(t for _y, _x, t in sorted(inside)).split()


def read_stamp(page: PageObject) -> list[str]:
    """The words printed where the stamp goes, read from the whole page by position."""
    _left, _bottom, right, top = visible_box(page)
    return words_in(page, (right - READ_WIDTH, top - TOP - HEIGHT, right, top - TOP))
