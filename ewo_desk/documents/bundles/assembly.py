"""Putting a bundle together, the one place its pages are numbered.

    built = assemble(plan)                         # a new bundle
    later = extend(built.content, built.manifest(), parts, added_on=day)   # a supplement

Order of work: every document's pages are collected and labelled (A1, A2 ... B1 in a family
bundle, 1, 2, 3 ... in a prosecution file; divider pages are "Section B"); the index is laid out
from what was collected (front matter, numbered i, ii, so its length never moves a page number);
then the pages are stamped, labelled, bookmarked and linked, and the finished PDF is read back and
checked (verify.py). A mismatch stops the build with a DocumentError: nothing is returned.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.constants import PageLabelStyle

from ewo_desk.documents.bundles import stamp as stamps
from ewo_desk.documents.bundles.index import lay_dividers, lay_index
from ewo_desk.documents.bundles.model import BuiltBundle, BundleKind, Entry, Heading, Part, Section
from ewo_desk.documents.bundles.verify import check_bundle, outline_title
from ewo_desk.documents.errors import DocumentError
from ewo_desk.documents.fonts import GlyphCheck
from ewo_desk.documents.styles import Styles, styles

COURT_SIZE = 12.0  # FPR PD27A asks for 12-point type
_NUMBERED = re.compile(r"^(.*?)(\d+)$")


@dataclass(frozen=True)
class BundlePlan:
    kind: BundleKind
    heading: Heading
    sections: tuple[Section, ...]
    warnings: tuple[str, ...] = ()
    page_limit: int | None = None  # warn above this many pages (family bundles)


@dataclass
class _Slot:
    page: PageObject | None
    label: str
    stamp: stamps.Stamp | None  # None: stamped already (a page of the bundle being extended)


def stamp_for(kind: BundleKind, label: str, exhibit: str = "") -> stamps.Stamp:
    """What the stamp says on a body page: "A7" in a family bundle, "Bundle page 12" in a
    criminal file (where "Page 12" could be mistaken for a letter's own page number)."""
    shown = f"Bundle page {label}" if not kind.sectioned and label.isdigit() else label
    return stamps.Stamp(shown, f"Exhibit {exhibit}" if exhibit else "")


def roman(number: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip  # fmt: skip
        while number >= value:
            out, number = out + letters, number - value
    return out


def _pages(part: Part) -> list[PageObject]:
    try:
        reader = PdfReader(io.BytesIO(part.pdf))
        pages = list(reader.pages)
    except Exception as exc:  # pypdf raises many kinds for a damaged file
        raise DocumentError(
            f"{part.title!r} cannot be read as a PDF ({exc.__class__.__name__}); make it again."
        ) from None
    if not pages:
        raise DocumentError(f"{part.title!r} has no pages.")
    return pages


def assemble(plan: BundlePlan) -> BuiltBundle:
    s = styles("sans", COURT_SIZE)
    glyphs = GlyphCheck(s.family)
    slots: list[_Slot] = []
    entries: list[Entry] = []
    dividers: list[tuple[str, int]] = []
    number = 0
    for section in plan.sections:
        if not section.parts:
            continue
        if plan.kind.sectioned:
            number = 0  # Bates numbering restarts in each section
            dividers.append((section.key, len(slots)))
            label = f"Section {section.key}"
            slots.append(_Slot(None, label, stamps.Stamp(label)))
        for part in section.parts:
            first = len(slots)
            for page in _pages(part):
                number += 1
                label = f"{section.key}{number}" if plan.kind.sectioned else str(number)
                slots.append(_Slot(page, label, stamp_for(plan.kind, label, part.exhibit)))
            entries.append(_entry(section.key, section.title, part, first, slots))
    if not entries:
        raise DocumentError("There is nothing to put in the bundle.")
    if dividers:
        _fill_dividers(plan, slots, entries, dividers, s, glyphs)
    sections = tuple((sec.key, sec.title) for sec in plan.sections if sec.parts)
    return _finish(plan.kind, plan.heading, sections, slots, entries, dividers, (), plan, s, glyphs)


def extend(
    previous: bytes,
    manifest: dict[str, Any],
    parts: Sequence[Part],
    *,
    added_on: date,
    warnings: Sequence[str] = (),
    page_limit: int | None = None,
) -> BuiltBundle:
    """The bundle with `parts` added after its last page, numbered on from it. Earlier pages are
    copied unchanged (with their stamps), so every earlier page reference stays valid."""
    if not parts:
        raise DocumentError("A supplement needs at least one document to add.")
    old = BuiltBundle.from_manifest(manifest)
    reader = PdfReader(io.BytesIO(previous))
    if len(reader.pages) != old.page_count:
        raise DocumentError(
            "The stored bundle does not have the pages its record lists; make a new bundle."
        )
    skip = old.index_pages
    labels = reader.page_labels
    slots = [_Slot(page, labels[i], None) for i, page in enumerate(reader.pages) if i >= skip]
    entries = [replace(e, first_page=e.first_page - skip) for e in old.entries]
    dividers = [(key, page - skip) for key, page in old.dividers]
    sections = list(old.sections)
    last = entries[-1]
    match = _NUMBERED.match(last.last_label)
    prefix, number = (match.group(1), int(match.group(2))) if match else ("", len(slots))
    if old.kind.sectioned:
        key, title = last.section, last.section_title  # on from the last page of the last section
    else:
        key = f"added-{added_on.isoformat()}-{len(old.supplements) + 1}"
        title = f"Documents added on {added_on:%d/%m/%Y}"
        sections.append((key, title))
    for part in parts:
        first = len(slots)
        for page in _pages(part):
            number += 1
            label = f"{prefix}{number}"
            slots.append(_Slot(page, label, stamp_for(old.kind, label, part.exhibit)))
        entries.append(replace(_entry(key, title, part, first, slots), added_on=added_on))
    plan = BundlePlan(old.kind, old.heading, (), tuple(warnings), page_limit)
    s = styles("sans", COURT_SIZE)
    return _finish(
        old.kind,
        old.heading,
        tuple(sections),
        slots,
        entries,
        dividers,
        (*old.supplements, added_on.isoformat()),
        plan,
        s,
        GlyphCheck(s.family),
    )


def _entry(key: str, title: str, part: Part, first: int, slots: list[_Slot]) -> Entry:
    return Entry(
        section=key,
        section_title=title,
        title=part.title,
        kind=part.kind,
        dated=part.dated,
        exhibit=part.exhibit,
        first_page=first,
        page_count=len(slots) - first,
        first_label=slots[first].label,
        last_label=slots[-1].label,
        source=part.source,
    )


def _fill_dividers(
    plan: BundlePlan,
    slots: list[_Slot],
    entries: list[Entry],
    dividers: list[tuple[str, int]],
    s: Styles,
    glyphs: GlyphCheck,
) -> None:
    titles = {e.section: e.section_title for e in entries}
    rows = [(key, titles[key]) for key, _page in dividers]
    pages = PdfReader(io.BytesIO(lay_dividers(plan.heading, rows, s, glyphs))).pages
    if len(pages) != len(dividers):
        raise DocumentError("A section divider did not fit on one page; shorten its title.")
    for (_key, at), page in zip(dividers, pages, strict=True):
        slots[at].page = page


def _finish(
    kind: BundleKind,
    heading: Heading,
    sections: tuple[tuple[str, str], ...],
    slots: list[_Slot],
    entries: list[Entry],
    dividers: list[tuple[str, int]],
    supplements: tuple[str, ...],
    plan: BundlePlan,
    s: Styles,
    glyphs: GlyphCheck,
) -> BuiltBundle:
    draft = BuiltBundle(b"", 0, 0, tuple(entries), sections, (), kind, heading, tuple(dividers))
    ranges = {key: draft.section_range(key) for key, _title in sections}
    summary = _summary(kind, sections, entries, len(slots))
    index = lay_index(heading, kind, sections, entries, ranges, summary, s, glyphs)
    n = index.page_count
    entries = [replace(e, first_page=e.first_page + n) for e in entries]
    dividers = [(key, page + n) for key, page in dividers]
    front = PdfReader(io.BytesIO(index.pdf)).pages
    everything = [_Slot(p, roman(i + 1), stamps.Stamp(roman(i + 1))) for i, p in enumerate(front)]
    everything += slots

    writer = PdfWriter()
    placed = _place(writer, everything)
    if len(writer.pages) != len(everything):
        raise DocumentError(
            f"The bundle was not made: {len(everything)} pages were planned but "
            f"{len(writer.pages)} were put together. Try again; report it if it happens again."
        )
    _stamp(writer, placed, s)  # each stamp goes on its own page, wherever that page ended up
    _label(writer, everything, n)
    built = BuiltBundle(
        b"",
        len(everything),
        n,
        tuple(entries),
        sections,
        (),
        kind,
        heading,
        tuple(dividers),
        supplements,
    )
    _bookmark(writer, built)
    for key, (page, rect) in index.anchors.items():
        target = _target(key, built)
        writer.add_annotation(page, Link(rect=rect, target_page_index=target, border=[0, 0, 0]))
    writer.add_metadata(
        {
            "/Title": f"{heading.title} – {heading.reference}",
            "/Author": heading.council,
            "/Subject": kind.label,
            "/Creator": "EWO Desk",
        }
    )
    writer.page_mode = "/UseOutlines"  # open with the bookmarks showing
    out = io.BytesIO()
    writer.write(out)
    content = out.getvalue()
    warnings = [*plan.warnings, *glyphs.warnings()]
    if plan.page_limit is not None and len(everything) > plan.page_limit:
        warnings.append(
            f"The bundle has {len(everything)} pages, more than the limit of {plan.page_limit} "
            "in the council's policy (FPR PD27A): a longer bundle needs the court's permission. "
            "Leave out documents the court does not need, or ask the court."
        )
    built = replace(built, content=content, warnings=tuple(dict.fromkeys(warnings)))
    problems = check_bundle(content, built)
    if problems:
        raise DocumentError(
            "The bundle was not made: its index, bookmarks or page numbers do not match its "
            "pages.\n- " + "\n- ".join(problems)
        )
    return built


def _summary(
    kind: BundleKind, sections: tuple[tuple[str, str], ...], entries: list[Entry], pages: int
) -> str:
    if kind.sectioned:
        keys = [key for key, _title in sections if any(e.section == key for e in entries)]
        where = f"sections {keys[0]} to {keys[-1]}" if len(keys) > 1 else f"section {keys[0]}"
        return (
            f"{pages} pages follow this index, in {where}. Each section is numbered from 1 "
            f"({keys[0]}1, {keys[0]}2 …); every page carries its number at the top right."
        )
    return (
        f"Pages 1 to {entries[-1].last_label} follow this index ({len(entries)} documents); every "
        "page carries its bundle page number at the top right."
    )


def _place(writer: PdfWriter, slots: list[_Slot]) -> list[tuple[PageObject, _Slot]]:
    """Every page into the writer, a rotated page first turned so its content is upright in a
    /Rotate 0 page (a stamp then lands the right way up). Returns each added page with its slot,
    so the stamp is tied to the page's content rather than to a position: a page that lands in
    the wrong place carries the wrong number there, and the check finds it."""
    placed = []
    for slot in slots:
        assert slot.page is not None
        added = writer.add_page(slot.page)
        if added.rotation % 360:
            added.transfer_rotation_to_content()
        placed.append((added, slot))
    return placed


def _stamp(writer: PdfWriter, placed: list[tuple[PageObject, _Slot]], s: Styles) -> None:
    todo = [(page, slot.stamp) for page, slot in placed if slot.stamp is not None]
    stamps.apply(writer, todo, s.family)


def _label(writer: PdfWriter, slots: list[_Slot], index_pages: int) -> None:
    """PDF page labels, so a viewer's page box shows "A7" and "Go to page A7" works."""
    writer.set_page_label(0, index_pages - 1, style=PageLabelStyle.LOWERCASE_ROMAN, start=1)
    runs: list[tuple[int, int, str, int | None]] = []  # first, last, prefix, start
    previous: tuple[str, int | None] | None = None
    for i in range(index_pages, len(slots)):
        match = _NUMBERED.match(slots[i].label)
        prefix, number = (match.group(1), int(match.group(2))) if match else (slots[i].label, None)
        continues = (
            previous is not None
            and number is not None
            and previous[1] is not None
            and previous == (prefix, number - 1)
        )
        if continues:
            runs[-1] = (runs[-1][0], i, prefix, runs[-1][3])
        else:
            runs.append((i, i, prefix, number))
        previous = (prefix, number)
    for first, last, prefix, start in runs:
        if start is None:
            writer.set_page_label(first, last, prefix=prefix)
        else:
            writer.set_page_label(
                first, last, style=PageLabelStyle.DECIMAL, prefix=prefix or None, start=start
            )


def _bookmark(writer: PdfWriter, built: BuiltBundle) -> None:
    writer.add_outline_item(title="Index", page_number=0)
    for key, title in built.sections:
        own = [e for e in built.entries if e.section == key]
        if not own:
            continue
        heading = f"Section {key}: {title}" if built.kind.sectioned else title
        parent = writer.add_outline_item(
            title=heading, page_number=_target(f"section:{key}", built), bold=True
        )
        for entry in own:
            writer.add_outline_item(
                title=outline_title(built.kind, entry), page_number=entry.first_page, parent=parent
            )


def _target(key: str, built: BuiltBundle) -> int:
    kind, _, name = key.partition(":")
    if kind == "entry":
        return built.entries[int(name)].first_page
    divider = dict(built.dividers).get(name)
    if divider is not None:
        return divider
    return next(e.first_page for e in built.entries if e.section == name)
