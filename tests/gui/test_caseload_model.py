from datetime import date

import pytest
from PySide6.QtCore import Qt

from ewo_desk.store.casework import list_cases
from ewo_desk.ui.caseload_model import (
    CHILD,
    OPENED,
    REF_ROLE,
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
        return list_cases(session, date(2026, 11, 22))


@pytest.fixture
def model(rows):
    model = CaseloadModel()
    model.set_cases(rows)
    return model


@pytest.fixture
def proxy(model):
    proxy = CaseloadFilter()
    proxy.setSourceModel(model)
    return proxy


def column(model, col, role=DISPLAY):
    return [model.index(r, col).data(role) for r in range(model.rowCount())]


def test_model_passes_the_model_tester(qtmodeltester, rows):
    model = CaseloadModel()
    qtmodeltester.check(model)  # empty
    model.set_cases(rows)
    qtmodeltester.check(model)
    model.set_cases(rows[:2])
    qtmodeltester.check(model)


def test_proxy_passes_the_model_tester(qtmodeltester, proxy):
    proxy.set_search("nb3")
    qtmodeltester.check(proxy)
    proxy.sort(YEAR, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)


def test_display_values(model):
    assert model.columnCount() == 7 and model.rowCount() == 6
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == ["Ref", "Child", "Year", "School", "Stage", "Status", "Opened"]
    names = column(model, CHILD)
    assert {"Zoë Dvořák", "Thị Hoa Nguyễn", "芳 王", "محمد Al-Hassan"} <= set(names)
    zoe = names.index("Zoë Dvořák")
    assert model.index(zoe, OPENED).data() == "15/09/2026"
    assert model.index(zoe, YEAR).data() == "Year 7"
    assert model.index(zoe, STAGE).data()  # a readable label, never empty
    assert model.index(zoe, 0).data(REF_ROLE) == "EWO-2026-0001"
    assert "Zoë Dvořák" in model.index(zoe, CHILD).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(zoe, YEAR).data(Qt.ItemDataRole.DecorationRole) is None


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
