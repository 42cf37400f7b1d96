"""Reading a finished bundle back and checking that its index tells the truth.

For every document the bundle lists, the finished PDF (parsed again from its bytes, as a viewer
would) must agree in four places: the page label of the page where the document starts, the stamp
printed on that page, the bookmark for the document, and the index row's link and printed pages.
Each disagreement is reported; assembly refuses the bundle if there is any.
"""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, Destination

from ewo_desk.documents.bundles import stamp as stamps
from ewo_desk.documents.bundles.index import PAGES_COLUMN_X
from ewo_desk.documents.bundles.model import BuiltBundle, BundleKind, Entry


def outline_title(kind: BundleKind, entry: Entry) -> str:
    """A bookmark names the document and where it is: "A4 Notice to improve", "ZD/3 ..."."""
    lead = entry.exhibit if entry.exhibit else (entry.first_label if kind.sectioned else "")
    return f"{lead} {entry.title}".strip()


def check_bundle(content: bytes, built: BuiltBundle) -> list[str]:
    from ewo_desk.documents.bundles.assembly import stamp_for  # one definition of the stamp

    try:
        reader = PdfReader(io.BytesIO(content))
        pages = reader.pages
        labels = reader.page_labels
    except Exception as exc:  # the bytes must parse; anything else is a failed build
        return [f"the finished PDF cannot be read back ({exc.__class__.__name__})"]
    problems: list[str] = []
    if len(pages) != built.page_count:
        problems.append(
            f"the PDF has {len(pages)} pages; the bundle should have {built.page_count}"
        )
        return problems
    for entry in built.entries:
        name = f"{entry.title!r} ({entry.pages})"
        last = entry.first_page + entry.page_count - 1
        if last >= len(pages):
            problems.append(f"{name} runs past the end of the PDF")
            continue
        if labels[entry.first_page] != entry.first_label or labels[last] != entry.last_label:
            problems.append(
                f"{name}: its pages are labelled {labels[entry.first_page]}–{labels[last]}"
            )
        # the stamp travels with the page's content: first and last pages must carry theirs
        ends = [("start", entry.first_page, entry.first_label)]
        if last != entry.first_page:
            ends.append(("end", last, entry.last_label))
        for where, page, label in ends:
            wanted = stamp_for(built.kind, label, entry.exhibit)
            if not stamps.shows(pages[page], wanted):
                seen = " ".join(stamps.stamp_words(pages[page])) or "nothing"
                problems.append(
                    f"{name}: the page where it should {where} is stamped {seen!r}, "
                    f"not {' '.join(wanted.tokens())!r}"
                )
    problems += _check_outline(reader, built)
    problems += _check_links(reader, built)
    return problems


def _flat(reader: PdfReader, items: Any, depth: int = 0) -> list[tuple[int, str, int]]:
    out: list[tuple[int, str, int]] = []
    for item in items:
        if isinstance(item, list):
            out += _flat(reader, item, depth + 1)
        elif isinstance(item, Destination):
            page = reader.get_destination_page_number(item)
            out.append((depth, str(item.title), -1 if page is None else page))
    return out


def _check_outline(reader: PdfReader, built: BuiltBundle) -> list[str]:
    marks = [(title, page) for depth, title, page in _flat(reader, reader.outline) if depth == 1]
    wanted = [(outline_title(built.kind, e), e.first_page) for e in built.entries]
    if len(marks) != len(wanted):
        return [f"the PDF has {len(marks)} document bookmarks; the index lists {len(wanted)}"]
    problems = []
    for (title, page), (want_title, want_page), entry in zip(
        marks, wanted, built.entries, strict=True
    ):
        if title != want_title or page != want_page:
            problems.append(
                f"{entry.title!r}: the bookmark {title!r} opens PDF page {page + 1}, "
                f"not {want_page + 1} ({entry.first_label})"
            )
    return problems


def _check_links(reader: PdfReader, built: BuiltBundle) -> list[str]:
    """The index rows in order: a section's heading row, then its documents."""
    numbers = {
        page.indirect_reference.idnum: i
        for i, page in enumerate(reader.pages)
        if page.indirect_reference is not None
    }
    found: list[tuple[int, Any, int]] = []  # index page, rect, target page
    for i in range(built.index_pages):
        for ref in reader.pages[i].get("/Annots") or []:
            annot = ref.get_object()
            dest = annot.get("/Dest")
            if annot.get("/Subtype") != "/Link" or not isinstance(dest, ArrayObject):
                continue
            found.append((i, annot["/Rect"], numbers.get(dest[0].idnum, -1)))
    rows: list[Entry | None] = []  # None: a section heading row
    for key, _title in built.sections:
        own = [e for e in built.entries if e.section == key]
        if own:
            rows += [None, *own]
    documents = [link for link, row in zip(found, rows, strict=False) if row is not None]
    if len(found) != len(rows):
        return [f"the index has {len(found)} links; it should have {len(rows)}"]
    problems = []
    parsed = {i: stamps.fragments(reader.pages[i]) for i in range(built.index_pages)}
    for (page, rect, target), entry in zip(documents, built.entries, strict=True):
        _x0, y0, x1, y1 = (float(v) for v in rect)
        column = (PAGES_COLUMN_X, y0, x1, y1)  # the row's "Pages" cell
        words = stamps.words_in(reader.pages[page], column, parsed[page])
        if "".join(words) != entry.pages:  # joined: a font change may split "E13–E14"
            problems.append(f"the index row for {entry.title!r} does not print {entry.pages}")
        if target != entry.first_page:
            problems.append(
                f"the index row for {entry.title!r} links to PDF page {target + 1}, "
                f"not {entry.first_page + 1} ({entry.first_label})"
            )
    return problems
