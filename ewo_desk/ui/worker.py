"""Run slow work (the passphrase KDF, loading the demo) off the GUI thread, then come back to it.

One helper, used everywhere: `run_off_thread(work, on_done, on_failed)`. The callbacks run on the
GUI thread. A busy cursor shows while the work runs. Errors an officer can cause arrive as the
EwoDeskError itself; anything else is logged and turned into a plain message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication

from ewo_desk.errors import EwoDeskError

log = logging.getLogger(__name__)

_running: set[_Job] = set()  # keeps each job (and its signals object) alive until it reports


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = _Signals()  # created on the GUI thread, so its slots run there

    def run(self) -> None:
        try:
            result = self.work()
        except EwoDeskError as error:
            self.signals.failed.emit(error)
        except Exception as error:  # noqa: BLE001 - reported to the officer, logged in full
            log.exception("background work failed")
            self.signals.failed.emit(
                EwoDeskError(
                    "EWO Desk met an unexpected problem and stopped this step "
                    f"({type(error).__name__}). Nothing else was changed; the details are in "
                    "the log file."
                )
            )
        else:
            self.signals.done.emit(result)


def run_off_thread(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[EwoDeskError], None],
) -> None:
    job = _Job(work)
    _running.add(job)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _running.discard(job)
        QApplication.restoreOverrideCursor()
        callback(value)

    job.signals.done.connect(lambda result: finish(on_done, result))
    job.signals.failed.connect(lambda error: finish(on_failed, error))
    QThreadPool.globalInstance().start(job)


def busy() -> bool:
    return bool(_running)
