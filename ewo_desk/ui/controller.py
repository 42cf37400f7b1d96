"""Which window is showing: set-up or unlock, then the caseload; lock returns to unlock.

Event-driven (no nested exec()), so tests drive the whole journey with qtbot. `quit` is injected:
the app passes QApplication.quit, tests pass a recorder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ewo_desk.paths import DataPaths
from ewo_desk.store.vault import Vault
from ewo_desk.ui.first_run import FirstRunWizard
from ewo_desk.ui.main_window import MainWindow
from ewo_desk.ui.unlock import UnlockDialog

log = logging.getLogger(__name__)


class AppController(QObject):
    def __init__(self, paths: DataPaths, quit: Callable[[], None]) -> None:
        super().__init__()
        self.paths = paths
        self._quit = quit
        self.vault: Vault | None = None
        self.wizard: FirstRunWizard | None = None
        self.unlock_dialog: UnlockDialog | None = None
        self.window: MainWindow | None = None

    def start(self) -> None:
        if Vault.exists(self.paths):
            self.show_unlock()
        else:
            self.show_first_run()

    def show_first_run(self) -> None:
        self.wizard = FirstRunWizard(self.paths)
        self.wizard.finished.connect(self._first_run_finished)
        self.wizard.show()

    def show_unlock(self) -> None:
        dialog = UnlockDialog(self.paths)
        self.unlock_dialog = dialog
        if dialog.try_keyring() and dialog.vault is not None:
            self._discard(dialog)
            self.show_main(dialog.vault)
            return
        dialog.finished.connect(self._unlock_finished)
        dialog.show()
        dialog.passphrase.setFocus()

    def show_main(self, vault: Vault) -> None:
        self.vault = vault
        self.window = MainWindow(vault)
        self.window.lock_requested.connect(self.lock)
        self.window.quit_requested.connect(self.quit)
        self.window.show()

    def lock(self) -> None:
        """Close the caseload window, drop the key, clear the clipboard; ask to unlock again."""
        if self.window is not None:
            window, self.window = self.window, None
            for child in window.findChildren(QWidget):
                if child.isWindow() and child.isVisible():
                    child.close()  # open dialogs go with the caseload
            window.close_for_lock()
            self._discard(window)
        self._close_vault()
        QGuiApplication.clipboard().clear()
        log.info("locked")
        self.show_unlock()

    def quit(self) -> None:
        self._close_vault()
        self._quit()

    def shutdown(self) -> None:
        """After the event loop ends: never leave the caseload open."""
        self._close_vault()

    def _first_run_finished(self, result: int) -> None:
        wizard, self.wizard = self.wizard, None
        vault = wizard.vault if wizard else None
        if wizard is not None:
            self._discard(wizard)
        if vault is None:
            self._quit()
        elif result:
            self.show_main(vault)
        else:
            self.vault = vault
            self.quit()

    def _unlock_finished(self, result: int) -> None:
        dialog, self.unlock_dialog = self.unlock_dialog, None
        vault = dialog.vault if dialog else None
        if dialog is not None:
            self._discard(dialog)
        if result and vault is not None:
            self.show_main(vault)
        else:
            self._quit()

    def _close_vault(self) -> None:
        if self.vault is not None:
            vault, self.vault = self.vault, None
            vault.close()

    @staticmethod
    def _discard(widget: QWidget) -> None:
        widget.hide()
        widget.deleteLater()
