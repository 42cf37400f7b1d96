"""The Security tab: auto-lock minutes (a policy setting, saved with the rest), whether the keyring
alone may open the caseload, and a new passphrase.

The keyring choice and the passphrase live in the key file, not the database, so they are applied
at once with their own buttons, after the current passphrase is checked off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.errors import EwoDeskError
from ewo_desk.store.vault import Vault
from ewo_desk.ui import worker
from ewo_desk.ui.passphrase_widgets import NewPassphrase, hidden_field
from ewo_desk.ui.settings.policy_tab import SECURITY, PolicyRows, area
from ewo_desk.ui.style import label, message_box_label, set_role, show_message

KEYRING_OFF = "Off: your passphrase is asked every time the caseload opens (the default)."
KEYRING_ON = "On: this computer's keyring opens the caseload without the passphrase."


class SecurityTab(QWidget):
    busy_changed = Signal(bool)

    def __init__(self, vault: Vault, rows: PolicyRows, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.busy = False
        layout = QVBoxLayout(self)

        auto_lock = QGroupBox("Auto-lock")
        auto_layout = QVBoxLayout(auto_lock)
        for key, row in rows.rows.items():
            if area(key) == SECURITY:
                auto_layout.addWidget(row)
        layout.addWidget(auto_lock)

        opening = QGroupBox("Passphrase and keyring")
        form = QFormLayout(opening)
        self.current = hidden_field("Your passphrase now", "Current passphrase")
        self.keyring_box = QCheckBox(
            "Council policy lets the system keyring open this caseload without the passphrase"
        )
        self.keyring_state = label(role="muted")
        self.keyring_button = QPushButton("Apply keyring choice")
        self.new_passphrase = NewPassphrase()
        self.change_button = QPushButton("Change passphrase")
        self.status_label = label()
        self.error_label = message_box_label("error-box")
        form.addRow(label(
            "Both changes below take effect at once and need your current passphrase.",
            role="muted"))  # fmt: skip
        form.addRow("&Current passphrase:", self.current)
        form.addRow(self.keyring_box)
        form.addRow(self.keyring_state)
        form.addRow(_left(self.keyring_button))
        form.addRow(label("<b>New passphrase</b>"))
        form.addRow(self.new_passphrase)
        form.addRow(_left(self.change_button))
        form.addRow(self.status_label)
        form.addRow(self.error_label)
        layout.addWidget(opening)
        layout.addStretch(1)

        self.keyring_button.clicked.connect(self.apply_keyring)
        self.change_button.clicked.connect(self.change_passphrase)
        self.new_passphrase.changed.connect(self._update_buttons)
        self.current.textChanged.connect(self._update_buttons)
        self.keyring_box.toggled.connect(self._update_buttons)
        self.load()

    def load(self) -> None:
        allowed = self.vault.slots.keyring_unlock_allowed
        self.keyring_box.setChecked(allowed)
        self.keyring_state.setText(KEYRING_ON if allowed else KEYRING_OFF)
        self._update_buttons()

    def apply_keyring(self) -> None:
        allowed, current, vault = self.keyring_box.isChecked(), self.current.text(), self.vault
        done = "The keyring may now open the caseload." if allowed else KEYRING_OFF
        self._run(lambda: vault.allow_keyring_unlock(allowed, current), done)

    def change_passphrase(self) -> None:
        current, new, vault = self.current.text(), self.new_passphrase.passphrase(), self.vault
        self._run(
            lambda: vault.change_passphrase(current, new),
            "Passphrase changed. Use the new one next time you unlock.",
        )

    def _run(self, work: Callable[[], None], done: str) -> None:
        if worker.busy():
            return
        self._set_busy(True)
        worker.run_off_thread(work, lambda _result: self._done(done), self._failed)

    def _done(self, text: str) -> None:
        self._set_busy(False)
        self.current.clear()
        self.new_passphrase.clear()
        self.load()
        self._say(text, "ok")

    def _failed(self, error: EwoDeskError) -> None:
        self._set_busy(False)
        self._say("", "")
        show_message(self.error_label, str(error))
        self.current.selectAll()
        self.current.setFocus()

    def _say(self, text: str, role: str) -> None:
        self.status_label.setText(text)
        set_role(self.status_label, role)
        if text:
            show_message(self.error_label, "")

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.current.setEnabled(not busy)
        self.keyring_box.setEnabled(not busy)
        self.new_passphrase.set_enabled(not busy)
        self._say("Checking your passphrase…" if busy else "", "muted" if busy else "")
        self._update_buttons()
        self.busy_changed.emit(busy)

    def _update_buttons(self) -> None:
        has_current = bool(self.current.text()) and not self.busy
        changed = self.keyring_box.isChecked() != self.vault.slots.keyring_unlock_allowed
        self.keyring_button.setEnabled(has_current and changed)
        self.change_button.setEnabled(has_current and self.new_passphrase.is_acceptable())


def _left(button: QPushButton) -> QHBoxLayout:
    """A button at its natural width on the left, not stretched across the form."""
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch(1)
    return row
