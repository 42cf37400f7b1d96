"""One input widget per field of a step form (store.step_forms.FormField), each able to give its
value JSON-ready (ISO dates, enum values, pence) and to say when it changed."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ewo_desk.store.step_forms import FormField


class FieldInput(QWidget):
    """A field's input, whatever its kind; `value()` is None when nothing is given."""

    changed = Signal()

    def __init__(
        self, field: FormField, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.today = today or date.today()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = self._make(field)
        self.known: QCheckBox | None = None
        if field.kind == "optional_date":
            self.known = QCheckBox("Known")
            self.known.setAccessibleName(f"{field.label}: known")
            self.known.setChecked(field.default is not None)
            self.known.toggled.connect(self.editor.setEnabled)
            self.known.toggled.connect(self.changed)
            self.editor.setEnabled(field.default is not None)
            layout.addWidget(self.known)
        # Dates and amounts are short: a full-width box would look like a place for prose.
        short = isinstance(self.editor, QDateEdit | QDoubleSpinBox | QSpinBox | QCheckBox)
        layout.addWidget(self.editor, 0 if short else 1)
        if short:
            layout.addStretch(1)
        self.editor.setAccessibleName(field.label)
        self.setFocusProxy(self.known or self.editor)

    def _make(self, field: FormField) -> QWidget:
        kind, default = field.kind, field.default
        if kind in ("date", "optional_date"):
            edit = QDateEdit()
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            day = date.fromisoformat(default) if default else self.today
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.dateChanged.connect(self.changed)
            return edit
        if kind == "choice":
            box = QComboBox()
            if field.required and default is None:
                box.addItem("Choose…", None)
            for value, label in field.choices:
                box.addItem(label, value)
            box.setCurrentIndex(max(0, box.findData(default)))
            box.currentIndexChanged.connect(self.changed)
            return box
        if kind == "choices":
            ticks = QListWidget()
            ticks.setWordWrap(True)
            for value, label in field.choices:
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, value)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                ticked = value in (default or [])
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
                ticks.addItem(item)
            # Tall enough for every choice without scrolling (labels wrap at about 90 letters).
            lines = sum(1 + len(label) // 90 for _value, label in field.choices)
            ticks.setMinimumHeight(
                ticks.fontMetrics().lineSpacing() * lines + 8 * len(field.choices)
            )
            ticks.itemChanged.connect(self.changed)
            return ticks
        if kind == "money":
            money = QDoubleSpinBox()
            money.setPrefix("£")
            money.setDecimals(2)
            money.setMaximum(100_000)
            money.setValue((default or 0) / 100)
            money.valueChanged.connect(self.changed)
            return money
        if kind in ("number", "optional_number"):
            number = QSpinBox()
            number.setMaximum(10_000)
            if kind == "optional_number":
                number.setSpecialValueText("Not set")  # 0 reads as "not set"
            number.setValue(default or 0)
            number.valueChanged.connect(self.changed)
            return number
        if kind == "flag":
            flag = QCheckBox()
            flag.setChecked(bool(default))
            flag.toggled.connect(self.changed)
            return flag
        if kind in ("long_text", "lines"):
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            lines = default if isinstance(default, list) else [default or ""]
            text.setPlainText("\n".join(lines))
            if kind == "lines":
                text.setPlaceholderText("One per line")
            text.setFixedHeight(text.fontMetrics().lineSpacing() * 4 + 12)
            text.textChanged.connect(self.changed)
            return text
        line = QLineEdit(default or "")
        line.textChanged.connect(self.changed)
        return line

    def value(self) -> Any:
        editor, kind = self.editor, self.field.kind
        if isinstance(editor, QDateEdit):
            if self.known is not None and not self.known.isChecked():
                return None
            return editor.date().toPython().isoformat()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QListWidget):
            items = (editor.item(i) for i in range(editor.count()))
            return [
                i.data(Qt.ItemDataRole.UserRole)
                for i in items
                if i.checkState() == Qt.CheckState.Checked
            ]
        if isinstance(editor, QDoubleSpinBox):
            return round(editor.value() * 100)
        if isinstance(editor, QSpinBox):
            return None if kind == "optional_number" and editor.value() == 0 else editor.value()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QPlainTextEdit):
            text = editor.toPlainText().strip()
            if kind == "lines":
                return [line.strip() for line in text.splitlines() if line.strip()]
            return text
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    def missing(self) -> bool:
        """A required field left empty (an unchosen choice, blank text)."""
        value = self.value()
        if self.field.kind == "money":  # a payment or a fine of £0.00 is one not yet typed
            return self.field.required and not value
        return self.field.required and value in (None, "", [])
