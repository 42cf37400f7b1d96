"""The officer's start page: visits and meetings this week, deadlines, new threshold crossings.

Each group is a small table over `WorkModel` (rows from store.my_work); activating a row (Enter,
double-click) asks for its case. The rules behind each row live in the store and the domain.
A planned visit or meeting (store.planner) shows its UK time and can be marked done, or, for a
visit, recorded in the visit form, which marks it done once the visit is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.errors import EwoDeskError
from ewo_desk.store.my_work import mark_crossing_seen, my_work
from ewo_desk.store.planner import KINDS, cancel, done
from ewo_desk.store.vault import Vault
from ewo_desk.ui import labels, prompts
from ewo_desk.ui.style import label
from ewo_desk.ui.visit_form import VisitForm

AnyIndex = QModelIndex | QPersistentModelIndex
REF_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3
DANGER = QColor("#c0392b")
MAX_VISIBLE_ROWS = 8  # a long group scrolls inside its table; the page shows every group


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[dict[str, Any]], str]
    tooltip: Callable[[dict[str, Any]], str] | None = None
    stretch: bool = False  # takes the width left over; long text is elided, whole in the tooltip


class WorkModel(QAbstractTableModel):
    """Rows of one group as plain dicts; columns say how each reads."""

    def __init__(self, columns: tuple[Column, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._rows: list[dict[str, Any]] = []
        self._display: list[tuple[str, ...]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._display = [tuple(c.text(row) for c in self.columns) for row in self._rows]
        self.endResetModel()

    def row_at(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and row.get("status") == "overdue":
            return DANGER
        if role == REF_ROLE:
            return row["case_ref"]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.columns):
            return self.columns[section].title
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _when(row: dict[str, Any]) -> str:
    return " ".join(p for p in (labels.uk_date(row["on"]), row["time"]) if p)


def _what(row: dict[str, Any]) -> str:
    """A booked visit or meeting says which it is; one left from an earlier day says so."""
    what = row["what"]
    kind = KINDS.get(row.get("kind", "")) if row.get("planned_at") else None
    if kind and what != kind:
        what = f"{kind}: {what}"
    if row.get("status") == "overdue":
        what += " (not marked done)"
    return what


def _days(days: int) -> str:
    return f"{days} day{'s' if days != 1 else ''}"


def _due(row: dict[str, Any]) -> str:
    days = row["days_left"]
    if days < 0:
        text = f"Overdue by {_days(-days)}"
    elif days == 0:
        text = "Due today"
    elif row["status"] == "due":
        text = f"Open now, due in {_days(days)}"  # it can be done now; the last day is ahead
    else:
        text = f"Due in {_days(days)}"
    return text + (f" ({row['reminder']})" if row["reminder"] else "")


def _task(row: dict[str, Any]) -> str:
    """What to do, and on a second line the rule that asks for it."""
    return f"{row['title']}\nRule: {row['rule_title']}"


def _why(row: dict[str, Any]) -> str:
    hard = "\nA hard legal limit: it cannot be extended." if row["hard_limit"] else ""
    return f"{row['title']}\n\nRule: {row['rule_title']}\n{row['source']}{hard}"


CASE = Column("Case", lambda r: r["case_ref"])
CHILD = Column("Child", lambda r: r["child"])
PLANNED = (
    Column("When", _when),
    CHILD,
    CASE,
    Column("What", _what, _what, stretch=True),
)
DEADLINES = (
    Column("Due", lambda r: r["due_on_display"]),
    Column("Status", _due),
    CHILD,
    CASE,
    Column("Parent/carer", lambda r: r["parent"] or "Whole case"),
    Column("What to do, and why", _task, _why, stretch=True),
)
CROSSINGS = (
    Column("Threshold met on", lambda r: labels.uk_date(r["met_on"])),
    CHILD,
    CASE,
    Column("Unauthorised sessions", lambda r: f"{r['unauthorised_sessions']} in 10 school weeks"),
    Column(
        "From the import",
        lambda r: f"{r['import_file']} ({labels.uk_date(r['imported_on'])})",
        stretch=True,
    ),
)


class _Group(QWidget):
    """A heading with a count, then the table, or a sentence saying why there is nothing."""

    def __init__(self, title: str, columns: tuple[Column, ...], empty: str, lines: int = 1) -> None:
        super().__init__()
        self.title, self.empty = title, empty
        self.model = WorkModel(columns, self)
        self.heading = label(wrap=False)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.heading.setAccessibleName(title)
        self.empty_label = label(empty, role="muted")
        self.table = _table(self.model, title, lines)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        self.heading.setText(f"{self.title} ({len(rows)})")
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        header = self.table.horizontalHeader()
        gap = self.fontMetrics().averageCharWidth() * 3
        for column, spec in enumerate(self.model.columns):
            if spec.stretch:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                self.table.resizeColumnToContents(column)
                header.resizeSection(column, header.sectionSize(column) + gap)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as its rows (up to MAX_VISIBLE_ROWS), plus the scroll bar when the window is
        too narrow for every column, so no row is ever half hidden."""
        table, header = self.table, self.table.horizontalHeader()
        shown = min(self.model.rowCount(), MAX_VISIBLE_ROWS)
        height = header.sizeHint().height() + shown * table.verticalHeader().defaultSectionSize()
        if header.length() > table.viewport().width() + 1:
            height += table.horizontalScrollBar().sizeHint().height()
        table.setFixedHeight(height + 2 * table.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()


def _table(model: WorkModel, name: str, lines: int) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab moves to the next group, arrows move within
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setShowGrid(False)
    rows = table.verticalHeader()
    rows.setVisible(False)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().lineSpacing() * lines + 12)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setMinimumSectionSize(table.fontMetrics().averageCharWidth() * 12)
    return table


class MyWorkView(QWidget):
    case_requested = Signal(str)  # a case ref the officer activated
    changed = Signal()  # this page wrote something other pages may show (a visit recorded)

    def __init__(
        self, vault: Vault, *, today: Callable[[], date] = date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.today = today
        self.title = label(role="title", wrap=False)
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.planned = _Group(
            "Visits and meetings, today and the next 6 days", PLANNED,
            "No visits or meetings planned this week, and no visit record left unfinished. "
            "Visits and meetings you plan (File → Plan a visit or meeting…, Ctrl+Shift+P) "
            "and review meetings appear here.",
        )  # fmt: skip
        self.done_button = QPushButton("&Done")
        self.done_button.setToolTip("The selected visit or meeting took place: stop listing it")
        self.done_button.clicked.connect(self._mark_done)
        self.record_button = QPushButton("Record the v&isit…")
        self.record_button.setToolTip(
            "Write up the selected visit; it is marked done when the visit is saved"
        )
        self.record_button.clicked.connect(self.record_visit)
        self.cancel_button = QPushButton("Ca&ncel it…")
        self.cancel_button.setToolTip("The selected visit or meeting will not happen: say why")
        self.cancel_button.clicked.connect(self._cancel_planned)
        self.overdue = _Group(
            "Deadlines overdue or open now", DEADLINES,
            "Nothing on the legal pathway is overdue or waiting to be done today.", lines=2,
        )  # fmt: skip
        self.coming = _Group(
            "Deadlines coming up", DEADLINES,
            "No pathway deadline falls in the coming weeks.", lines=2,
        )  # fmt: skip
        self.crossings = _Group(
            "New penalty-notice threshold crossings", CROSSINGS,
            "No child in your open cases met the penalty-notice threshold with the latest "
            "import of their marks (or you have marked each one as seen).",
        )  # fmt: skip
        self.seen_button = QPushButton("Mark as &seen")
        self.seen_button.setToolTip("Stop listing the selected crossing here (kept on the case)")
        self.seen_button.clicked.connect(self._mark_seen)
        self.groups = (self.planned, self.overdue, self.coming, self.crossings)
        self._build()
        for group in self.groups:
            group.table.activated.connect(self._activated)
        self.crossings.table.selectionModel().selectionChanged.connect(self._crossing_selected)
        self.planned.table.selectionModel().selectionChanged.connect(self._planned_selected)
        self.refresh()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        page = QWidget()
        body = QVBoxLayout(page)
        for group in self.groups:
            body.addWidget(group)
        planned_row = QHBoxLayout()
        planned_row.setContentsMargins(0, 0, 0, 8)
        planned_row.addWidget(self.done_button)
        planned_row.addWidget(self.record_button)
        planned_row.addWidget(self.cancel_button)
        planned_row.addStretch(1)
        body.insertLayout(body.indexOf(self.planned) + 1, planned_row)
        seen_row = QHBoxLayout()
        seen_row.addWidget(self.seen_button)
        seen_row.addStretch(1)
        body.insertLayout(body.indexOf(self.crossings) + 1, seen_row)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    def refresh(self) -> None:
        today = self.today()
        with self.vault.reader() as session:
            work = my_work(session, today)
        self.title.setText(f"My work — {today:%A} {labels.uk_date(today.isoformat())}")
        self.planned.set_rows(work["planned"])
        items = work["deadlines"]
        self.overdue.set_rows([i for i in items if i["status"] in ("overdue", "due")])
        self.coming.set_rows([i for i in items if i["status"] == "coming_up"])
        self.crossings.set_rows(work["crossings"])
        self._crossing_selected()
        self._planned_selected()

    def _activated(self, index: QModelIndex) -> None:
        self.case_requested.emit(str(index.data(REF_ROLE)))

    def selected_planned(self) -> dict[str, Any] | None:
        rows = self.planned.table.selectionModel().selectedRows()
        return self.planned.model.row_at(rows[0].row()) if rows else None

    def _planned_selected(self, *_args: object) -> None:
        model = self.planned.model
        booked = any(model.row_at(r).get("task_id") for r in range(model.rowCount()))
        row = self.selected_planned()
        for button in (self.done_button, self.record_button, self.cancel_button):
            button.setVisible(booked)
        self.done_button.setEnabled(bool(row and row.get("task_id")))
        self.cancel_button.setEnabled(bool(row and row.get("planned_at")))
        self.record_button.setEnabled(bool(row and row.get("task_id") and row["kind"] == "visit"))

    def _mark_done(self) -> None:
        row = self.selected_planned()
        if row is None or not row.get("task_id"):
            return
        try:
            with self.vault.session() as session:
                done(session, row["task_id"])
        except EwoDeskError as error:
            prompts.warn(self, "Not marked as done", str(error))
        self.refresh()
        self.changed.emit()

    def _cancel_planned(self) -> None:
        row = self.selected_planned()
        if row is None or not row.get("planned_at"):
            return
        reason = prompts.ask_text(self, "Cancel the visit or meeting", "Why will it not happen?")
        if reason is None:
            return
        try:
            with self.vault.session() as session:
                cancel(session, row["task_id"], reason)
        except EwoDeskError as error:
            prompts.warn(self, "Not cancelled", str(error))
            return
        self.refresh()
        self.changed.emit()

    def record_visit(self) -> VisitForm | None:
        """The visit form for the selected planned visit, set to its time (unless the officer
        carries on with a draft); saving the visit marks the planned visit done."""
        row = self.selected_planned()
        if row is None or not row.get("task_id") or row["kind"] != "visit":
            return None
        form = VisitForm(self.vault, row["case_ref"], parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if form.record_id is None and row.get("planned_at") is not None:
            form.when.blockSignals(True)  # the booked time alone is not a draft worth keeping
            form.when.set_moment(row["planned_at"])
            form.when.blockSignals(False)
        form.saved.connect(lambda _ref, task_id=row["task_id"]: self._visit_recorded(task_id))
        form.open()
        return form

    def _visit_recorded(self, task_id: int) -> None:
        try:
            with self.vault.session() as session:
                done(session, task_id)
        except EwoDeskError:
            pass  # already marked done or cancelled meanwhile: the visit itself is saved
        self.refresh()
        self.changed.emit()

    def _crossing_selected(self, *_args: object) -> None:
        has_rows = self.crossings.model.rowCount() > 0
        self.seen_button.setVisible(has_rows)
        self.seen_button.setEnabled(self.crossings.table.selectionModel().hasSelection())

    def _mark_seen(self) -> None:
        rows = self.crossings.table.selectionModel().selectedRows()
        if not rows:
            return
        crossing = self.crossings.model.row_at(rows[0].row())
        try:
            with self.vault.session() as session:
                mark_crossing_seen(
                    session, crossing["case_ref"], date.fromisoformat(crossing["met_on"])
                )
        except EwoDeskError as error:
            prompts.warn(self, "Not marked as seen", str(error))
            return
        self.refresh()
