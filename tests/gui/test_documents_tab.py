"""The case's documents tab: the list, the preview, and copies that leave the caseload (printed,
saved, reissued) checked against their fingerprint and recorded in the audit trail."""

import json
from datetime import date

import pytest
import sqlalchemy as sa
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from ewo_desk.documents import generate_letter
from ewo_desk.store.schema import AuditEntry, GeneratedDocument
from ewo_desk.ui import prompts
from ewo_desk.ui.documents import DocumentsTab, LetterDialog
from tests.unit.documents.builders import EXTRAS, TODAY, build_case


@pytest.fixture
def letters(vault):
    """The Wiśniewski case with two letters kept: the older invitation, the newer notice."""
    with vault.session() as session:
        built = build_case(session)
        ids = [
            generate_letter(
                session,
                built.ref,
                name,
                today=TODAY,
                parent_id=built.father_id,
                extra_fields=EXTRAS[name],
            ).id
            for name in ("attendance_meeting_invitation", "notice_to_improve")
        ]
    return built.ref, ids


@pytest.fixture
def tab(qtbot, vault, letters):
    widget = DocumentsTab(vault, letters[0], today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    return widget


def stored(vault, doc_id):
    with vault.session() as session:
        doc = session.get(GeneratedDocument, doc_id)
        return bytes(doc.content), doc.sha256, doc.page_count


def audit_entries(vault, action):
    with vault.session() as session:
        rows = session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action)).all()
        return [(row.entity_id, json.loads(row.payload)) for row in rows]


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_the_cases_letters_are_listed_newest_first(tab, vault, letters):
    _ref, (invitation, notice) = letters
    assert tab.table.rowCount() == 2
    row = [tab.table.item(0, c).text() for c in range(5)]
    _content, sha, pages = stored(vault, notice)
    made_today = date.today().strftime("%d/%m/%Y")  # when it was kept, not the letter's date
    assert row == [made_today, row[1], "Letter", str(pages), sha[:12]]
    assert row[1] == "Notice to improve – Mr Łukasz Wiśniewski"
    assert tab.table.item(1, 1).text().startswith("Invitation to an attendance meeting")
    assert not tab.print_action.isEnabled() and tab.preview.page_count == 0


def test_choosing_a_document_previews_it(tab, vault, letters):
    notice = letters[1][1]
    tab.table.selectRow(0)
    assert tab.selected_id() == notice
    assert tab.preview.page_count == stored(vault, notice)[2]
    assert tab.print_action.isEnabled() and tab.save_action.isEnabled()


def test_save_a_copy_writes_the_identical_pdf_and_audits_the_export(
    tab, vault, letters, tmp_path, monkeypatch
):
    target = tmp_path / "notice"
    asked = []
    monkeypatch.setattr(prompts, "save_path", lambda *args: asked.append(args[1:]) or str(target))
    tab.table.selectRow(0)
    tab.save_action.trigger()
    out = tmp_path / "notice.pdf"
    content, sha, _pages = stored(vault, letters[1][1])
    assert out.read_bytes() == content
    assert asked[0][1] == "C-2026-014 Notice to improve – Mr Łukasz Wiśniewski.pdf"
    ((entity_id, payload),) = audit_entries(vault, "export")
    assert entity_id == str(letters[1][1])
    assert payload == {"file": str(out.resolve()), "sha256": sha}
    assert str(out) in tab.status.text()


def test_cancelling_the_save_writes_and_records_nothing(tab, vault, monkeypatch):
    monkeypatch.setattr(prompts, "save_path", lambda *args: None)
    tab.table.selectRow(0)
    tab.save_action.trigger()
    assert audit_entries(vault, "export") == []


def test_print_sends_every_page_and_records_it(qtbot, tab, vault, letters, tmp_path, monkeypatch):
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(prompts, "choose_printer", lambda *args: pdf_printer(out))
    tab.table.selectRow(0)
    tab.print_action.trigger()
    assert tab.status.text().startswith("Sending")  # off the GUI thread
    qtbot.waitUntil(lambda: tab.status.text().startswith("Printed"), timeout=60_000)
    _content, sha, pages = stored(vault, letters[1][1])
    assert len(PdfReader(out).pages) == pages
    assert audit_entries(vault, "print") == [(str(letters[1][1]), {"sha256": sha})]
    assert tab.status.text() == f"Printed {tab.selected().title}: {pages} pages."


def test_reissue_refuses_a_copy_that_no_longer_matches(tab, vault, letters, monkeypatch):
    with vault.session() as session:
        doc = session.get(GeneratedDocument, letters[1][1])
        doc.content = bytes(doc.content).replace(b"Notice", b"Nodice", 1)
    warnings = []
    monkeypatch.setattr(prompts, "warn", lambda _parent, title, text: warnings.append(text))
    tab.refresh()
    tab.table.selectRow(0)
    assert "does not match the fingerprint" in tab.preview.blank.text()
    tab.reissue_action.trigger()  # choose_printer is never reached (it would fail the test)
    assert len(warnings) == 1 and "does not match the fingerprint" in warnings[0]
    assert audit_entries(vault, "reissue") == []


def test_reissue_prints_the_identical_copy_again(qtbot, tab, vault, letters, tmp_path, monkeypatch):
    out = tmp_path / "again.pdf"
    monkeypatch.setattr(prompts, "choose_printer", lambda *args: pdf_printer(out))
    tab.table.selectRow(1)
    tab.reissue_action.trigger()
    qtbot.waitUntil(lambda: tab.status.text().startswith("Reissued"), timeout=60_000)
    assert len(PdfReader(out).pages) == stored(vault, letters[1][0])[2]
    assert [e for e, _p in audit_entries(vault, "reissue")] == [str(letters[1][0])]


def test_cancelling_the_print_dialog_prints_and_records_nothing(tab, vault, monkeypatch):
    monkeypatch.setattr(prompts, "choose_printer", lambda *args: None)
    tab.table.selectRow(0)
    tab.print_action.trigger()
    assert audit_entries(vault, "print") == [] and tab.status.text().startswith("2 documents")


def test_the_buttons_have_shortcuts_and_new_letter_opens_the_dialog(qtbot, tab):
    keys = {
        a.text(): a.shortcut().toString()
        for a in (tab.new_letter_action, tab.bundle_action, tab.save_action, tab.reissue_action)
    }
    assert keys == {
        "New letter…": "Ctrl+Shift+L",
        "Make bundle…": "Ctrl+Shift+B",
        "Save a copy…": "Ctrl+Shift+S",
        "Reissue": "Ctrl+Shift+R",
    }
    assert tab.print_action.shortcut().toString() == "Ctrl+P"
    tab.new_letter_action.trigger()
    dialog = tab.findChild(LetterDialog)
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle().endswith(tab.ref)
    dialog.reject()
