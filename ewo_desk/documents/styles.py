"""Page geometry, colours and paragraph styles shared by letters and (later) court bundles.

One place decides how a document looks: A4, 20 mm side margins, left-aligned text (easier to read
than justified), 11 pt body (court bundles use 12 pt, FPR PD27A), headings in the same family.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from ewo_desk.documents.fonts import FontFamily, family_named

PAGE_SIZE = A4
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 20 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 20 * mm  # the footer sits inside this band
SIGNATURE_FOOTER_HEIGHT = 14 * mm  # extra band for "Signature ... witnessed by ..." (s.9)
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1F3A5F")  # headings and the letterhead rule
RULE = colors.HexColor("#9A9A9A")
SHADE = colors.HexColor("#EEF1F4")  # table headers, notice boxes
BOX_EDGE = colors.HexColor("#7A8896")


@dataclass(frozen=True)
class Styles:
    family: FontFamily
    size: float
    body: ParagraphStyle
    heading1: ParagraphStyle
    heading2: ParagraphStyle
    heading3: ParagraphStyle
    small: ParagraphStyle
    small_right: ParagraphStyle
    small_left: ParagraphStyle
    cell: ParagraphStyle
    cell_header: ParagraphStyle
    box: ParagraphStyle
    bullet: ParagraphStyle
    centre: ParagraphStyle
    letterhead_name: ParagraphStyle
    letterhead_service: ParagraphStyle


@lru_cache(maxsize=8)
def styles(font: str = "sans", size: float = 11.0) -> Styles:
    family = family_named(font)
    leading = round(size * 1.36, 1)

    def style(name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = {
            "fontName": family.regular,
            "fontSize": size,
            "leading": leading,
            "textColor": INK,
            "alignment": TA_LEFT,
            "spaceAfter": size * 0.75,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)  # type: ignore[arg-type]

    return Styles(
        family=family,
        size=size,
        body=style("body"),
        heading1=style(
            "heading1",
            fontName=family.bold,
            fontSize=size + 4,
            leading=size + 8,
            textColor=ACCENT,
            spaceBefore=size * 0.4,
            spaceAfter=size * 0.7,
            keepWithNext=1,
        ),
        heading2=style(
            "heading2",
            fontName=family.bold,
            fontSize=size + 1.5,
            leading=size + 5,
            textColor=ACCENT,
            spaceBefore=size * 0.8,
            spaceAfter=size * 0.45,
            keepWithNext=1,
        ),
        heading3=style(
            "heading3",
            fontName=family.bold,
            fontSize=size,
            leading=leading,
            spaceBefore=size * 0.5,
            spaceAfter=size * 0.3,
            keepWithNext=1,
        ),
        small=style(
            "small", fontSize=size - 2.5, leading=(size - 2.5) * 1.3, spaceAfter=0, textColor=MUTED
        ),
        small_right=style(
            "small_right",
            fontSize=min(size - 2, 9),
            leading=min(size - 2, 9) * 1.35,
            spaceAfter=0,
            alignment=TA_RIGHT,
        ),
        small_left=style(
            "small_left",
            fontSize=min(size - 2, 9),
            leading=min(size - 2, 9) * 1.35,
            spaceAfter=0,
        ),
        cell=style("cell", fontSize=size - 1, leading=(size - 1) * 1.3, spaceAfter=0),
        cell_header=style(
            "cell_header",
            fontName=family.bold,
            fontSize=size - 1,
            leading=(size - 1) * 1.3,
            spaceAfter=0,
        ),
        box=style("box", spaceAfter=0),
        bullet=style("bullet", spaceAfter=size * 0.3),
        centre=style("centre", alignment=TA_CENTER),
        letterhead_name=style(
            "letterhead_name",
            fontName=family.bold,
            fontSize=size + 5,
            leading=size + 8,
            textColor=ACCENT,
            spaceAfter=0,
        ),
        letterhead_service=style(
            "letterhead_service", fontSize=size, leading=size * 1.3, textColor=ACCENT, spaceAfter=0
        ),
    )
