"""RegisterStrip: a school year of sessions as a calendar an officer reads at a glance.

Weeks run left to right (a column each), Monday to Friday top to bottom, each day split into its
AM (upper) and PM (lower) half, coloured by the statistical category of its mark. Colour is never
the only signal: not-counted sessions are hatched, sessions with no mark are empty outlines,
sessions counted towards the penalty-notice threshold carry a dot, a legend names every look, and
hovering a session shows its date, code and meaning. The layout is worked out once per register,
so painting a whole year is one pass over a few hundred rectangles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QHelpEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolTip, QWidget

from ewo_desk.domain.attendance import Category, PupilRegister, Session, category_of, code_set
from ewo_desk.domain.attendance.marks import slot_of
from ewo_desk.domain.settings import Policy

NO_MARK = "no_mark"
# Mid-tone colours that read on light and dark palettes alike (the app's ok/warning/danger).
COLOURS = {
    Category.PRESENT.value: QColor("#2e8540"),
    Category.APPROVED_ACTIVITY.value: QColor("#2b7bb9"),
    Category.AUTHORISED.value: QColor("#d68910"),
    Category.UNAUTHORISED.value: QColor("#c0392b"),
    Category.NOT_COUNTED.value: QColor("#8a8f98"),
}
LABELS = {
    Category.PRESENT.value: "Present",
    Category.APPROVED_ACTIVITY.value: "Approved educational activity",
    Category.AUTHORISED.value: "Authorised absence",
    Category.UNAUTHORISED.value: "Unauthorised absence",
    Category.NOT_COUNTED.value: "Not counted (e.g. school closed)",
    NO_MARK: "No mark held",
}
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CELL_W, HALF_H, GAP = 14, 9, 3


@dataclass(frozen=True)
class _Cell:
    rect: QRect
    day: date
    session: Session
    code: str | None
    kind: str
    counted: bool  # towards the penalty-notice threshold


def paint_session(painter: QPainter, rect: QRect, kind: str, counted: bool, pal: QPalette) -> None:
    """One half-day, drawn the same in the strip and in its legend."""
    if kind == NO_MARK:
        painter.setPen(pal.color(QPalette.ColorRole.Mid))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        return
    painter.fillRect(rect, COLOURS[kind])
    if kind == Category.NOT_COUNTED.value:
        painter.fillRect(rect, QBrush(QColor("#3c4043"), Qt.BrushStyle.BDiagPattern))
    if counted:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pal.color(QPalette.ColorRole.Base))
        painter.drawEllipse(rect.center(), 2, 2)


class RegisterStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cells: list[_Cell] = []
        self._by_slot: dict[int, _Cell] = {}
        self._months: list[tuple[int, str]] = []
        self._rows = 5
        self._weeks = 0
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Register calendar")
        self.setMouseTracking(True)

    def set_register(
        self,
        register: PupilRegister,
        first: date,
        last: date,
        *,
        policy: Policy | None = None,
        counted: Iterable[tuple[date, Session]] = (),
    ) -> None:
        """Show the sessions from `first` to `last`; `counted` are the threshold's sessions."""
        codes = dict(zip(register.slots, register.codes, strict=True))
        counted_slots = {slot_of(day, session) for day, session in counted}
        monday = first - timedelta(days=first.weekday())
        lo, hi = register.bounds(first, last)
        # Weekend rows only when a weekend has a mark (ordinal % 7: 6 is Saturday, 0 Sunday).
        weekend = any((slot >> 1) % 7 in (6, 0) for slot in register.slots[lo:hi])
        self._rows = 7 if weekend else 5
        self._weeks = (last - monday).days // 7 + 1
        left, top = self._margins()
        self._cells, self._months = [], []
        for week in range(self._weeks):
            x = left + week * (CELL_W + GAP)
            start = monday + timedelta(weeks=week)
            if week == 0 or any((start + timedelta(days=d)).day == 1 for d in range(7)):
                self._months.append((x, (start + timedelta(days=6)).strftime("%b")))
            for row in range(self._rows):
                day = start + timedelta(days=row)
                if not first <= day <= last:
                    continue
                y = top + row * (2 * HALF_H + 1 + GAP)
                for session in Session:
                    slot = slot_of(day, session)
                    code = codes.get(slot)
                    rect = QRect(x, y + session * (HALF_H + 1), CELL_W, HALF_H)
                    kind = NO_MARK if code is None else _kind(code, day, policy)
                    self._cells.append(_Cell(rect, day, session, code, kind, slot in counted_slots))
        self._by_slot = {slot_of(c.day, c.session): c for c in self._cells}
        if len(self._months) > 1 and self._months[1][0] - self._months[0][0] < 3 * CELL_W:
            del self._months[0]  # a year starting late in a month: no overlapping labels
        self.setAccessibleDescription(
            f"Sessions from {first:%d/%m/%Y} to {last:%d/%m/%Y}; hover a session for its mark."
        )
        self.updateGeometry()
        self.resize(self.sizeHint())  # a fixed-size picture, scrolled when the tab is narrow
        self.update()

    # --- what is shown where (also what the tests read) ------------------------------------

    def kind_at(self, day: date, session: Session) -> str | None:
        cell = self._by_slot.get(slot_of(day, session))
        return None if cell is None else cell.kind

    def session_rect(self, day: date, session: Session) -> QRect | None:
        cell = self._by_slot.get(slot_of(day, session))
        return None if cell is None else QRect(cell.rect)

    def tooltip_at(self, pos: QPoint) -> str:
        for cell in self._cells:
            if cell.rect.adjusted(-1, -1, 1, 1).contains(pos):
                return _describe(cell)
        return ""

    # --- Qt ---------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        left, top = self._margins()
        width = left + self._weeks * (CELL_W + GAP) + GAP
        height = top + self._rows * (2 * HALF_H + 1 + GAP) + GAP
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        metrics = self.fontMetrics()
        left, top = self._margins()
        for x, name in self._months:
            painter.drawText(x, metrics.ascent() + 1, name)
        for row in range(self._rows):
            y = top + row * (2 * HALF_H + 1 + GAP)
            box = QRect(0, y, left - 6, 2 * HALF_H + 1)
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(box, right, DAYS[row])
        for cell in self._cells:
            paint_session(painter, cell.rect, cell.kind, cell.counted, pal)
        painter.end()

    def _margins(self) -> tuple[int, int]:
        metrics = self.fontMetrics()
        return metrics.horizontalAdvance("Wed") + 10, metrics.height() + 4


def _kind(code: str, day: date, policy: Policy | None) -> str:
    return category_of(code, day, policy).value


def _describe(cell: _Cell) -> str:
    when = f"{cell.day:%a %d/%m/%Y} {cell.session.name}"
    if cell.code is None:
        return f"{when}: no mark held"
    entry = code_set(cell.day).get(cell.code)
    meaning = f" {entry.meaning}" if entry else ""
    text = f"{when}: {cell.code} —{meaning} ({LABELS[cell.kind].split(' (')[0].lower()})"
    if cell.counted:
        text += "\nCounted towards the penalty-notice threshold"
    return text


def legend(parent: QWidget | None = None) -> QWidget:
    """Every look the strip uses, named in words."""
    widget = QWidget(parent)
    grid = QGridLayout(widget)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(6)
    entries = [(kind, False, text) for kind, text in LABELS.items()]
    entries.append((Category.UNAUTHORISED.value, True, "Counted towards the threshold (•)"))
    for index, (kind, counted, text) in enumerate(entries):
        pixmap = QPixmap(CELL_W, HALF_H)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_session(painter, QRect(0, 0, CELL_W, HALF_H), kind, counted, widget.palette())
        painter.end()
        sample = QLabel()
        sample.setPixmap(pixmap)
        row, column = divmod(index, 4)
        grid.addWidget(sample, row, column * 2)
        grid.addWidget(QLabel(text), row, column * 2 + 1)
    grid.setColumnStretch(8, 1)
    return widget
