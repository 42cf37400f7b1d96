"""The parts of the attendance tab that show figures the domain computed: the figures grid, the
level and threshold lines, and the import history. Nothing here counts; it only formats."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ewo_desk.domain.attendance import AttendanceFigures, AttendanceLevel, ThresholdResult
from ewo_desk.domain.attendance.codes import code_set
from ewo_desk.domain.calendar import LONDON
from ewo_desk.ui.attendance.data import SnapshotRow
from ewo_desk.ui.style import label, set_role

ROWS = (
    ("possible", "Possible sessions"),
    ("attended", "Attended (present or approved activity)"),
    ("authorised", "Authorised absence"),
    ("unauthorised", "Unauthorised absence"),
    ("attendance_pct", "Attendance"),
    ("absence_pct", "Absence"),
    ("persistent", "Persistent absence (10% or more)"),
    ("severe", "Severe absence (50% or more)"),
)
PERIODS = ("year", "recent", "range")


def uk(day: date | None) -> str:
    return "" if day is None else f"{day:%d/%m/%Y}"


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


class FiguresGrid(QWidget):
    """One column per period: the school year to date, the last 4 school weeks, a chosen range."""

    range_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        self.titles = {p: label("", wrap=False) for p in PERIODS}
        self.spans = {p: label("", "muted", wrap=False) for p in PERIODS[:2]}
        self.range_from, self.range_to = date_edit(date.today()), date_edit(date.today())
        self.range_from.setAccessibleName("Range from")
        self.range_to.setAccessibleName("Range to")
        self.titles["range"].setText("<b>Chosen range</b>")
        picker = QWidget()
        row = QGridLayout(picker)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.range_from, 0, 0)
        row.addWidget(QLabel("to"), 0, 1)
        row.addWidget(self.range_to, 0, 2)
        self.cells: dict[tuple[str, str], QLabel] = {}
        for column, period in enumerate(PERIODS, start=1):
            grid.addWidget(self.titles[period], 0, column)
            grid.addWidget(self.spans.get(period) or picker, 1, column)
            for line, (key, _text) in enumerate(ROWS, start=2):
                cell = label("", wrap=False)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.cells[(period, key)] = cell
                grid.addWidget(cell, line, column)
        for line, (_key, text) in enumerate(ROWS, start=2):
            grid.addWidget(label(text, wrap=False), line, 0)
        grid.setColumnStretch(4, 1)
        grid.setRowStretch(len(ROWS) + 2, 1)  # rows stay together when the box is taller
        self.range_from.dateChanged.connect(self.range_changed)
        self.range_to.dateChanged.connect(self.range_changed)

    def chosen_range(self) -> tuple[date, date]:
        return self.range_from.date().toPython(), self.range_to.date().toPython()

    def set_range(self, start: date, end: date) -> None:
        for edit, day in ((self.range_from, start), (self.range_to, end)):
            edit.blockSignals(True)
            edit.setDate(qdate(day))
            edit.blockSignals(False)

    def set_period(self, period: str, title: str, span: str) -> None:
        self.titles[period].setText(f"<b>{title}</b>")
        if period in self.spans:
            self.spans[period].setText(span)

    def show_figures(self, period: str, figures: AttendanceFigures | None, why: str = "") -> None:
        """A column of figures; None (with why) when there is nothing to count."""
        for key, _text in ROWS:
            cell = self.cells[(period, key)]
            set_role(cell, "")
            if figures is None:
                cell.setText("—")
                cell.setToolTip(why)
                continue
            value = getattr(figures, key)
            if isinstance(value, bool):
                cell.setText("Yes" if value else "No")
                set_role(cell, "danger" if value else "")
            elif key.endswith("_pct"):
                cell.setText(pct(value))
            else:
                cell.setText(str(value))
            cell.setToolTip("")

    def text(self, period: str, key: str) -> str:
        return self.cells[(period, key)].text()


def level_lines(level: AttendanceLevel) -> tuple[str, str]:
    """(headline, detail) for the council's graduated level."""
    if level.level is None:
        return "No level yet", "No possible session in the level window."
    window = f"from {uk(level.window_start)} to {uk(level.as_of)}"
    detail = f"Attendance {pct(level.attendance_pct)} over the school weeks {window}."
    if level.holiday_trigger:
        detail += (
            f" Holiday trigger reached: {level.holiday_sessions} unauthorised holiday (G) sessions."
        )
    elif level.holiday_sessions:
        detail += f" {level.holiday_sessions} unauthorised holiday (G) sessions in the window."
    return f"Level {level.level}", detail


def threshold_lines(result: ThresholdResult) -> tuple[str, str, str, list[str]]:
    """(headline, role, detail, the counted sessions as lines) for the penalty-notice threshold."""
    days: dict[date, list[str]] = {}
    for mark in result.sessions:
        days.setdefault(mark.date, []).append(f"{mark.session.name} {mark.code}")
    sessions = [f"{day:%a %d/%m/%Y}:  {', '.join(marks)}" for day, marks in days.items()]
    since = f"in the 10 school weeks from {uk(result.window_start)}"
    if result.met:
        return (
            f"Threshold met on {result.met_on:%a %d/%m/%Y} {result.met_session}",
            "danger",
            f"{result.unauthorised_in_window} unauthorised sessions (G, N, O, U) {since}. The "
            "school or council must now consider a penalty notice; it is not decided by this.",
            sessions,
        )
    if not result.unauthorised_in_window:
        return "Threshold not met", "ok", "No unauthorised session (G, N, O, U) held.", []
    return (
        "Threshold not met",
        "ok",
        f"At most {result.unauthorised_in_window} of 10 unauthorised sessions {since}.",
        sessions,
    )


class HistoryTree(QTreeWidget):
    """Each import holding this pupil's marks, newest first, with the marks it changed."""

    HEADERS = ("Import", "School", "Marks cover", "Imported", "SHA-256", "This pupil")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(list(self.HEADERS))
        self.setAccessibleName("Import history")
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)

    def show_snapshots(self, snapshots: tuple[SnapshotRow, ...]) -> None:
        self.clear()
        for snap in snapshots:
            at = snap.imported_at.astimezone(LONDON)
            who = f"{at:%d/%m/%Y %H:%M}" + (f" by {snap.imported_by}" if snap.imported_by else "")
            changed = f", {len(snap.changes)} changed" if snap.changes else ""
            item = QTreeWidgetItem(
                [
                    snap.file,
                    snap.school,
                    f"{uk(snap.date_from)}–{uk(snap.date_to)}",
                    who,
                    snap.sha256[:12],
                    f"{snap.marks} marks{changed}",
                ]
            )
            item.setToolTip(4, f"SHA-256 {snap.sha256}")
            self.addTopLevelItem(item)
            for change in snap.changes:
                meanings = code_set(change.day)
                old, new = meanings.get(change.old), meanings.get(change.new)
                text = f"{change.day:%a %d/%m/%Y} {change.session}:  {change.old} → {change.new}"
                if old and new:
                    text += f"   ({old.meaning} → {new.meaning})"
                child = QTreeWidgetItem(item, [text])
                child.setFirstColumnSpanned(True)
            item.setExpanded(bool(snap.changes))
        for column in range(len(self.HEADERS)):
            self.resizeColumnToContents(column)

    def change_lines(self) -> list[str]:
        root = self.invisibleRootItem()
        return [
            root.child(i).child(j).text(0)
            for i in range(root.childCount())
            for j in range(root.child(i).childCount())
        ]
