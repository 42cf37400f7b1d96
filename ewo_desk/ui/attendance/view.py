"""AttendanceView: the case's child's attendance, as a tab of the case workspace.

Every number comes from the domain (`summarise`, `attendance_level`, `penalty_threshold`,
`last_school_weeks`) applied to the newest mark per session held in the vault, so the tab says
what letters and the CLI say. Dates are the officer's `today`, injected so tests fix the clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.domain.attendance import (
    PupilRegister,
    attendance_level,
    last_school_weeks,
    penalty_threshold,
    summarise,
)
from ewo_desk.domain.calendar import school_year_start
from ewo_desk.store.vault import Vault
from ewo_desk.ui.attendance.data import PupilAttendance, load_pupil_attendance
from ewo_desk.ui.attendance.import_dialog import ImportDialog
from ewo_desk.ui.attendance.panels import (
    FiguresGrid,
    HistoryTree,
    level_lines,
    threshold_lines,
    uk,
)
from ewo_desk.ui.attendance.strip import RegisterStrip, legend
from ewo_desk.ui.style import label, set_role

RECENT_SCHOOL_WEEKS = 4
STATUS_MIN_WIDTH = 280  # the level and threshold box, beside the figures


class AttendanceView(QWidget):
    def __init__(
        self,
        vault: Vault,
        ref: str,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.ref = ref
        self._today = today
        self.data: PupilAttendance | None = None
        self.import_dialog: ImportDialog | None = None

        self.heading = label("", "title", wrap=False)
        self.subheading = label("", "muted")
        self.import_button = QPushButton("Import register…")
        self.import_button.clicked.connect(self.open_import)
        self.empty = label("", "notice-box")
        self.figures = FiguresGrid()
        self.level_head, self.level_detail = label(""), label("", "muted")
        self.threshold_head, self.threshold_detail = label(""), label("", "muted")
        self.threshold_sessions = label("", wrap=False)
        self.threshold_sessions.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.year = QComboBox()
        self.year.setAccessibleName("School year shown")
        self.strip = RegisterStrip()
        self.history = HistoryTree()
        self._range_chosen = False  # until the officer picks one, the range follows the year
        self._threshold = penalty_threshold(PupilRegister("", (), ()))
        self._build()
        self.figures.range_changed.connect(self._range_edited)
        self.year.currentIndexChanged.connect(self._show_strip)
        self.refresh()

    def _build(self) -> None:
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subheading)
        top.addLayout(titles, 1)
        top.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)

        figures = QGroupBox("Attendance")
        QVBoxLayout(figures).addWidget(self.figures)
        status = QGroupBox("Level and penalty-notice threshold")
        column = QVBoxLayout(status)
        for widget in (self.level_head, self.level_detail, self.threshold_head,
                       self.threshold_detail, self.threshold_sessions):  # fmt: skip
            column.addWidget(widget)
        column.addStretch(1)
        row = QGridLayout()
        row.addWidget(figures, 0, 0)
        row.addWidget(status, 0, 1)
        row.setColumnStretch(0, 3)
        row.setColumnStretch(1, 2)
        self._boxes, self._box_grid, self._side_by_side = (figures, status), row, True

        register = QGroupBox("Register")
        box = QVBoxLayout(register)
        pick = QHBoxLayout()
        pick.addWidget(label("School year", wrap=False))
        pick.addWidget(self.year)
        pick.addStretch(1)
        box.addLayout(pick)
        scroller = QScrollArea()
        scroller.setWidget(self.strip)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setWidgetResizable(False)
        self._strip_scroller = scroller
        box.addWidget(scroller)
        box.addWidget(legend())

        history = QGroupBox("Imports (newest first) and the marks each changed")
        QVBoxLayout(history).addWidget(self.history)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(register)
        layout.addWidget(history, 1)
        outer = QScrollArea()
        outer.setWidget(page)
        outer.setWidgetResizable(True)
        outer.setFrameShape(QFrame.Shape.NoFrame)
        QVBoxLayout(self).addWidget(outer)
        self.layout().setContentsMargins(0, 0, 0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Level and threshold sit beside the figures when there is room, else below them, so
        a narrow workspace never hides them off to the right."""
        figures, status = self._boxes
        side = figures.sizeHint().width() + STATUS_MIN_WIDTH <= event.size().width() - 30
        if side != self._side_by_side:
            self._side_by_side = side
            self._box_grid.removeWidget(status)
            self._box_grid.addWidget(status, *((0, 1) if side else (1, 0)))
            self._box_grid.setColumnStretch(1, 2 if side else 0)
        super().resizeEvent(event)

    # --- behaviour ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the marks again and recompute everything shown."""
        with self.vault.reader() as session:
            self.data = data = load_pupil_attendance(session, self.ref)
        today = self._today()
        register, policy = data.register, data.policy
        self.heading.setText(f"{data.name} — attendance")
        self.subheading.setText(
            f"UPN {data.upn or 'not recorded'} · case {data.ref} · figures as of {uk(today)} "
            "from the newest mark held for each session"
        )
        self.empty.setVisible(not register.slots)
        self.empty.setText(
            f"No register marks are held for {data.name}. Import the school's register CSV or "
            "Common Transfer File with “Import register…”."
            if data.upn
            else f"{data.name} has no UPN recorded, so no register marks can be matched."
        )
        start = school_year_start(today)
        self.figures.set_period("year", "School year to date", f"{uk(start)}–{uk(today)}")
        self.figures.show_figures("year", summarise(register, start, today, policy))
        recent = last_school_weeks(register, RECENT_SCHOOL_WEEKS, today, policy)
        if recent is None:
            self.figures.set_period("recent", "Last 4 school weeks", "no school weeks held")
            self.figures.show_figures("recent", None, "No possible session is held.")
        else:
            self.figures.set_period("recent", "Last 4 school weeks", f"{uk(recent[0])}–{uk(today)}")
            self.figures.show_figures("recent", summarise(register, *recent, policy))
        if not self._range_chosen:
            self.figures.set_range(start, today)
        self._show_range()
        self._show_status(today)
        self._fill_years(today)
        self._show_strip()
        self.history.show_snapshots(data.snapshots)

    def _range_edited(self) -> None:
        self._range_chosen = True
        self._show_range()

    def _show_range(self) -> None:
        if self.data is None:
            return
        start, end = self.figures.chosen_range()
        if start > end:
            self.figures.show_figures("range", None, "The range must start on or before its end.")
            return
        figures = summarise(self.data.register, start, end, self.data.policy)
        self.figures.show_figures("range", figures)

    def _show_status(self, today: date) -> None:
        assert self.data is not None
        register, policy = self.data.register, self.data.policy
        head, detail = level_lines(attendance_level(register, today, policy))
        self.level_head.setText(f"<b>Graduated level: {head}</b>")
        self.level_detail.setText(detail)
        self._threshold = penalty_threshold(register.between(None, today), policy)
        head, role, detail, sessions = threshold_lines(self._threshold)
        self.threshold_head.setText(f"<b>{head}</b>")
        set_role(self.threshold_head, role)
        self.threshold_detail.setText(detail)
        caption = "Sessions that met it:" if self._threshold.met else "Highest window:"
        self.threshold_sessions.setText("\n".join([caption, *sessions]) if sessions else "")
        self.threshold_sessions.setVisible(bool(sessions))

    def _fill_years(self, today: date) -> None:
        assert self.data is not None
        first = self.data.register.first_date or today
        wanted = self.year.currentData() or school_year_start(today)
        self.year.blockSignals(True)
        self.year.clear()
        start = school_year_start(today)
        while start >= school_year_start(min(first, today)):
            self.year.addItem(f"{start.year}/{(start.year + 1) % 100:02d}", start)
            start = date(start.year - 1, 9, 1)
        self.year.setCurrentIndex(max(0, self.year.findData(wanted)))
        self.year.blockSignals(False)

    def _show_strip(self) -> None:
        if self.data is None or self.year.currentData() is None:
            return
        first: date = self.year.currentData()
        last = min(date(first.year + 1, 8, 31), self._today())
        counted = [(m.date, m.session) for m in self._threshold.sessions if self._threshold.met]
        self.strip.set_register(
            self.data.register, first, last, policy=self.data.policy, counted=counted
        )
        bar = self._strip_scroller.horizontalScrollBar().sizeHint().height()
        self._strip_scroller.setFixedHeight(self.strip.sizeHint().height() + bar)

    def open_import(self) -> None:
        dialog = ImportDialog(self.vault, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _report: self.refresh())
        self.import_dialog = dialog
        dialog.open()
