"""The header at the top of every letter template: what the letter is and which fields it needs.

    ---
    title: Notice to improve
    kind: notice_to_improve
    to: parent
    needs: child.name, child.date_of_birth, parent.name,
      school.name, officer.name
    optional: parent.phone
    asks: improvement_start (date), improvement_weeks (number),
      note (text, optional), ground (choice: no_offence | wrong_recipient)
    ---

`needs` are merge fields the case must have a value for; `optional` may be empty; `asks` are
values the officer gives when making the letter (the app shows a form, the command line takes
`--set name=value`). A line that starts with spaces continues the line above; `#` starts a
comment. Every field the letter uses must be listed, so the list of templates can say exactly
what each letter needs, and a typing mistake is caught with its line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ewo_desk.documents.errors import TemplateError

KEYS = {
    "title",
    "kind",
    "to",
    "letterhead",
    "marking",
    "font",
    "size",
    "footer",
    "needs",
    "optional",
    "asks",
    "description",
}
RECIPIENTS = ("parent", "school", "social_care", "none")
ASK_TYPES = ("text", "date", "money", "number", "percent", "list", "yes/no", "choice")
_FIELD = re.compile(r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$")
_ASK = re.compile(r"^([a-z_][a-z0-9_]*)\s*(?:\((.*)\))?$", re.S)


@dataclass(frozen=True)
class FieldRef:
    path: str
    line: int


@dataclass(frozen=True)
class Ask:
    """A value the officer supplies when making the letter."""

    name: str
    type: str
    optional: bool
    choices: tuple[str, ...]
    line: int

    def describe(self) -> str:
        kind = f"one of {' | '.join(self.choices)}" if self.type == "choice" else self.type
        return f"{self.name} ({kind}{', optional' if self.optional else ''})"


@dataclass(frozen=True)
class TemplateSpec:
    name: str  # file name without .txt
    filename: str  # e.g. notice_to_improve.txt
    path: Path
    source: str  # "council" (the council's own folder) or "shipped"
    title: str
    kind: str
    to: str
    letterhead: str
    marking: str
    font: str
    size: float
    signature_footer: bool
    description: str
    needs: tuple[FieldRef, ...]
    optional: tuple[FieldRef, ...]
    asks: tuple[Ask, ...]
    header_lines: int = field(default=0)

    def declared(self, path: str) -> bool:
        """Is `path` (or a group containing it) listed in the header?"""
        names = [f.path for f in (*self.needs, *self.optional)] + [a.name for a in self.asks]
        return any(path == n or path.startswith(n + ".") for n in names)

    def ask(self, name: str) -> Ask | None:
        return next((a for a in self.asks if a.name == name), None)


def split_front_matter(text: str, filename: str) -> tuple[dict[str, tuple[str, int]], int]:
    """The header's key: (value, line) pairs, and how many lines the header takes."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise TemplateError(
            filename,
            1,
            "the file must start with a header between two '---' lines (title, needs, asks...).",
        )
    values: dict[str, tuple[str, int]] = {}
    current = ""
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.rstrip()
        if line.strip() == "---":
            return values, number
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if raw[:1] in (" ", "\t"):
            if not current:
                raise TemplateError(
                    filename,
                    number,
                    "this line is indented but continues "
                    "nothing; start it with a name and a colon.",
                )
            value, first = values[current]
            values[current] = (f"{value}\n{line.strip()}\x00{number}", first)
            continue
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon or key not in KEYS:
            raise TemplateError(
                filename,
                number,
                f"{key or line!r} is not a header entry; use one of: {', '.join(sorted(KEYS))}.",
            )
        if key in values:
            raise TemplateError(filename, number, f"{key} is given twice.")
        values[key] = (f"{value.strip()}\x00{number}", number)
        current = key
    raise TemplateError(filename, 1, "the header has no closing '---' line.")


def _items(raw: str) -> list[tuple[str, int]]:
    """Comma-separated items (commas inside brackets do not split), each with its line."""
    items: list[tuple[str, int]] = []
    for chunk in raw.split("\n"):
        text, _, number = chunk.partition("\x00")
        depth, start = 0, 0
        for i, char in enumerate(text + ","):
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
            elif char == "," and depth <= 0:
                item = text[start:i].strip()
                if item:
                    items.append((item, int(number)))
                start = i + 1
    return items


def _text(raw: str) -> str:
    return " ".join(chunk.partition("\x00")[0].strip() for chunk in raw.split("\n")).strip()


def parse_spec(text: str, path: Path, source: str) -> TemplateSpec:
    filename = path.name
    if "\x00" in text:  # also the separator _items and _text rely on
        line = text[: text.index("\x00")].count("\n") + 1
        raise TemplateError(
            filename,
            line,
            "the file holds a NUL character, so it is not plain text (or it was damaged); "
            "save it again as UTF-8 text.",
        )
    values, header_lines = split_front_matter(text, filename)

    def get(key: str, default: str = "") -> tuple[str, int]:
        raw, line = values.get(key, ("", 1))
        return (_text(raw) or default), line

    title, _ = get("title")
    if not title:
        raise TemplateError(filename, 1, "the header needs a title: line.")
    to, to_line = get("to", "parent")
    if to not in RECIPIENTS:
        raise TemplateError(filename, to_line, f"to: must be one of {', '.join(RECIPIENTS)}.")
    letterhead, lh_line = get("letterhead", "full")
    if letterhead not in ("full", "small", "none"):
        raise TemplateError(filename, lh_line, "letterhead: must be full, small or none.")
    footer, footer_line = get("footer", "")
    if footer not in ("", "signature"):
        raise TemplateError(filename, footer_line, "footer: can only be 'signature'.")
    size_text, size_line = get("size", "11")
    try:
        size = float(size_text)
        if not 8 <= size <= 16:
            raise ValueError
    except ValueError:
        raise TemplateError(filename, size_line, "size: must be a number from 8 to 16.") from None
    font, font_line = get("font", "sans")
    if font not in ("sans", "serif"):
        raise TemplateError(filename, font_line, "font: must be sans or serif.")

    def fields(key: str) -> tuple[FieldRef, ...]:
        out = []
        for item, line in _items(values.get(key, ("", 1))[0]):
            if not _FIELD.match(item):
                raise TemplateError(
                    filename,
                    line,
                    f"{item!r} is not a field name (write it "
                    "like child.name or school.head_teacher).",
                )
            out.append(FieldRef(item, line))
        return tuple(out)

    asks = tuple(
        _ask(item, line, filename) for item, line in _items(values.get("asks", ("", 1))[0])
    )
    return TemplateSpec(
        name=path.stem,
        filename=filename,
        path=path,
        source=source,
        title=title,
        kind=get("kind", path.stem)[0],
        to=to,
        letterhead=letterhead,
        marking=get("marking")[0],
        font=font,
        size=size,
        signature_footer=footer == "signature",
        description=get("description")[0],
        needs=fields("needs"),
        optional=fields("optional"),
        asks=asks,
        header_lines=header_lines,
    )


def _ask(item: str, line: int, filename: str) -> Ask:
    m = _ASK.match(item)
    if not m:
        raise TemplateError(
            filename,
            line,
            f"{item!r} is not a valid ask; write it like "
            "meeting_date (date) or note (text, optional).",
        )
    name, spec = m.group(1), (m.group(2) or "text")
    kind, optional, choices = "text", False, ()
    for part in (p.strip() for p in spec.split(",")):
        if part == "optional":
            optional = True
        elif part.startswith("choice"):
            kind = "choice"
            choices = tuple(c.strip() for c in part.partition(":")[2].split("|") if c.strip())
            if not choices:
                raise TemplateError(
                    filename, line, f"{name}: list the choices, like (choice: first | second)."
                )
        elif part in ASK_TYPES:
            kind = part
        else:
            raise TemplateError(
                filename,
                line,
                f"{name}: {part!r} is not a type; use one of "
                f"{', '.join(ASK_TYPES)}, and 'optional'.",
            )
    return Ask(name, kind, optional, choices, line)
