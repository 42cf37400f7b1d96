"""Make a court bundle: which kind (as far as the case allows), which prosecution it is for when
the case has several, the files to attach and where each goes, then the bundle made off the GUI
thread and shown with its warnings. `SupplementDialog` adds pages to a stored bundle the same way:
after its last page, numbered on from it, so earlier page references stay valid.

A bundle takes seconds to make. Cancel cannot stop pdf work halfway, so it lets the work finish
and then throws the result away inside the same unit of work: nothing is stored.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.documents.bundles import (
    BundleKind,
    BundleOptions,
    SupplementOptions,
    attachment_places,
    build_bundle,
    build_supplement,
    bundle_options,
    supplement_options,
    supplement_places,
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


class _MakingDialog(QDialog):
    """What both dialogs share: the files to attach with their places, the work off the GUI
    thread with a busy bar, the result shown with its warnings, and Cancel that keeps nothing."""

    made = Signal(int)  # the stored bundle's document id
    WHAT = "bundle"

    def __init__(
        self, vault: Vault, ref: str, today: Callable[[], date], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.vault, self.ref, self.today = vault, ref, today
        self.files: list[tuple[Path, str]] = []  # each file and its place in the bundle
        self._cancel = threading.Event()
        self._building = False
        self._ready = False  # what the case allows has been read
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
        self.result_label = label()
        self.preview = PdfPreview()
        self.buttons = QDialogButtonBox()
        self.make_button = self.buttons.addButton(self.MAKE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.make_button.setDefault(True)
        self.make_button.setEnabled(False)

    MAKE = "Make bundle"

    def _lay_out(self, top: QFormLayout, *more: QWidget) -> None:
        files = QHBoxLayout()
        files.addWidget(self.add_button)
        files.addWidget(self.remove_button)
        files.addStretch(1)
        self.place_form = QFormLayout()
        self.place_form.addRow("Goes in", self.place_box)
        side = QWidget()
        column = QVBoxLayout(side)
        column.addLayout(top)
        for widget in more:
            column.addWidget(widget)
        column.addWidget(label("Files to attach (scanned PDFs, photos):"))
        column.addWidget(self.file_list, 1)
        column.addLayout(self.place_form)
        column.addLayout(files)
        column.addWidget(self.progress)
        column.addWidget(self.problem)
        column.addWidget(self.notice)
        column.addWidget(self.result_label)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(side)
        split.addWidget(self.preview)
        split.setSizes([480, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        self.add_button.clicked.connect(self.add_files)
        self.remove_button.clicked.connect(self._remove_file)
        self.file_list.currentRowChanged.connect(self._file_chosen)
        self.place_box.activated.connect(self._place_chosen)
        self.make_button.clicked.connect(self.make)
        self.cancel_button.clicked.connect(self.cancel)

    def _set_places(self, places: list[tuple[str, str]]) -> None:
        """The places a file may go; every file goes back to the usual (first) one."""
        self.place_box.clear()
        for place, words in places:
            self.place_box.addItem(words, place)
        self.place_form.setRowVisible(self.place_box, len(places) > 1)
        usual = self.place_box.itemData(0)
        self.files = [(path, usual) for path, _place in self.files]
        self._show_files()

    # --- attachments --------------------------------------------------------------------

    def add_files(self) -> None:
        usual = self.place_box.itemData(0) or ""
        for name in prompts.open_paths(self, f"Attach files to the {self.WHAT}", FILES):
            path = Path(name)
            if all(path != known for known, _place in self.files):
                self.files.append((path, usual))
        self._show_files()
        self.file_list.setCurrentRow(len(self.files) - 1)
        self._update_make()

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
        self._update_make()

    # --- making -------------------------------------------------------------------------

    def _can_make(self) -> bool:
        return self._ready

    def _update_make(self) -> None:
        self.make_button.setEnabled(self._can_make() and not self._building)

    def _lock(self, building: bool) -> None:
        """Subclasses disable their own choices while the work runs."""

    def _store(self, make: Callable[[Any, list[Attachment]], Any]) -> None:
        """Run `make(session, attachments)` off the GUI thread; it stores the bundle and returns
        it. Cancelled meanwhile, the unit of work rolls back: nothing is kept."""
        files, cancel = list(self.files), self._cancel

        def work() -> dict[str, Any]:
            attachments = [Attachment.from_file(path, place) for path, place in files]
            with self.vault.session() as session:
                document = make(session, attachments)
                if cancel.is_set():
                    raise Cancelled(f"Cancelled: the {self.WHAT} was not kept.")
                content = bytes(document.content)
                return {
                    "id": document.id,
                    "title": document.title,
                    "pages": document.page_count,
                    "sha256": document.sha256,
                    "content": content,
                    "labels": PdfReader(io.BytesIO(content)).page_labels,
                    "warnings": document_warnings(document),
                }

        self._set_building(True)
        say(self.problem, "")
        worker.run_off_thread(work, self._made, self._failed)

    def make(self) -> None:
        raise NotImplementedError

    def _set_building(self, building: bool) -> None:
        self._building = building
        self.progress.setVisible(building)
        for widget in (self.add_button, self.file_list):
            widget.setEnabled(not building)
        self._lock(building)
        self._file_chosen()
        self._update_make()
        making = f"Making the {self.WHAT}… this can take a minute."
        self.result_label.setText(making if building else "")

    def _made(self, made: dict[str, Any]) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_building(False)
        if self._cancel.is_set():
            self.reject()
            return
        self._ready = False  # made once: Close, not again
        self.make_button.setEnabled(False)
        for widget in (self.add_button, self.file_list, self.place_box, self.remove_button):
            widget.setEnabled(False)
        self._lock(True)
        self.cancel_button.setText("Close")
        self.result_label.setText(self._made_words(made))
        say(self.notice, "\n".join(f"• {w}" for w in made["warnings"]))
        self.preview.set_pdf(made["content"])
        self._show_made(made)
        self.made.emit(made["id"])

    def _made_words(self, made: dict[str, Any]) -> str:
        return (
            f"{made['title']}: {made['pages']} pages, kept in the caseload "
            f"(SHA-256 {made['sha256'][:16]}…)."
        )

    def _show_made(self, made: dict[str, Any]) -> None:
        """After the preview has the new PDF."""

    def _failed(self, error: EwoDeskError) -> None:
        if not shiboken6.isValid(self):
            return
        if self._building:
            self._set_building(False)
        if self._cancel.is_set():
            self.reject()
            return
        say(self.problem, str(error))

    def cancel(self) -> None:
        if not self._building:
            self.reject()
            return
        self._cancel.set()  # the work ends by itself and stores nothing; then the dialog closes
        self.cancel_button.setEnabled(False)
        self.result_label.setText("Stopping… nothing will be kept.")

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


class BundleDialog(_MakingDialog):
    def __init__(
        self,
        vault: Vault,
        ref: str,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(vault, ref, today, parent)
        self.options = BundleOptions(())
        self.refusals: dict[BundleKind, str] = {}
        self.setWindowTitle(f"Make a court bundle – {ref}")
        self.resize(1000, 680)
        self._build()
        self._check_kinds()

    def _build(self) -> None:
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("Which bundle")
        for kind in BundleKind:
            self.kind_box.addItem(kind.label, kind.value)
        self.for_box = QComboBox()
        self.for_box.setAccessibleName("Which prosecution the file is for")
        self.kind_note = label(role="muted")
        self.preview.clear("The bundle shows here once it is made.")
        self.form = QFormLayout()
        self.form.addRow("Bundle", self.kind_box)
        self.form.addRow("For", self.for_box)
        self.form.addRow("", self.kind_note)
        self.form.setRowVisible(self.for_box, False)  # only when there is more than one
        self._lay_out(self.form)
        self.kind_box.currentIndexChanged.connect(self._kind_chosen)
        self.for_box.currentIndexChanged.connect(self._prosecution_chosen)

    def kind(self) -> BundleKind:
        return BundleKind(self.kind_box.currentData())

    def prosecution_id(self) -> str | None:
        """The prosecution chosen for a criminal file; None means the newest (the default)."""
        chosen = self.for_box.currentData()
        if self.kind() is BundleKind.ESO or self.for_box.count() < 2 or chosen is None:
            return None
        return str(chosen)

    # --- what the case allows -----------------------------------------------------------

    def _check_kinds(self) -> None:
        self.kind_box.setEnabled(False)
        self.for_box.setEnabled(False)
        self.kind_note.setText("Checking which bundles this case can have…")
        ref, today = self.ref, self.today()

        def work() -> BundleOptions:
            with self.vault.session() as session:
                return bundle_options(session, ref, today=today)

        worker.run_off_thread(work, self._kinds_checked, self._not_checked)

    def _kinds_checked(self, options: BundleOptions) -> None:
        if not shiboken6.isValid(self):
            return
        self.options, self._ready = options, True
        self.for_box.blockSignals(True)
        for choice in options.prosecutions:  # the newest, used by default, first
            self.for_box.addItem(choice.words, choice.id)
        self.for_box.blockSignals(False)
        self.for_box.setToolTip(self.for_box.currentText())
        self.form.setRowVisible(self.for_box, len(options.prosecutions) > 1)
        allowed = [i for i, (_kind, why) in enumerate(options.kinds) if not why]
        self.kind_box.setEnabled(True)
        self.kind_box.setCurrentIndex(allowed[0] if allowed else 0)
        self._kind_chosen()

    def _not_checked(self, error: EwoDeskError) -> None:
        if shiboken6.isValid(self):
            self.kind_note.setText("")
            say(self.problem, str(error))

    def _kind_chosen(self) -> None:
        self._set_places(attachment_places(self.kind()))  # places differ by kind
        self._allowed()

    def _prosecution_chosen(self) -> None:
        self.for_box.setToolTip(self.for_box.currentText())  # a long name may not fit the box
        self._allowed()

    def _allowed(self) -> None:
        self.refusals = self.options.refusals(self.prosecution_id())
        why = self.refusals.get(self.kind(), "") if self._ready else ""
        if self._ready:
            self.kind_note.setText(why or ADVICE)
        self._lock(self._building)
        self._update_make()

    def _can_make(self) -> bool:
        return self._ready and not self.refusals.get(self.kind(), "")

    def _lock(self, building: bool) -> None:
        self.kind_box.setEnabled(self._ready and not building)
        self.for_box.setEnabled(self._ready and not building and self.kind() is not BundleKind.ESO)

    # --- making -------------------------------------------------------------------------

    def make(self) -> None:
        kind, ref, today = self.kind(), self.ref, self.today()
        chosen = self.prosecution_id()
        prosecution = int(chosen) if chosen and chosen.isdigit() else None

        def make(session: Any, attachments: list[Attachment]) -> Any:
            return build_bundle(
                session,
                ref,
                kind,
                today=today,
                attachments=attachments,
                prosecution_id=prosecution,
            )

        self._store(make)


class SupplementDialog(_MakingDialog):
    """Add pages to a stored bundle: what has been made on the case since, and the files
    attached, after its last page with their own numbers (build_supplement, as the command
    line's --supplement does)."""

    WHAT = "supplement"
    MAKE = "Add pages"

    def __init__(
        self,
        vault: Vault,
        ref: str,
        document_id: int,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(vault, ref, today, parent)
        self.document_id = document_id
        self.options: SupplementOptions | None = None
        self.first_added = 0  # the first added page (1-based), once made
        self.setWindowTitle(f"Add pages to a bundle – {ref}")
        self.resize(1000, 680)
        self.bundle_title = label()
        self.pages_note = label(role="muted")
        self.new_list = QListWidget()
        self.new_list.setAccessibleName("What is new since the bundle was made")
        self.new_list.setWordWrap(True)
        self.new_list.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.new_list.setMaximumHeight(150)
        self.new_label = QLabel("New on the case since the bundle was made:")
        self.new_label.setBuddy(self.new_list)
        self.preview.clear("The bundle with its added pages shows here once they are made.")
        form = QFormLayout()
        form.addRow("Bundle", self.bundle_title)
        form.addRow("", self.pages_note)
        self._lay_out(form, self.new_label, self.new_list)
        self._set_places([])
        self._load()

    def _load(self) -> None:
        self.pages_note.setText("Reading the bundle and what is new on the case…")
        document_id, today = self.document_id, self.today()

        def work() -> SupplementOptions:
            with self.vault.session() as session:
                return supplement_options(session, document_id, today=today)

        worker.run_off_thread(work, self._loaded, self._not_loaded)

    def _loaded(self, options: SupplementOptions) -> None:
        if not shiboken6.isValid(self):
            return
        self.options, self._ready = options, True
        self.bundle_title.setText(options.title)
        self.pages_note.setText(
            f"{options.page_count} pages, the last numbered {options.last_page}. Added pages "
            f"go after it with their own numbers, so earlier page references stay valid."
        )
        self.new_list.clear()
        for exhibit, title in options.new:
            self.new_list.addItem(f"{exhibit}  {title}".strip())
        if not options.new:
            self.new_list.addItem("Nothing has been made on the case since: attach files to add.")
        self._set_places(supplement_places(options.kind))
        self._update_make()

    def _not_loaded(self, error: EwoDeskError) -> None:
        if shiboken6.isValid(self):
            self.pages_note.setText("")
            say(self.problem, str(error))

    def _can_make(self) -> bool:
        return self.options is not None and self._ready and bool(self.options.new or self.files)

    def make(self) -> None:
        document_id, today = self.document_id, self.today()

        def make(session: Any, attachments: list[Attachment]) -> Any:
            return build_supplement(session, document_id, today=today, attachments=attachments)

        self._store(make)

    def _first_added(self, labels: list[str]) -> int:
        """Where the added pages start in the new PDF (0-based): after the page numbered as the
        bundle's last (the index before it may have grown)."""
        assert self.options is not None
        last = self.options.last_page
        return labels.index(last) + 1 if last in labels else self.options.page_count

    def _made_words(self, made: dict[str, Any]) -> str:
        assert self.options is not None
        labels = made["labels"]
        first = self._first_added(labels)
        added = f"{labels[first]}–{labels[-1]}" if len(labels) > first + 1 else labels[-1]
        return (
            f"Pages {added} added after page {self.options.last_page}: {made['title']}, "
            f"{made['pages']} pages, kept in the caseload (SHA-256 {made['sha256'][:16]}…)."
        )

    def _show_made(self, made: dict[str, Any]) -> None:
        self.first_added = self._first_added(made["labels"]) + 1
        self.preview.go_to_page(self.first_added)
