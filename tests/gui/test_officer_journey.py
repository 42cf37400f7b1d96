"""The officer's main journey through the whole app, headless: create the caseload with the demo
→ find a case → add a home visit → record a notice to improve for one parent → generate a letter
→ lock → unlock, and everything is still there."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta

import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from ewo_desk.store.schema import ChronologyEntry, GeneratedDocument, LegalAction
from ewo_desk.ui.controller import AppController
from ewo_desk.ui.documents import LetterDialog
from ewo_desk.ui.visit_form import VisitForm
from tests.conftest import PASSPHRASE
from tests.gui.test_first_run import create_vault, finish_profile
from tests.gui.test_journey import close_all
from tests.gui.test_workspace import choose, fill_notice_to_improve, open_step_dialog

CZECH = "EWO-2026-0017"  # Matěj Dvořák: an attendance contract with each parent
MUM = "Mrs Markéta Dvořáková"
WAIT = 60_000


def start_with_demo(qtbot, paths) -> AppController:
    controller = AppController(paths, quit=lambda: None)
    controller.start()
    wizard = controller.wizard
    create_vault(qtbot, wizard)
    finish_profile(wizard)
    wizard.demo_page.demo_box.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT)
    return controller


def find_case(qtbot, window, text: str, ref: str):
    window.find_action.trigger()
    assert window.search.hasFocus() or window.tabs.currentWidget() is window.caseload
    qtbot.keyClicks(window.search, text)
    assert window.proxy.rowCount() == 1
    with qtbot.waitSignal(window.case_activated):
        window.table.activated.emit(window.proxy.index(0, 0))
    workspace = window.current_workspace()
    assert workspace is not None and workspace.ref == ref
    return workspace


def add_visit(qtbot, window) -> None:
    window.visit_action.trigger()
    form = next(w for w in window.findChildren(VisitForm) if w.isVisible())
    form.outcome.setCurrentIndex(form.outcome.findData("seen"))
    form.child_seen.setCurrentIndex(form.child_seen.findData(True))
    form.people_seen.setText("Matěj and his mother")
    with qtbot.waitSignal(form.saved):
        form.save_button.click()


def generate_invitation(qtbot, workspace) -> int:
    workspace.documents.new_letter()
    dialog = next(w for w in workspace.documents.findChildren(LetterDialog) if w.isVisible())
    dialog.template_box.setCurrentIndex(dialog.template_box.findData("attendance_meeting_invitation"))
    dialog.parent_box.setCurrentIndex(dialog.parent_box.findText(MUM, Qt.MatchFlag.MatchContains))
    editors = {field.ask.name: field.editor for field in dialog.fields}
    editors["meeting_date"].setDate(date.today() + timedelta(days=7))
    editors["meeting_time"].setPlainText("10:00 am")
    editors["meeting_place"].setPlainText("the school office")
    # the period is left out: the school year to date
    qtbot.waitUntil(lambda: dialog.generate_button.isEnabled(), timeout=WAIT)
    with qtbot.waitSignal(dialog.generated, timeout=WAIT) as stored:
        dialog.generate_button.click()
    return stored.args[0]


def scan_for_plaintext(folders, needles) -> list[str]:
    """Every file under the folders that holds one of the needles, in UTF-8 or UTF-16."""
    spelled = {n.encode(enc) for n in needles for enc in ("utf-8", "utf-16-le")}
    found = []
    for folder in folders:
        for path in (p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            found += [f"{path.name}: {n!r}" for n in spelled if n in data]
    return found


def test_the_officers_day_from_setup_to_lock_and_back(qtbot, paths, tmp_path, monkeypatch):
    temp = tmp_path / "temp"  # the app's temporary files go here for this test, to be scanned
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    controller = start_with_demo(qtbot, paths)
    window = controller.window
    assert window.count_label.text().endswith("cases")

    workspace = find_case(qtbot, window, "0017", CZECH)
    add_visit(qtbot, window)
    assert any(e["kind"] == "home_visit" for e in workspace.view["chronology"])

    dialog = open_step_dialog(qtbot, workspace)
    choose(dialog, MUM, "notice_to_improve")
    fill_notice_to_improve(dialog)
    with qtbot.waitSignal(workspace.changed):
        dialog.save_button.click()
    steps = workspace.header.steps_text()
    assert steps[steps.index(f"{MUM}:") + 1].startswith("Notice to improve since")

    document_id = generate_invitation(qtbot, workspace)
    qtbot.waitUntil(lambda: workspace.documents.table.rowCount() >= 1)

    window.lock_action.trigger()
    assert controller.vault is None and not window.isVisible()
    # Locked: nothing personal in plain text in the data folder or the temporary folder.
    needles = ["Dvořák", "Dvořáková", "Markéta", "Matěj and his mother", "the school office"]
    assert not scan_for_plaintext([paths.root, temp], needles)
    planted = temp / "planted.txt"  # the scan itself finds what it looks for
    planted.write_bytes("Markéta".encode("utf-16-le"))
    planted_bytes = "Markéta".encode("utf-16-le")
    assert scan_for_plaintext([temp], needles) == [f"planted.txt: {planted_bytes!r}"]
    planted.unlink()
    unlock = controller.unlock_dialog
    unlock.passphrase.setText(PASSPHRASE)
    unlock.unlock_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT)

    with controller.vault.reader() as session:
        kinds = session.scalars(sa.select(LegalAction.kind)).all()
        visits = session.scalars(
            sa.select(ChronologyEntry).where(ChronologyEntry.kind == "home_visit")
        ).all()
        letter = session.get(GeneratedDocument, document_id)
        assert "notice_to_improve" in kinds
        assert any("Matěj and his mother" in v.text for v in visits)
        assert letter.kind == "attendance_meeting_invitation"
    close_all(controller)
