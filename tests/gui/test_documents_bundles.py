"""Making a court bundle from the app: the kinds the case allows, files attached through the
prompts, the bundle made off the GUI thread (and cancellable), then listed on the tab."""

import json

import pytest
import sqlalchemy as sa

from ewo_desk.store.schema import GeneratedDocument
from ewo_desk.ui import prompts
from ewo_desk.ui.documents import BundleDialog, DocumentsTab
from tests.unit.bundles.builders import court_case, scanned_pdf
from tests.unit.documents.builders import TODAY, build_case

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
    assert dialog.result.text().startswith(f"{bundle.title}: {bundle.page_count} pages, kept")
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
        assert dialog.isVisible() and "nothing will be kept" in dialog.result.text()
    assert made == [] and bundles(vault) == []
