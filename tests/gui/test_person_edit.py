"""Correcting a parent's and a child's details from the People tab of an open case, keyboard
only: saved, shown, the caseload told; a bad postcode named and nothing written."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ewo_desk.demo import populate
from ewo_desk.store.casework import case_detail
from ewo_desk.store.schema import AuditEntry, ParentCarer
from ewo_desk.ui.workspace import CaseWorkspace
from ewo_desk.ui.workspace.person_dialog import ChildDialog, ParentDialog

TODAY = date(2026, 11, 22)
YORUBA = "EWO-2025-0004"  # Tèmítọ́pẹ́ Adébáyọ̀: two parents
MOTHER = "Mrs Folake Adébáyọ̀"
CTRL = Qt.KeyboardModifier.ControlModifier
CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit)


@pytest.fixture
def demo_vault(vault):
    with vault.session() as session:
        populate(session, today=TODAY)
    return vault


@pytest.fixture
def workspace(qtbot, demo_vault):
    workspace = CaseWorkspace(demo_vault, YORUBA, today=lambda: TODAY)
    qtbot.addWidget(workspace)
    workspace.resize(1100, 720)
    workspace.show()
    workspace.tabs.setCurrentWidget(workspace.people)
    return workspace


def parent_row(workspace: CaseWorkspace, name: str):
    tree = workspace.people.parents
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return next(row for row in rows if row.text(0) == name)


def open_parent_dialog(qtbot, workspace: CaseWorkspace, name: str) -> ParentDialog:
    people = workspace.people
    assert not people.edit_parent_button.isEnabled()  # nobody chosen yet
    people.parents.setFocus()
    people.parents.setCurrentItem(parent_row(workspace, name))
    assert people.edit_parent_button.isEnabled()
    qtbot.keyClick(people.parents, Qt.Key.Key_Return)  # Enter on a parent edits them
    dialog = workspace.person_dialog
    assert isinstance(dialog, ParentDialog) and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title_edit)
    return dialog


def audit_count(vault) -> int:
    with vault.reader() as s:
        return s.scalar(sa.select(sa.func.count()).select_from(AuditEntry))


def test_edit_a_parents_phone_and_safety_note_from_the_people_tab(qtbot, workspace):
    dialog = open_parent_dialog(qtbot, workspace, MOTHER)
    assert dialog.given.text() == "Folake" and dialog.family.text() == "Adébáyọ̀"
    assert dialog.relationship.currentText()  # the link is shown with their own details
    for widget in dialog.findChildren(QWidget):  # every control has a name a reader can say
        if isinstance(widget, CONTROLS) and not isinstance(widget.parent(), QComboBox):
            assert widget.accessibleName(), widget
    dialog.mobile.selectAll()
    qtbot.keyClicks(dialog.mobile, "07700 900555")
    dialog.safety.setFocus()
    qtbot.keyClicks(dialog.safety, "Do not visit alone.")
    qtbot.keyClick(dialog.safety, Qt.Key.Key_Return)  # Enter never saves
    assert dialog.isVisible()
    with (
        qtbot.waitSignal(workspace.changed),
        qtbot.waitSignal(dialog.saved),
    ):
        qtbot.keyClick(dialog.mobile, Qt.Key.Key_Return, CTRL)
    assert not dialog.isVisible() and workspace.person_dialog is None
    row = parent_row(workspace, MOTHER)
    columns = workspace.people.parents
    headers = [columns.headerItem().text(i) for i in range(columns.columnCount())]
    assert row.text(headers.index("Phone")) == "07700 900555"
    assert row.text(headers.index("Safety")).startswith("Do not visit alone.")
    assert workspace.people.parents.currentItem() is row  # still chosen after the refresh
    with workspace.vault.reader() as s:
        detail = case_detail(s, YORUBA, TODAY)
    last = detail["chronology"][-1]["text"]
    assert MOTHER in last and "mobile phone changed" in last and "safety note" in last
    assert "07700 900555" not in last  # words, not the values (the audit has those)


def test_a_bad_postcode_is_named_in_the_dialog_and_nothing_is_written(qtbot, workspace):
    dialog = open_parent_dialog(qtbot, workspace, MOTHER)
    before = audit_count(workspace.vault)
    dialog.postcode.selectAll()
    qtbot.keyClicks(dialog.postcode, "NOT A CODE")
    dialog.mobile.selectAll()
    qtbot.keyClicks(dialog.mobile, "07700 900555")
    with qtbot.assertNotEmitted(workspace.changed), qtbot.assertNotEmitted(dialog.saved):
        qtbot.keyClick(dialog.postcode, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "postcode 'NOT A CODE' is not a UK postcode" in dialog.error.text()
    assert "Nothing was saved" in dialog.error.text()
    assert audit_count(workspace.vault) == before
    with workspace.vault.reader() as s:
        mother = s.get(ParentCarer, dialog.parent_id)
        assert mother.phone_mobile != "07700 900555" and mother.version == dialog.version
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_form_opened_before_another_save_is_refused(qtbot, workspace):
    dialog = open_parent_dialog(qtbot, workspace, MOTHER)
    from ewo_desk.store.people import update_parent

    with workspace.vault.session() as s:  # saved elsewhere while this form is open
        update_parent(s, dialog.parent_id, {"email": "f@example.org"},
                      expected_version=dialog.version)  # fmt: skip
    qtbot.keyClicks(dialog.language, " (and English)")
    qtbot.keyClick(dialog.language, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible()
    assert "changed since you opened it; close and open it again" in dialog.error.text()


def test_edit_the_child_from_the_people_tab(qtbot, workspace):
    people = workspace.people
    with qtbot.waitSignal(workspace.changed):
        qtbot.mouseClick(people.edit_child_button, Qt.MouseButton.LeftButton)
        dialog = workspace.person_dialog
        assert isinstance(dialog, ChildDialog) and dialog.isVisible()
        assert dialog.given.text() == "Tèmítọ́pẹ́"
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.given)
        dialog.dob.selectAll()
        qtbot.keyClicks(dialog.dob, "31/02/2012")
        qtbot.keyClick(dialog.dob, Qt.Key.Key_Return, CTRL)
        assert "is not a date" in dialog.error.text() and dialog.isVisible()
        dialog.dob.setText(dialog.held["date_of_birth"].strftime("%d/%m/%Y"))
        dialog.flags["young_carer"].setChecked(not dialog.held["young_carer"])
        qtbot.keyClick(dialog.given, Qt.Key.Key_Return, CTRL)
    assert not dialog.isVisible()
    last = workspace.view["chronology"][-1]["text"]
    assert "young carer" in last
