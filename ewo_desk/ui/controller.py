"""Which window is showing: set-up or unlock, then the caseload; lock returns to unlock.

Event-driven (no nested exec()), so tests drive the whole journey with qtbot. `quit` is injected:
the app passes QApplication.quit, tests pass a recorder.

The caseload locks when the officer asks (File > Lock), after the policy's minutes without input
(autolock.IdleWatcher), and when the desktop session locks or sleeps where Qt can tell
(autolock.SessionLockWatcher).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

from ewo_desk.domain.security import AUTO_LOCK_MINUTES
from ewo_desk.errors import EwoDeskError
from ewo_desk.paths import DataPaths
from ewo_desk.store.policy import load_policy
from ewo_desk.store.vault import Vault
from ewo_desk.ui import clipboard, worker
from ewo_desk.ui.autolock import IdleWatcher, SessionLockWatcher
from ewo_desk.ui.first_run import FirstRunWizard
from ewo_desk.ui.main_window import MainWindow
from ewo_desk.ui.settings_dialog import SettingsDialog
from ewo_desk.ui.unlock import UnlockDialog

log = logging.getLogger(__name__)

LOCK_RETRY_MS = 250  # while background work still uses the caseload, lock as soon as it ends


class AppController(QObject):
    def __init__(self, paths: DataPaths, quit: Callable[[], None]) -> None:
        super().__init__()
        self.paths = paths
        self._quit = quit
        self.vault: Vault | None = None
        self.wizard: FirstRunWizard | None = None
        self.unlock_dialog: UnlockDialog | None = None
        self.window: MainWindow | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.idle_watcher: IdleWatcher | None = None
        self.session_watcher: SessionLockWatcher | None = None
        self._lock_pending = False

    def start(self) -> None:
        clipboard.watch()
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
        self._add_settings_action(self.window)
        self.window.show()
        self._watch_for_lock(vault)

    def open_settings(self) -> None:
        """Settings, window-modal over the caseload; opened with open(), never exec()."""
        if self.vault is None or self.window is None:
            return
        if self.settings_dialog is not None:
            self.settings_dialog.raise_()
            self.settings_dialog.activateWindow()
            return
        dialog = SettingsDialog(self.vault, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._settings_saved)
        dialog.finished.connect(self._settings_closed)
        self.settings_dialog = dialog
        dialog.open()

    def lock(self) -> None:
        """Save drafts, close every caseload window, drop the key, clear what the app copied."""
        if self.window is None and self.vault is None:
            return  # already locked (a session lock can arrive while the unlock dialog shows)
        self._stop_idle_watcher()
        if worker.busy():
            # Background work (a passphrase change, an import) still holds the caseload: hide it
            # now and lock the moment the work reports back.
            self._hide_caseload_windows()
            if not self._lock_pending:
                self._lock_pending = True
                QTimer.singleShot(LOCK_RETRY_MS, self._retry_lock)
            return
        self._save_drafts()
        self._close_caseload_windows()
        self._close_vault()
        clipboard.clear_if_ours()
        log.info("locked")
        self.show_unlock()

    def quit(self) -> None:
        self._stop_idle_watcher()
        self._close_vault()
        self._quit()

    def shutdown(self) -> None:
        """After the event loop ends: never leave the caseload open."""
        self._stop_idle_watcher()
        self._close_vault()

    # --- locking ------------------------------------------------------------------------

    def _watch_for_lock(self, vault: Vault) -> None:
        minutes = auto_lock_minutes(vault)
        self.idle_watcher = IdleWatcher(minutes, parent=self)
        self.idle_watcher.idle.connect(self.lock)
        if self.session_watcher is None:
            self.session_watcher = SessionLockWatcher(self)
            self.session_watcher.session_locked.connect(self.lock)
        log.info("auto-lock after %s minutes without input", minutes)

    def _stop_idle_watcher(self) -> None:
        if self.idle_watcher is not None:
            watcher, self.idle_watcher = self.idle_watcher, None
            watcher.stop()
            watcher.deleteLater()

    def _retry_lock(self) -> None:
        self._lock_pending = False
        self.lock()

    def _caseload_windows(self) -> list[QWidget]:
        keep = {self.unlock_dialog, self.wizard}
        return [w for w in QApplication.topLevelWidgets() if w not in keep and w.isWindow()]

    def _hide_caseload_windows(self) -> None:
        for widget in self._caseload_windows():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.done(QDialog.DialogCode.Rejected)
            widget.hide()

    def _save_drafts(self) -> None:
        """A form that keeps drafts (`save_draft()`) writes what is typed before it closes."""
        forms: dict[int, QWidget] = {}  # a dialog is a window and its parent's child: once each
        for top in self._caseload_windows():
            for widget in [top, *top.findChildren(QWidget)]:
                if callable(getattr(widget, "save_draft", None)):
                    forms.setdefault(id(widget), widget)
        for form in forms.values():
            try:
                form.save_draft()  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - locking must go on whatever a form does
                log.exception("a draft could not be saved while locking")

    def _close_caseload_windows(self) -> None:
        window, self.window = self.window, None
        self.settings_dialog = None
        for widget in self._caseload_windows():
            if widget is window or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                # done() ends a modal exec() too; close() could be refused by a message box.
                widget.done(QDialog.DialogCode.Rejected)
            else:
                widget.close()
            widget.hide()
        if window is not None:
            window.close_for_lock()
            self._discard(window)  # its child dialogs go with it

    # --- settings -----------------------------------------------------------------------

    def _add_settings_action(self, window: QMainWindow) -> None:
        action = QAction("&Settings…", window)
        action.setShortcut(QKeySequence("Ctrl+,"))
        action.setMenuRole(QAction.MenuRole.PreferencesRole)  # the application menu on macOS
        action.triggered.connect(self.open_settings)
        window.addAction(action)
        menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
        before = getattr(window, "lock_action", None)
        if menus and before is not None:
            menus[0].insertAction(before, action)  # the File menu, just above Lock
        elif menus:
            menus[0].addAction(action)
        self.settings_action = action

    def _settings_saved(self) -> None:
        if self.vault is not None and self.idle_watcher is not None:
            self.idle_watcher.set_minutes(auto_lock_minutes(self.vault))
        if self.window is not None:
            self.window.reload()  # the title carries the officer's and council's names

    def _settings_closed(self) -> None:
        self.settings_dialog = None

    # --- first run and unlock -----------------------------------------------------------

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


def auto_lock_minutes(vault: Vault) -> float:
    """The policy's auto-lock minutes; a policy that cannot be read keeps the default, never off."""
    try:
        with vault.reader() as session:
            return float(load_policy(session)[AUTO_LOCK_MINUTES])
    except EwoDeskError:
        log.warning("council policy unreadable: auto-lock uses the default")
        return float(AUTO_LOCK_MINUTES.default)
