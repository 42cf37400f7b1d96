"""The new-letter dialog: a form from the template's asks, a live preview made off the GUI
thread, the documents module's errors in plain words, and Generate storing the letter."""

from datetime import date

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit, QSpinBox

from ewo_desk.store.schema import GeneratedDocument
from ewo_desk.ui.documents import DocumentsTab, LetterDialog
from tests.unit.documents.builders import EXTRAS, TODAY, build_case

WAIT = 30_000  # a preview is made in well under a second; a loaded CI machine gets room


@pytest.fixture
def case(vault):
    with vault.session() as session:
        return build_case(session)


def open_dialog(qtbot, vault, ref, template):
    dialog = LetterDialog(vault, ref, today=lambda: TODAY, template=template)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(dialog, values):
    """Type the builders' values into the form, as an officer would."""
    for field in dialog.fields:
        value = values.get(field.ask.name)
        if value is None:
            continue
        editor = field.editor
        if isinstance(editor, QDateEdit):
            if field.ask.optional:
                field.given.setChecked(True)
            editor.setDate(date.fromisoformat(value))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("\n".join(value) if isinstance(value, list) else value)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(value))
        else:
            editor.setText(value)


def previewed(dialog):
    return dialog.generate_button.isEnabled()


def settled_with_problem(dialog):
    return dialog.problem.isVisible() and not dialog._timer.isActive() and not dialog._running


def test_the_form_has_an_editor_for_each_ask_by_its_type(qtbot, vault, case):
    dialog = open_dialog(qtbot, vault, case.ref, "notice_to_improve")
    editors = {f.ask.name: f for f in dialog.fields}
    assert isinstance(editors["improvement_start"].editor, QDateEdit)
    assert editors["improvement_start"].editor.displayFormat() == "dd/MM/yyyy"
    assert isinstance(editors["support_given"].editor, QPlainTextEdit)
    assert isinstance(editors["improvement_weeks"].editor, QSpinBox)
    assert isinstance(editors["sufficient_improvement"].editor, QPlainTextEdit)
    optional = editors["attendance_from"]
    assert isinstance(optional.given, QCheckBox) and optional.value() is None
    labels = [dialog.asks_form.labelForField(f.widget).text() for f in dialog.fields]
    assert "Attendance from (optional)" in labels and "Improvement start" in labels
    assert dialog.parent_box.isVisible() and "Wiśniewski" in dialog.parent_box.currentText()

    dialog.template_box.setCurrentIndex(dialog.template_box.findData("penalty_notice_withdrawal"))
    editors = {f.ask.name: f for f in dialog.fields}
    ground = editors["withdrawal_ground"].editor
    assert isinstance(ground, QComboBox)
    assert [ground.itemData(i) for i in range(ground.count())] == [
        "ought_not_to_have_been_issued",
        "wrong_recipient",
        "material_errors",
        "not_prosecuted",
    ]
    assert ground.itemText(0) == "Ought not to have been issued"
    assert isinstance(editors["refund"].editor, QLineEdit)


def test_a_letter_to_nobody_in_particular_does_not_ask_for_a_parent(qtbot, vault, case):
    dialog = open_dialog(qtbot, vault, case.ref, "s566_certificate")
    assert not dialog.parent_box.isVisible()
    assert dialog._request()["parent_id"] is None


def test_missing_values_are_named_and_generate_waits(qtbot, vault, case):
    dialog = open_dialog(qtbot, vault, case.ref, "notice_to_improve")
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == (
        "Fill in: Support given, Support offered, Sufficient improvement."
    )
    assert not dialog.generate_button.isEnabled()


def test_no_marks_for_the_period_is_said_plainly_and_generate_stays_off(qtbot, vault):
    with vault.session() as session:
        built = build_case(session, marks=False)
    dialog = open_dialog(qtbot, vault, built.ref, "notice_to_improve")
    fill(dialog, EXTRAS["notice_to_improve"])
    qtbot.waitUntil(lambda: settled_with_problem(dialog), timeout=WAIT)
    text = dialog.problem.text()
    assert text.startswith("No attendance marks for 03/09/2026") and "register first" in text
    assert "line" not in text and ".txt" not in text  # the officer's words, not the file's
    assert not dialog.generate_button.isEnabled()
    assert dialog.preview.page_count == 0


def test_a_rule_in_the_template_is_shown_in_its_own_words(qtbot, vault, case):
    dialog = open_dialog(qtbot, vault, case.ref, "notice_to_improve")
    fill(dialog, EXTRAS["notice_to_improve"] | {"improvement_weeks": "9"})
    qtbot.waitUntil(lambda: settled_with_problem(dialog), timeout=WAIT)
    assert dialog.problem.text().startswith("The improvement period must be between 3 and 6")
    assert not dialog.generate_button.isEnabled()


def test_the_preview_shows_every_page_and_generate_keeps_the_letter(qtbot, vault, case):
    tab = DocumentsTab(vault, case.ref, today=lambda: TODAY)
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == 0
    dialog = open_dialog(qtbot, vault, case.ref, "notice_to_improve")
    fill(dialog, EXTRAS["notice_to_improve"])
    qtbot.waitUntil(lambda: previewed(dialog), timeout=WAIT)
    assert not dialog.problem.isVisible()
    pages = dialog.preview.page_count
    assert pages >= 2 and dialog.preview.position.text() == f"Page 1 of {pages}"
    assert dialog.status.text() == f"Preview: {pages} pages, as it will print."

    dialog.generated.connect(tab._stored)
    with qtbot.waitSignal(dialog.generated, timeout=WAIT) as stored, qtbot.waitSignal(tab.changed):
        dialog.generate_button.click()
    with vault.session() as session:
        document = session.get(GeneratedDocument, stored.args[0])
        assert document.kind == "notice_to_improve" and document.page_count == pages
        assert session.scalar(sa.select(sa.func.count(GeneratedDocument.id))) == 1
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, 1).text() == "Notice to improve – Mr Łukasz Wiśniewski"
    assert tab.table.item(0, 3).text() == str(pages)
    assert tab.selected_id() == stored.args[0] and tab.preview.page_count == pages


def test_an_edit_while_a_preview_is_made_is_previewed_after_it(qtbot, vault, case):
    dialog = open_dialog(qtbot, vault, case.ref, "attendance_meeting_invitation")
    fill(dialog, EXTRAS["attendance_meeting_invitation"])
    qtbot.waitUntil(lambda: dialog._running, timeout=WAIT)
    place = next(f for f in dialog.fields if f.ask.name == "meeting_place")
    place.editor.setPlainText("The Civic Centre")  # while the first preview is being made
    qtbot.waitUntil(lambda: previewed(dialog), timeout=WAIT)
    assert dialog._previewed == dialog._asked
