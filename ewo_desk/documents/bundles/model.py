"""What a bundle is made of, before and after assembly.

A bundle is a list of sections; a section is a list of documents (`Part`), each already a PDF
(a stored letter, a record typeset from the case, an attachment turned into pages). Assembly
gives every page one label (the single numbering authority), and the result lists each document
with where it starts (`Entry`), which is what the index, the bookmarks and the stored source data
are made from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any


class BundleKind(StrEnum):
    PROSECUTION = "prosecution"  # magistrates' court file, s.444
    SJP = "sjp"  # Single Justice Procedure pack, s.444(1) only
    ESO = "eso"  # family court, education supervision order application

    @property
    def label(self) -> str:
        return {
            "prosecution": "Prosecution file",
            "sjp": "Single Justice Procedure pack",
            "eso": "Education supervision order application: court bundle",
        }[self.value]

    @property
    def sectioned(self) -> bool:
        """Family court bundles number each section from 1 (A1, A2 ... B1), FPR PD27A."""
        return self is BundleKind.ESO


MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
}


@dataclass(frozen=True)
class Attachment:
    """A document the officer adds (a scanned PDF, a photo of a letter, a signed certificate).

    `section`: for a family bundle the letter of the section it belongs in (default: the last,
    "other documents"); for a prosecution file "exhibit" (default), "statement" or "certificate".
    """

    title: str
    data: bytes
    media_type: str
    section: str = ""
    dated: date | None = None

    @classmethod
    def of(cls, item: Attachment | tuple[Any, ...]) -> Attachment:
        """Accept the plain (title, bytes, media type) the store will hand over."""
        if isinstance(item, Attachment):
            return item
        return cls(*item)

    @classmethod
    def from_file(cls, path: Path, section: str = "") -> Attachment:
        """A file the officer chose (the command line's --attach, the app's file dialog), titled
        from its name: "signed_s566-certificate.pdf" is listed as "signed s566 certificate"."""
        from ewo_desk.documents.errors import DocumentError

        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DocumentError(f"Cannot read the attachment {path}: {exc.strerror}.") from None
        title = path.stem.replace("_", " ").replace("-", " ").strip() or path.name
        return cls(title, data, MEDIA_TYPES.get(path.suffix.lower(), ""), section.strip())


@dataclass(frozen=True)
class Part:
    """One document of the bundle, as PDF bytes with what the index says about it."""

    title: str
    pdf: bytes
    kind: str  # a letter's kind, "record", "attachment"
    dated: date | None = None
    exhibit: str = ""  # e.g. "ZD/3"
    source: dict[str, Any] = field(default_factory=dict)  # where it came from, for the record


@dataclass(frozen=True)
class Section:
    key: str  # "A" in a family bundle; a short name in a prosecution file
    title: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Entry:
    """Where one document sits in the assembled bundle (pages are 0-based PDF page indexes)."""

    section: str
    section_title: str
    title: str
    kind: str
    dated: date | None
    exhibit: str
    first_page: int
    page_count: int
    first_label: str
    last_label: str
    source: dict[str, Any] = field(default_factory=dict)
    added_on: date | None = None  # set for documents added by a supplement

    @property
    def pages(self) -> str:
        """ "A4–A6", "12", as the index prints it."""
        if self.first_label == self.last_label:
            return self.first_label
        return f"{self.first_label}–{self.last_label}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "section_title": self.section_title,
            "title": self.title,
            "kind": self.kind,
            "dated": self.dated.isoformat() if self.dated else None,
            "exhibit": self.exhibit,
            "first_page": self.first_page,
            "page_count": self.page_count,
            "first_label": self.first_label,
            "last_label": self.last_label,
            "pages": self.pages,
            "source": self.source,
            "added_on": self.added_on.isoformat() if self.added_on else None,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Entry:
        return cls(
            section=raw["section"],
            section_title=raw["section_title"],
            title=raw["title"],
            kind=raw["kind"],
            dated=date.fromisoformat(raw["dated"]) if raw.get("dated") else None,
            exhibit=raw.get("exhibit", ""),
            first_page=int(raw["first_page"]),
            page_count=int(raw["page_count"]),
            first_label=raw["first_label"],
            last_label=raw["last_label"],
            source=dict(raw.get("source") or {}),
            added_on=date.fromisoformat(raw["added_on"]) if raw.get("added_on") else None,
        )


@dataclass(frozen=True)
class Heading:
    """What the index page says the bundle is: court, parties, child, reference."""

    title: str
    lines: tuple[tuple[str, str], ...]  # (label, value), e.g. ("Child", "Amelia W (born ...)")
    reference: str
    council: str
    marking: str = "OFFICIAL-SENSITIVE"


@dataclass(frozen=True)
class BuiltBundle:
    content: bytes
    page_count: int
    index_pages: int
    entries: tuple[Entry, ...]
    sections: tuple[tuple[str, str], ...]  # (key, title) in order
    warnings: tuple[str, ...]
    kind: BundleKind
    heading: Heading
    dividers: tuple[tuple[str, int], ...] = ()  # (section key, page) of each divider page
    supplements: tuple[str, ...] = ()  # ISO dates of supplements, oldest first

    def section_range(self, key: str) -> str:
        """The printed page range of a section, "A1–A9" (empty if it has no documents)."""
        own = [e for e in self.entries if e.section == key]
        if not own:
            return ""
        first, last = own[0].first_label, own[-1].last_label
        return first if first == last else f"{first}–{last}"

    def manifest(self) -> dict[str, Any]:
        """Enough to add a supplement later without re-reading anything but the PDF."""
        return {
            "kind": self.kind.value,
            "page_count": self.page_count,
            "index_pages": self.index_pages,
            "sections": [list(s) for s in self.sections],
            "dividers": [list(d) for d in self.dividers],
            "entries": [e.as_dict() for e in self.entries],
            "supplements": list(self.supplements),
            "heading": {
                "title": self.heading.title,
                "lines": [list(line) for line in self.heading.lines],
                "reference": self.heading.reference,
                "council": self.heading.council,
                "marking": self.heading.marking,
            },
        }

    @classmethod
    def from_manifest(cls, raw: dict[str, Any]) -> BuiltBundle:
        """The bundle as its stored record describes it (without the PDF bytes)."""
        from ewo_desk.documents.errors import DocumentError

        try:
            head = raw["heading"]
            return cls(
                content=b"",
                page_count=int(raw["page_count"]),
                index_pages=int(raw["index_pages"]),
                entries=tuple(Entry.from_dict(e) for e in raw["entries"]),
                sections=tuple((k, t) for k, t in raw["sections"]),
                warnings=(),
                kind=BundleKind(raw["kind"]),
                heading=Heading(
                    title=head["title"],
                    lines=tuple((a, b) for a, b in head["lines"]),
                    reference=head["reference"],
                    council=head["council"],
                    marking=head.get("marking", ""),
                ),
                dividers=tuple((k, int(p)) for k, p in raw.get("dividers", [])),
                supplements=tuple(raw.get("supplements", [])),
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise DocumentError(
                "The stored bundle's record is incomplete, so pages cannot be added to it; make "
                "a new bundle."
            ) from None
