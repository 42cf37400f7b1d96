"""The officer's start page on the demo caseload: each group, its count, and opening a case."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from ewo_desk.demo import populate
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
