from datetime import date

import pytest
from PySide6.QtCore import Qt

from ewo_desk.store.caseload import caseload_rows
from ewo_desk.ui.caseload_model import (
    ABSENCE,
    ATTENDANCE,
    CHILD,
    COLUMNS,
    LEVEL,
    OFFICER,
    OPENED,
    OVERDUE,
    PENDING,
    REF_ROLE,
    SORT_ROLE,
    STAGE,
    YEAR,
    CaseloadFilter,
    CaseloadModel,
)
from tests.gui.sample_cases import add_sample_cases

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def rows(vault):
    add_sample_cases(vault)
    with vault.reader() as session:
        rows = caseload_rows(session, date(2026, 11, 22))
    for row in rows:  # parents and addresses as the store gives them
        if row["ref"] == "EWO-2026-0002":
            row["parents"] = ["Mrs Thị Hoa Nguyễn"]
            row["address"] = "3 Tannery Lane, Northbridge, NB2 7LX"
        if row["ref"] == "EWO-2026-0004":
            row["parents"] = ["Mr Khalid Al-Hassan", "Mrs Rania Al-Hassan"]
    return rows


# attendance %, possible, persistent, severe, level, overdue
FIGURES = {
    "EWO-2026-0001": (96.2, 130, False, False, 1, 0),
    "EWO-2026-0002": (84.0, 130, True, False, 2, 1),
    "EWO-2026-0003": (41.5, 130, True, True, 3, 2),
    "EWO-2026-0004": (None, 0, False, False, None, 0),
    "EWO-2026-0005": (88.0, 130, True, False, 2, 0),
    "EWO-2026-0006": (100.0, 20, False, False, 1, 0),
}


def figures():
    keys = ("attendance_pct", "possible", "persistent", "severe", "level", "overdue")
    return {ref: dict(zip(keys, values, strict=True)) for ref, values in FIGURES.items()}


@pytest.fixture
def model(rows):
    model = CaseloadModel()
    model.set_cases(rows)
    model.set_figures(figures())
    return model


@pytest.fixture
def proxy(model):
    proxy = CaseloadFilter()
    proxy.setSourceModel(model)
    return proxy


def figures_shown(model, row):
    return [model.index(row, c).data() for c in (ATTENDANCE, LEVEL, ABSENCE, OVERDUE)]


def column(model, col, role=DISPLAY):
    return [model.index(r, col).data(role) for r in range(model.rowCount())]


def test_model_passes_the_model_tester(qtmodeltester, rows):
    model = CaseloadModel()
    qtmodeltester.check(model)  # empty
    model.set_cases(rows)
    qtmodeltester.check(model)
    model.set_figures(figures())
    qtmodeltester.check(model)
    model.set_cases(rows[:2])
    qtmodeltester.check(model)


def test_proxy_passes_the_model_tester(qtmodeltester, proxy):
    proxy.set_search("nb3")
    qtmodeltester.check(proxy)
    proxy.sort(YEAR, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    proxy.set_search("")
    proxy.set_choice("absence", 1)
    proxy.sort(ATTENDANCE, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(proxy)
    proxy.sourceModel().set_cases([])  # a reset while filtered
    qtmodeltester.check(proxy)


def test_display_values(model):
    assert model.columnCount() == 12 and model.rowCount() == 6
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(12)]
    expected = "Ref Child Year School Step Attendance Level PA/SA Overdue Officer Status Opened"
    assert headers == list(COLUMNS) == expected.split()
    names = column(model, CHILD)
    assert {"Zoë Dvořák", "Thị Hoa Nguyễn", "芳 王", "محمد Al-Hassan"} <= set(names)
    zoe = names.index("Zoë Dvořák")
    assert model.index(zoe, OPENED).data() == "15/09/2026"
    assert model.index(zoe, YEAR).data() == "Year 7"
    assert model.index(zoe, STAGE).data()  # a readable label, never empty
    assert model.index(zoe, 0).data(REF_ROLE) == "EWO-2026-0001"
    assert "Zoë Dvořák" in model.index(zoe, CHILD).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(zoe, YEAR).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index(zoe, ATTENDANCE).data() == "96.2%"
    assert model.index(zoe, LEVEL).data() == "1"
    wang = names.index("芳 王")
    assert figures_shown(model, wang) == ["41.5%", "3", "SA", "2"]
    assert model.index(wang, OVERDUE).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "Severe" in model.index(wang, ABSENCE).data(Qt.ItemDataRole.ToolTipRole)
    hassan = names.index("محمد Al-Hassan")
    assert figures_shown(model, hassan) == ["", "", "", ""]
    assert "No marks" in model.index(hassan, ATTENDANCE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Parents/carers: Mr Khalid" in model.index(hassan, CHILD).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert model.index(zoe, OFFICER).data() == ""


def test_figures_wait_until_they_are_worked_out(qtbot, rows):
    model = CaseloadModel()
    model.set_cases(rows)
    assert not model.figures_ready
    assert {model.index(r, ATTENDANCE).data() for r in range(6)} == {PENDING}
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_figures(figures())
    assert changed.args[0].column() == ATTENDANCE and changed.args[1].column() == OVERDUE
    assert model.figures_ready and PENDING not in column(model, ATTENDANCE)
    # rows that carry their figures already (store.caseload.caseload) show them at once
    merged = [dict(row, **figures()[row["ref"]]) for row in rows]
    model.set_cases(merged)
    assert model.figures_ready and "96.2%" in column(model, ATTENDANCE)


@pytest.mark.parametrize(
    ("query", "refs"),
    [
        ("", 6),
        ("zoe dvorak", {"EWO-2026-0001"}),  # accents ignored
        ("DVOŘÁK", {"EWO-2026-0001"}),
        ("nguyen", {"EWO-2026-0002"}),
        ("王", {"EWO-2026-0003"}),
        ("محمد", {"EWO-2026-0004"}),
        ("nb39zz", {"EWO-2026-0004"}),  # postcode without its space
        ("0005", {"EWO-2026-0005"}),
        ("riverside", {"EWO-2026-0002", "EWO-2026-0005"}),
        ("hollins al-hassan", {"EWO-2026-0004"}),  # every word must match
        ("nobody here", set()),
        ("khalid", {"EWO-2026-0004"}),  # a parent's name
        ("thi hoa", {"EWO-2026-0002"}),  # the child and the parent
        ("tannery lane", {"EWO-2026-0002"}),  # the address
    ],
)
def test_search_filters_rows(proxy, query, refs):
    proxy.set_search(query)
    found = set(column(proxy, 0, REF_ROLE))
    assert (len(found) if isinstance(refs, int) else found) == refs


def test_sorting_uses_keys_not_display_text(proxy):
    proxy.sort(YEAR, Qt.SortOrder.AscendingOrder)
    assert column(proxy, YEAR) == ["Reception", "Year 4", "Year 7", "Year 9", "Year 10", "Year 11"]
    proxy.sort(OPENED, Qt.SortOrder.AscendingOrder)
    opened = column(proxy, OPENED)
    assert opened[0] == "08/09/2025" and opened[-1] == "02/10/2026"
    proxy.sort(ATTENDANCE, Qt.SortOrder.AscendingOrder)  # true values; no marks first
    assert column(proxy, ATTENDANCE) == ["", "41.5%", "84.0%", "88.0%", "96.2%", "100.0%"]
    proxy.sort(OVERDUE, Qt.SortOrder.DescendingOrder)
    assert column(proxy, OVERDUE)[:3] == ["2", "1", ""]
    proxy.sort(ABSENCE, Qt.SortOrder.DescendingOrder)
    assert column(proxy, ABSENCE)[:4] == ["SA", "PA", "PA", ""]
    proxy.sort(LEVEL, Qt.SortOrder.AscendingOrder)
    assert column(proxy, LEVEL, SORT_ROLE) == [0, 1, 1, 2, 2, 3]


@pytest.mark.parametrize(
    ("choices", "refs"),
    [
        ({"stage": "Support and early help"}, {"EWO-2026-0002", "EWO-2026-0006"}),
        ({"school": "Riverside Primary School"}, {"EWO-2026-0002", "EWO-2026-0005"}),
        ({"level": 2}, {"EWO-2026-0002", "EWO-2026-0005"}),
        ({"level": 0}, {"EWO-2026-0004"}),
        ({"absence": 1}, {"EWO-2026-0002", "EWO-2026-0003", "EWO-2026-0005"}),
        ({"absence": 2}, {"EWO-2026-0003"}),
        ({"absence": 0}, {"EWO-2026-0001", "EWO-2026-0004", "EWO-2026-0006"}),
        ({"overdue": True}, {"EWO-2026-0002", "EWO-2026-0003"}),
        ({"overdue": True, "school": "Riverside Primary School"}, {"EWO-2026-0002"}),
        ({"officer": "Nobody"}, set()),
    ],
)
def test_filter_bar_choices(proxy, choices, refs):
    for name, value in choices.items():
        proxy.set_choice(name, value)
    assert set(column(proxy, 0, REF_ROLE)) == refs
    proxy.set_search("nguyen")
    assert set(column(proxy, 0, REF_ROLE)) == refs & {"EWO-2026-0002"}
    proxy.clear_choices()
    proxy.set_search("")
    assert proxy.rowCount() == 6 and not proxy.filtering


def test_filters_follow_new_rows_and_figures(rows, proxy):
    model = proxy.sourceModel()
    proxy.set_choice("overdue", True)
    assert proxy.rowCount() == 2
    changed = figures()
    changed["EWO-2026-0001"]["overdue"] = 3
    model.set_figures(changed)
    assert proxy.rowCount() == 3
    proxy.set_search("zoe")
    model.set_cases(rows)  # figures pending: nothing is overdue yet
    assert proxy.rowCount() == 0
    model.set_figures(changed)
    assert column(proxy, 0, REF_ROLE) == ["EWO-2026-0001"]
