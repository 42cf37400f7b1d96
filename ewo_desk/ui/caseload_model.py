"""The caseload table as a real Qt model over `store.casework.list_cases` rows, and its filter.

No widgets here: the model and the proxy are tested on their own (and with qtmodeltester).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ewo_desk.ui import labels

AnyIndex = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
REF_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Ref", "Child", "Year", "School", "Stage", "Status", "Opened")
REF, CHILD, YEAR, SCHOOL, STAGE, STATUS, OPENED = range(len(COLUMNS))


class CaseloadModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._display: list[tuple[str, ...]] = []
        self._search: list[str] = []

    # --- filling ------------------------------------------------------------------------

    def set_cases(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._display = [self._display_row(row) for row in self._rows]
        self._search = [self._search_text(row) for row in self._rows]
        self.endResetModel()

    def case_at(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def search_text(self, row: int) -> str:
        return self._search[row]

    @staticmethod
    def _display_row(row: dict[str, Any]) -> tuple[str, ...]:
        return (
            row["ref"],
            row["child"],
            labels.year_label(row.get("year_group")),
            row.get("school") or "",
            labels.stage_label(row.get("stage") or ""),
            labels.status_label(row.get("status") or ""),
            labels.uk_date(row.get("opened_on")),
        )

    @staticmethod
    def _search_text(row: dict[str, Any]) -> str:
        postcode = row.get("postcode") or ""
        parts = (
            row["ref"], row["child"], row.get("preferred_name") or "", row.get("upn") or "",
            row.get("school") or "", postcode, postcode.replace(" ", ""),
        )  # fmt: skip
        return labels.folded(" \u0001 ".join(parts))

    # --- the model ----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[row][column]
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == REF_ROLE:
            return self._rows[row]["ref"]
        if role == Qt.ItemDataRole.ToolTipRole and column == CHILD:
            return self._child_tooltip(self._rows[row])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _sort_key(self, row: int, column: int) -> Any:
        case = self._rows[row]
        if column == YEAR:
            return labels.year_sort_key(case.get("year_group"))
        if column == OPENED:
            return case.get("opened_on") or ""
        return labels.folded(self._display[row][column])

    @staticmethod
    def _child_tooltip(case: dict[str, Any]) -> str:
        lines = [case["child"]]
        if case.get("preferred_name"):
            lines.append(f"Known as {case['preferred_name']}")
        if case.get("age") is not None:
            lines.append(f"Age {case['age']}")
        if case.get("upn"):
            lines.append(f"UPN {case['upn']}")
        lines.extend(labels.flag_labels(case.get("flags") or []))
        return "\n".join(lines)


class CaseloadFilter(QSortFilterProxyModel):
    """Sorts by each column's sort key; filters on every word of the search, accent-blind."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_search(self, text: str) -> None:
        terms = labels.folded(text).split()
        if terms == self._terms:
            return
        self.beginFilterChange()
        self._terms = terms
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._terms:
            return True
        model = self.sourceModel()
        assert isinstance(model, CaseloadModel)
        haystack = model.search_text(source_row)
        return all(term in haystack for term in self._terms)
