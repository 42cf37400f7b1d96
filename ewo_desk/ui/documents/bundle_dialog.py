"""Make a court bundle: which kind (as far as the case allows), the files to attach and where each
goes, then the bundle made off the GUI thread and shown with its warnings.

A bundle takes seconds to make. Cancel cannot stop pdf work halfway, so it lets the work finish
and then throws the result away inside the same unit of work: nothing is stored.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.documents.bundles import (
    BundleKind,
    attachment_places,
    build_bundle,
    bundle_choices,
)
from ewo_desk.documents.bundles.model import Attachment
from ewo_desk.documents.letters import document_warnings
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.vault import Vault
from ewo_desk.ui import prompts, worker
from ewo_desk.ui.documents.letter_dialog import say
from ewo_desk.ui.documents.pdf_view import PdfPreview
from ewo_desk.ui.style import label, message_box_label

FILES = "Scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)"
ADVICE = "Choose where each attached file goes; files go in the order added."


class Cancelled(EwoDeskError):
    """Raised inside the unit of work so the finished bundle is rolled back, not stored."""


class BundleDialog(QDialog):
    made = Signal(int)  # the stored bundle's document id

    def __init__(
        self,
        vault: Vault,
        ref: str,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault, self.ref, self.today = vault, ref, today
        self.refusals: dict[BundleKind, str] = {}
        self.files: list[tuple[Path, str]] = []  # each file and its place in the bundle
        self._cancel = threading.Event()
        self._building = False
        self.setWindowTitle(f"Make a court bundle – {ref}")
        self.resize(980, 680)
        self._build()
        self._check_kinds()

    def _build(self) -> None:
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("Which bundle")
        for kind in BundleKind:
            self.kind_box.addItem(kind.label, kind.value)
        self.kind_note = label(role="muted")
        self.file_list = QListWidget()
        self.file_list.setAccessibleName("Files to attach")
        self.file_list.setWordWrap(True)  # a long file name and its place wrap, never clip
        self.file_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = QPushButton("Add files…")
        self.remove_button = QPushButton("Remove")
        self.place_box = QComboBox()
        self.place_box.setAccessibleName("Where the chosen file goes")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: pdf work does not say how far it has got
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.problem = message_box_label("error-box")
        self.notice = message_box_label("notice-box")
        self.result = label()
        self.preview = PdfPreview()
        self.preview.clear("The bundle shows here once it is made.")

        self.buttons = QDialogButtonBox()
        self.make_button = self.buttons.addButton(
            "Make bundle", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.make_button.setDefault(True)

        files = QHBoxLayout()
        files.addWidget(self.add_button)
        files.addWidget(self.remove_button)
        files.addStretch(1)
        place = QFormLayout()
        place.addRow("Goes in", self.place_box)
        form = QFormLayout()
        form.addRow("Bundle", self.kind_box)
        form.addRow("", self.kind_note)
        side = QWidget()
        column = QVBoxLayout(side)
        column.addLayout(form)
        column.addWidget(label("Files to attach (scanned PDFs, photos):"))
        column.addWidget(self.file_list, 1)
        column.addLayout(place)
        column.addLayout(files)
        column.addWidget(self.progress)
        column.addWidget(self.problem)
        column.addWidget(self.notice)
        column.addWidget(self.result)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(side)
        split.addWidget(self.preview)
        split.setSizes([440, 540])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)

        self.kind_box.currentIndexChanged.connect(self._kind_chosen)
        self.add_button.clicked.connect(self.add_files)
        self.remove_button.clicked.connect(self._remove_file)
        self.file_list.currentRowChanged.connect(self._file_chosen)
        self.place_box.activated.connect(self._place_chosen)
        self.make_button.clicked.connect(self.make)
        self.cancel_button.clicked.connect(self.cancel)

    def kind(self) -> BundleKind:
        return BundleKind(self.kind_box.currentData())

    # --- what the case allows -----------------------------------------------------------

    def _check_kinds(self) -> None:
        self.kind_box.setEnabled(False)
        self.make_button.setEnabled(False)
        self.kind_note.setText("Checking which bundles this case can have…")
        ref, today = self.ref, self.today()

        def work() -> list[tuple[BundleKind, str]]:
            with self.vault.session() as session:
                return bundle_choices(session, ref, today=today)

        worker.run_off_thread(work, self._kinds_checked, self._failed)

    def _kinds_checked(self, choices: list[tuple[BundleKind, str]]) -> None:
        if not shiboken6.isValid(self):
            return
        self.refusals = dict(choices)
        allowed = [i for i, (_kind, why) in enumerate(choices) if not why]
        self.kind_box.setEnabled(True)
        self.kind_box.setCurrentIndex(allowed[0] if allowed else 0)
        self._kind_chosen()

    def _kind_chosen(self) -> None:
        why = self.refusals.get(self.kind(), "")
        self.kind_note.setText(why or ADVICE)
        self.make_button.setEnabled(bool(self.refusals) and not why and not self._building)
        self.place_box.clear()
        for place, words in attachment_places(self.kind()):
            self.place_box.addItem(words, place)
        usual = self.place_box.itemData(0)
        self.files = [(path, usual) for path, _place in self.files]  # places differ by kind
        self._show_files()

    # --- attachments --------------------------------------------------------------------

    def add_files(self) -> None:
        usual = self.place_box.itemData(0) or ""
        for name in prompts.open_paths(self, "Attach files to the bundle", FILES):
            path = Path(name)
            if all(path != known for known, _place in self.files):
                self.files.append((path, usual))
        self._show_files()
        self.file_list.setCurrentRow(len(self.files) - 1)

    def _show_files(self) -> None:
        row = self.file_list.currentRow()
        words = {
            self.place_box.itemData(i): self.place_box.itemText(i)
            for i in range(self.place_box.count())
        }
        self.file_list.clear()
        for path, place in self.files:
            self.file_list.addItem(f"{path.name}  →  {words.get(place, place)}")
        self.file_list.setCurrentRow(min(row, len(self.files) - 1))
        self._file_chosen()

    def _file_chosen(self) -> None:
        row = self.file_list.currentRow()
        chosen = 0 <= row < len(self.files)
        self.place_box.setEnabled(chosen and not self._building)
        self.remove_button.setEnabled(chosen and not self._building)
        if chosen:
            self.place_box.setCurrentIndex(self.place_box.findData(self.files[row][1]))

    def _place_chosen(self) -> None:
        row = self.file_list.currentRow()
        if 0 <= row < len(self.files):
            self.files[row] = (self.files[row][0], self.place_box.currentData())
            self._show_files()

    def _remove_file(self) -> None:
        row = self.file_list.currentRow()
        if 0 <= row < len(self.files):
            del self.files[row]
            self._show_files()

    # --- making -------------------------------------------------------------------------

    def make(self) -> None:
        kind, files, ref, today = self.kind(), list(self.files), self.ref, self.today()
        cancel = self._cancel

        def work() -> dict[str, Any]:
            attachments = [Attachment.from_file(path, place) for path, place in files]
            with self.vault.session() as session:
                document = build_bundle(session, ref, kind, today=today, attachments=attachments)
                if cancel.is_set():
                    raise Cancelled("Cancelled: the bundle was not kept.")
                return {
                    "id": document.id,
                    "title": document.title,
                    "pages": document.page_count,
                    "sha256": document.sha256,
                    "content": bytes(document.content),
                    "warnings": document_warnings(document),
                }

        self._set_building(True)
        say(self.problem, "")
        worker.run_off_thread(work, self._made, self._failed)

    def _set_building(self, building: bool) -> None:
        self._building = building
        self.progress.setVisible(building)
        for widget in (self.kind_box, self.add_button, self.file_list):
            widget.setEnabled(not building)
        self._file_chosen()
        self.make_button.setEnabled(not building)
        self.result.setText("Making the bundle… this can take a minute." if building else "")

    def _made(self, made: dict[str, Any]) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_building(False)
        if self._cancel.is_set():
            self.reject()
            return
        self.make_button.setEnabled(False)
        self.cancel_button.setText("Close")
        self.result.setText(
            f"{made['title']}: {made['pages']} pages, kept in the caseload "
            f"(SHA-256 {made['sha256'][:16]}…)."
        )
        say(self.notice, "\n".join(f"• {w}" for w in made["warnings"]))
        self.preview.set_pdf(made["content"])
        self.made.emit(made["id"])

    def _failed(self, error: EwoDeskError) -> None:
        if not shiboken6.isValid(self):
            return
        if self._building:
            self._set_building(False)
        if self._cancel.is_set():
            self.reject()
            return
        self.kind_box.setEnabled(True)
        self._kind_chosen()
        say(self.problem, str(error))

    def cancel(self) -> None:
        if not self._building:
            self.reject()
            return
        self._cancel.set()  # the work ends by itself and stores nothing; then the dialog closes
        self.cancel_button.setEnabled(False)
        self.result.setText("Stopping… nothing will be kept.")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._building:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if self._building:
            self.cancel()  # Escape while building: stop first, close when the work reports
            return
        super().reject()
