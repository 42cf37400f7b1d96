"""One declared policy setting on screen: what it means, its default, and an editor for its type.

Problems are shown beside the setting they are about (store.policy.problems says which).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ewo_desk.domain.settings import Setting
from ewo_desk.ui.style import label, message_box_label, show_message

LONG_TEXT = 80  # characters: a default longer than this gets a text box, not a line
INT_LIMIT = 999_999_999


class _NoWheelWhenUnfocused:
    """Scrolling the list over a spin box must scroll the list, not change the number."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()


class IntBox(_NoWheelWhenUnfocused, QSpinBox):
    pass


class FloatBox(_NoWheelWhenUnfocused, QDoubleSpinBox):
    pass


def show_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in value)
    return str(value)


class SettingRow(QWidget):
    changed = Signal()

    def __init__(self, setting: Setting[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setting = setting
        self.editor = self._make_editor(setting.default)
        self.editor.setAccessibleName(setting.label)
        self.editor.setToolTip(setting.key)
        self.default_button = QPushButton("Use default")
        self.default_button.setToolTip(f"Default: {show_value(setting.default)}")
        self.error_label = message_box_label("error-box")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 6, 0, 10)
        layout.addWidget(label(f"<b>{_escape(setting.label)}</b>"), 0, 0, 1, 3)
        row = 1
        if "UNVERIFIED" in setting.help:
            layout.addWidget(label(
                "Unverified in the law reference: check this with your legal team before relying "
                "on it.", role="notice-box"), row, 0, 1, 3)  # fmt: skip
            row += 1
        if setting.help:
            layout.addWidget(label(setting.help, role="muted"), row, 0, 1, 3)
            row += 1
        line = QHBoxLayout()
        wide = not isinstance(self.editor, QAbstractSpinBox | QCheckBox)
        line.addWidget(self.editor, 3 if wide else 0)
        line.addSpacing(12)
        default = label(f"Default: {show_value(setting.default)}", role="muted", wrap=False)
        default.setToolTip(show_value(setting.default))
        if wide:  # a long default would push the editor off the row: the tooltip has it whole
            default.setText("Default: " + _shorten(show_value(setting.default)))
            # One width for every text row, so their editors line up down the list.
            default.setFixedWidth(default.fontMetrics().horizontalAdvance("Default: " + "n" * 28))
        line.addWidget(default, 0)
        line.addStretch(0 if wide else 1)
        line.addWidget(self.default_button)
        layout.addLayout(line, row, 0, 1, 3)
        layout.addWidget(self.error_label, row + 1, 0, 1, 3)
        layout.setColumnStretch(0, 1)
        self.default_button.clicked.connect(lambda: self.set_value(setting.default))

    @property
    def key(self) -> str:
        return self.setting.key

    def _make_editor(self, default: Any) -> QWidget:
        editor: QWidget
        if isinstance(default, bool):
            editor = QCheckBox("Yes")
            editor.toggled.connect(self.changed)
        elif isinstance(default, int):
            editor = IntBox()
            editor.setRange(-INT_LIMIT, INT_LIMIT)
        elif isinstance(default, float):
            editor = FloatBox()
            editor.setRange(-INT_LIMIT, INT_LIMIT)
            editor.setDecimals(2)
        elif isinstance(default, str) and len(default) > LONG_TEXT:
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 4 + 12)
            editor.textChanged.connect(self.changed)
        else:  # short text, and lists written as "90, 80"
            editor = QLineEdit()
            editor.textChanged.connect(self.changed)
        if isinstance(editor, QAbstractSpinBox):
            editor.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            editor.setFixedWidth(160)  # a number needs no more; the default sits beside it
            editor.valueChanged.connect(self.changed)
        return editor

    def value(self) -> Any:
        """The value typed, as the setting's type. Raises ValueError with a plain message."""
        editor, default = self.editor, self.setting.default
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox | QDoubleSpinBox):
            return editor.value()
        # Text is taken as typed: a space can matter (ctf.no_mark_characters is "- ").
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        assert isinstance(editor, QLineEdit)
        if isinstance(default, list):
            return _parse_list(editor.text(), default)
        return editor.text()

    def set_value(self, value: Any) -> None:
        editor = self.editor
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QSpinBox | QDoubleSpinBox):
            editor.setValue(value)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(show_value(value))

    def show_problems(self, problems: list[str]) -> None:
        show_message(self.error_label, "\n".join(problems))


def _parse_list(text: str, default: list[Any]) -> list[Any]:
    kind = type(default[0]) if default else str
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    try:
        return [kind(p) for p in parts]
    except ValueError:
        example = show_value(default)
        raise ValueError(f"Write numbers separated by commas, for example {example}.") from None


def _shorten(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
