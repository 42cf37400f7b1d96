"""One editor per value a letter template asks for (its `asks:`), chosen by the ask's type.

The editors hand back Python values (a date, a list of lines, a whole number, the chosen word);
the documents module checks and types them, as it does for the command line's --set.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ewo_desk.documents.frontmatter import Ask

NOT_GIVEN = "Not given"


def ask_label(ask: Ask) -> str:
    words = ask.name.replace("_", " ").strip()
    words = words[:1].upper() + words[1:]
    return f"{words} (optional)" if ask.optional else words


def choice_label(choice: str) -> str:
    words = choice.replace("_", " ")
    return words[:1].upper() + words[1:]


class AskField:
    """An editor for one ask: `widget` goes in the form, `value()` is what it holds (None or
    empty when nothing is given), `changed` is called on every edit."""

    def __init__(self, ask: Ask, today: date, changed: Callable[[], None]) -> None:
        self.ask = ask
        self.widget: QWidget
        self.value: Callable[[], Any]
        build = getattr(self, f"_{ask.type.replace('/', '_')}", self._line)
        build(today, changed)
        self.widget.setAccessibleName(ask_label(ask))
        self.widget.setObjectName(f"ask-{ask.name}")

    def _date(self, today: date, changed: Callable[[], None]) -> None:
        edit = QDateEdit(QDate(today.year, today.month, today.day))
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        edit.dateChanged.connect(changed)
        self.editor = edit
        if not self.ask.optional:
            self.widget = edit
            self.value = lambda: edit.date().toPython()
            return
        # an optional date is left out until the officer ticks it: a date box is never empty
        given = QCheckBox("Give a date")
        given.toggled.connect(edit.setEnabled)
        given.toggled.connect(changed)
        edit.setEnabled(False)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(given)
        row.addWidget(edit, 1)
        self.given = given
        self.widget = box
        self.value = lambda: edit.date().toPython() if given.isChecked() else None

    def _text(self, _today: date, changed: Callable[[], None]) -> None:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
        edit.textChanged.connect(changed)
        self.editor = self.widget = edit
        self.value = lambda: edit.toPlainText().strip()

    def _list(self, _today: date, changed: Callable[[], None]) -> None:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText("One item on each line")
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 4 + 14)
        edit.textChanged.connect(changed)
        self.editor = self.widget = edit
        self.value = lambda: [
            line.strip() for line in edit.toPlainText().splitlines() if line.strip()
        ]

    def _number(self, _today: date, changed: Callable[[], None]) -> None:
        spin = QSpinBox()
        spin.setRange(-1 if self.ask.optional else 0, 9999)
        if self.ask.optional:
            spin.setSpecialValueText(NOT_GIVEN)  # shown at -1: the value is left out
            spin.setValue(-1)
        spin.valueChanged.connect(changed)
        self.editor = self.widget = spin
        self.value = lambda: None if spin.value() < 0 else spin.value()

    def _choice(self, _today: date, changed: Callable[[], None]) -> None:
        self._combo([(choice_label(c), c) for c in self.ask.choices], changed)

    def _yes_no(self, _today: date, changed: Callable[[], None]) -> None:
        self._combo([("Yes", True), ("No", False)], changed)

    def _combo(self, items: list[tuple[str, Any]], changed: Callable[[], None]) -> None:
        combo = QComboBox()
        if self.ask.optional:
            combo.addItem(NOT_GIVEN, None)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(changed)
        self.editor = self.widget = combo
        self.value = combo.currentData

    def _line(self, _today: date, changed: Callable[[], None]) -> None:
        """Money, percentages and anything else typed on one line."""
        edit = QLineEdit()
        edit.setPlaceholderText(
            {"money": "£, e.g. 80.00", "percent": "e.g. 78.5"}.get(self.ask.type, "")
        )
        edit.textChanged.connect(changed)
        self.editor = self.widget = edit
        self.value = lambda: edit.text().strip()

    def missing(self) -> bool:
        value = self.value()
        return not self.ask.optional and (value is None or value in ("", []))
