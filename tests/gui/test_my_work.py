"""The officer's start page on the demo caseload: each group, its count, and opening a case."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from ewo_desk.demo import populate
from ewo_desk.ui import prompts
from ewo_desk.ui.my_work import CROSSINGS, DEADLINES, PLANNED, MyWorkView, WorkModel

TODAY = date(2026, 11, 22)  # the demo's Sunday; see tests/unit/demo


@pytest.fixture
def demo(vault):
    with vault.session() as s:
        populate(s, today=TODAY)
    return vault


@pytest.fixture
def view(qtbot, demo):
    widget = MyWorkView(demo, today=lambda: TODAY)
    qtbot.addWidget(widget)
    return widget


def rows(group, column):
    model = group.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_models_pass_the_model_tester(qtmodeltester, view):
    for group in view.groups:
        qtmodeltester.check(group.model)
    empty = WorkModel(DEADLINES)
    qtmodeltester.check(empty)


def test_overdue_deadline_with_its_rule_and_parent_and_enter_opens_the_case(qtbot, view):
    assert view.title.text() == "My work — Sunday 22/11/2026"
    overdue = view.overdue
    assert overdue.heading.text() == f"Deadlines overdue or open now ({overdue.model.rowCount()})"
    row = rows(overdue, 1).index("Overdue by 27 days")
    item = overdue.model.row_at(row)
    assert item["case_ref"] == "EWO-2026-0006" and item["child"] == "Ciarán Ó Briain"
    assert rows(overdue, 4)[row] == "Mr Declan Fitzgerald"
    what = overdue.model.index(row, 5)
    assert what.data() == (
        "Penalty notice unpaid after 12/10/2026: prosecute or withdraw\n"
        "Rule: An unpaid penalty notice must be prosecuted or withdrawn"
    )
    assert "reg 9" in what.data(Qt.ItemDataRole.ToolTipRole)
    assert overdue.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None

    table = overdue.table
    table.setFocus()
    table.selectRow(row)
    with qtbot.waitSignal(view.case_requested) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == ["EWO-2026-0006"]


def test_double_click_opens_a_case_from_any_group(qtbot, view):
    view.show()
    qtbot.waitExposed(view)
    table = view.coming.table
    assert view.coming.model.rowCount() > 0
    rect = table.visualRect(table.model().index(0, 2))
    # QTest's double-click is seen as one only after a click (its press sets the pressed row)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.case_requested) as opened:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [view.coming.model.row_at(0)["case_ref"]]


def test_planned_visits_include_this_weeks_meetings_and_unfinished_visit_records(view):
    planned = {(r["case_ref"], r["source"]) for r in view.planned.model._rows}
    assert ("EWO-2026-0031", "task") in planned  # a review meeting on Saturday 28/11
    assert ("EWO-2026-0030", "draft") in planned  # a visit written on Friday, not finished
    assert view.planned.heading.text().endswith(f"({len(planned)})")
    assert len(PLANNED) == view.planned.model.columnCount()


def test_new_threshold_crossings_can_be_marked_as_seen(qtbot, view):
    crossings = view.crossings
    before = crossings.model.rowCount()
    assert before > 0 and len(CROSSINGS) == crossings.model.columnCount()
    assert not view.seen_button.isEnabled()
    first = crossings.model.row_at(0)
    crossings.table.selectRow(0)
    assert view.seen_button.isEnabled()
    view.seen_button.click()
    assert crossings.model.rowCount() == before - 1
    assert first["case_ref"] not in {r["case_ref"] for r in crossings.model._rows}
    assert crossings.heading.text().endswith(f"({before - 1})")


def test_an_empty_caseload_says_what_each_group_will_hold(qtbot, vault):
    view = MyWorkView(vault, today=lambda: TODAY)
    qtbot.addWidget(view)
    view.show()
    for group in view.groups:
        assert group.heading.text().endswith("(0)")
        assert group.empty_label.isVisible() and not group.table.isVisible()
    assert "planned" in view.planned.empty_label.text()
    assert not view.seen_button.isVisible()
    assert not view.done_button.isVisible() and not view.record_button.isVisible()


# --- visits and meetings the officer planned ----------------------------------------------------

PLANNED_REF = "EWO-2026-0031"  # no unfinished visit record in the demo


def plan_for(demo, kind, when, what):
    from datetime import UTC, datetime

    from ewo_desk.store.planner import plan

    with demo.session() as s:
        return plan(s, PLANNED_REF, kind, when, what, now=datetime(2026, 11, 22, 9, tzinfo=UTC))


def planned_row(view, task_id):
    model = view.planned.model
    (row,) = [r for r in range(model.rowCount()) if model.row_at(r).get("task_id") == task_id]
    return row


def task_status(demo, task_id):
    from ewo_desk.store.schema import Task

    with demo.reader() as s:
        return s.get(Task, task_id).status


def uk(*args):
    from datetime import date, time

    from ewo_desk.domain.calendar import london_datetime

    return london_datetime(date(*args[:3]), time(*args[3:]))


def test_a_planned_visit_shows_its_time_and_is_marked_done(qtbot, demo, view):
    task_id = plan_for(demo, "visit", uk(2026, 11, 24, 16, 15), "At home with Dad")
    view.refresh()
    row = planned_row(view, task_id)
    assert rows(view.planned, 0)[row] == "24/11/2026 16:15"
    assert rows(view.planned, 3)[row] == "Home visit: At home with Dad"
    assert view.done_button.isVisibleTo(view) and view.record_button.isVisibleTo(view)
    assert not view.done_button.isEnabled() and not view.record_button.isEnabled()
    view.planned.table.selectRow(row)
    assert view.done_button.isEnabled() and view.record_button.isEnabled()
    with qtbot.waitSignal(view.changed):
        view.done_button.click()
    assert task_status(demo, task_id) == "done"
    assert task_id not in {r.get("task_id") for r in view.planned.model._rows}
    assert not view.done_button.isEnabled()


def test_a_meeting_can_be_marked_done_but_not_recorded_as_a_visit(view, demo):
    task_id = plan_for(demo, "meeting", uk(2026, 11, 23, 9, 30), "Review at school")
    view.refresh()
    view.planned.table.selectRow(planned_row(view, task_id))
    assert view.done_button.isEnabled() and not view.record_button.isEnabled()
    assert view.record_visit() is None


def test_recording_the_visit_opens_the_form_at_its_time_and_saving_marks_it_done(
    qtbot, demo, view
):
    task_id = plan_for(demo, "visit", uk(2026, 11, 25, 10, 0), "")
    view.refresh()
    view.planned.table.selectRow(planned_row(view, task_id))
    form = view.record_visit()
    assert form is not None and form.ref == PLANNED_REF
    assert form.when.text() == "25/11/2026 10:00" and not form._dirty
    form.outcome.setCurrentIndex(form.outcome.findData("seen"))
    form.child_seen.setCurrentIndex(form.child_seen.findData(True))
    with qtbot.waitSignal(view.changed):
        form.save_button.click()
    assert task_status(demo, task_id) == "done"
    assert task_id not in {r.get("task_id") for r in view.planned.model._rows}


def test_closing_the_visit_form_leaves_the_planned_visit_open(qtbot, demo, view):
    task_id = plan_for(demo, "visit", uk(2026, 11, 25, 10, 0), "")
    view.refresh()
    view.planned.table.selectRow(planned_row(view, task_id))
    form = view.record_visit()
    form.reject()  # nothing typed: no draft, and the visit is still planned
    assert task_status(demo, task_id) == "open"
    assert all(r["source"] != "draft" or r["case_ref"] != PLANNED_REF
               for r in view.planned.model._rows)  # fmt: skip


def test_a_planned_meeting_is_cancelled_with_a_reason(qtbot, demo, view, monkeypatch):
    task_id = plan_for(demo, "meeting", uk(2026, 11, 23, 9, 30), "Review at school")
    view.refresh()
    view.planned.table.selectRow(planned_row(view, task_id))
    assert view.cancel_button.isEnabled()
    answers = iter([None, "The school closed for snow"])
    monkeypatch.setattr(prompts, "ask_text", lambda *args: next(answers))
    view.cancel_button.click()  # the officer thought better of it: nothing changes
    assert task_status(demo, task_id) == "open"
    with qtbot.waitSignal(view.changed):
        view.cancel_button.click()
    assert task_status(demo, task_id) == "cancelled"
    assert task_id not in {r.get("task_id") for r in view.planned.model._rows}
