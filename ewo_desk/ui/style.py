"""The look shared by every window: a small stylesheet keyed on a `role` property, and helpers.

Colours are chosen to read on light and dark palettes alike; everything else follows the platform.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget, QWizard

STYLESHEET = """
QLabel[role="danger"] { color: #c0392b; }
QLabel[role="ok"] { color: #2e8540; }
QLabel[role="error-box"] {
    background: #fdecea; color: #611a15; border: 1px solid #e6a39d;
    border-radius: 4px; padding: 8px;
}
QLabel[role="notice-box"] {
    background: #fff6d6; color: #4d3c00; border: 1px solid #e3cf85;
    border-radius: 4px; padding: 8px;
}
QLabel[role="title"] { font-size: 15pt; font-weight: 600; }
QLabel[role="muted"] { color: palette(placeholder-text); }
QLabel[role="recovery-code"] {
    background: palette(base); color: palette(text); border: 1px solid palette(mid);
    border-radius: 6px; padding: 14px;
}
QProgressBar { border: 1px solid palette(mid); border-radius: 3px; background: palette(base); }
QProgressBar::chunk { border-radius: 2px; background: palette(mid); }
QProgressBar[role="danger"]::chunk { background: #c0392b; }
QProgressBar[role="warning"]::chunk { background: #d68910; }
QProgressBar[role="ok"]::chunk { background: #2e8540; }
"""


def apply(app: QApplication) -> None:
    app.setStyleSheet(STYLESHEET)


def set_role(widget: QWidget, role: str) -> None:
    """Restyle a widget by role (danger, ok, error-box, ...); an empty role means plain."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def label(text: str = "", role: str = "", *, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    if role:
        set_role(widget, role)
    return widget


def message_box_label(role: str) -> QLabel:
    """A boxed message (an error or a notice) that stays hidden until it has something to say."""
    widget = label(role=role)
    widget.setVisible(False)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def show_message(widget: QLabel, text: str) -> None:
    widget.setText(text)
    widget.setVisible(bool(text))
    window = widget.window()
    if isinstance(window, QDialog) and not isinstance(window, QWizard) and window.isVisible():
        window.adjustSize()  # a small dialog grows to show the whole message, never clips it


def monospace(point_size: float = 0) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    if point_size > 0:
        font.setPointSizeF(point_size)
    return font
