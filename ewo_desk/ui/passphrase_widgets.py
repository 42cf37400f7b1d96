"""Passphrase entry: a hidden field, and the choose-twice pair with its live strength meter."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.store.keyslots import MIN_PASSPHRASE_LENGTH
from ewo_desk.ui import strength
from ewo_desk.ui.style import set_role

_METER_ROLES = ("danger", "danger", "warning", "ok", "ok")


def hidden_field(placeholder: str, accessible_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    field.setAccessibleName(accessible_name)
    field.setClearButtonEnabled(False)
    return field


class NewPassphrase(QWidget):
    """Choose a passphrase: typed twice, with a strength meter and the vault's minimum length."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = hidden_field(f"At least {MIN_PASSPHRASE_LENGTH} characters", "New passphrase")
        self.second = hidden_field("The same passphrase again", "Repeat the new passphrase")
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.meter.setAccessibleName("Passphrase strength")
        self.strength_label = QLabel()
        self.match_label = QLabel()
        self.show_box = QCheckBox("Show passphrase")
        for label in (self.strength_label, self.match_label):
            label.setWordWrap(True)

        form = QFormLayout()
        form.addRow("&Passphrase:", self.first)
        form.addRow("", self.meter)
        form.addRow("", self.strength_label)
        form.addRow("&Repeat:", self.second)
        form.addRow("", self.match_label)
        form.addRow("", self.show_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)

        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self.show_box.toggled.connect(self._show)
        self._update()

    def passphrase(self) -> str:
        return self.first.text()

    def is_acceptable(self) -> bool:
        text = self.first.text()
        return len(text) >= MIN_PASSPHRASE_LENGTH and text == self.second.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.first, self.second, self.show_box):
            widget.setEnabled(enabled)

    def _show(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.first.setEchoMode(mode)
        self.second.setEchoMode(mode)

    def _update(self) -> None:
        text = self.first.text()
        estimate = strength.estimate(text)
        self.meter.setValue(max(estimate.score, 1) if text else 0)  # a red sliver when short
        set_role(self.meter, _METER_ROLES[estimate.score] if text else "")
        if text:
            self.strength_label.setText(f"<b>{estimate.label}.</b> {estimate.hint}")
        else:
            self.strength_label.setText(
                f"Use at least {MIN_PASSPHRASE_LENGTH} characters. A few unrelated words are "
                "easy to remember and hard to guess."
            )
        again = self.second.text()
        if not again:
            self.match_label.setText("")
        elif again == text:
            self.match_label.setText("✓ The passphrases match.")
        else:
            self.match_label.setText("The passphrases do not match yet.")
        set_role(self.match_label, "ok" if again and again == text else "")
        self.changed.emit()
