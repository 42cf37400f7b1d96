"""The Chronology tab: every note, visit, letter and legal step in one timeline, newest first,
filtered by kind and by words; the chosen entry in full below, with what it said before any edit.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.ui.style import label
from ewo_desk.ui.workspace.chronology_model import (
    BY,
    ENTRY_ROLE,
    KIND,
    TEXT,
    WHEN,
    ChronologyFilter,
    ChronologyModel,
)
from ewo_desk.ui.workspace.text import kind_label, uk_time


class ChronologyView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ChronologyModel(self)
        self.proxy = ChronologyFilter(self)
        self.proxy.setSourceModel(self.model)

        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("Show entries of kind")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the chronology (Ctrl+Shift+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the chronology")
        kind_caption = QLabel("&Show:")
        kind_caption.setBuddy(self.kind_box)
        self.count_label = label(role="muted", wrap=False)
        filters = QHBoxLayout()
        filters.addWidget(kind_caption)
        filters.addWidget(self.kind_box)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.count_label)

        self.table = self._make_table()
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("The chosen entry in full")
        self.detail.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        find = QShortcut(QKeySequence("Ctrl+Shift+F"), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self._find)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.search.textChanged.connect(self._search_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setAccessibleName("Chronology")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table for the entry below
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in (WHEN, KIND, BY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        return table

    def set_entries(self, entries: list[dict[str, Any]]) -> None:
        chosen = self.selected_entry()
        kind = self.kind_box.currentData() or ""
        self.model.set_entries(entries)
        self.kind_box.blockSignals(True)
        self.kind_box.clear()
        self.kind_box.addItem("All kinds", "")
        for value in self.model.kinds():
            self.kind_box.addItem(kind_label(value), value)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))
        self.kind_box.blockSignals(False)
        self.proxy.set_kind(self.kind_box.currentData() or "")
        self._reselect(chosen["id"] if chosen else None)
        self._update_count()

    def selected_entry(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ENTRY_ROLE) if rows else None

    def visible_texts(self) -> list[str]:
        return [str(self.proxy.index(r, TEXT).data()) for r in range(self.proxy.rowCount())]

    def _reselect(self, entry_id: int | None) -> None:
        for row in range(self.proxy.rowCount()):
            if entry_id is None or self.proxy.index(row, 0).data(ENTRY_ROLE)["id"] == entry_id:
                self.table.selectRow(row)
                return
        self._show_entry(None)

    def _kind_changed(self) -> None:
        self.proxy.set_kind(self.kind_box.currentData() or "")
        self._update_count()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "entry" if total == 1 else "entries"
        self.count_label.setText(f"{total} {noun}" if shown == total else f"{shown} of {total}")
        if not self.table.selectionModel().hasSelection():
            self._show_entry(None)

    def _find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_entry(self.selected_entry())

    def _show_entry(self, entry: dict[str, Any] | None) -> None:
        if entry is None:
            empty = "No entries yet." if not self.model.rowCount() else "Choose an entry."
            self.detail.setHtml(f"<p style='color:palette(placeholder-text)'>{empty}</p>")
            return
        self.detail.setHtml(entry_html(entry))


def entry_html(entry: dict[str, Any]) -> str:
    """The entry in full; an edited entry says so, with every earlier version beneath it."""

    def block(text: str) -> str:
        return html.escape(text).replace("\n", "<br>")

    who = f" · {html.escape(entry['author'])}" if entry["author"] else ""
    head = f"<b>{kind_label(entry['kind'])}</b> · {uk_time(entry['occurred_at'])}{who}"
    if entry["status"] == "draft":
        head += " · <i>draft, not yet final</i>"
    parts = [f"<p>{head}</p>", f"<p>{block(entry['text'])}</p>"]
    if entry["edited_at"]:
        parts.append(f"<p><b>Edited {uk_time(entry['edited_at'])}.</b> Earlier versions:</p>")
    for revision in reversed(entry["revisions"]):
        parts.append(
            f"<blockquote><i>Until {uk_time(revision['replaced_at'])}, dated "
            f"{uk_time(revision['previous_occurred_at'])}:</i><br>"
            f"{block(revision['previous_text'])}</blockquote>"
        )
    return "".join(parts)
