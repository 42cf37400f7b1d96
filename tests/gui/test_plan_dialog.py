"""Planning a visit or meeting: UK time across the clock change, keyboard only, plain refusals,
and the File menu action that opens it for the case on screen and refreshes My work."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QApplication

from ewo_desk.store.schema import Task
from ewo_desk.ui.main_window import MainWindow
from ewo_desk.ui.plan_dialog import PlanDialog
from tests.gui.sample_cases import add_sample_cases

REF = "EWO-2026-0001"  # Zoë Dvořák
NOW = datetime(2026, 10, 20, 8, 25, tzinfo=UTC)  # Tuesday 20/10/2026, 09:25 BST


@pytest.fixture
def cases(vault):
    add_sample_cases(vault)
    return vault


def tasks(vault):
    with vault.reader() as s:
        found = s.scalars(sa.select(Task)).all()
        s.expunge_all()
        return found


def set_wall_clock(dialog, y, m, d, hh, mm):
    dialog.when.setDateTime(QDateTime(QDate(y, m, d), QTime(hh, mm), QTimeZone.utc()))


def make(qtbot, vault, ref=REF):
    dialog = PlanDialog(vault, ref, now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


@pytest.mark.parametrize(
    ("wall", "zone", "rule"),
    [
        ((2027, 3, 29, 10, 0), "BST", "planned-at: 2027-03-29T09:00+00:00"),
        ((2026, 10, 27, 10, 0), "GMT", "planned-at: 2026-10-27T10:00+00:00"),
    ],
)
def test_a_visit_is_saved_at_uk_time_with_ctrl_return(qtbot, cases, wall, zone, rule):
    dialog = make(qtbot, cases)
    assert dialog.chooser.chosen_label.text() == "Zoë Dvořák — EWO-2026-0001"
    assert dialog.when.text() == "20/10/2026 10:00"  # the next o'clock, UK time
    assert dialog.kind.currentData() == "visit"
    set_wall_clock(dialog, *wall)
    assert dialog.day.text().endswith(f"at 10:00, UK time ({zone})")
    qtbot.keyClicks(dialog.what, "Home visit with Mum, 4 Elm Row")
    with qtbot.waitSignal(dialog.planned) as planned:
        qtbot.keyClick(dialog.what, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert planned.args == [REF] and not dialog.isVisible()
    (task,) = tasks(cases)
    assert (task.kind, task.title, task.rule) == ("visit", "Home visit with Mum, 4 Elm Row", rule)
    assert dialog.task_id == task.id


def test_without_a_case_enter_picks_one_and_never_saves(qtbot, cases):
    dialog = make(qtbot, cases, ref=None)
    assert QApplication.focusWidget() is dialog.chooser.search
    qtbot.keyClicks(dialog.chooser.search, "nguyen")
    qtbot.keyClick(dialog.chooser.search, Qt.Key.Key_Return)
    assert dialog.ref == "EWO-2026-0002" and dialog.isVisible()
    assert QApplication.focusWidget() is dialog.kind
    dialog.kind.setCurrentIndex(dialog.kind.findData("meeting"))
    dialog.what.setFocus()
    qtbot.keyClicks(dialog.what, "Review at school")
    qtbot.keyClick(dialog.what, Qt.Key.Key_Return)
    assert dialog.isVisible() and tasks(cases) == []
    with qtbot.waitSignal(dialog.planned):
        dialog.save_button.click()
    (task,) = tasks(cases)
    assert (task.kind, task.title) == ("meeting", "Review at school")


def test_no_case_and_an_earlier_day_are_refused_plainly_and_nothing_is_saved(qtbot, cases):
    dialog = make(qtbot, cases, ref=None)
    dialog.save_button.click()
    assert dialog.error.isVisible() and "Choose the case" in dialog.error.text()
    dialog.chooser.choose(REF)
    set_wall_clock(dialog, 2026, 10, 19, 15, 0)
    dialog.save_button.click()
    assert dialog.isVisible() and tasks(cases) == []
    assert dialog.error.text().startswith("19/10/2026 is in the past.")
    set_wall_clock(dialog, 2026, 10, 20, 8, 0)  # earlier today is allowed
    with qtbot.waitSignal(dialog.planned):
        dialog.save_button.click()
    (task,) = tasks(cases)
    assert task.title == "Home visit"  # nothing typed: the kind says what it is


def test_the_file_menu_plans_for_the_open_case_and_my_work_shows_it(qtbot, cases):
    window = MainWindow(cases)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.my_work is not None)
    file_actions = window.menuBar().actions()[0].menu().actions()
    assert file_actions.index(window.plan_action) == file_actions.index(window.note_action) + 1
    assert window.plan_action.text() == "&Plan a visit or meeting…"
    assert window.plan_action.shortcut().toString() == "Ctrl+Shift+P"
    window.open_case(REF)
    window.plan_action.trigger()
    (dialog,) = [d for d in window.findChildren(PlanDialog) if d.isVisible()]
    assert dialog.ref == REF
    dialog.what.setText("Visit after school")
    before = window.my_work.planned.model.rowCount()
    with qtbot.waitSignal(dialog.planned):
        dialog.save_button.click()  # the next o'clock, within this week's list
    rows = window.my_work.planned.model
    assert rows.rowCount() == before + 1
    (row,) = [rows.row_at(r) for r in range(rows.rowCount()) if rows.row_at(r).get("task_id")]
    assert row["case_ref"] == REF and row["time"].endswith(":00")
    assert rows.index(0, 3).data() == "Home visit: Visit after school"
