"""ImportDialog: a register CSV or CTF into the caseload, previewed before anything is written.

Choose a file (button or drag and drop) -> the file is read and compared with the marks held, off
the GUI thread (store.import_preview) -> the officer sees what it will change -> "Import" stores
it as one snapshot, all or nothing, off the GUI thread; until the transaction commits, Cancel
rolls it back -> the store's report is shown and `imported` carries it. The snapshot stored is the
file as previewed (its parsed form is kept), never a copy changed on disk since.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.errors import EwoDeskError, ImportError_
from ewo_desk.importers import read_import
from ewo_desk.store.import_preview import ImportPreview, preview_import
from ewo_desk.store.marks import ImportReport, import_parsed
from ewo_desk.store.policy import load_policy
from ewo_desk.store.vault import Vault
from ewo_desk.ui import prompts, worker
from ewo_desk.ui.attendance.import_summary import (
    ImportSummary,
    preview_headline,
    report_headline,
)
from ewo_desk.ui.style import label, message_box_label, show_message

FILE_FILTER = "Register files (*.csv *.xml *.txt);;All files (*)"


class ImportCancelled(ImportError_):
    def __init__(self) -> None:
        super().__init__("The import was cancelled. Nothing was imported.")


class _Progress(QObject):
    """Made on the GUI thread, emitted from the worker: Qt queues each report to the GUI."""

    step = Signal(int, int)


class ImportDialog(QDialog):
    imported = Signal(object)  # the store's ImportReport, after a successful commit

    def __init__(
        self, vault: Vault, *, parent: QWidget | None = None, path: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.state = "idle"  # idle, previewing, previewed, importing, done, failed
        self.preview: ImportPreview | None = None
        self.report: ImportReport | None = None
        self._job = 0  # a result from a superseded job is dropped
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self._progress.step.connect(self._stepped)
        self.setWindowTitle("Import a register")
        self.setAcceptDrops(True)
        # A floor, because show_message fits the dialog to its contents when a message appears.
        self.setMinimumSize(780, 540)

        self.choose_button = QPushButton("Choose file…")
        self.choose_button.clicked.connect(self.choose_file)
        self.file_label = label(
            "Choose a register CSV (upn, date, session, code) or a Common Transfer File, or "
            "drop it on this window. You see what it will change before anything is saved.",
            "muted",
        )
        self.progress_label = label("")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.error = message_box_label("error-box")
        self.notice = message_box_label("notice-box")
        self.headline = label("")
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = ImportSummary()
        self.drop_zone = label("Drop a register file here", "muted")
        self.drop_zone.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_zone.setStyleSheet(
            "border: 2px dashed palette(mid); border-radius: 6px; padding: 24px;"
        )
        self.import_button = QPushButton("Import")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.commit)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self._layout()
        self._show_state()
        if path is not None:
            self.load(Path(path))

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for widget in (self.progress_label, self.progress, self.error, self.notice,
                       self.headline):  # fmt: skip
            layout.addWidget(widget)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.drop_zone, 1)  # takes the room while there is nothing to list
        layout.addLayout(buttons)

    # --- choosing a file ----------------------------------------------------------------

    def choose_file(self) -> None:
        chosen = prompts.open_path(self, "Import a register", FILE_FILTER)
        if chosen:
            self.load(Path(chosen))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None and self.state not in _BUSY:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is None or self.state in _BUSY:
            event.ignore()
            return
        event.acceptProposedAction()
        self.load(path)

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if len(urls) != 1 or not urls[0].isLocalFile():
            return None  # one file at a time: each import is its own snapshot
        return Path(urls[0].toLocalFile())

    # --- preview ------------------------------------------------------------------------

    def load(self, path: Path) -> None:
        """Read and preview a file; nothing is written."""
        if self.state in _BUSY:
            return
        self._job += 1
        job, today, vault, progress = self._job, date.today(), self.vault, self._progress
        self.preview = self.report = None
        self.file_label.setText(str(path))
        self._set_state("previewing", f"Reading {path.name} and comparing it with the marks held…")

        def work() -> ImportPreview:
            with vault.reader() as session:
                parsed = read_import(path, not_after=today, policy=load_policy(session))
                return preview_import(session, parsed, progress.step.emit)

        worker.run_off_thread(
            work,
            lambda preview: self._previewed(job, preview),
            lambda error: self._failed(job, error),
        )

    def _stepped(self, done: int, total: int) -> None:
        if self.state == "previewing":
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _previewed(self, job: int, preview: ImportPreview) -> None:
        if not self._current(job):
            return
        self.preview = preview
        self.headline.setText(preview_headline(preview))
        self.summary.show_preview(preview)
        notes = [preview.refused] if preview.refused else []
        notes += [f"Warning: {w}" for w in preview.parsed.warnings]
        show_message(self.notice, "\n".join(notes))
        self._set_state("previewed")

    # --- import -------------------------------------------------------------------------

    def commit(self) -> None:
        """Store the previewed file as one snapshot, or nothing."""
        preview = self.preview
        if self.state != "previewed" or preview is None or preview.refused:
            return
        self._job += 1
        job, today, vault, cancel = self._job, date.today(), self.vault, self._cancel
        cancel.clear()
        self._set_state("importing", "Importing… Cancel stops it until it is saved.")

        def work() -> ImportReport:
            if cancel.is_set():
                raise ImportCancelled
            with vault.session() as session:
                report = import_parsed(session, preview.parsed, today)
                if cancel.is_set():
                    raise ImportCancelled  # leaving the block rolls the transaction back
            return report

        worker.run_off_thread(
            work, lambda report: self._committed(job, report), lambda e: self._failed(job, e)
        )

    def _committed(self, job: int, report: ImportReport) -> None:
        if not self._current(job):
            return
        self.report = report
        self.headline.setText(report_headline(report))
        names = {p.upn: p.name for p in self.preview.pupils} if self.preview else {}
        self.summary.show_report(report, names)
        late = "It was already saved when Cancel was pressed. " if self._cancel.is_set() else ""
        show_message(self.notice, late)
        self._set_state("done")
        self.imported.emit(report)

    def _failed(self, job: int, error: EwoDeskError) -> None:
        if not self._current(job):
            return
        if isinstance(error, ImportCancelled) and self.preview is not None:
            show_message(self.notice, str(error))
            self._set_state("previewed")
            return
        self.preview = None
        self.headline.clear()
        self.summary.clear_all()
        show_message(self.error, str(error))
        self._set_state("failed")

    # --- state --------------------------------------------------------------------------

    def reject(self) -> None:
        if self.state == "importing":
            self._cancel.set()  # the worker rolls back at its next check
            self.progress_label.setText("Cancelling… nothing is saved unless it already was.")
            self.cancel_button.setEnabled(False)
            return
        if self.state == "previewing":
            self._job += 1  # the preview's result will be dropped
            self._set_state("idle")
        super().reject()

    def _current(self, job: int) -> bool:
        """A job's result still matters: it is the latest job and the dialog still exists (a
        lock closes the caseload's windows while work may be running)."""
        return shiboken6.isValid(self) and job == self._job

    def _set_state(self, state: str, busy_text: str = "") -> None:
        self.state = state
        if state in _BUSY:
            show_message(self.error, "")
            show_message(self.notice, "")
            self.progress.setRange(0, 0)  # moving until the first count arrives
        self.progress_label.setText(busy_text)
        self._show_state()

    def _show_state(self) -> None:
        busy = self.state in _BUSY
        self.progress.setVisible(busy)
        self.progress_label.setVisible(busy)
        self.choose_button.setEnabled(not busy)
        ready = self.state == "previewed" and self.preview is not None and not self.preview.refused
        self.import_button.setEnabled(ready)
        self.import_button.setVisible(self.state != "done")
        self.cancel_button.setEnabled(True)
        finished = self.state in ("done", "failed", "idle")
        self.cancel_button.setText("Close" if finished else "Cancel")
        self.summary.setVisible(self.state in ("previewed", "importing", "done"))
        self.drop_zone.setVisible(not self.summary.isVisibleTo(self))
        self.headline.setVisible(bool(self.headline.text()) and self.summary.isVisibleTo(self))


_BUSY = ("previewing", "importing")
