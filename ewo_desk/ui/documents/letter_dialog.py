"""New letter: choose the template and who it is to, fill in what it asks, see it as it will print.

The preview is made by the documents module off the GUI thread, a moment after the officer
stops typing; only one is made at a time, and a newer edit makes another once it is back. What
stops the letter (no register marks for the period, a date the rules refuse) is shown in the
documents module's own words, and Generate waits until the preview of these very values is made.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.documents import DocumentError, TemplateError, generate_letter, render_letter
from ewo_desk.documents import list_templates as templates
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.casework import case_detail
from ewo_desk.store.vault import Vault
from ewo_desk.ui import worker
from ewo_desk.ui.documents.ask_fields import AskField, ask_label
from ewo_desk.ui.documents.pdf_view import PdfPreview
from ewo_desk.ui.style import label, message_box_label

DEBOUNCE_MS = 400
FILL_IN = "Fill in: "


def say(box: QLabel, text: str) -> None:
    """Show or hide a boxed message. (style.show_message would fit the dialog to it, which
    shrinks a dialog this large.)"""
    box.setText(text)
    box.setVisible(bool(text))


def plain_words(error: EwoDeskError, council_template: bool) -> str:
    """The officer needs the problem, not the template's file and line (the council's staff who
    edit their own templates do)."""
    if not isinstance(error, TemplateError) or council_template:
        return str(error)
    problem = error.problem.strip()
    return problem[:1].upper() + problem[1:]


class LetterDialog(QDialog):
    generated = Signal(int)  # the stored document id

    def __init__(
        self,
        vault: Vault,
        ref: str,
        *,
        today: Callable[[], date] = date.today,
        template: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault, self.ref, self.today = vault, ref, today
        self.templates = templates()
        with vault.session() as session:
            self.parents = case_detail(session, ref, today())["parents"]
        self.fields: list[AskField] = []
        self._asked = 0  # each preview request is numbered; only the newest is shown
        self._running = False
        self._generating = False  # the letter is being stored: the dialog stays until it is
        self._previewed: int | None = None  # the request whose preview is showing, if it worked
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._make_preview)
        self.setWindowTitle(f"New letter – {ref}")
        self.resize(1080, 760)
        self._build()
        chosen = next((i for i, t in enumerate(self.templates) if t.name == template), 0)
        self.template_box.setCurrentIndex(chosen)
        self._template_chosen()

    # --- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.template_box = QComboBox()
        self.template_box.setAccessibleName("Letter template")
        for info in self.templates:
            self.template_box.addItem(info.title, info.name)
        self.description = label(role="muted")
        self.parent_box = QComboBox()
        self.parent_box.setAccessibleName("To the parent or carer")
        for person in self.parents:
            who = f"{person['name']} ({person['relationship']})" if person["relationship"] else ""
            self.parent_box.addItem(who or person["name"], person["id"])
        self.asks_form = QFormLayout()
        self.problem = message_box_label("error-box")
        self.notice = message_box_label("notice-box")
        self.status = label(role="muted")

        head = QFormLayout()
        head.addRow("Letter", self.template_box)
        head.addRow("", self.description)
        head.addRow("To", self.parent_box)
        self.head = head
        asks = QWidget()
        stack = QVBoxLayout(asks)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.addLayout(self.asks_form)
        stack.addStretch(1)  # a short form stays at the top, its rows not spread apart
        scroll = QScrollArea()
        scroll.setWidget(asks)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.generate_button = QPushButton("Generate")
        self.generate_button.setDefault(True)
        self.buttons.addButton(self.generate_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.generate_button.clicked.connect(self._generate)

        form = QWidget()
        column = QVBoxLayout(form)
        column.addLayout(head)
        column.addWidget(scroll, 1)
        column.addWidget(self.problem)
        column.addWidget(self.notice)
        column.addWidget(self.status)
        self.preview = PdfPreview()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(form)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([460, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        self.template_box.currentIndexChanged.connect(self._template_chosen)
        self.parent_box.currentIndexChanged.connect(self._edited)

    def _template_chosen(self) -> None:
        info = self.templates[self.template_box.currentIndex()]
        self.description.setText(info.description)
        to_parent = info.to == "parent"
        self.parent_box.setVisible(to_parent)
        self.head.labelForField(self.parent_box).setVisible(to_parent)
        while self.asks_form.rowCount():
            self.asks_form.removeRow(0)
        self.fields = [AskField(ask, self.today(), self._edited) for ask in info.asks]
        for field in self.fields:
            self.asks_form.addRow(ask_label(field.ask), field.widget)
        self._edited()

    # --- preview ------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {f.ask.name: f.value() for f in self.fields}

    def _edited(self) -> None:
        self._asked += 1
        self._previewed = None
        self.generate_button.setEnabled(False)
        missing = [ask_label(f.ask) for f in self.fields if f.missing()]
        if missing:
            self._timer.stop()
            self._show_problem(FILL_IN + ", ".join(missing) + ".")
            return
        if self.problem.text().startswith(FILL_IN):
            say(self.problem, "")  # filled in now; a problem the module found stays till checked
        self.status.setText("Making the preview…")
        self._timer.start()

    def _request(self) -> dict[str, Any]:
        info = self.templates[self.template_box.currentIndex()]
        parent_id = self.parent_box.currentData() if info.to == "parent" else None
        return {
            "template_name": info.name,
            "parent_id": parent_id,
            "extra_fields": self.values(),
            "today": self.today(),
        }

    def _make_preview(self) -> None:
        if self._running:
            return  # the running one comes back first, then sees it is stale and asks again
        asked, request = self._asked, self._request()

        def work() -> Any:
            with self.vault.session() as session:
                return render_letter(session, self.ref, **request)

        self._running = True
        worker.run_off_thread(
            work,
            lambda letter: self._preview_done(asked, letter, None),
            lambda error: self._preview_done(asked, None, error),
        )

    def _preview_done(self, asked: int, letter: Any, error: EwoDeskError | None) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the preview was being made
        self._running = False
        if asked != self._asked:
            if not self._timer.isActive() and not any(f.missing() for f in self.fields):
                self._make_preview()
            return
        if error is not None:
            council = self.templates[self.template_box.currentIndex()].source == "council"
            self._show_problem(plain_words(error, council))
            return
        self.preview.set_pdf(letter.content)
        say(self.problem, "")
        say(self.notice, "\n".join(letter.warnings))
        pages = f"{letter.page_count} page{'s' if letter.page_count != 1 else ''}"
        self.status.setText(f"Preview: {pages}, as it will print.")
        self._previewed = asked
        self.generate_button.setEnabled(True)

    def _show_problem(self, text: str) -> None:
        self.preview.clear("The letter cannot be made yet; see the note beside the form.")
        say(self.problem, text)
        say(self.notice, "")
        self.status.setText("")
        self.generate_button.setEnabled(False)

    # --- generate -----------------------------------------------------------------------

    def _generate(self) -> None:
        if self._previewed != self._asked:
            return
        request = self._request()

        def work() -> int:
            with self.vault.session() as session:
                return generate_letter(session, self.ref, **request).id

        self._generating = True
        self.generate_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        self.status.setText("Keeping the letter in the caseload…")
        worker.run_off_thread(work, self._generated, self._not_generated)

    def _generated(self, document_id: int) -> None:
        if not shiboken6.isValid(self):
            return
        self._generating = False
        self.generated.emit(document_id)
        self.accept()

    def _not_generated(self, error: DocumentError) -> None:
        if not shiboken6.isValid(self):
            return
        self._generating = False
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(True)
        council = self.templates[self.template_box.currentIndex()].source == "council"
        self._show_problem(plain_words(error, council))

    def reject(self) -> None:
        if not self._generating:  # Escape while storing would lose sight of the stored letter
            super().reject()
