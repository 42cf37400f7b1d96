"""Unlock with the recovery code and choose a new passphrase at the same time."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from ewo_desk.errors import EwoDeskError
from ewo_desk.paths import DataPaths
from ewo_desk.store.vault import Vault
from ewo_desk.ui import worker
from ewo_desk.ui.passphrase_widgets import NewPassphrase
from ewo_desk.ui.style import label, message_box_label, monospace, show_message


class RecoveryDialog(QDialog):
    unlocked = Signal(object)  # the open Vault, with the new passphrase already set

    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self._busy = False
        self.setWindowTitle("Use your recovery code")
        self.setMinimumWidth(520)
        self.code = QLineEdit()
        self.code.setFont(monospace(13))
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.code.setAccessibleName("Recovery code")
        self.new_passphrase = NewPassphrase()
        self.error_label = message_box_label("error-box")
        self.status_label = label(role="muted")
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton(
            "&Unlock and set passphrase", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                "Type the recovery code you stored when the caseload was created. Capitals, spaces "
                "and dashes do not matter."
            )
        )
        layout.addWidget(self.code)
        layout.addSpacing(6)
        layout.addWidget(label("Then choose a new passphrase. The old one stops working."))
        layout.addWidget(self.new_passphrase)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)

        self.code.textChanged.connect(self._update)
        self.new_passphrase.changed.connect(self._update)
        self.unlock_button.clicked.connect(self.try_code)
        self.cancel_button.clicked.connect(self.reject)
        self._update()

    def _update(self) -> None:
        ready = bool(self.code.text().strip()) and self.new_passphrase.is_acceptable()
        self.unlock_button.setEnabled(ready and not self._busy)

    def try_code(self) -> None:
        if self._busy or not self.unlock_button.isEnabled():
            return
        paths, code = self.paths, self.code.text()
        passphrase = self.new_passphrase.passphrase()
        self._set_busy(True)
        worker.run_off_thread(
            lambda: Vault.open_with_recovery_code(paths, code, passphrase),
            self._unlocked,
            self._failed,
        )

    def _unlocked(self, vault: Vault) -> None:
        self._set_busy(False)
        self.code.clear()
        self.new_passphrase.clear()
        self.unlocked.emit(vault)
        self.accept()

    def _failed(self, error: EwoDeskError) -> None:
        self._set_busy(False)
        show_message(self.error_label, str(error))
        self.code.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.code.setEnabled(not busy)
        self.new_passphrase.set_enabled(not busy)
        self.status_label.setText("Opening your caseload…" if busy else "")
        if busy:
            show_message(self.error_label, "")
        self._update()

    def reject(self) -> None:
        if not self._busy:
            super().reject()
