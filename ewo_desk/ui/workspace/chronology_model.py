"""The chronology as a Qt model (one row per entry, newest first) and its kind-and-text filter.

No widgets here, so the model and the filter are tested on their own with qtmodeltester.
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
from ewo_desk.ui.workspace.text import kind_label, uk_time

AnyIndex = QModelIndex | QPersistentModelIndex

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the whole entry dict
KIND_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("When", "Kind", "What happened", "By")
WHEN, KIND, TEXT, BY = range(len(COLUMNS))


class ChronologyModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[dict[str, Any]] = []
        self._display: list[tuple[str, str, str, str]] = []
        self._search: list[str] = []

    def set_entries(self, entries: list[dict[str, Any]]) -> None:
        """Entries oldest first, as the store gives them; shown newest first (the story so far)."""
        self.beginResetModel()
        self._entries = list(reversed(entries))
        self._display = [self._display_row(e) for e in self._entries]
        self._search = [
            labels.folded(" ".join([e["text"], *(r["previous_text"] for r in e["revisions"])]))
            for e in self._entries
        ]
        self.endResetModel()

    def entry_at(self, row: int) -> dict[str, Any]:
        return self._entries[row]

    def search_text(self, row: int) -> str:
        return self._search[row]

    def kinds(self) -> list[str]:
        return sorted({e["kind"] for e in self._entries}, key=kind_label)

    @staticmethod
    def _display_row(entry: dict[str, Any]) -> tuple[str, str, str, str]:
        first_line = entry["text"].strip().splitlines()[0] if entry["text"].strip() else ""
        marks = []
        if entry["status"] == "draft":
            marks.append("draft")
        if entry["edited_at"]:
            marks.append(f"edited {uk_time(entry['edited_at'])}")
        suffix = f"  ({'; '.join(marks)})" if marks else ""
        return (uk_time(entry["occurred_at"]), kind_label(entry["kind"]),
                first_line + suffix, entry["author"] or "")  # fmt: skip

    # --- the model ----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        entry = self._entries[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[row][column]
        if role == Qt.ItemDataRole.ToolTipRole and column == TEXT:
            return entry["text"]
        if role == ENTRY_ROLE:
            return entry
        if role == KIND_ROLE:
            return entry["kind"]
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


class ChronologyFilter(QSortFilterProxyModel):
    """Shows one kind (or all) and the entries holding every word of the search, accent-blind.

    An edited entry is found by its earlier text too: what was recorded stays findable.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kind = ""
        self._terms: list[str] = []

    def set_kind(self, kind: str) -> None:
        if kind != self._kind:
            self.beginFilterChange()
            self._kind = kind
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        terms = labels.folded(text).split()
        if terms != self._terms:
            self.beginFilterChange()
            self._terms = terms
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ChronologyModel)
        if self._kind and model.entry_at(source_row)["kind"] != self._kind:
            return False
        haystack = model.search_text(source_row)
        return all(term in haystack for term in self._terms)
