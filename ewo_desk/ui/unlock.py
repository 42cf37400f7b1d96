"""The unlock dialog: keyring first where council policy allows it, else the passphrase.

A wrong passphrase is shown inline and the dialog stays open; there is no lock-out. Tests drive
it without exec(): fill `passphrase`, click `unlock_button`, wait for `unlocked`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from ewo_desk.errors import EwoDeskError, KeyringUnavailable, VaultError
from ewo_desk.paths import DataPaths
from ewo_desk.store.vault import Vault
from ewo_desk.ui import worker
from ewo_desk.ui.passphrase_widgets import hidden_field
from ewo_desk.ui.recovery_dialog import RecoveryDialog
from ewo_desk.ui.style import label, message_box_label, show_message

log = logging.getLogger(__name__)


def keyring_unlock_allowed(paths: DataPaths) -> bool:
    """Council policy, as mirrored in the key file. A damaged key file counts as 'no'."""
    try:
        return Vault.keyring_policy(paths)
    except VaultError:  # the passphrase attempt will then say what is wrong with the file
        return False


class UnlockDialog(QDialog):
    unlocked = Signal(object)  # the open Vault

    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.vault: Vault | None = None
        self.recovery_dialog: RecoveryDialog | None = None
        self.setWindowTitle("Unlock EWO Desk")
        self.setMinimumWidth(460)

        self.keyring_label = message_box_label("notice-box")
        self.passphrase = hidden_field("Passphrase", "Passphrase")
        self.error_label = message_box_label("error-box")
        self.status_label = label(role="muted")
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton("&Unlock", QDialogButtonBox.ButtonRole.AcceptRole)
        self.recovery_button = QPushButton("Use &recovery code…")
        buttons.addButton(self.recovery_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.unlock_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(label("Your caseload is locked", role="title"))
        layout.addWidget(label("Enter your passphrase to open it."))
        layout.addWidget(self.keyring_label)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.unlock_button.clicked.connect(self.try_passphrase)
        self.passphrase.returnPressed.connect(self.try_passphrase)
        self.recovery_button.clicked.connect(self.open_recovery)
        self.quit_button.clicked.connect(self.reject)

    def try_keyring(self) -> bool:
        """Open with the system keyring if policy allows; True when the caseload is open."""
        if not keyring_unlock_allowed(self.paths):
            return False
        try:
            vault = Vault.open_with_keyring(self.paths)
        except KeyringUnavailable as error:
            show_message(self.keyring_label, str(error))
            return False
        except EwoDeskError as error:
            show_message(self.error_label, str(error))
            return False
        self._unlocked(vault)
        return True

    def try_passphrase(self) -> None:
        if worker.busy():
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            show_message(self.error_label, "Type your passphrase first.")
            return
        self._set_busy(True)
        paths = self.paths
        worker.run_off_thread(
            lambda: Vault.open_with_passphrase(paths, passphrase), self._unlocked, self._failed
        )

    def open_recovery(self) -> None:
        """Non-blocking: the recovery dialog reports through its own `unlocked` signal."""
        dialog = RecoveryDialog(self.paths, self)
        dialog.unlocked.connect(self._unlocked)
        self.recovery_dialog = dialog
        dialog.open()

    def _unlocked(self, vault: Vault) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        self.vault = vault
        log.info("unlocked")
        self.unlocked.emit(vault)
        self.accept()

    def _failed(self, error: EwoDeskError) -> None:
        self._set_busy(False)
        show_message(self.error_label, str(error))
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.passphrase, self.unlock_button, self.recovery_button):
            widget.setEnabled(not busy)
        self.status_label.setText("Opening your caseload…" if busy else "")

    def reject(self) -> None:
        if not worker.busy():
            super().reject()
