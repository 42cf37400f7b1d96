"""Embedded fonts, per-character font fallback, and a check that every character of a document can
really be printed.

We ship DejaVu Sans and DejaVu Serif (resources/fonts/, Bitstream Vera licence) as the families a
document is set in, and fallback fonts for the scripts DejaVu lacks or cannot join: Noto Sans
Arabic (also Urdu, Persian), Bengali, Gurmukhi and Devanagari (SIL OFL 1.1) and WenQuanYi Micro
Hei for Chinese, Japanese and Korean (Apache 2.0). Subsets are embedded in every PDF, so a name
prints the same on every machine and printer.

`GlyphCheck.font_for` picks, for each character, the document's family or the fallback that
covers it (a script a fallback is made for always uses that fallback, so an Arabic name is never
half DejaVu); `markup.inline` wraps such runs in <font> tags and `draw_text` draws them on the
canvas. Arabic, Bengali, Gurmukhi and Devanagari are shaped (joined, reordered, conjuncts) with
HarfBuzz through reportlab when `uharfbuzz` is installed; Arabic words in a left-to-right line are
put in right-to-left order (`visual_order`).

A character no bundled font has must never become a silent empty box on a court document:
`GlyphCheck` finds such characters from the fonts' own character maps (the TTF cmap, as reportlab
reads it into `face.charToGlyph`), the markup layer prints them as a red "[?U+1200]" marker, and
the caller gets a warning naming them.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ewo_desk.documents.errors import DocumentError
from ewo_desk.documents.resources import fonts_dir

try:  # HarfBuzz shaping for reportlab; without it the fallback fonts still print every letter
    import uharfbuzz  # noqa: F401

    SHAPING = True
except ImportError:  # pragma: no cover - depends on the installed packages
    SHAPING = False

MARKER_COLOUR = "#C00000"


@dataclass(frozen=True)
class FontFamily:
    """Four faces registered under our own names (reportlab maps <b>/<i> onto them).

    A fallback family names the code point ranges it is made for (`scripts`), whether its text
    needs shaping, and which face of a .ttc collection to use."""

    name: str
    files: tuple[str, str, str, str]  # regular, bold, italic, bold italic
    scripts: tuple[tuple[int, int], ...] = ()
    shaped: bool = False
    subfont: int = 0

    @property
    def regular(self) -> str:
        return self.name

    @property
    def bold(self) -> str:
        """A family with one weight (the CJK font) prints bold in that weight."""
        return self.regular if self.files[1] == self.files[0] else f"{self.name}-Bold"

    @property
    def italic(self) -> str:
        return self.regular if self.files[2] == self.files[0] else f"{self.name}-Italic"

    @property
    def bold_italic(self) -> str:
        return self.bold if self.files[3] == self.files[1] else f"{self.name}-BoldItalic"

    @property
    def faces(self) -> tuple[str, str, str, str]:
        return (self.regular, self.bold, self.italic, self.bold_italic)

    @cached_property
    def coverage(self) -> frozenset[int]:
        """Code points every face can print: a bold name must not lose a glyph the regular has."""
        register(self)
        maps = [set(pdfmetrics.getFont(face).face.charToGlyph) for face in self.faces]
        return frozenset(set.intersection(*maps))

    def covers(self, char: str) -> bool:
        return ord(char) in self.coverage

    def claims(self, char: str) -> bool:
        """Is `char` in a script this (fallback) family is made for?"""
        code = ord(char)
        return any(low <= code <= high for low, high in self.scripts)

    def face_like(self, face: str, base: FontFamily) -> str:
        """This family's face for the one `face` is in `base` (bold for bold)."""
        try:
            return self.faces[base.faces.index(face)]
        except ValueError:
            return self.regular


SANS = FontFamily(
    "EWOSans",
    (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
    ),
)
SERIF = FontFamily(
    "EWOSerif",
    (
        "DejaVuSerif.ttf",
        "DejaVuSerif-Bold.ttf",
        "DejaVuSerif-Italic.ttf",
        "DejaVuSerif-BoldItalic.ttf",
    ),
)
FAMILIES = {"sans": SANS, "serif": SERIF}


def _upright(stem: str) -> tuple[str, str, str, str]:
    """These scripts have no italic: italic text uses the upright faces."""
    regular, bold = f"{stem}-Regular.ttf", f"{stem}-Bold.ttf"
    return (regular, bold, regular, bold)


ARABIC = FontFamily(
    "EWOArabic",
    _upright("NotoSansArabic"),
    scripts=((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF),
             (0xFE70, 0xFEFF)),
    shaped=True,
)  # fmt: skip
BENGALI = FontFamily(
    "EWOBengali", _upright("NotoSansBengali"), scripts=((0x0980, 0x09FF),), shaped=True
)
GURMUKHI = FontFamily(
    "EWOGurmukhi", _upright("NotoSansGurmukhi"), scripts=((0x0A00, 0x0A7F),), shaped=True
)
DEVANAGARI = FontFamily(
    "EWODevanagari",
    _upright("NotoSansDevanagari"),
    scripts=((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF)),
    shaped=True,
)
CJK = FontFamily(
    "EWOCJK",
    ("wqy-microhei.ttc",) * 4,
    scripts=((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3000, 0x30FF), (0x3100, 0x31FF),
             (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF),
             (0xFF00, 0xFFEF)),
)  # fmt: skip
FALLBACKS: tuple[FontFamily, ...] = (ARABIC, BENGALI, GURMUKHI, DEVANAGARI, CJK)

_lock = threading.Lock()
_registered: set[str] = set()
_shaped_faces: set[str] = set()


def register(family: FontFamily = SANS) -> FontFamily:
    """Register the family's faces with reportlab once per process (parsing a TTF takes ~10 ms;
    a face that stands in for another, upright for italic, is registered once)."""
    if family.name in _registered:
        return family
    with _lock:
        if family.name in _registered:
            return family
        folder = fonts_dir()
        for face, filename in dict(zip(family.faces, family.files, strict=True)).items():
            path = folder / filename
            if not path.is_file():
                raise DocumentError(
                    f"The font file {filename} is missing from {folder}. Reinstall EWO Desk; "
                    "letters cannot be printed without their fonts."
                )
            pdfmetrics.registerFont(TTFont(face, str(path), subfontIndex=family.subfont))
            if family.shaped:
                _shaped_faces.add(face)
        # regular last: where one face stands for several (no italic), reportlab reads the
        # face back as its last mapping, and a <font face> must not turn the text italic
        for bold, italic, face in (
            (1, 1, family.bold_italic),
            (0, 1, family.italic),
            (1, 0, family.bold),
            (0, 0, family.regular),
        ):
            addMapping(family.name, bold, italic, face)
        _registered.add(family.name)
        if family.shaped:
            _install_shaping()
    return family


def family_named(name: str) -> FontFamily:
    try:
        return register(FAMILIES[name])
    except KeyError:
        raise DocumentError(
            f"There is no font called {name!r}; use one of: {', '.join(FAMILIES)}."
        ) from None


def codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def marker_text(char: str) -> str:
    """What a missing character prints as: "[?U+1200]"."""
    return f"[?{codepoint(char)}]"


# --- direction ------------------------------------------------------------------------------

_LITERAL_BASE = 0xE100  # markup.literal(): ASCII punctuation carried as chr(0xE100 + ord(c))


def strength(char: str) -> str:
    """"R" (right-to-left letter), "L" (left-to-right letter) or "N" (neither: spaces,
    punctuation, digits, marks, our private-use stand-ins)."""
    code = ord(char)
    if 0xE000 <= code <= 0xF8FF:
        return "N"
    kind = unicodedata.bidirectional(char)
    return "R" if kind in ("R", "AL") else "L" if kind == "L" else "N"


def visual_order(
    items: Sequence[Any], kind_of: Any = strength, is_space: Any = " ".__eq__
) -> list[Any]:
    """Right-to-left words of a left-to-right line, in the order they are drawn.

    `items`: one line, as characters (or words, with `kind_of` saying "R", "L" or "N" for each).
    Each stretch that starts and ends with a right-to-left item and holds no left-to-right one (a
    name like "محمد علي", or "محمد 12 علي") has its words reversed, as the Unicode bidirectional
    algorithm lays them out; the letters inside a word stay in reading order, for HarfBuzz (or
    `reverse_word`) to draw. Neutral characters at the ends of a stretch ("(", ".") stay put."""
    kinds = [kind_of(item) for item in items]
    out = list(items)
    i = 0
    while i < len(out):
        if kinds[i] != "R":
            i += 1
            continue
        end = j = i
        while j < len(out) and kinds[j] != "L":
            if kinds[j] == "R":
                end = j
            j += 1
        while end + 1 < len(out) and kinds[end + 1] == "N" and _is_mark(out[end + 1]):
            end += 1
        words: list[list[Any]] = [[]]
        spaces: list[Any] = []
        for item in out[i : end + 1]:
            if is_space(item):
                spaces.append(item)
                words.append([])
            else:
                words[-1].append(item)
        if len(words) > 1:
            stretch: list[Any] = []
            for n, word in enumerate(reversed(words)):
                if n:
                    stretch.append(spaces[n - 1])
                stretch.extend(word)
            out[i : end + 1] = stretch
        i = end + 1
    return out


def _is_mark(item: Any) -> bool:
    return isinstance(item, str) and len(item) == 1 and bool(unicodedata.combining(item))


def word_strength(text: str) -> str:
    """The direction of a word: that of its first letter with one ("N": none)."""
    return next((k for k in map(strength, text) if k != "N"), "N")


def reverse_word(text: str) -> str:
    """A right-to-left word drawn without shaping: its letters reversed, each keeping its
    combining marks after it."""
    clusters: list[str] = []
    for char in text:
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return "".join(reversed(clusters))


# --- which font prints a character ----------------------------------------------------------

_JOINERS = "\u200c\u200d"


@dataclass
class GlyphCheck:
    """Chooses a font for each character and collects the characters one document could not
    print, with the words they were in."""

    family: FontFamily = SANS
    missing: dict[str, list[str]] = field(default_factory=dict)
    _fonts: dict[str, FontFamily | None] = field(default_factory=dict, repr=False)
    unshaped: set[str] = field(default_factory=set)  # scripts printed without shaping
    _plain: set[str] = field(default_factory=set, repr=False)  # see all_plain

    def font_for(self, char: str) -> FontFamily | None:
        """The family that prints `char`: `self.family`, a fallback, or None (no bundled font
        has it). A fallback made for the character's script wins over the document's family."""
        found = self._fonts.get(char, self)
        if found is not self:
            return found  # type: ignore[return-value]
        chosen: FontFamily | None = None
        if char in "\n\r\t" or unicodedata.category(char) == "Cc":
            chosen = self.family
        else:
            for fallback in FALLBACKS:
                if fallback.claims(char) and fallback.covers(char):
                    chosen = fallback
                    break
            else:
                if self.family.covers(char):
                    chosen = self.family
                else:
                    chosen = next((f for f in FALLBACKS if f.covers(char)), None)
        self._fonts[char] = chosen
        if chosen is not None and chosen.shaped and not SHAPING:
            self.unshaped.add(chosen.name.removeprefix("EWO"))
        return chosen

    def all_plain(self, text: str) -> bool:
        """Is every character of `text` printed by the document's own family, left to right,
        with no combining mark? (Most text: it needs no runs, no reordering, no shaping.)"""
        chars = set(text)
        if chars <= self._plain:
            return True
        for char in chars - self._plain:
            if self.font_for(char) is not self.family or strength(char) == "R":
                return False
            if _MARKS.match(char):
                return False
            self._plain.add(char)
        return True

    def is_missing(self, char: str) -> bool:
        return self.font_for(char) is None

    def note(self, char: str, context: str) -> None:
        words = self.missing.setdefault(char, [])
        word = _word_around(context, char)
        if word and word not in words:
            words.append(word)

    def runs(self, text: str) -> list[tuple[FontFamily | None, str]]:
        """`text` cut into (family, text) runs in reading order; family None: a missing
        character (noted). Combining marks and joiners stay with the letter before them."""
        out: list[tuple[FontFamily | None, str]] = []
        for char in text:
            family = self.font_for(char)
            if out and out[-1][0] not in (None, self.family):
                previous = out[-1][0]
                if (unicodedata.combining(char) or char in _JOINERS) and previous.covers(char):
                    family = previous
            if family is None:
                self.note(char, text)
                out.append((None, char))
            elif out and out[-1][0] is family:
                out[-1] = (family, out[-1][1] + char)
            else:
                out.append((family, char))
        return out

    def plain(self, text: str) -> str:
        """Text with markers for missing characters, where one font is all there is (document
        metadata; a canvas string uses `draw_text`)."""
        return "".join(marker_text(t) if f is None else t for f, t in self.runs(text))

    def warnings(self) -> list[str]:
        problems = []
        for char, words in self.missing.items():
            name = unicodedata.name(char, "unnamed character")
            where = f" in {', '.join(repr(w) for w in words[:3])}" if words else ""
            problems.append(
                f"The fonts EWO Desk has cannot print {char!r} ({codepoint(char)} {name}){where};"
                f" it is shown as {marker_text(char)} in red. Check the spelling, or write the "
                "name in by hand."
            )
        if self.unshaped:
            problems.append(
                f"{' and '.join(sorted(self.unshaped))} text is printed with its letters unjoined "
                "(this installation lacks the uharfbuzz package). Check the names before sending."
            )
        return problems


def _word_around(text: str, char: str) -> str:
    for word in text.split():
        if char in word:
            return word.strip(".,;:()[]\"'")
    return ""


_CLUSTER = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff][\u0300-\u036f]+")


def _marks_above_composed(cluster: str, glyphs: GlyphCheck) -> str:
    """A letter NFC leaves with a combining mark (Yorùbá Ọ̀: Ọ + grave) as the letter with its
    mark above in one character and the mark below combining (Ò + dot below): DejaVu has no mark
    positioning, and a combining mark above would sit on a capital's top, where one below does
    not collide. Canonically the same text."""
    decomposed = unicodedata.normalize("NFD", cluster)
    below = "".join(c for c in decomposed[1:] if unicodedata.combining(c) == 220)
    above = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in below))
    if not below or len(above) != 1 or glyphs.font_for(above) is not glyphs.family:
        return cluster
    return above + below


def compose_marks(text: str, glyphs: GlyphCheck) -> str:
    return _CLUSTER.sub(lambda m: _marks_above_composed(m.group(0), glyphs), text)


# --- text drawn straight on the canvas ------------------------------------------------------

Piece = tuple[str, Any, float]  # face, text (a ShapedStr when shaped), width
# HarfBuzz's defaults (joining, conjuncts, marks, required ligatures) and kerning; not reportlab's
# "dlig", which turns محمد into a ligature with vowel marks the officer never typed
FEATURES = {"kern": True, "liga": True}
# Latin, Greek or Cyrillic letters with combining marks NFC has no single character for (Yorùbá
# "Ọ̀"): HarfBuzz places the mark over the letter (GPOS), nothing else changes (no ligatures)
MARK_FEATURES = {"kern": False, "liga": False}
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def pieces(text: str, face: str, size: float, glyphs: GlyphCheck) -> list[Piece]:
    """`text` as it is drawn in `face` (one of `glyphs.family`'s faces) at `size`: runs in the
    order they go on the line, each in its font, shaped where its script needs it, with missing
    characters as markers."""
    base = glyphs.family
    if glyphs.all_plain(text):  # the usual case: one string, drawn as before
        return [(face, text, pdfmetrics.stringWidth(text, face, size))]
    text = compose_marks(text, glyphs)
    runs = glyphs.runs(text)
    words: list[tuple[FontFamily | None, str]] = []
    for family, run in runs:  # words, so visual_order can reverse right-to-left ones
        for n, part in enumerate(run.split(" ")):
            if n:
                words.append((base, " "))
            if part:
                words.append((family, part))
    ordered = visual_order(
        words, kind_of=lambda w: word_strength(w[1]), is_space=lambda w: w[1] == " "
    )
    out: list[Piece] = []
    for family, part in ordered:
        if family is None:
            part, family = marker_text(part), base
        font = family.face_like(face, base)
        if SHAPING and (family.shaped or _MARKS.search(part)):
            from reportlab.lib.abag import ABag

            word = [0.0, (ABag(fontName=font, fontSize=size), part)]
            features = FEATURES if family.shaped else MARK_FEATURES
            shaped = _shape(word, features, force=True)
            out.append((font, shaped[1][1], shaped[0]))
            continue
        if any(strength(c) == "R" for c in part):
            part = reverse_word(part)
        out.append((font, part, pdfmetrics.stringWidth(part, font, size)))
    return out


def text_width(text: str, face: str, size: float, glyphs: GlyphCheck) -> float:
    return sum(width for _f, _t, width in pieces(text, face, size, glyphs))


def draw_text(
    canvas: Any,
    x: float,
    y: float,
    text: str,
    face: str,
    size: float,
    glyphs: GlyphCheck,
    align: str = "left",
) -> float:
    """canvas.drawString for text that may need fallback fonts; `align`: left, right or centre
    (x is then the right edge or the centre). Sets the font itself; returns the width drawn."""
    drawn = pieces(text, face, size, glyphs)
    width = sum(w for _f, _t, w in drawn)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    for font, part, w in drawn:
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += w
    canvas.setFont(face, size)
    return width


# --- shaping inside paragraphs --------------------------------------------------------------

_installed = False


def _install_shaping() -> None:
    """Make reportlab's paragraph shaping (style.shaping) shape only our fallback scripts (and
    letters with combining marks), each font's run of a word on its own.

    reportlab shapes a whole word with the font of its first letter, so "(محمد)" would be shaped
    with DejaVu's tables, and every Latin word would get HarfBuzz ligatures and kerning and lay
    out differently from before. The wrapper leaves words with no fallback script untouched, and
    shapes each run of a fallback font separately (runs keep their reading order: the right-to-
    left order of words is settled before, by `visual_order`)."""
    global _installed
    if _installed or not SHAPING:
        return
    from reportlab.pdfbase import ttfonts
    from reportlab.platypus import paragraph

    def shape(word: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(word, ttfonts.ShapedFragWord):
            return word
        frags = word[1:]
        if not any(
            f.fontName in _shaped_faces or _MARKS.search(s)
            for f, s in frags
            if not hasattr(f, "cbDefn")
        ):
            return word
        pieces_: list[Any] = []
        width = 0.0
        group: list[Any] = []

        def flush() -> None:
            nonlocal width
            if not group:
                return
            font = group[0][0].fontName
            marks = any(_MARKS.search(s) for _f, s in group)
            if font in _shaped_faces or marks:
                sub = [sum(pdfmetrics.stringWidth(s, f.fontName, f.fontSize) for f, s in group)]
                features = FEATURES if font in _shaped_faces else MARK_FEATURES
                shaped = _shape([*sub, *group], features)
                width += shaped[0]
                pieces_.extend(shaped[1:])
            else:
                for f, s in group:
                    width += pdfmetrics.stringWidth(s, f.fontName, f.fontSize)
                    pieces_.append((f, s))
            group.clear()

        for f, s in frags:
            if hasattr(f, "cbDefn"):
                flush()
                width += getattr(f, "width", 0)
                pieces_.append((f, s))
            else:
                if group and group[0][0].fontName != f.fontName:
                    flush()
                group.append((f, s))
        flush()
        return ttfonts.makeShapedFragWord(word)([width, *pieces_])

    paragraph.shapeFragWord = shape  # type: ignore[attr-defined]
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    _installed = True


# A shaped glyph with no character of its own (a conjunct, a joined form the font's cmap does not
# list) is given a private-use code by reportlab; without more, a PDF reader would copy or search
# that code, not the name. We note which letters each such glyph stands for and write them into
# the font's ToUnicode map.
_actual: dict[str, dict[int, str]] = {}  # PostScript name -> private-use code -> the letters


def _shape(word: list[Any], features: dict[str, bool], force: bool = False) -> Any:
    from reportlab.pdfbase import ttfonts

    shaped = ttfonts.shapeFragWord(word, features, force=force)
    if shaped is not word:
        _note_private(word, shaped)
    return shaped


def _note_private(word: list[Any], shaped: list[Any]) -> None:
    text = "".join(s for _f, s in word[1:])
    for frag, glyphs in shaped[1:]:
        data = getattr(glyphs, "__shapeData__", None)
        if not data or not any(0xE000 <= ord(c) <= 0xF8FF for c in glyphs):
            continue
        face = pdfmetrics.getFont(frag.fontName).face
        known = _actual.setdefault((face.name + face.subfontNameX).decode("latin-1"), {})
        starts = sorted({d.cluster for d in data} | {len(text)})
        by_cluster: dict[int, list[str]] = {}
        for char, d in zip(glyphs, data, strict=True):
            by_cluster.setdefault(d.cluster, []).append(char)
        for cluster, chars in by_cluster.items():
            if cluster < 0 or cluster >= len(text):
                continue
            rest = list(text[cluster : starts[starts.index(cluster) + 1]])
            for char in chars:  # letters with a glyph of their own are not repeated
                if char in rest:
                    rest.remove(char)
            private = [c for c in chars if 0xE000 <= ord(c) <= 0xF8FF]
            if private and rest:
                known.setdefault(ord(private[0]), "".join(rest))
                for other in private[1:]:  # its letters are given by the first glyph
                    known.setdefault(ord(other), "")


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode CMap, with the letters behind private-use glyph codes (and
    characters beyond U+FFFF written as UTF-16, which reportlab's own map gets wrong)."""
    known = _actual.get(fontname.split("+", 1)[-1], {})
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
    ]
    for code, value in enumerate(subset):
        letters = known.get(value, chr(value))
        lines.append(f"<{code:02X}> <{letters.encode('utf-16-be').hex().upper()}>")
    lines += [
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def needs_shaping(markup: str) -> bool:
    """Does this paragraph markup hold a run of a shaped script, or combining marks? (Only such
    paragraphs are shaped: reportlab lays a shaped paragraph out more slowly.)"""
    if not SHAPING:
        return False
    _install_shaping()
    return _SHAPED_MARKUP.search(markup) is not None


_SHAPED_MARKUP = re.compile(
    '<font face="(?:' + "|".join(f.name for f in FALLBACKS if f.shaped) + ")|" + _MARKS.pattern
)
