"""Making a court bundle from the app: the kinds the case allows, the prosecution it is for,
files attached through the prompts, the bundle made off the GUI thread (and cancellable), then
listed on the tab; and pages added to a stored bundle, numbered on from its last page."""

import json

import pytest
import sqlalchemy as sa

from ewo_desk.documents import generate_letter
from ewo_desk.documents.bundles import build_bundle
from ewo_desk.documents.bundles.stamp import stamp_words
from ewo_desk.store.schema import GeneratedDocument
from ewo_desk.ui import prompts
from ewo_desk.ui.documents import BundleDialog, DocumentsTab, SupplementDialog
from tests.unit.bundles.builders import (
    court_case,
    page_text,
    pdf_reader,
    scanned_pdf,
    second_prosecution,
)
from tests.unit.documents.builders import EXTRAS, TODAY, build_case

WAIT = 120_000  # a prosecution file is made in seconds; a loaded CI machine gets room


@pytest.fixture
def court(vault):
    with vault.session() as session:
        return court_case(session)


def open_dialog(qtbot, vault, ref):
    dialog = BundleDialog(vault, ref, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.kind_box.isEnabled(), timeout=WAIT)  # kinds checked
    return dialog


def bundles(vault):
    with vault.session() as session:
        return session.scalars(
            sa.select(GeneratedDocument).where(GeneratedDocument.kind.like("bundle_%"))
        ).all()


def test_a_case_without_a_prosecution_can_only_have_the_family_bundle(qtbot, vault):
    with vault.session() as session:
        built = build_case(session)
    dialog = open_dialog(qtbot, vault, built.ref)
    assert dialog.kind_box.currentData() == "eso" and dialog.make_button.isEnabled()
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("prosecution"))
    assert dialog.kind_note.text().startswith("There is no prosecution recorded on C-2026-014")
    assert not dialog.make_button.isEnabled()


def test_a_bundle_is_made_off_the_gui_thread_with_attachments_and_listed(
    qtbot, vault, court, tmp_path, monkeypatch
):
    scan = tmp_path / "signed_s566-certificate.pdf"
    scan.write_bytes(scanned_pdf(2, text="Signed certificate"))
    monkeypatch.setattr(prompts, "open_paths", lambda *args: [str(scan)])
    tab = DocumentsTab(vault, court.ref, today=lambda: TODAY)
    qtbot.addWidget(tab)
    before = tab.table.rowCount()
    dialog = open_dialog(qtbot, vault, court.ref)
    dialog.made.connect(tab._stored)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("prosecution"))
    dialog.add_button.click()
    assert dialog.file_list.item(0).text() == "signed_s566-certificate.pdf  →  Exhibits"
    dialog.place_box.setCurrentIndex(dialog.place_box.findData("certificate"))
    dialog.place_box.activated.emit(dialog.place_box.currentIndex())
    assert dialog.file_list.item(0).text().endswith("→  Certificate of attendance (signed s.566)")

    with qtbot.waitSignal(dialog.made, timeout=WAIT) as made:
        dialog.make_button.click()
        assert dialog.progress.isVisible() and not dialog.make_button.isEnabled()
    (bundle,) = bundles(vault)
    assert made.args == [bundle.id] and bundle.kind == "bundle_prosecution"
    record = json.loads(bundle.source_data_json)
    assert [(a["title"], a["section"]) for a in record["attachments"]] == [
        ("signed s566 certificate", "certificate")
    ]
    assert "pre-filled" not in dialog.notice.text()  # the signed one is in its place
    assert "draft EWO Desk made" in dialog.notice.text()  # the statement is still a draft
    assert not dialog.progress.isVisible()
    assert dialog.result_label.text().startswith(f"{bundle.title}: {bundle.page_count} pages, kept")
    assert dialog.preview.page_count == bundle.page_count
    assert dialog.cancel_button.text() == "Close"
    assert tab.table.rowCount() == before + 1
    assert tab.selected_id() == bundle.id
    assert tab.table.item(0, 2).text() == "Prosecution file"


def test_places_follow_the_kind_of_bundle(qtbot, vault, court, tmp_path, monkeypatch):
    photo = tmp_path / "school_letter.jpg"
    monkeypatch.setattr(prompts, "open_paths", lambda *args: [str(photo)])
    dialog = open_dialog(qtbot, vault, court.ref)
    dialog.add_button.click()
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("eso"))
    places = [dialog.place_box.itemData(i) for i in range(dialog.place_box.count())]
    assert places == ["E", "B", "C", "D"] and dialog.files == [(photo, "E")]
    assert dialog.file_list.item(0).text().endswith("Section E: Letters, notices and records")
    dialog.remove_button.click()
    assert dialog.files == [] and dialog.file_list.count() == 0


def test_cancel_while_making_keeps_nothing(qtbot, vault, court):
    dialog = open_dialog(qtbot, vault, court.ref)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("sjp"))
    made = []
    dialog.made.connect(made.append)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        dialog.make_button.click()
        dialog.cancel_button.click()
        assert dialog.isVisible() and "nothing will be kept" in dialog.result_label.text()
    assert made == [] and bundles(vault) == []


# --- which prosecution --------------------------------------------------------------------


def test_one_prosecution_needs_no_choice(qtbot, vault, court):
    dialog = open_dialog(qtbot, vault, court.ref)
    assert not dialog.form.isRowVisible(dialog.for_box) and dialog.prosecution_id() is None


def test_with_two_prosecutions_the_file_is_for_the_one_chosen(qtbot, vault, court):
    with vault.session() as session:
        mother = second_prosecution(session, court)
    dialog = open_dialog(qtbot, vault, court.ref)
    assert dialog.form.isRowVisible(dialog.for_box) and dialog.for_box.count() == 2
    assert dialog.for_box.itemText(0) == (
        "Ms Siobhán Ó Briain, offence 03/09 to 20/11/2026, laid 23/11/2026"
    )
    assert dialog.for_box.itemText(1).startswith("Mr Łukasz Wiśniewski, offence 03/09 to")
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("eso"))
    assert not dialog.for_box.isEnabled()  # the family bundle is for the child, not a parent
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("sjp"))
    assert dialog.for_box.isEnabled() and dialog.prosecution_id() == str(mother)
    assert "open court" in dialog.kind_note.text() and not dialog.make_button.isEnabled()
    dialog.for_box.setCurrentIndex(1)  # the father's goes by the Single Justice Procedure
    assert dialog.prosecution_id() == str(court.prosecution_id)
    assert dialog.make_button.isEnabled()

    with qtbot.waitSignal(dialog.made, timeout=WAIT):
        dialog.make_button.click()
        assert not dialog.for_box.isEnabled()  # the choice holds while the file is made
    (bundle,) = bundles(vault)
    assert bundle.kind == "bundle_sjp" and bundle.legal_action_id == court.prosecution_id
    assert bundle.title.endswith("Education Act 1996 – Mr Łukasz Wiśniewski – C-2026-014")
    first = json.loads(bundle.source_data_json)["bundle"]["entries"][0]
    offence = page_text(bundle.content, first["first_page"])
    assert "Defendant Mr Łukasz Wiśniewski" in offence and "Ó Briain" not in offence
    assert "Wiśniewski" in page_text(bundle.content, 0)  # the cover names the defendant


# --- pages added to a stored bundle --------------------------------------------------------


@pytest.fixture
def stored_bundle(vault, court):
    """A prosecution file kept in the caseload, then a letter made on the case after it."""
    with vault.session() as session:
        doc = build_bundle(session, court.ref, "prosecution", today=TODAY)
        generate_letter(
            session,
            court.ref,
            "penalty_notice_withdrawal",
            parent_id=court.built.father_id,
            today=TODAY,
            extra_fields=EXTRAS["penalty_notice_withdrawal"],
        )
        return doc.id, doc.page_count, json.loads(doc.source_data_json)["bundle"]


def open_supplement(qtbot, vault, court, stored_bundle):
    tab = DocumentsTab(vault, court.ref, today=lambda: TODAY)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    row = next(r for r, d in enumerate(tab.documents) if d.id == stored_bundle[0])
    tab.table.selectRow(0 if row else 1)  # the letter made after it is listed first
    assert not tab.supplement_action.isEnabled()  # pages are added to bundles only
    tab.table.selectRow(row)
    assert tab.supplement_action.isEnabled()
    assert tab.supplement_action.shortcut().toString() == "Ctrl+Shift+A"
    assert tab.supplement_action.toolTip() == "Add pages to this bundle… (Ctrl+Shift+A)"
    tab.supplement_action.trigger()
    dialog = tab.findChild(SupplementDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog._ready, timeout=WAIT)  # the bundle and what is new read
    return tab, dialog


def test_pages_added_from_the_tab_go_on_from_the_last_page_and_are_listed(
    qtbot, vault, court, stored_bundle, tmp_path, monkeypatch
):
    doc_id, old_pages, old = stored_bundle
    scan = tmp_path / "signed_s9-statement.pdf"
    scan.write_bytes(scanned_pdf(2, text="Signed statement"))
    monkeypatch.setattr(prompts, "open_paths", lambda *args: [str(scan)])
    tab, dialog = open_supplement(qtbot, vault, court, stored_bundle)
    before = tab.table.rowCount()
    last = old["entries"][-1]["last_label"]
    assert dialog.bundle_title.text() == tab.selected().title
    assert dialog.pages_note.text().startswith(f"{old_pages} pages, the last numbered {last}.")
    exhibits = [int(e["exhibit"][3:]) for e in old["entries"] if e["exhibit"]]
    assert dialog.new_list.count() == 1
    assert dialog.new_list.item(0).text().startswith(f"ZD/{max(exhibits) + 1}  Withdrawal")
    assert dialog.make_button.isEnabled()  # the new letter alone is enough to add
    dialog.add_button.click()
    dialog.place_box.setCurrentIndex(dialog.place_box.findData("statement"))
    dialog.place_box.activated.emit(dialog.place_box.currentIndex())
    assert dialog.file_list.item(0).text().endswith("→  A signed s.9 statement (not an exhibit)")

    with qtbot.waitSignal(dialog.made, timeout=WAIT) as made:
        dialog.make_button.click()
        assert dialog.progress.isVisible() and not dialog.make_button.isEnabled()
    later = next(b for b in bundles(vault) if b.id == made.args[0])
    record = json.loads(later.source_data_json)
    assert record["supplement_to"] == doc_id
    assert later.title.endswith(f"Wiśniewski – {court.ref} (with pages added 23/11/2026)")
    reader = pdf_reader(later.content)
    first_added = int(last) + 1
    new_index = record["bundle"]["index_pages"] - old["index_pages"]
    assert later.page_count == old_pages + new_index + 1 + 2  # the letter, then the scan
    labels = reader.page_labels[later.page_count - 3 :]
    assert labels == [str(first_added), str(first_added + 1), str(first_added + 2)]
    stamps = [stamp_words(p) for p in reader.pages[later.page_count - 3 :]]
    assert stamps == [  # the stamps printed on the pages: the letter is the next exhibit
        ["Exhibit", f"ZD/{max(exhibits) + 1}", "Bundle", "page", labels[0]],
        ["Bundle", "page", labels[1]],  # the signed statement is no exhibit
        ["Bundle", "page", labels[2]],
    ]
    assert dialog.result_label.text().startswith(f"Pages {first_added}–{first_added + 2} added ")
    assert dialog.preview.page_count == later.page_count
    assert dialog.preview.current_page == old_pages + new_index + 1  # on the first added
    assert dialog.cancel_button.text() == "Close" and not dialog.make_button.isEnabled()
    assert tab.table.rowCount() == before + 1 and tab.selected_id() == later.id
    assert tab.preview.page_count == later.page_count
    assert tab.preview.current_page == dialog.first_added  # the tab shows the added pages too
    dialog.cancel_button.click()
    assert not dialog.isVisible()


def test_cancelling_the_added_pages_keeps_nothing(qtbot, vault, court, stored_bundle):
    tab, dialog = open_supplement(qtbot, vault, court, stored_bundle)
    rows = tab.table.rowCount()
    made = []
    dialog.made.connect(made.append)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        dialog.make_button.click()
        dialog.cancel_button.click()
        assert dialog.isVisible() and "nothing will be kept" in dialog.result_label.text()
    assert made == [] and [b.id for b in bundles(vault)] == [stored_bundle[0]]
    assert tab.table.rowCount() == rows
