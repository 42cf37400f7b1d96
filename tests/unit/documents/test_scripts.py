"""Names in the scripts of a caseload print in real glyphs, from the bundled fallback fonts: a
letter and the targeting list, read back from the PDF.

Arabic, Bengali, Gurmukhi and Devanagari are shaped by HarfBuzz (when uharfbuzz is installed), so
what a PDF reader extracts is the glyphs: Arabic letters in their joined forms (presentation
forms, which NFKC turns back into the letters), which pypdf puts back in reading order; an Indic
vowel sign drawn before its consonant comes before it, and a conjunct glyph with no character of
its own comes back as a private-use character. The tests compare accordingly.
"""

import io
import unicodedata
from datetime import date

import pytest
from pypdf import PdfReader

from ewo_desk.documents import document_warnings
from ewo_desk.documents.fonts import SHAPING, GlyphCheck, visual_order
from ewo_desk.documents.markup import escape_value, inline
from ewo_desk.documents.reports import targeting_pdf
from ewo_desk.domain.attendance.targeting import PupilContext, TargetingRow
from tests.unit.documents.builders import TODAY, build_case
from tests.unit.documents.conftest import pdf_text
from tests.unit.documents.test_letters import make

# script: (given name, family name, the font file embedded for it)
NAMES = {
    "arabic": ("محمد", "Al-Hassan", "NotoSansArabic"),
    "urdu": ("علی", "خان", "NotoSansArabic"),
    "chinese": ("王芳", "Li", "WenQuanYi"),
    "bengali": ("রহিম", "উদ্দিন", "NotoSansBengali"),
    "gurmukhi": ("ਗੁਰਪ੍ਰੀਤ", "Kaur", "NotoSansGurmukhi"),
    "devanagari": ("प्रिया", "शर्मा", "NotoSansDevanagari"),
    "yoruba": ("Ọ̀ṣun", "Adébáyọ̀", "DejaVuSans"),
}


def fonts_used(content: bytes) -> set[str]:
    """The base font names of every font the pages draw with (subset prefix dropped)."""
    names = set()
    for page in PdfReader(io.BytesIO(content)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]).split("+")[-1])
    return names


def readable(text: str) -> str:
    """Extracted text as letters: joined Arabic forms back to letters (NFKC), no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def printed(word: str, text: str) -> bool:
    """Is `word` in the extracted `text`? A right-to-left word may come back in the order it is
    drawn (from the left of the page) or, as pypdf gives it, in reading order."""
    word = unicodedata.normalize("NFKC", word)
    rtl = any(unicodedata.bidirectional(c) in ("R", "AL") for c in word)
    return word in text or (rtl and word[::-1] in text)


def same_letters(word: str, text: str) -> bool:
    """Is there a word in `text` with exactly the letters, vowel signs and viramas of `word`, in
    any order? A shaped Indic word is extracted in the order its glyphs are drawn (the reph of
    शर्मा after मा); a conjunct glyph gives back its letters through the font's ToUnicode map."""
    block = ord(word[0]) & ~0x7F
    found = ("".join(c for c in token if ord(c) & ~0x7F == block) for token in text.split())
    return any(sorted(token) == sorted(word) for token in found)


def check_printed(content: bytes, warnings: list[str] | None, script: str) -> None:
    """`warnings`: the document's (None: a report, which has none to give)."""
    given, family, font = NAMES[script]
    if warnings is not None and (SHAPING or font.startswith(("WenQuanYi", "DejaVu"))):
        assert warnings == []
    elif warnings is not None:  # without uharfbuzz the letter says its names are not joined
        assert [w for w in warnings if "uharfbuzz" in w] == warnings != [], warnings
    assert any(name.startswith(font) for name in fonts_used(content)), fonts_used(content)
    text = pdf_text(content)
    assert "[?U+" not in text
    assert not any(0xE000 <= ord(c) <= 0xF8FF for c in text)  # no glyph without its letters
    for word in (given, family):
        if script in ("bengali", "gurmukhi", "devanagari") and SHAPING:
            assert same_letters(word, text), (word, text)
        else:
            assert printed(word, readable(text)), (word, text)


@pytest.mark.parametrize("script", sorted(NAMES))
def test_a_letter_prints_every_name_in_its_script(vault, script):
    given, family, _font = NAMES[script]
    with vault.session() as session:
        built = build_case(
            session, child_given=given, child_family=family, father=("Mr", given, family)
        )
    doc = make(vault, built, "attendance_meeting_invitation")
    check_printed(doc.content, document_warnings(doc), script)


def row(n: int, name: str) -> TargetingRow:
    return TargetingRow(
        upn=f"A1234567890{n:02d}",
        context=PupilContext(name=name, year_group="5", vulnerability_flags=("FSM",)),
        level=3,
        recent_attendance_pct=71.25,
        attendance_pct=80.0,
        absence_pct=20.0,
        possible=120,
        persistent=True,
        severe=False,
        holiday_trigger=False,
        threshold_met=False,
        threshold_met_on=None,
        unresolved_n=1,
    )


@pytest.mark.parametrize("script", sorted(NAMES))
def test_the_targeting_list_prints_every_name_in_its_script(script):
    given, family, _font = NAMES[script]
    content = targeting_pdf(
        [row(1, f"{given} {family}"), row(2, "Amelia Wiśniewska")],
        school=f"St Mary's ({given})",  # in the heading (bold) and the footer (canvas)
        period=(date(2026, 9, 3), TODAY),
        council="Northbridge City Council",
    )
    check_printed(content, None, script)
    assert "Amelia Wiśniewska" in pdf_text(content)


def test_every_script_on_one_page_uses_each_font_and_marks_nothing(vault):
    everyone = "; ".join(f"{g} {f}" for g, f, _font in NAMES.values())
    content = targeting_pdf(
        [row(1, everyone)],
        school="St Mary's",
        period=(date(2026, 9, 3), TODAY),
        council="Northbridge City Council",
    )
    used = fonts_used(content)
    for _g, _f, font in NAMES.values():
        assert any(name.startswith(font) for name in used), (font, used)
    assert "[?U+" not in pdf_text(content)


def test_a_script_no_bundled_font_has_is_still_marked():
    glyphs = GlyphCheck()
    xml = inline(escape_value("ሀና محمد"), glyphs)  # Ethiopic: no bundled font
    assert "[?U+1200]" in xml and '<font face="EWOArabic">' in xml
    assert list(glyphs.missing) == ["ሀ", "ና"]


def test_right_to_left_words_are_put_in_drawing_order():
    def order(text: str) -> str:
        return "".join(visual_order(list(text)))

    assert order("محمد علی خان") == "خان علی محمد"
    assert order("Mr محمد علی Khan") == "Mr علی محمد Khan"
    assert order("(محمد علی).") == "(علی محمد)."
    assert order("محمد 12 علی") == "علی 12 محمد"
    assert order("محمد Al-Hassan") == "محمد Al-Hassan"


def test_a_fallback_run_in_bold_text_is_bold():
    glyphs = GlyphCheck()
    assert inline("**রহিম** Li", glyphs) == '<b><font face="EWOBengali-Bold">রহিম</font></b> Li'
    assert inline("*王芳*", glyphs) == '<i><font face="EWOCJK">王芳</font></i>'  # one weight


def test_right_to_left_letters_are_reversed_only_where_nothing_shapes_them():
    xml = inline("محمد", GlyphCheck())
    assert xml == f'<font face="EWOArabic">{"محمد" if SHAPING else "دمحم"}</font>'


def test_a_court_bundle_prints_the_names_in_its_index_records_and_stamps(vault):
    from ewo_desk.documents import reprint
    from ewo_desk.documents.bundles import build_bundle
    from tests.unit.bundles.builders import court_case

    with vault.session() as session:
        court = court_case(
            session, child_given="محمد", child_family="王芳", father=("Mr", "রহিম", "ਸਿੰਘ")
        )
    with vault.session() as session:  # build_bundle checks its index links and page stamps
        doc = build_bundle(session, court.ref, "prosecution", today=TODAY)
        session.expunge(doc)
    assert not [w for w in document_warnings(doc) if "cannot print" in w]
    assert reprint(doc) == doc.content
    used = fonts_used(doc.content)
    for font in ("NotoSansArabic", "WenQuanYi", "NotoSansBengali", "NotoSansGurmukhi"):
        assert any(name.startswith(font) for name in used), (font, used)
    text = readable(pdf_text(doc.content))
    assert "王芳" in text and "[?U+" not in text
