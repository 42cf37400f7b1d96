"""The letter markup: a small plain-text format council staff can edit, turned into flowables.

    # Heading, ## Smaller heading, ### Run-in heading
    A paragraph. A new line inside a paragraph is a new line on paper; a blank line ends it.
    **bold** and *italic*
    - a bullet item            1. a numbered item (the list starts at the number written)
    | Label | Value |          a table; a row of dashes |---|---| makes the row above a header;
                               a row runs on over several lines until a line ends with |
    > a boxed notice           (the caution, the s.9 declaration, warnings)
    ---                        a horizontal rule
    [signature]                the officer's signature block
    [sign here: Parent/carer]  a line for someone else to sign and date
    [page break]
    \\*  \\|  \\#  \\-           a backslash prints the next character as it is

Merge values are escaped before they reach this layer (`escape_value`): every punctuation mark in
a value is replaced by a private-use stand-in, so a parent called "*Bob* <b>" or "| x |" prints
exactly that and can never start a list, a table or bold text. The stand-ins are turned back into
the (XML-escaped) characters only after the markup has been read.
"""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ewo_desk.documents.fonts import (
    FALLBACKS,
    MARKER_COLOUR,
    SHAPING,
    FontFamily,
    GlyphCheck,
    compose_marks,
    marker_text,
    needs_shaping,
    reverse_word,
    strength,
    text_width,
    visual_order,
    word_strength,
)
from ewo_desk.documents.styles import BOX_EDGE, FRAME_WIDTH, RULE, SHADE, Styles

BREAK = "\ue000"  # a line break inside a value (multi-line notes, address lines)
MISSING_OPEN, MISSING_CLOSE = "\ue001", "\ue002"  # a character to print as a marker
FONT_OPEN, FONT_CLOSE = "\ue003", "\ue004"  # a run in a fallback font: OPEN, chr(_FONT_BASE + i)
_FONT_BASE = 0xE010  # i: the fallback's place in fonts.FALLBACKS
_LITERAL_BASE = 0xE100  # ASCII punctuation c is carried as chr(0xE100 + ord(c))
_PUNCTUATION = frozenset(string.punctuation)
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200e\u200f\u2060\ufeff"))
# ZWNJ/ZWJ change how Arabic and Indic letters join; anywhere else they are dropped
_STRAY_JOINER = re.compile("(?<![\u0600-\u08ff\u0900-\u0a7f])[\u200c\u200d]")

Directive = Callable[[str], list[Flowable]]


def literal(char: str) -> str:
    return chr(_LITERAL_BASE + ord(char))


def normalise(text: str) -> str:
    """NFC (so ễ is one character the font has, not e + two combining marks), no zero-widths
    (but the joiners of Arabic and Indic scripts), tabs as spaces, Windows line ends as plain new
    lines."""
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = _STRAY_JOINER.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")


def escape_value(text: str) -> str:
    """A merge value as inert text: no character in it can act as markup."""
    out = []
    for char in normalise(text):
        if char in _PUNCTUATION:
            out.append(literal(char))
        elif char == "\n":
            out.append(BREAK)
        elif 0xE000 <= ord(char) <= 0xF8FF:  # private use: print as a visible marker
            out.append(f"{MISSING_OPEN}{ord(char):04X}{MISSING_CLOSE}")
        else:
            out.append(char)
    return "".join(out)


# --- inline ---------------------------------------------------------------------------------

_AUTHOR_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])", re.S)
_MISSING = re.compile(f"{MISSING_OPEN}([0-9A-F]+){MISSING_CLOSE}")


def _author_escapes(text: str) -> str:
    return _AUTHOR_ESCAPE.sub(lambda m: literal(m.group(1)), text)


def inline(text: str, glyphs: GlyphCheck) -> str:
    """Markup text (already split into a block) -> reportlab paragraph XML.

    Each run of characters the document's font lacks (or whose script has its own font) goes in
    a <font> of the fallback that prints it; right-to-left words are put in drawing order; a
    character no font has becomes a red marker."""
    text = compose_marks(_author_escapes(text), glyphs)
    context = plain_text(text)
    lines = re.split(f"([\n{BREAK}])", text)
    text = "".join(
        line if line in ("\n", BREAK) else _fonts_in_line(line, glyphs, context) for line in lines
    )
    text = xml_escape(text)
    text = _BOLD.sub(r"<b>\1</b>", text)
    text = _ITALIC.sub(r"<i>\1</i>", text)
    return _restore(text, glyphs)


Item = tuple[str, FontFamily | None]  # a character and the family printing it (None: missing)


def _fonts_in_line(line: str, glyphs: GlyphCheck, context: str) -> str:
    base = glyphs.family
    if glyphs.all_plain("".join(c for c in line if not 0xE000 <= ord(c) <= 0xE1FF)):
        return line
    items: list[Item] = []
    for char in line:
        code = ord(char)
        if 0xE000 <= code <= 0xE1FF:  # our stand-ins: punctuation, breaks, markers
            family: FontFamily | None = base
        else:
            family = glyphs.font_for(char)
            previous = items[-1][1] if items else base
            if (
                previous not in (None, base)
                and (unicodedata.combining(char) or char in "\u200c\u200d")
                and previous.covers(char)  # type: ignore[union-attr]
            ):
                family = previous  # a mark stays with its letter
            if family is None:
                glyphs.note(char, context)
        items.append((char, family))
    if any(strength(char) == "R" for char, _f in items):
        items = visual_order(items, kind_of=lambda it: strength(it[0]), is_space=_is_space)
    out = []
    for family, group in itertools.groupby(items, key=lambda it: it[1]):
        run = "".join(char for char, _f in group)
        if family is None:
            out.extend(f"{MISSING_OPEN}{ord(c):04X}{MISSING_CLOSE}" for c in run)
            continue
        if not (family.shaped and SHAPING) and "R" in map(strength, run):
            run = " ".join(
                reverse_word(w) if word_strength(w) == "R" else w for w in run.split(" ")
            )
        if family is base:
            out.append(run)
        else:
            out.append(f"{FONT_OPEN}{chr(_FONT_BASE + FALLBACKS.index(family))}{run}{FONT_CLOSE}")
    return "".join(out)


def _is_space(item: Item) -> bool:
    return item[0] == " "


_FONT_TAG = re.compile(f"{FONT_OPEN}(.)|{FONT_CLOSE}|<(/?)([bi])>")


def _fonts(text: str) -> str:
    """Font stand-ins -> <font> tags naming the face for the <b>/<i> they are inside (reportlab
    takes a <font face>'s weight from the face, not from the text around it)."""
    state = {"b": 0, "i": 0}

    def tag(match: re.Match[str]) -> str:
        if match.group(3):
            state[match.group(3)] += -1 if match.group(2) else 1
            return match.group(0)
        if match.group(0) == FONT_CLOSE:
            return "</font>"
        family = FALLBACKS[ord(match.group(1)) - _FONT_BASE]
        face = family.faces[(1 if state["b"] else 0) + (2 if state["i"] else 0)]
        return f'<font face="{face}">'

    return _FONT_TAG.sub(tag, text)


def _restore(text: str, glyphs: GlyphCheck) -> str:
    def missing(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        if not glyphs.missing.get(char):
            glyphs.note(char, "")
        return f'<font color="{MARKER_COLOUR}"><b>{xml_escape(marker_text(char))}</b></font>'

    text = _MISSING.sub(missing, _fonts(text))
    out = []
    for char in text:
        code = ord(char)
        if char in (BREAK, "\n"):
            out.append("<br/>")
        elif _LITERAL_BASE <= code < _LITERAL_BASE + 128:
            out.append(xml_escape(chr(code - _LITERAL_BASE)))
        else:
            out.append(char)
    return "".join(out)


_FALLBACK_FACE = re.compile('<font face="(EWO[A-Za-z]+?)(-Bold)?">')


def paragraph(markup: str, style: Any) -> Paragraph:
    """Paragraph(markup, style), with fallback runs in bold when the style itself is bold (a
    heading, a table header): inline() cannot know the style its text goes into; and shaped
    (fonts.needs_shaping) when it holds Arabic or Indic text. Every paragraph of inline() text
    must be made here: a right-to-left word is left in reading order for HarfBuzz to draw."""
    if '<font face="' in markup and "bold" in style.fontName.lower():
        markup = _FALLBACK_FACE.sub(lambda m: f'<font face="{_bold_face(m.group(1))}">', markup)
    if needs_shaping(markup):
        style = style.clone(style.name, shaping=1)
    return Paragraph(markup, style)


def _bold_face(name: str) -> str:
    return next((f.bold for f in FALLBACKS if name in f.faces), name)


def plain_text(text: str) -> str:
    """Readable text with stand-ins undone and emphasis marks dropped (for widths and warnings)."""
    text = _MISSING.sub(lambda m: marker_text(chr(int(m.group(1), 16))), text)
    text = text.replace("**", "").replace(BREAK, " ")
    text = re.sub(f"{FONT_OPEN}.|{FONT_CLOSE}", "", text)
    return "".join(
        chr(ord(c) - _LITERAL_BASE) if _LITERAL_BASE <= ord(c) < _LITERAL_BASE + 128 else c
        for c in text
    )


# --- blocks ---------------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")
_RULE = re.compile(r"^\s*-{3,}\s*$")
_DIRECTIVE = re.compile(r"^\s*\[([a-z ]+)(?::\s*(.*?))?\]\s*$")
_SEPARATOR_CELL = re.compile(r"^:?-{3,}:?$")


class _Reader:
    def __init__(self, styles: Styles, glyphs: GlyphCheck, directives: dict[str, Directive]):
        self.s = styles
        self.glyphs = glyphs
        self.directives = directives
        self.story: list[Flowable] = []
        self.paragraph: list[str] = []
        self.items: list[str] = []
        self.list_kind = ""  # "bullet" or "number"
        self.list_start = 1
        self.rows: list[list[str]] = []
        self.header_rows = 0
        self.box: list[str] = []
        self.open_row: str | None = None

    def _row(self, text: str) -> None:
        self.open_row = None
        cells = [c.strip() for c in text.strip()[1:-1].split("|")]
        if self.rows and all(_SEPARATOR_CELL.match(c) for c in cells if c):
            self.header_rows = len(self.rows)
        else:
            self.rows.append(cells)

    def para(self, text: str, style: object = None) -> Paragraph:
        return paragraph(inline(text, self.glyphs), style or self.s.body)

    def flush(self) -> None:
        if self.open_row is not None:
            self._row(self.open_row + "|")
        if self.paragraph:
            self.story.append(self.para("\n".join(self.paragraph)))
            self.paragraph = []
        if self.items:
            self._flush_list()
        if self.rows:
            self.story.append(self._table())
            self.rows, self.header_rows = [], 0
        if self.box:
            self.story.append(self._box())
            self.box = []

    def _flush_list(self) -> None:
        flowables = [ListItem(self.para(item, self.s.bullet)) for item in self.items]
        kwargs: dict[str, object] = {
            "bulletFontName": self.s.family.regular,
            "bulletFontSize": self.s.size,
            "leftIndent": self.s.size * 1.6,
            "spaceAfter": self.s.size * 0.75,
        }
        if self.list_kind == "number":
            kwargs.update(bulletType="1", start=str(self.list_start), bulletFormat="%s.")
        else:
            kwargs.update(bulletType="bullet", start="•")
        self.story.append(ListFlowable(flowables, **kwargs))  # type: ignore[arg-type]
        self.items = []

    def _table(self) -> Table:
        columns = max(len(r) for r in self.rows)
        rows = [r + [""] * (columns - len(r)) for r in self.rows]
        data = []
        for i, row in enumerate(rows):
            style = self.s.cell_header if i < self.header_rows else self.s.cell
            data.append([self.para(cell, style) for cell in row])
        table = Table(data, colWidths=self._widths(rows), repeatRows=self.header_rows)
        commands = [
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        if self.header_rows:
            commands.append(("BACKGROUND", (0, 0), (-1, self.header_rows - 1), SHADE))
        table.setStyle(TableStyle(commands))
        table.spaceAfter = self.s.size * 0.9
        return table

    def _widths(self, rows: list[list[str]]) -> list[float]:
        """Columns that need little room get their natural width; the rest share what is left
        in proportion to their text, never narrower than their longest word."""
        fam, size, pad = self.s.family, self.s.cell.fontSize, 11.0
        natural, minimum = [], []
        for col in zip(*rows, strict=True):
            nat = mini = 0.0
            for i, cell in enumerate(col):
                text = plain_text(_author_escapes(cell))
                bold = i < self.header_rows or cell.startswith("**")
                font = fam.bold if bold else fam.regular
                lines = text.split("\n")
                nat = max(nat, *(text_width(t, font, size, self.glyphs) for t in lines))
                mini = max(
                    mini, *(text_width(w, font, size, self.glyphs) for w in text.split() or [""])
                )
            natural.append(nat + pad)
            minimum.append(mini + pad)
        return fit_columns(natural, minimum, FRAME_WIDTH, stretch_last=not self.header_rows)

    def _box(self) -> Table:
        paragraphs = "\n".join(self.box).split("\n\n")
        cell = [self.para(p.strip("\n"), self.s.box) for p in paragraphs if p.strip()]
        spaced: list[Flowable] = []
        for p in cell:
            if spaced:
                spaced.append(Spacer(1, self.s.size * 0.5))
            spaced.append(p)
        box = Table([[spaced]], colWidths=[FRAME_WIDTH])
        box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                    ("BOX", (0, 0), (-1, -1), 0.8, BOX_EDGE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 9),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                    ("TOPPADDING", (0, 0), (-1, -1), 7),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        box.spaceAfter = self.s.size * 0.9
        return box

    def line(self, raw: str) -> None:
        stripped = raw.strip()
        if not stripped and self.open_row is None:
            self.flush()
            return
        if raw.startswith(">"):
            if not self.box:
                self.flush()
            self.box.append(raw[1:].lstrip() if raw[1:].strip() else "")
            return
        if self.open_row is not None:  # a table row runs on until a line ends with |
            self.open_row += "\n" + stripped
            if stripped.endswith("|"):
                self._row(self.open_row)
            return
        if stripped.startswith("|"):
            if not self.rows:
                self.flush()
            if stripped.endswith("|") and len(stripped) > 1:
                self._row(stripped)
            else:
                self.open_row = stripped
            return
        if (m := _DIRECTIVE.match(raw)) and m.group(1) in self.directives:
            self.flush()
            made = self.directives[m.group(1)](m.group(2) or "")
            if m.group(1) == "signature":
                # the closing lines ("Yours sincerely") never end a page without the signature
                inner = [
                    x for f in made for x in (f._content if isinstance(f, KeepTogether) else [f])
                ]
                closing: list[Flowable] = []
                while (
                    len(closing) < 2
                    and self.story
                    and isinstance(self.story[-1], Paragraph)
                    and not self.story[-1].style.name.startswith("heading")
                ):
                    closing.insert(0, self.story.pop())
                made = [KeepTogether([*closing, *inner])]
            self.story.extend(made)
            return
        if m and m.group(1) == "page break":
            self.flush()
            self.story.append(PageBreak())
            return
        if _RULE.match(raw):
            self.flush()
            self.story.append(
                HRFlowable(
                    width="100%",
                    thickness=0.6,
                    color=RULE,
                    spaceBefore=2,
                    spaceAfter=self.s.size * 0.8,
                )
            )
            return
        if m := _HEADING.match(stripped):
            self.flush()
            level = len(m.group(1))
            style = (self.s.heading1, self.s.heading2, self.s.heading3)[level - 1]
            self.story.append(self.para(m.group(2), style))
            return
        bullet, numbered = _BULLET.match(raw), _NUMBERED.match(raw)
        if bullet or numbered:
            kind = "bullet" if bullet else "number"
            if self.paragraph or self.rows or self.box or (self.items and kind != self.list_kind):
                self.flush()
            if not self.items:
                self.list_kind = kind
                self.list_start = int(numbered.group(1)) if numbered else 1
            self.items.append(bullet.group(1) if bullet else numbered.group(2))  # type: ignore[union-attr]
            return
        if self.items and raw.startswith("  "):
            self.items[-1] += "\n" + stripped
            return
        if self.items or self.rows or self.box:
            self.flush()
        self.paragraph.append(stripped)


def fit_columns(
    natural: list[float], minimum: list[float], total: float, *, stretch_last: bool = False
) -> list[float]:
    """Column widths filling `total`. When everything fits, a table with a header row spreads
    out evenly; a label/value table (no header) gives the spare room to its last column."""
    if sum(natural) <= total:
        if stretch_last:
            return [*natural[:-1], total - sum(natural[:-1])]
        scale = total / sum(natural)
        return [w * scale for w in natural]
    widths: dict[int, float] = {}
    while True:
        free = [j for j in range(len(natural)) if j not in widths]
        if not free:
            break
        fair = (total - sum(widths.values())) / len(free)
        narrow = [j for j in free if natural[j] <= fair]
        if not narrow:
            break
        for j in narrow:
            widths[j] = natural[j]
    free = [j for j in range(len(natural)) if j not in widths]
    left = total - sum(widths.values())
    if free:
        share = {j: left * natural[j] / sum(natural[f] for f in free) for j in free}
        short = {j for j in free if share[j] < minimum[j]}
        for j in short:
            share[j] = minimum[j]
        rest = [j for j in free if j not in short]
        if rest:
            room = left - sum(share[j] for j in short)
            for j in rest:
                share[j] = max(minimum[j], room * natural[j] / sum(natural[r] for r in rest))
        widths.update(share)
    out = [widths[j] for j in range(len(natural))]
    if sum(out) > total:  # even the minimums do not fit: shrink everything alike
        out = [w * total / sum(out) for w in out]
    return out


def to_flowables(
    text: str,
    styles: Styles,
    glyphs: GlyphCheck,
    directives: dict[str, Directive] | None = None,
) -> list[Flowable]:
    reader = _Reader(styles, glyphs, directives or {})
    for raw in normalise(text).split("\n"):
        reader.line(raw.rstrip())
    reader.flush()
    return reader.story
