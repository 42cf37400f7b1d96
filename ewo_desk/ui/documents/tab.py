"""The case's documents: the letters and court bundles kept for it, each shown as it prints.

Every copy that leaves the caseload (printed, saved to a file, reissued) comes through the
documents module's fingerprint check and is recorded in the audit trail, as the CLI does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.documents.stored import (
    KeptDocument,
    case_documents,
    checked_copy,
    export_document,
    record_print,
)
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.vault import Vault
from ewo_desk.ui import prompts, worker
from ewo_desk.ui.documents.bundle_dialog import BundleDialog, SupplementDialog
from ewo_desk.ui.documents.letter_dialog import LetterDialog
from ewo_desk.ui.documents.pdf_view import PdfPreview, print_pdf
from ewo_desk.ui.labels import uk_date
from ewo_desk.ui.style import label, monospace

COLUMNS = ("Date", "Title", "Kind", "Pages", "SHA-256")
ID_ROLE = Qt.ItemDataRole.UserRole


class DocumentsTab(QWidget):
    changed = Signal()  # after a letter or bundle is stored

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
        self.documents: list[KeptDocument] = []
        self._printing = False  # one print job at a time
        self.table = self._make_table()
        self.preview = PdfPreview()
        self.status = label(role="muted")
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_letter_action = self._action("New letter…", "Ctrl+Shift+L", self.new_letter)
        self.bundle_action = self._action("Make bundle…", "Ctrl+Shift+B", self.make_bundle)
        self.supplement_action = self._action(
            "Add pages to this bundle…", "Ctrl+Shift+A", self.add_pages
        )
        self.toolbar.addSeparator()
        self.print_action = self._action(
            "Print…", QKeySequence.StandardKey.Print, self.print_document
        )
        self.save_action = self._action("Save a copy…", "Ctrl+Shift+S", self.save_copy)
        self.reissue_action = self._action("Reissue", "Ctrl+Shift+R", self.reissue)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([600, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(split, 1)
        self.table.itemSelectionChanged.connect(self._selected)
        self.refresh()

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        table.setAccessibleName("Letters and bundles")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        # a title's end tells documents apart ("– Mr X – C-2026-014 (with pages added ...)")
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        table.setWordWrap(False)  # one line a row, cut in the middle (the tooltip has it all)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return table

    def _action(self, text: str, keys: object, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        # only while the tab has focus: the main window keeps its own Ctrl+P etc.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text} ({action.shortcut().toString(QKeySequence.NativeText)})")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.toolbar.addAction(action)
        return action

    # --- the list -----------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        keep = select if select is not None else self.selected_id()
        with self.vault.session() as session:
            self.documents = case_documents(session, self.ref)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.documents))
        for row, doc in enumerate(self.documents):
            made = doc.created_at.astimezone() if doc.created_at.tzinfo else doc.created_at
            cells = (
                uk_date(made.date().isoformat()),
                doc.title,
                doc.kind_label,
                str(doc.page_count),
                doc.sha256[:12],
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, doc.id)
                if column == 1:
                    item.setToolTip(doc.title)  # the column may cut a long title short
                if column == 4:
                    item.setFont(monospace())
                    item.setToolTip(f"SHA-256 {doc.sha256}")
                if column == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        rows = [r for r, d in enumerate(self.documents) if d.id == keep]
        if rows:
            self.table.selectRow(rows[0])
        else:
            self.table.clearSelection()
        self._selected()
        count = len(self.documents)
        self.status.setText(
            "No letters or bundles have been made for this case yet."
            if not count
            else f"{count} document{'s' if count != 1 else ''} kept in the caseload."
        )

    def selected_id(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(ID_ROLE) if items else None

    def selected(self) -> KeptDocument | None:
        wanted = self.selected_id()
        return next((d for d in self.documents if d.id == wanted), None)

    def _selected(self) -> None:
        doc = self.selected()
        for action in (self.print_action, self.save_action, self.reissue_action):
            action.setEnabled(doc is not None)
        self.supplement_action.setEnabled(doc is not None and doc.is_bundle)
        if doc is None:
            self.preview.clear("Choose a letter or bundle to see it here.")
            return
        try:
            with self.vault.session() as session:
                self.preview.set_pdf(checked_copy(session, doc.id))
        except EwoDeskError as error:
            self.preview.clear(str(error))

    # --- making -------------------------------------------------------------------------

    def new_letter(self) -> None:
        dialog = LetterDialog(self.vault, self.ref, today=self.today, parent=self)
        dialog.generated.connect(self._stored)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def make_bundle(self) -> None:
        dialog = BundleDialog(self.vault, self.ref, today=self.today, parent=self)
        dialog.made.connect(self._stored)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def add_pages(self) -> None:
        """Pages added to the chosen bundle after its last page: a new copy, kept beside it."""
        doc = self.selected()
        if doc is None or not doc.is_bundle:
            return
        dialog = SupplementDialog(self.vault, self.ref, doc.id, today=self.today, parent=self)
        dialog.made.connect(self._stored)
        dialog.made.connect(lambda _id: self.preview.go_to_page(dialog.first_added))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _stored(self, document_id: int) -> None:
        self.refresh(select=document_id)
        self.changed.emit()

    # --- copies that leave the caseload -------------------------------------------------

    def print_document(self, *, reissue: bool = False) -> None:
        doc = self.selected()
        if doc is None or self._printing:
            return
        title = f"{'Reissue' if reissue else 'Print'} {doc.title}"
        try:
            with self.vault.session() as session:
                content = checked_copy(session, doc.id)  # refused before any dialog opens
        except EwoDeskError as error:
            prompts.warn(self, title, str(error))
            return
        printer = prompts.choose_printer(self, title)
        if printer is None:
            return
        self.status.setText(f"Sending {doc.title} to the printer…")
        self._printing = True

        def printed(pages: int) -> None:
            with self.vault.session() as session:  # recorded even if the tab has gone meanwhile
                record_print(session, doc.id, reissue=reissue)
            if not shiboken6.isValid(self):
                return
            self._printing = False
            done = "Reissued" if reissue else "Printed"
            self.status.setText(f"{done} {doc.title}: {pages} page{'s' if pages != 1 else ''}.")

        def failed(error: EwoDeskError) -> None:
            if not shiboken6.isValid(self):
                return
            self._printing = False
            self.status.setText("")
            prompts.warn(self, title, str(error))

        # a long bundle takes a while to print; the printer goes with the job, kept alive by it
        worker.run_off_thread(lambda: print_pdf(printer, content), printed, failed)

    def reissue(self) -> None:
        """The identical document again (the stored bytes, checked against their fingerprint)."""
        self.print_document(reissue=True)

    def save_copy(self) -> None:
        doc = self.selected()
        if doc is None:
            return
        suggested = re.sub(r'[\\/:*?"<>|]+', " ", f"{self.ref} {doc.title}").strip() + ".pdf"
        path = prompts.save_path(self, "Save a copy", suggested, "PDF documents (*.pdf)")
        if not path:
            return
        out = Path(path if path.lower().endswith(".pdf") else f"{path}.pdf")
        try:
            with self.vault.session() as session:
                export_document(session, doc.id, out)
        except EwoDeskError as error:
            prompts.warn(self, "Save a copy", str(error))
            return
        self.status.setText(f"Saved a copy of {doc.title} to {out}.")
