"""The Caseload page: every case in a sortable table, a filter bar and instant search.

`reload()` shows the cases at once (names, school, step, officer: `store.caseload.caseload_rows`,
two queries) and then works out the figures (attendance this school year, level, PA/SA, overdue
deadlines: `store.caseload.caseload_figures`) off the GUI thread; they fill their columns in when
ready, and `figures_loaded` is emitted. At 5,000 cases the table is painted well before that.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ewo_desk.errors import EwoDeskError
from ewo_desk.store.caseload import caseload_figures, caseload_rows
from ewo_desk.store.vault import Vault
from ewo_desk.ui import labels, worker
from ewo_desk.ui.caseload_model import (
    ABSENCE,
    ABSENCE_CHOICES,
    ATTENDANCE,
    CHILD,
    LEVEL,
    OFFICER,
    OVERDUE,
    REF_ROLE,
    SCHOOL,
    STAGE,
    CaseloadFilter,
    CaseloadModel,
)
from ewo_desk.ui.style import label

log = logging.getLogger(__name__)
ANY = None  # a combo's "all" entry


class CaseloadPage(QWidget):
    case_activated = Signal(str)  # a case reference
    counts_changed = Signal(str)  # "6 cases", "Showing 2 of 6 cases"
    figures_loaded = Signal()  # the figure columns are filled in (or could not be)

    def __init__(
        self, vault: Vault, parent: QWidget | None = None, *, figures_off_thread: bool = True
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.figures_off_thread = figures_off_thread
        self._job = 0
        self.model = CaseloadModel(self)
        self.proxy = CaseloadFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            "Search by name, parent, case ref, UPN, school, address or postcode"
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the caseload")
        self._make_filters()
        self.table = self._make_table()
        self.empty_label = label(role="muted")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.stack, 1)

        self.search.textChanged.connect(self._search_changed)
        self.table.activated.connect(self._activated)
        self.setTabOrder(self.search, self.stage_filter)

    # --- building -----------------------------------------------------------------------

    def _make_filters(self) -> None:
        self._captions: dict[QComboBox, QLabel] = {}
        self.stage_filter = self._combo("&Step", "Filter by step on the legal pathway", 10)
        self.school_filter = self._combo("S&chool", "Filter by school", 10)
        self.level_filter = self._combo("&Level", "Filter by attendance level", 7)
        self.absence_filter = self._combo("&PA/SA", "Filter by persistent or severe absence", 6)
        self.officer_filter = self._combo("O&fficer", "Filter by officer", 10)
        self.overdue_filter = QCheckBox("&Overdue only")
        self.overdue_filter.setAccessibleName("Show only cases with overdue deadlines")
        self.overdue_filter.toggled.connect(
            lambda on: self._choice_changed("overdue", True if on else None)
        )
        self.clear_filters = QPushButton("Clear &filters")
        self.clear_filters.setAccessibleName("Clear the filters")
        self.clear_filters.clicked.connect(self.reset_filters)
        bar = QHBoxLayout()
        for name, combo in (
            ("stage", self.stage_filter), ("school", self.school_filter),
            ("level", self.level_filter), ("absence", self.absence_filter),
            ("officer", self.officer_filter),
        ):  # fmt: skip
            bar.addWidget(self._captions[combo])
            bar.addWidget(combo, 1 if name in ("school", "stage") else 0)
            combo.currentIndexChanged.connect(
                lambda _i, n=name, c=combo: self._choice_changed(n, c.currentData())
            )
        bar.addWidget(self.overdue_filter)
        bar.addStretch()
        bar.addWidget(self.clear_filters)
        self.filter_bar = bar
        self._fill_filters()

    def _combo(self, text: str, accessible: str, width: int) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(accessible)
        # A steady width (no jump when the figures arrive); the list opens as wide as it needs.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(width)
        caption = QLabel(text)
        caption.setBuddy(combo)  # Alt+letter moves to the combo
        self._captions[combo] = caption
        return combo

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

    # --- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        today = date.today()
        with self.vault.reader() as session:
            rows = caseload_rows(session, today)
        self.model.set_cases(rows)
        self._fill_filters()
        self._fit_columns()
        self._update_counts()
        self._load_figures(today)

    def _load_figures(self, today: date) -> None:
        """Start the figures once the event loop runs again, so the cases are painted first."""
        self._job += 1
        job = self._job
        if not self.model.rowCount():
            self._figures_done(job, {})
            return
        QTimer.singleShot(0, self, lambda: self._start_figures(job, today))

    def _start_figures(self, job: int, today: date) -> None:
        if job != self._job:
            return  # a newer reload has started its own
        vault = self.vault

        def work() -> dict[str, dict[str, Any]]:
            with vault.reader() as session:
                return caseload_figures(session, today)

        if not self.figures_off_thread:
            try:
                figures = work()
            except EwoDeskError as error:
                self._figures_failed(job, error)
            else:
                self._figures_done(job, figures)
            return
        worker.run_off_thread(
            work,
            lambda figures: self._figures_done(job, figures),
            lambda error: self._figures_failed(job, error),
        )

    def _figures_done(self, job: int, figures: dict[str, dict[str, Any]]) -> None:
        if not isValid(self) or job != self._job:
            return  # the page is gone (locked), or a newer reload is on its way
        self.model.set_figures(figures)
        self._fill_filters()
        self._update_counts()
        self.figures_loaded.emit()

    def _figures_failed(self, job: int, error: EwoDeskError) -> None:
        if not isValid(self) or job != self._job:
            return
        log.warning("caseload figures not worked out: %s", type(error).__name__)
        self.model.set_figures_failed(str(error))
        self.figures_loaded.emit()

    def find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def reset_filters(self) -> None:
        for combo in self._combos():
            combo.setCurrentIndex(0)
        self.overdue_filter.setChecked(False)

    # --- the filter bar -----------------------------------------------------------------

    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.stage_filter, self.school_filter, self.level_filter, self.absence_filter,
                self.officer_filter)  # fmt: skip

    def _fill_filters(self) -> None:
        """Each combo lists what the caseload holds; a choice still held stays chosen."""
        keys = self.model.keys()
        ready = self.model.figures_ready
        by_text = sorted({k.stage for k in keys if k.stage}, key=labels.folded)
        self._fill(self.stage_filter, "All steps", [(s, s) for s in by_text])
        schools = sorted({k.school for k in keys if k.school}, key=labels.folded)
        self._fill(self.school_filter, "All schools", [(s, s) for s in schools])
        officers = sorted({k.officer for k in keys if k.officer}, key=labels.folded)
        self._fill(self.officer_filter, "All officers", [(o, o) for o in officers])
        levels = sorted({k.level or 0 for k in keys}, key=lambda n: (n == 0, n)) if ready else []
        self._fill(self.level_filter, "All levels", [(labels.level_label(n), n) for n in levels])
        self._fill(self.absence_filter, "All", list(ABSENCE_CHOICES) if ready else [])
        for combo in (self.level_filter, self.absence_filter):
            combo.setEnabled(ready)
        self.overdue_filter.setEnabled(ready)
        if not ready:
            tip = "Available once the figures are worked out"
            for widget in (self.level_filter, self.absence_filter, self.overdue_filter):
                widget.setToolTip(tip)
        else:
            for widget in (self.level_filter, self.absence_filter, self.overdue_filter):
                widget.setToolTip("")

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, Any]]) -> None:
        current = combo.currentData()
        wanted = [(everything, ANY), *items]
        if [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())] == wanted:
            return
        combo.blockSignals(True)
        combo.clear()
        for text, value in wanted:
            combo.addItem(text, value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        view = combo.view()
        scroll = view.verticalScrollBar().sizeHint().width()
        view.setMinimumWidth(view.sizeHintForColumn(0) + scroll)
        if combo.currentData() != current:  # the choice is gone from the caseload
            combo.currentIndexChanged.emit(combo.currentIndex())

    def _choice_changed(self, name: str, value: Any) -> None:
        self.proxy.set_choice(name, value)
        self._update_counts()

    # --- the table ----------------------------------------------------------------------

    def _fit_columns(self) -> None:
        """Each column as wide as its contents (from a sample of rows) plus breathing room, so no
        text touches the next; long names and labels capped (elided, whole in the tooltip), the
        school taking the width left over; the figure columns as wide as their widest value."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        char = self.fontMetrics().averageCharWidth()
        gap = char * 2
        sort_mark = header.style().pixelMetric(header.style().PixelMetric.PM_HeaderMarkSize)
        widest = {ATTENDANCE: "100.0%", LEVEL: "Level", ABSENCE: "PA/SA", OVERDUE: "Overdue"}
        cap = {CHILD: 28, STAGE: 24, OFFICER: 20}
        for column in range(self.model.columnCount()):
            if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
                continue
            if column in widest:
                title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
                width = max(metrics.horizontalAdvance(t) for t in (title, widest[column]))
                header.resizeSection(column, width + gap + sort_mark)
            else:
                width = header.sectionSize(column) + gap
                header.resizeSection(column, min(width, cap.get(column, 1000) * char + gap))

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_counts()

    def _update_counts(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        noun = "case" if total == 1 else "cases"
        if total == 0:
            counts = "No cases"
            self.empty_label.setText("No cases yet.\nCases you add or import will be listed here.")
        elif shown == total:
            counts = f"{total} {noun}"
        else:
            counts = f"Showing {shown} of {total} {noun}"
            query = self.search.text().strip()
            if query and self.proxy.choices:
                self.empty_label.setText(f"No case matches “{query}” with these filters.")
            elif query:
                self.empty_label.setText(f"No case matches “{query}”.")
            else:
                self.empty_label.setText("No case matches these filters.")
        self.clear_filters.setEnabled(bool(self.proxy.choices))
        self.stack.setCurrentWidget(self.table if shown else self.empty_label)
        self.counts_changed.emit(counts)

    def _activated(self, index: QModelIndex) -> None:
        self.case_activated.emit(str(index.data(REF_ROLE)))
