"""Assembly from ready-made parts, read back with pypdf: labels, stamps, index, bookmarks, links,
supplements, and a build that stops when its index would not match its pages."""

from datetime import date

import pytest

from ewo_desk.documents.bundles import (
    BundleKind,
    BundlePlan,
    Heading,
    Part,
    Section,
    assemble,
    assembly,
    check_bundle,
    extend,
)
from ewo_desk.documents.bundles.stamp import read_stamp, words_in
from ewo_desk.documents.errors import DocumentError
from tests.unit.bundles.builders import page_text, pdf_reader, text_pdf

HEADING = Heading(
    "Application for an education supervision order",
    (("Child", "Amelia Wiśniewska"), ("Respondents", "Mr Łukasz Wiśniewski; Ms Siobhán Ó Briain")),
    "C-2026-014",
    "Northbridge City Council",
)


def part(title: str, pages: int, exhibit: str = "", when: date | None = None) -> Part:
    return Part(title, text_pdf(pages, title), "letter", when, exhibit)


def family(page_limit: int | None = None) -> BundlePlan:
    return BundlePlan(
        BundleKind.ESO,
        HEADING,
        (
            Section("A", "Preliminary documents", (part("Case summary", 2), part("Chronology", 1))),
            Section("B", "Application", (part("Application form", 3),)),
            Section("C", "Statements", ()),  # empty: left out, letters stay fixed
            Section("D", "Attendance", (part("Statement of Zoë Dvořák", 4),)),
        ),
        page_limit=page_limit,
    )


def criminal() -> BundlePlan:
    return BundlePlan(
        BundleKind.PROSECUTION,
        HEADING,
        (
            Section("summary", "Case summary", (part("Case summary", 2),)),
            Section(
                "exhibits",
                "Exhibits",
                (part("Notice to improve", 3, "ZD/1"), part("Penalty notice", 2, "ZD/2")),
            ),
        ),
    )


def test_family_pages_are_numbered_per_section_with_a_divider_before_each():
    built = assemble(family())
    labels = pdf_reader(built.content).page_labels
    assert labels[built.index_pages :] == [
        "Section A",
        "A1",
        "A2",
        "A3",
        "Section B",
        "B1",
        "B2",
        "B3",
        "Section D",
        "D1",
        "D2",
        "D3",
        "D4",
    ]
    assert labels[: built.index_pages] == ["i", "ii"][: built.index_pages]
    assert [e.pages for e in built.entries] == ["A1–A2", "A3", "B1–B3", "D1–D4"]


def test_every_page_carries_its_stamp_and_each_document_starts_where_the_index_says():
    built = assemble(family())
    reader = pdf_reader(built.content)
    labels = reader.page_labels
    for number, page in enumerate(reader.pages):
        assert labels[number] in " ".join(read_stamp(page))
    index = " ".join(page_text(built.content, i) for i in range(built.index_pages))
    for entry in built.entries:
        assert f"{entry.title} {entry.pages}" in index or entry.pages in index
        first = page_text(built.content, entry.first_page)
        assert f"{entry.title} page 1" in first  # the document's own first page
        assert read_stamp(reader.pages[entry.first_page])[-1] == entry.first_label


def test_index_rows_link_to_the_page_each_document_starts_on():
    built = assemble(family())
    reader = pdf_reader(built.content)
    numbers = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    links = [
        (page, annot.get_object())
        for page in range(built.index_pages)
        for annot in reader.pages[page]["/Annots"]
    ]
    targets = {}
    for page, link in links:
        words = words_in(reader.pages[page], tuple(float(v) for v in link["/Rect"]))
        targets[" ".join(words)] = numbers[link["/Dest"][0].idnum]
    for entry in built.entries:
        row = next(text for text in targets if text.endswith(entry.pages) and entry.title in text)
        assert targets[row] == entry.first_page
    section_b = next(text for text in targets if text.startswith("Section B"))
    assert reader.page_labels[targets[section_b]] == "Section B"


def test_bookmarks_open_each_section_and_document():
    built = assemble(family())
    reader = pdf_reader(built.content)
    outline = reader.outline
    top = [item for item in outline if not isinstance(item, list)]
    assert [t.title for t in top] == [
        "Index",
        "Section A: Preliminary documents",
        "Section B: Application",
        "Section D: Attendance",
    ]
    children = [item for group in outline if isinstance(group, list) for item in group]
    assert [c.title for c in children] == [
        "A1 Case summary",
        "A3 Chronology",
        "B1 Application form",
        "D1 Statement of Zoë Dvořák",
    ]
    pages = [reader.get_destination_page_number(c) for c in children]
    assert pages == [e.first_page for e in built.entries]
    assert reader.page_labels[reader.get_destination_page_number(top[3])] == "Section D"


def test_a_prosecution_file_is_numbered_straight_through_and_exhibits_carry_their_reference():
    built = assemble(criminal())
    reader = pdf_reader(built.content)
    assert reader.page_labels == ["i", "1", "2", "3", "4", "5", "6", "7"]
    assert read_stamp(reader.pages[1]) == ["Bundle", "page", "1"]
    assert read_stamp(reader.pages[3]) == ["Exhibit", "ZD/1", "Bundle", "page", "3"]
    assert read_stamp(reader.pages[7]) == ["Exhibit", "ZD/2", "Bundle", "page", "7"]
    index = page_text(built.content, 0)
    assert "ZD/1 Notice to improve 3–5" in index and "ZD/2 Penalty notice 6–7" in index
    children = [c for group in reader.outline if isinstance(group, list) for c in group]
    assert [c.title for c in children] == [
        "Case summary",
        "ZD/1 Notice to improve",
        "ZD/2 Penalty notice",
    ]


def test_a_supplement_goes_after_the_last_page_and_keeps_every_earlier_reference():
    first = assemble(criminal())
    later = extend(
        first.content,
        first.manifest(),
        [part("Late letter", 2, "ZD/3")],
        added_on=date(2026, 12, 1),
    )
    before, after = pdf_reader(first.content), pdf_reader(later.content)
    skip_old, skip_new = first.index_pages, later.index_pages
    assert after.page_labels[skip_new:] == [*before.page_labels[skip_old:], "8", "9"]
    for old, new in zip(first.entries, later.entries, strict=False):
        assert (old.first_label, old.last_label) == (new.first_label, new.last_label)
        assert page_text(first.content, old.first_page) == page_text(later.content, new.first_page)
    added = later.entries[-1]
    assert (added.pages, added.added_on, added.exhibit) == ("8–9", date(2026, 12, 1), "ZD/3")
    assert read_stamp(after.pages[added.first_page]) == ["Exhibit", "ZD/3", "Bundle", "page", "8"]
    index = page_text(later.content, 0)
    assert "Late letter (added 01/12/2026) 8–9" in index
    assert later.supplements == ("2026-12-01",)


def test_a_family_supplement_numbers_on_in_the_last_section():
    first = assemble(family())
    later = extend(
        first.content, first.manifest(), [part("Late report", 2)], added_on=date(2026, 12, 1)
    )
    assert pdf_reader(later.content).page_labels[-2:] == ["D5", "D6"]
    assert later.entries[-1].pages == "D5–D6"
    again = extend(
        later.content, later.manifest(), [part("Later still", 1)], added_on=date(2026, 12, 8)
    )
    assert again.entries[-1].pages == "D7" and len(again.supplements) == 2


def test_a_page_lost_in_assembly_stops_the_build(monkeypatch):
    place = assembly._place

    def drop_one(writer, slots):
        return place(writer, slots[:5] + slots[6:])  # a page of a document goes missing

    monkeypatch.setattr(assembly, "_place", drop_one)
    with pytest.raises(DocumentError, match="bundle was not made"):
        assemble(family())


def test_pages_out_of_order_stop_the_build(monkeypatch):
    place = assembly._place

    def swap(writer, slots):
        slots = list(slots)
        a1, a2 = (next(i for i, s in enumerate(slots) if s.label == x) for x in ("A1", "A2"))
        slots[a1], slots[a2] = slots[a2], slots[a1]  # the case summary's pages change places
        return place(writer, slots)

    monkeypatch.setattr(assembly, "_place", swap)
    with pytest.raises(DocumentError) as error:
        assemble(family())
    assert "'Case summary' (A1–A2): the page where it should start is stamped 'A2'" in str(
        error.value
    )


def test_the_check_names_an_entry_that_points_at_the_wrong_page():
    from dataclasses import replace

    built = assemble(criminal())
    wrong = replace(built.entries[1], first_page=built.entries[1].first_page + 1)
    problems = check_bundle(
        built.content, replace(built, entries=(built.entries[0], wrong, *built.entries[2:]))
    )
    assert problems and any("Notice to improve" in p for p in problems)


def test_a_bundle_over_the_page_limit_is_made_with_a_warning():
    assert not assemble(family(page_limit=50)).warnings
    built = assemble(family(page_limit=5))
    assert built.page_count > 5
    assert any("more than the limit of 5" in w for w in built.warnings)


def test_names_with_accents_print_in_the_index_and_bookmarks():
    built = assemble(family())
    index = page_text(built.content, 0)
    assert "Mr Łukasz Wiśniewski; Ms Siobhán Ó Briain" in index
    assert "Statement of Zoë Dvořák" in index
    assert not built.warnings


def test_an_empty_bundle_is_refused():
    with pytest.raises(DocumentError, match="nothing to put"):
        assemble(BundlePlan(BundleKind.ESO, HEADING, (Section("A", "Nothing", ()),)))


def test_an_index_with_hundreds_of_distinct_letters_still_checks():
    """Past 256 distinct characters the font is embedded in several subsets, so a row's text
    comes back in pieces; the check must still read each row's pages."""
    alphabets = [
        "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя",
        "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψω",
        "ĄĆĘŁŃÓŚŹŻąćęłńóśźżČĎĚŇŘŠŤŮŽčďěňřšťůžŐŰőűÅÆØåæøÞÐþðẞß",
        "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
    ]
    parts = tuple(
        part(f"Letter {n} {''.join(alphabet[i::7])}", 1)
        for n, alphabet in enumerate(alphabets)
        for i in range(7)
    )
    plan = BundlePlan(BundleKind.ESO, HEADING, (Section("E", "Letters", parts),))
    built = assemble(plan)
    assert [e.pages for e in built.entries] == [f"E{n}" for n in range(1, len(parts) + 1)]
    assert not built.warnings
