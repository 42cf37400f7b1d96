"""The Caseload page on the demo caseload: figures filled in after the first paint, the filter
bar, search by parent, address and UPN, sorting by true values, and the keyboard."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from ewo_desk.demo import populate
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.caseload import caseload_figures
from ewo_desk.store.schema import Case
from ewo_desk.ui import caseload_page
from ewo_desk.ui.caseload_model import ATTENDANCE, LEVEL, OVERDUE, PENDING, REF_ROLE, SORT_ROLE
from ewo_desk.ui.caseload_page import CaseloadPage
from tests.gui.sample_cases import add_sample_cases


@pytest.fixture
def demo(vault):
    with vault.session() as s:
        populate(s, today=date.today())
    return vault


@pytest.fixture
def page(qtbot, demo):
    page = CaseloadPage(demo)
    qtbot.addWidget(page)
    page.resize(1400, 700)
    with qtbot.waitSignal(page.figures_loaded, timeout=30_000):
        page.reload()
        # the cases are listed at once; the figures follow from the worker thread
        assert page.proxy.rowCount() == page.model.rowCount() == 40
        assert page.proxy.index(0, ATTENDANCE).data() == PENDING
        assert not page.level_filter.isEnabled() and not page.overdue_filter.isEnabled()
    page.show()
    return page


def refs(page):
    return {page.proxy.index(r, 0).data(REF_ROLE) for r in range(page.proxy.rowCount())}


def column(page, col, role=Qt.ItemDataRole.DisplayRole):
    return [page.proxy.index(r, col).data(role) for r in range(page.proxy.rowCount())]


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


def test_figures_fill_in_as_the_store_works_them_out(page, demo):
    with demo.reader() as s:
        expected = caseload_figures(s, date.today())
    assert PENDING not in column(page, ATTENDANCE)
    for r in range(page.proxy.rowCount()):
        ref = page.proxy.index(r, 0).data(REF_ROLE)
        assert page.proxy.index(r, OVERDUE).data(SORT_ROLE) == expected[ref]["overdue"]
        assert page.proxy.index(r, LEVEL).data(SORT_ROLE) == (expected[ref]["level"] or 0)
    assert page.level_filter.isEnabled() and page.overdue_filter.isEnabled()
    assert page.level_filter.count() >= 3  # "All levels" and the levels held


def test_combos_are_filled_from_the_caseload(page):
    steps = [page.stage_filter.itemText(i) for i in range(page.stage_filter.count())]
    assert steps[0] == "All steps" and "Support and early help" in steps
    assert len(steps) == len(set(steps)) > 5
    schools = [page.school_filter.itemText(i) for i in range(page.school_filter.count())]
    assert "Northbridge High School" in schools
    officers = [page.officer_filter.itemText(i) for i in range(page.officer_filter.count())]
    assert officers[0] == "All officers" and len(officers) >= 2


def test_filters_narrow_the_table_and_say_so(qtbot, page):
    counts = []
    page.counts_changed.connect(counts.append)
    choose(page.school_filter, "Northbridge High School")
    shown = page.proxy.rowCount()
    assert 0 < shown < 40 and counts[-1] == f"Showing {shown} of 40 cases"
    assert set(column(page, 3)) == {"Northbridge High School"}
    page.overdue_filter.setChecked(True)
    assert all(page.proxy.index(r, OVERDUE).data(SORT_ROLE) > 0
               for r in range(page.proxy.rowCount()))  # fmt: skip
    choose(page.stage_filter, "Support and early help")  # support cases have no deadlines
    assert page.proxy.rowCount() == 0
    assert page.stack.currentWidget() is page.empty_label
    assert page.empty_label.text() == "No case matches these filters."
    assert page.clear_filters.isEnabled()
    qtbot.mouseClick(page.clear_filters, Qt.MouseButton.LeftButton)
    assert page.proxy.rowCount() == 40 and counts[-1] == "40 cases"
    assert not page.overdue_filter.isChecked() and not page.clear_filters.isEnabled()


def test_level_and_absence_filters(page):
    choose(page.absence_filter, "SA only")
    assert set(column(page, 7)) <= {"SA"}
    choose(page.absence_filter, "PA or SA")
    persistent = page.proxy.rowCount()
    assert persistent and set(column(page, 7)) <= {"PA", "SA"}
    choose(page.absence_filter, "Neither")
    assert page.proxy.rowCount() == 40 - persistent
    page.reset_filters()
    choose(page.level_filter, "Level 3")
    assert page.proxy.rowCount() and set(column(page, LEVEL)) == {"3"}


@pytest.mark.parametrize(
    ("typed", "child"),
    [
        ("dvorak", "Matěj Dvořák"),  # accents ignored
        ("marketa", "Matěj Dvořák"),  # the mother's name
        ("MARKETA DVORAKOVA", "Matěj Dvořák"),
        ("khalid", "Mohammed Al-Hassan"),  # the father
    ],
)
def test_typing_searches_parents_and_accent_blind(qtbot, page, typed, child):
    qtbot.keyClicks(page.search, typed)  # QTest types ASCII only
    assert child in column(page, 1)
    assert page.proxy.rowCount() < 40


def test_accented_search_text_finds_plain_and_accented_names(page):
    page.search.setText("Markéta Dvořáková")
    assert "Matěj Dvořák" in column(page, 1) and page.proxy.rowCount() < 40


def test_search_by_address_and_upn(qtbot, page):
    case = page.model.case_at(0)
    street = case["address"].split(",")[0]
    page.search.setText(street)
    assert case["ref"] in refs(page)
    page.search.setText(case["upn"].lower())
    assert refs(page) == {case["ref"]}
    page.search.setText("nobody at all")
    assert page.empty_label.text() == "No case matches “nobody at all”."
    choose(page.stage_filter, "Support and early help")
    assert page.empty_label.text() == "No case matches “nobody at all” with these filters."


def test_sorting_by_the_header_uses_true_values(page):
    page.table.sortByColumn(ATTENDANCE, Qt.SortOrder.AscendingOrder)
    keys = column(page, ATTENDANCE, SORT_ROLE)
    assert keys == sorted(keys) and keys[-1] > keys[0]
    page.table.sortByColumn(OVERDUE, Qt.SortOrder.DescendingOrder)
    overdue = column(page, OVERDUE, SORT_ROLE)
    assert overdue == sorted(overdue, reverse=True) and overdue[0] >= 1


def test_model_and_proxy_pass_the_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.model)
    choose(page.absence_filter, "PA or SA")
    page.search.setText("a")
    page.table.sortByColumn(LEVEL, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(page.proxy)


def test_filter_bar_is_keyboard_reachable_with_names(page):
    combos = (page.stage_filter, page.school_filter, page.level_filter, page.absence_filter,
              page.officer_filter)  # fmt: skip
    for widget in (*combos, page.overdue_filter, page.clear_filters, page.search, page.table):
        assert widget.accessibleName()
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    for combo in combos:
        assert page._captions[combo].buddy() is combo
        assert "&" in page._captions[combo].text()  # an Alt+letter mnemonic
    chain, widget = [], page.search.nextInFocusChain()
    while widget is not page.search:  # what Tab visits, in order
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(page):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain[:8] == [*combos, page.overdue_filter, page.clear_filters, page.table]


def test_activating_a_row_names_the_case(qtbot, page):
    with qtbot.waitSignal(page.case_activated) as blocker:
        page.table.activated.emit(page.proxy.index(3, 0))
    assert blocker.args == [page.proxy.index(3, 0).data(REF_ROLE)]


def test_a_newer_reload_wins_and_a_choice_that_is_gone_is_cleared(qtbot, page, demo):
    choose(page.school_filter, "Northbridge High School")
    with demo.session() as s:
        for case in s.query(Case):
            case.school_id = None
    with qtbot.waitSignal(page.figures_loaded, timeout=30_000):
        page.reload()
        page.reload()  # the first reload's figures are dropped when they arrive
    assert page.school_filter.currentIndex() == 0 and page.proxy.rowCount() == 40


def test_empty_caseload(qtbot, vault):
    page = CaseloadPage(vault)
    qtbot.addWidget(page)
    counts = []
    page.counts_changed.connect(counts.append)
    with qtbot.waitSignal(page.figures_loaded):
        page.reload()
    assert counts[-1] == "No cases" and page.stack.currentWidget() is page.empty_label
    assert page.stage_filter.count() == 1


def test_figures_that_fail_leave_the_cases_listed(qtbot, vault, monkeypatch):
    add_sample_cases(vault)

    def fails(session, today):
        raise EwoDeskError("The caseload is locked. Unlock it to go on.")

    monkeypatch.setattr(caseload_page, "caseload_figures", fails)
    page = CaseloadPage(vault)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.figures_loaded):
        page.reload()
    assert page.proxy.rowCount() == 6
    assert "could not" in page.proxy.index(0, ATTENDANCE).data(Qt.ItemDataRole.ToolTipRole)
