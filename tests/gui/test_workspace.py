"""The case workspace on the demo caseload: header, chronology, people, the legal pathway, and
recording a step (allowed, and blocked until the officer says why it goes ahead)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt

from ewo_desk.demo import populate
from ewo_desk.store.schema import ChronologyEntry, LegalAction
from ewo_desk.store.visits import edit_entry
from ewo_desk.ui import prompts
from ewo_desk.ui.workspace import CaseWorkspace, RecordStepDialog
from ewo_desk.ui.workspace.chronology_model import ENTRY_ROLE, ChronologyFilter, ChronologyModel
from ewo_desk.ui.workspace.step_fields import FieldInput

TODAY = date(2026, 11, 22)
CZECH = "EWO-2026-0017"  # Matěj Dvořák: an attendance contract with each parent
YORUBA = "EWO-2025-0004"  # Tèmítọ́pẹ́ Adébáyọ̀: convicted, two parents
NO_THRESHOLD = "EWO-2026-0035"  # support only: the rules block a notice to improve


@pytest.fixture
def demo_vault(vault):
    with vault.session() as session:
        populate(session, today=TODAY)
    return vault


def open_case(qtbot, vault, ref: str) -> CaseWorkspace:
    workspace = CaseWorkspace(vault, ref, today=lambda: TODAY)
    qtbot.addWidget(workspace)
    workspace.resize(1100, 720)
    workspace.show()
    return workspace


def open_step_dialog(qtbot, workspace: CaseWorkspace) -> RecordStepDialog:
    workspace.tabs.setCurrentWidget(workspace.pathway)
    qtbot.mouseClick(workspace.pathway.record_button, Qt.MouseButton.LeftButton)
    dialog = workspace.step_dialog
    assert isinstance(dialog, RecordStepDialog) and dialog.isVisible()
    return dialog


def choose(dialog: RecordStepDialog, parent_name: str, step: str) -> None:
    dialog.parent_box.setCurrentIndex(dialog.parent_box.findText(parent_name))
    dialog.step_box.setCurrentIndex(dialog.step_box.findData(step))


def field(dialog: RecordStepDialog, name: str) -> FieldInput:
    return next(w for w in dialog.inputs if w.field.name == name)


def fill_notice_to_improve(dialog: RecordStepDialog) -> None:
    ticks = field(dialog, "contents").editor
    for row in range(ticks.count()):
        ticks.item(row).setCheckState(Qt.CheckState.Checked)
    field(dialog, "sufficient_improvement").editor.setPlainText(
        "No unauthorised absence during the improvement period."
    )


def test_header_shows_the_child_in_their_own_script_and_the_figures(qtbot, demo_vault):
    workspace = open_case(qtbot, demo_vault, YORUBA)
    assert workspace.ref == YORUBA
    assert "Tèmítọ́pẹ́ Adébáyọ̀" in workspace.header.name_label.text()
    facts = workspace.header.facts_label.text()
    assert "age 14" in facts and "Year 10" in facts and "Northbridge High School" in facts
    figures = workspace.header.figures_label.text()
    assert "63.5%" in figures and "20 unauthorised of 104 sessions" in figures
    steps = workspace.header.steps_text()
    assert "Mr Oluwaseun Adébáyọ̀:" in steps and "Mrs Folake Adébáyọ̀:" in steps
    assert workspace.tabs.tabText(0) == "&Chronology"  # the primary view comes first


def test_journey_record_a_notice_to_improve_for_one_parent(qtbot, demo_vault):
    workspace = open_case(qtbot, demo_vault, CZECH)
    before = workspace.header.steps_text()
    assert before.count("Attendance contract since 11/09/2026 · in force") == 2

    dialog = open_step_dialog(qtbot, workspace)
    choose(dialog, "Mrs Markéta Dvořáková", "notice_to_improve")
    assert "does not include" in dialog.warn_label.text()  # the rules read the form as it is
    fill_notice_to_improve(dialog)
    assert "does not include" not in dialog.warn_label.text()
    assert dialog.decision is not None and dialog.decision.allowed
    assert not dialog.override.isVisibleTo(dialog)
    with qtbot.waitSignal(workspace.changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    steps = workspace.header.steps_text()
    mum = steps.index("Mrs Markéta Dvořáková:")
    dad = steps.index("Mr Tomáš Dvořák:")
    assert steps[mum + 1] == "Notice to improve since 22/11/2026 · in the improvement period"
    assert steps[dad + 1] == before[dad + 1]  # the other parent unchanged
    newest = workspace.chronology.model.entry_at(0)
    assert newest["kind"] == "legal_step"
    assert "Notice to improve recorded (22/11/2026)" in newest["text"]
    assert any("Notice to improve" in t for t in workspace.chronology.visible_texts())
    with demo_vault.reader() as session:
        row = session.get(LegalAction, dialog.recorded_id)
        assert row.kind == "notice_to_improve" and row.reason == ""


def test_a_blocked_step_needs_the_reason_it_goes_ahead(qtbot, demo_vault):
    workspace = open_case(qtbot, demo_vault, NO_THRESHOLD)
    dialog = open_step_dialog(qtbot, workspace)
    choose(dialog, "Mrs Nasreen Akhtar", "notice_to_improve")
    assert dialog.step_box.currentText().endswith("(blocked)")
    fill_notice_to_improve(dialog)
    assert dialog.blocked()
    assert dialog.block_label.isVisibleTo(dialog)
    assert "threshold" in dialog.block_label.text()
    assert dialog.override.isVisibleTo(dialog)
    assert not dialog.save_button.isEnabled()
    dialog.save()  # refused: nothing is written without the reason
    with demo_vault.reader() as session:
        count = session.scalar(sa.select(sa.func.count(LegalAction.id)))

    dialog.override.setPlainText("Pattern of absence agreed at the school's attendance panel.")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(workspace.changed):
        dialog.save_button.click()
    with demo_vault.reader() as session:
        assert session.scalar(sa.select(sa.func.count(LegalAction.id))) == count + 1
        row = session.get(LegalAction, dialog.recorded_id)
        assert row.reason.startswith("Pattern of absence agreed")
    assert (
        "Recorded despite a rule, because: Pattern"
        in workspace.chronology.model.entry_at(0)["text"]
    )


def test_a_refused_save_is_explained_and_writes_nothing(qtbot, demo_vault, monkeypatch):
    from ewo_desk.errors import EwoDeskError
    from ewo_desk.ui.workspace import record_step_dialog

    workspace = open_case(qtbot, demo_vault, CZECH)
    dialog = open_step_dialog(qtbot, workspace)
    choose(dialog, "Mr Tomáš Dvořák", "notice_to_improve")
    fill_notice_to_improve(dialog)

    def fails(*args, **kwargs):
        raise EwoDeskError("The caseload is locked.")

    warnings: list[str] = []
    monkeypatch.setattr(record_step_dialog, "record_step", fails)
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: warnings.append(text))
    with demo_vault.reader() as session:
        count = session.scalar(sa.select(sa.func.count(LegalAction.id)))
    dialog.save_button.click()
    assert warnings and "The caseload is locked." in warnings[0]
    assert "Nothing was saved" in warnings[0] and dialog.isVisible()
    with demo_vault.reader() as session:
        assert session.scalar(sa.select(sa.func.count(LegalAction.id))) == count
    dialog.reject()


def test_chronology_filters_by_kind_and_words_and_shows_edits(qtbot, demo_vault):
    with demo_vault.session() as session:
        entry = session.scalars(
            sa.select(ChronologyEntry).where(ChronologyEntry.kind == "phone_call").limit(1)
        ).one()
        ref = entry.case.ref
        old_text = entry.text
        edit_entry(session, entry.id, "Phoned the parent: Zoë will be in on Monday.")
        entry_id = entry.id
    workspace = open_case(qtbot, demo_vault, ref)
    chronology = workspace.chronology
    total = chronology.proxy.rowCount()
    chronology.kind_box.setCurrentIndex(chronology.kind_box.findData("phone_call"))
    assert 0 < chronology.proxy.rowCount() < total
    assert all(
        chronology.proxy.index(r, 0).data(ENTRY_ROLE)["kind"] == "phone_call"
        for r in range(chronology.proxy.rowCount())
    )
    chronology.search.setText("zoe monday")  # accent-blind
    assert chronology.proxy.rowCount() == 1
    assert "(edited " in chronology.visible_texts()[0]
    chronology.table.selectRow(0)
    shown = chronology.detail.toPlainText()
    assert "Edited" in shown and old_text.splitlines()[0] in shown
    chronology.search.setText(old_text.split()[-1])  # the earlier text is still found
    assert any(
        chronology.proxy.index(r, 0).data(ENTRY_ROLE)["id"] == entry_id
        for r in range(chronology.proxy.rowCount())
    )
    chronology.kind_box.setCurrentIndex(0)
    chronology.search.clear()
    assert chronology.proxy.rowCount() == total


def test_people_lists_parents_and_opens_a_siblings_case(qtbot, demo_vault):
    workspace = open_case(qtbot, demo_vault, "EWO-2026-0015")  # Zainab Akhtar; Hamza has a case
    workspace.tabs.setCurrentWidget(workspace.people)
    people = workspace.people
    names = [
        people.parents.topLevelItem(i).text(0) for i in range(people.parents.topLevelItemCount())
    ]
    assert "Mrs Nasreen Akhtar" in names
    sibling = people.siblings.topLevelItem(0)
    assert sibling.text(0) == "Hamza Akhtar" and sibling.text(2) == NO_THRESHOLD
    people.siblings.setCurrentItem(sibling)
    assert people.open_button.isEnabled()
    with qtbot.waitSignal(workspace.case_requested) as opened:
        qtbot.keyClick(people.siblings, Qt.Key.Key_Return)
    assert opened.args == [NO_THRESHOLD]


def test_pathway_tab_shows_next_steps_blocked_with_reasons_and_deadlines(qtbot, demo_vault):
    workspace = open_case(qtbot, demo_vault, NO_THRESHOLD)
    tree = workspace.pathway.next_steps
    mum = tree.topLevelItem(0)
    labels = {mum.child(i).text(0): mum.child(i) for i in range(mum.childCount())}
    blocked = labels["Notice to improve"]
    assert blocked.text(1) == "Blocked" and "threshold" in blocked.child(0).text(1)
    workspace = open_case(qtbot, demo_vault, CZECH)
    deadlines = workspace.pathway.deadlines
    assert deadlines.topLevelItemCount() == 4
    assert deadlines.topLevelItem(0).text(0) == "02/12/2026"


def test_keyboard_opens_the_record_step_dialog_for_the_chosen_step(qtbot, demo_vault):
    workspace = open_case(qtbot, demo_vault, CZECH)
    workspace.tabs.setCurrentWidget(workspace.pathway)
    tree = workspace.pathway.next_steps
    dad = tree.topLevelItem(1)
    step = next(
        dad.child(i) for i in range(dad.childCount()) if dad.child(i).text(0) == "Notice to improve"
    )
    tree.setCurrentItem(step)
    with qtbot.waitActive(workspace):
        workspace.activateWindow()
    tree.setFocus()
    qtbot.keyClick(
        tree, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = workspace.step_dialog
    assert dialog is not None and dialog.parent_box.currentText() == "Mr Tomáš Dvořák"
    assert dialog.step_box.currentData() == "notice_to_improve"
    for widget in dialog.inputs:
        assert widget.editor.accessibleName()
    dialog.reject()
    assert workspace.step_dialog is None


def test_add_tab_and_refresh(qtbot, demo_vault):
    from PySide6.QtWidgets import QLabel

    workspace = open_case(qtbot, demo_vault, CZECH)
    workspace.add_tab("Attendance", QLabel("marks"))
    assert workspace.tabs.count() == 4 and workspace.tabs.tabText(3) == "Attendance"
    with demo_vault.session() as session:
        from ewo_desk.store.casework import add_note

        add_note(session, CZECH, "Spoke to Markéta at the school gate.")
    workspace.refresh()
    assert "Spoke to Markéta" in workspace.chronology.model.entry_at(0)["text"]


def test_chronology_models_pass_the_model_tester(qtmodeltester, demo_vault):
    from ewo_desk.store.workspace import workspace_view

    with demo_vault.reader() as session:
        entries = workspace_view(session, YORUBA, TODAY)["chronology"]
    model = ChronologyModel()
    model.set_entries(entries)
    qtmodeltester.check(model)
    proxy = ChronologyFilter()
    proxy.setSourceModel(model)
    proxy.set_kind("legal_step")
    proxy.set_search("adébáyọ̀")
    qtmodeltester.check(proxy)
    empty = ChronologyModel()
    empty.set_entries([])
    qtmodeltester.check(empty)


def test_a_case_the_pathway_cannot_assess_still_opens_and_says_why(qtbot, demo_vault):
    from ewo_desk.store.casework import case_by_ref

    with demo_vault.session() as session:
        case_by_ref(session, CZECH).child.date_of_birth = None
    workspace = open_case(qtbot, demo_vault, CZECH)
    assert not workspace.pathway.problem_label.isHidden()
    assert "date of birth" in workspace.pathway.problem_label.text()
    assert not workspace.pathway.record_button.isEnabled()
    workspace.record_action.trigger()  # the shortcut does nothing rather than fail
    assert workspace.step_dialog is None


def test_names_in_right_to_left_scripts_still_read_left_to_right():
    from ewo_desk.ui.workspace.text import ltr, uk_time

    assert ltr("محمد Al-Hassan") == "\u200eمحمد Al-Hassan"
    assert ltr("Tèmítọ́pẹ́ Adébáyọ̀") == "Tèmítọ́pẹ́ Adébáyọ̀"
    assert uk_time("2026-06-30T23:30:00+00:00") == "01/07/2026 00:30"  # BST
    assert uk_time("2026-11-22T09:05:00+00:00") == "22/11/2026 09:05"
