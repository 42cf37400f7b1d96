"""Backups from the app: File → Back up now, and the automatic backup while the app is open.

The automatic one asks `store.scheduled_backup.run_if_due` every quarter of an hour (and soon
after unlocking), off the GUI thread; whether one is due is decided there, from the files in the
officer's chosen folder, so a laptop that was off for a week backs up soon after it is opened.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ewo_desk.errors import EwoDeskError
from ewo_desk.store.scheduled_backup import ScheduledBackup, run_if_due
from ewo_desk.store.vault import Vault
from ewo_desk.ui import prompts, worker

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 15 * 60 * 1000
FIRST_CHECK_MS = 60 * 1000  # not at the very moment of unlocking: the officer wants the caseload


class ScheduledBackups(QObject):
    status = Signal(str)  # a short line for the status bar

    def __init__(self, vault: Vault, window: QWidget) -> None:
        super().__init__(window)
        self.vault = vault
        self.window = window
        self._running = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_EVERY_MS)
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check)

    def stop(self) -> None:
        self.timer.stop()
        self.vault = None  # type: ignore[assignment]  # a late timer must not touch it

    def check(self) -> None:
        if self.vault is None or self._running or self.vault.closed:
            return
        self._running = True
        vault = self.vault
        worker.run_off_thread(lambda: run_if_due(vault), self._checked, self._failed)

    def _checked(self, result: ScheduledBackup) -> None:
        self._running = False
        if result.status == "made" and result.made is not None:
            self.status.emit(f"Backed up {datetime.now():%H:%M}")
            log.info("automatic backup made; %d old ones deleted", len(result.deleted))
        elif result.status == "unreachable":
            self.status.emit("Backup folder not reachable")

    def _failed(self, error: EwoDeskError) -> None:
        self._running = False
        self.status.emit("Automatic backup failed")
        log.warning("automatic backup failed: %s", type(error).__name__)

    def back_up_now(self) -> None:
        """A backup to a file the officer chooses, off the GUI thread."""
        if self.vault is None:
            return
        name = f"EWO Desk backup {datetime.now():%Y-%m-%d %H%M}.ewo-backup"
        chosen = prompts.save_path(
            self.window, "Back up the caseload", name, "Backups (*.ewo-backup)"
        )
        if not chosen:
            return
        vault, target = self.vault, Path(chosen)
        worker.run_off_thread(
            lambda: vault.backup(target),
            lambda _manifest: prompts.inform(
                self.window,
                "Backup made",
                f"The caseload is backed up to {target}.\nIt opens only with your passphrase or "
                "recovery code. Keep it somewhere safe, away from this laptop.",
            ),
            lambda error: prompts.warn(self.window, "Backup not made", str(error)),
        )
