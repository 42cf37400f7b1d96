"""Embedded fonts, and a check that every character of a document can really be printed.

We ship DejaVu Sans and DejaVu Serif (resources/fonts/, Bitstream Vera licence) and embed subsets
in every PDF, so names in any European script print the same on every machine and printer. A
character the font has no glyph for must never become a silent empty box on a court document:
`GlyphCheck` finds such characters from the font's own character map (the TTF cmap, as reportlab
reads it into `face.charToGlyph`), the markup layer prints them as a red "[?U+738B]" marker, and
the caller gets a warning naming them.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ewo_desk.documents.errors import DocumentError
from ewo_desk.documents.resources import fonts_dir

MARKER_COLOUR = "#C00000"


@dataclass(frozen=True)
class FontFamily:
    """Four faces registered under our own names (reportlab maps <b>/<i> onto them)."""

    name: str
    files: tuple[str, str, str, str]  # regular, bold, italic, bold italic

    @property
    def regular(self) -> str:
        return self.name

    @property
    def bold(self) -> str:
        return f"{self.name}-Bold"

    @property
    def italic(self) -> str:
        return f"{self.name}-Italic"

    @property
    def bold_italic(self) -> str:
        return f"{self.name}-BoldItalic"

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

_lock = threading.Lock()
_registered: set[str] = set()


def register(family: FontFamily = SANS) -> FontFamily:
    """Register the family's faces with reportlab once per process (parsing a TTF takes ~10 ms)."""
    if family.name in _registered:
        return family
    with _lock:
        if family.name in _registered:
            return family
        folder = fonts_dir()
        for face, filename in zip(family.faces, family.files, strict=True):
            path = folder / filename
            if not path.is_file():
                raise DocumentError(
                    f"The font file {filename} is missing from {folder}. Reinstall EWO Desk; "
                    "letters cannot be printed without their fonts."
                )
            pdfmetrics.registerFont(TTFont(face, str(path)))
        for bold, italic, face in (
            (0, 0, family.regular),
            (1, 0, family.bold),
            (0, 1, family.italic),
            (1, 1, family.bold_italic),
        ):
            addMapping(family.name, bold, italic, face)
        _registered.add(family.name)
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
    """What a missing character prints as: "[?U+738B]"."""
    return f"[?{codepoint(char)}]"


@dataclass
class GlyphCheck:
    """Collects the characters one document could not print, with the words they were in."""

    family: FontFamily = SANS
    missing: dict[str, list[str]] = field(default_factory=dict)

    def is_missing(self, char: str) -> bool:
        if char in "\n\r\t" or unicodedata.category(char) == "Cc":
            return False
        return not self.family.covers(char)

    def note(self, char: str, context: str) -> None:
        words = self.missing.setdefault(char, [])
        word = _word_around(context, char)
        if word and word not in words:
            words.append(word)

    def plain(self, text: str) -> str:
        """For strings drawn straight onto the canvas: markers without colour."""
        out = []
        for char in text:
            if self.is_missing(char):
                self.note(char, text)
                out.append(marker_text(char))
            else:
                out.append(char)
        return "".join(out)

    def warnings(self) -> list[str]:
        problems = []
        for char, words in self.missing.items():
            name = unicodedata.name(char, "unnamed character")
            where = f" in {', '.join(repr(w) for w in words[:3])}" if words else ""
            problems.append(
                f"The font cannot print {char!r} ({codepoint(char)} {name}){where}; it is shown "
                f"as {marker_text(char)} in red. Check the spelling, or write the name in by hand."
            )
        return problems


def _word_around(text: str, char: str) -> str:
    for word in text.split():
        if char in word:
            return word.strip(".,;:()[]\"'")
    return ""
