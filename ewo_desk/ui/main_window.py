"""The main window: for now the caseload list with instant search, the menus and the status bar."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ewo_desk import __version__
from ewo_desk.store.casework import current_officer, list_cases
from ewo_desk.store.schema import Council
from ewo_desk.store.vault import Vault
from ewo_desk.ui import prompts
from ewo_desk.ui.caseload_model import REF_ROLE, SCHOOL, CaseloadFilter, CaseloadModel
from ewo_desk.ui.style import label


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quit_requested = Signal()
    case_activated = Signal(str)  # a case reference; the case workspace will answer it

    def __init__(self, vault: Vault) -> None:
        super().__init__()
        self.vault = vault
        self._closing_for_lock = False
        self.model = CaseloadModel(self)
        self.proxy = CaseloadFilter(self)
        self.proxy.setSourceModel(self.model)
        self.resize(1100, 680)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name, case ref, UPN, school or postcode")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the caseload")
        self.table = self._make_table()
        self.empty_label = label(role="muted")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.search)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self._make_menus()

        self.search.textChanged.connect(self._search_changed)
        self.table.activated.connect(self._activated)
        self.reload()
        if vault.keyring_message:
            self.statusBar().showMessage(vault.keyring_message, 10_000)

    # --- building -----------------------------------------------------------------------

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setAccessibleName("Caseload")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setShowGrid(False)
        rows = table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows: fast at 5,000
        rows.setDefaultSectionSize(table.fontMetrics().height() + 12)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the store's order: by name
        header.setResizeContentsPrecision(300)  # size columns from a sample, not 5,000 rows
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SCHOOL, QHeaderView.ResizeMode.Stretch)
        table.setSortingEnabled(True)
        return table

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.lock_action = self._action("&Lock", "Ctrl+L", self._lock)
        self.quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        self.quit_action.setShortcut("Ctrl+Q")  # the same key on every platform
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu("&View")
        self.find_action = self._action("&Find a case", QKeySequence.StandardKey.Find, self._find)
        self.reload_action = self._action("&Refresh", QKeySequence.StandardKey.Refresh, self.reload)
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.reload_action)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("&About EWO Desk", None, self._about))

    def _action(self, text: str, shortcut: Any, slot: Any) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- behaviour ----------------------------------------------------------------------

    def reload(self) -> None:
        with self.vault.reader() as session:
            rows = list_cases(session, date.today())
            officer = current_officer(session)
            council = session.scalars(sa.select(Council).limit(1)).first()
        self.model.set_cases(rows)
        self._fit_columns()
        who = ", ".join(n for n in (officer and officer.name, council and council.name) if n)
        self.setWindowTitle(f"Caseload — {who} — EWO Desk" if who else "Caseload — EWO Desk")
        self._update_counts()

    def _fit_columns(self) -> None:
        """Each column as wide as its contents plus breathing room, so no text touches the next."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        gap = self.fontMetrics().averageCharWidth() * 3
        for column in range(self.model.columnCount()):
            if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive:
                header.resizeSection(column, header.sectionSize(column) + gap)

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_counts()

    def _update_counts(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        noun = "case" if total == 1 else "cases"
        if total == 0:
            self.count_label.setText("No cases")
            self.empty_label.setText("No cases yet.\nCases you add or import will be listed here.")
        elif shown == total:
            self.count_label.setText(f"{total} {noun}")
        else:
            self.count_label.setText(f"Showing {shown} of {total} {noun}")
            self.empty_label.setText(f"No case matches “{self.search.text().strip()}”.")
        self.stack.setCurrentWidget(self.table if shown else self.empty_label)

    def _activated(self, index: QModelIndex) -> None:
        self.case_activated.emit(str(index.data(REF_ROLE)))

    def _find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _about(self) -> None:
        prompts.inform(
            self,
            "About EWO Desk",
            f"EWO Desk {__version__}\nEncrypted, offline casework for education welfare "
            f"officers.\n\nCaseload folder: {self.vault.paths.root}",
        )

    def _lock(self) -> None:
        self.lock_requested.emit()

    def close_for_lock(self) -> None:
        """Close without asking the app to quit: the caseload is being locked."""
        self._closing_for_lock = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_for_lock:
            self.quit_requested.emit()
        super().closeEvent(event)
