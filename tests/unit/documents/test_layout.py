"""The PDF layer on its own: escaping, fonts, column widths, letterheads and signatures."""

import io

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ewo_desk.documents import DocumentError, generate_letter
from ewo_desk.documents.fonts import SANS, GlyphCheck
from ewo_desk.documents.markup import escape_value, fit_columns, inline, plain_text
from ewo_desk.documents.values import Day, Money, Percent
from tests.unit.documents.builders import EXTRAS, TODAY, build_case
from tests.unit.documents.conftest import pdf_pages, pdf_text


def test_money_dates_and_percentages_print_the_british_way():
    assert str(Money(8000)) == "£80.00" and str(Money(123456)) == "£1,234.56"
    assert Money.parse("£160") == Money(16000) and Money.parse("80.5") == Money(8050)
    with pytest.raises(ValueError):
        Money.parse("eighty")
    day = Day(2026, 9, 8)
    assert str(day) == "08/09/2026" and f"from {day}" == "from 08/09/2026"
    assert day.isoformat() == "2026-09-08"
    assert str(Percent(78.44)) == "78.4%"


def test_escaped_values_cannot_become_markup():
    glyphs = GlyphCheck()
    xml = inline(escape_value("**x** <b>y</b> & z\nnext"), glyphs)
    assert "<b>" not in xml.replace("&lt;b&gt;", "")
    assert xml == "**x** &lt;b&gt;y&lt;/b&gt; &amp; z<br/>next"
    assert inline("**x** and *y*", glyphs) == "<b>x</b> and <i>y</i>"
    assert plain_text(escape_value("a|b")) == "a|b"


def test_glyph_check_uses_the_fonts_own_character_map():
    assert SANS.covers("ễ") and SANS.covers("Ł") and SANS.covers("£")
    assert not SANS.covers("王")
    glyphs = GlyphCheck()
    assert glyphs.plain("王 Li") == "王 Li"  # a bundled fallback font prints it
    assert glyphs.plain("ሀ Li") == "[?U+1200] Li"  # Ethiopic: no bundled font has it
    assert "U+1200" in glyphs.warnings()[0]


def test_narrow_columns_keep_their_natural_width():
    widths = fit_columns([60, 600], [50, 80], 480)
    assert widths[0] == 60 and abs(sum(widths) - 480) < 0.01
    assert abs(sum(fit_columns([10, 20], [5, 5], 300)) - 300) < 0.01


def _png(size=(300, 90), colour=(20, 30, 120)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _pdf_letterhead():
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.drawString(60, 800, "OUR OWN LETTERHEAD DESIGN")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _invitation(vault, **kwargs):
    with vault.session() as session:
        built = build_case(session, **kwargs)
    with vault.session() as session:
        return generate_letter(
            session,
            built.ref,
            "attendance_meeting_invitation",
            parent_id=built.father_id,
            today=TODAY,
            extra_fields=EXTRAS["attendance_meeting_invitation"],
        )


def test_typeset_letterhead_has_the_councils_details(vault):
    text = pdf_pages(_invitation(vault).content)[0]
    for part in (
        "Northbridge City Council",
        "School Attendance Support Service",
        "Civic Centre, 1 Market Street",
        "01632 960 100",
        "attendance@northbridge.example.gov.uk",
        "PRIVATE AND CONFIDENTIAL",
    ):
        assert part in text


def test_pdf_letterhead_goes_under_page_one(vault):
    doc = _invitation(vault, letterhead=_pdf_letterhead())
    pages = pdf_pages(doc.content)
    assert "OUR OWN LETTERHEAD DESIGN" in pages[0] and "Page 1 of" in pages[0]
    assert "Telephone 01632 960 100" not in pages[0]  # no typeset header on top of it


def test_logo_and_signature_images(vault):
    doc = _invitation(vault, logo=_png(), signature=_png((400, 120), (0, 0, 90)))
    reader = PdfReader(io.BytesIO(doc.content))
    assert sum(len(page.images) for page in reader.pages) == 2
    assert "Northbridge City Council" in pdf_text(doc.content)


def test_image_letterhead(vault):
    doc = _invitation(vault, letterhead=_png((1200, 200)))
    assert len(PdfReader(io.BytesIO(doc.content)).pages[0].images) == 1


def test_an_unreadable_letterhead_is_an_officer_readable_error(vault):
    with pytest.raises(DocumentError, match="letterhead"):
        _invitation(vault, letterhead=b"not a picture")
