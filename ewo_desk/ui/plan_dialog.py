"""Plan a home visit or a meeting: the case, what kind, when (UK time) and what or where.

Saved through store.planner as an open task with its time; My work lists it from then on, until
it is marked done. Enter in a field never saves (it picks a case in the chooser); Ctrl+Enter does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.domain.calendar import to_london
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.casework import list_cases
from ewo_desk.store.planner import KINDS, TITLE_LIMIT, plan
from ewo_desk.store.vault import Vault
from ewo_desk.ui.style import label, message_box_label, show_message
from ewo_desk.ui.visit_form import CaseChooser, UkDateTimeEdit, utc_now


def next_whole_hour(now: datetime) -> datetime:
    """The first o'clock after `now` (UK and UTC hours begin together), as UK time."""
    return to_london(now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1))


class PlanDialog(QDialog):
    planned = Signal(str)  # the case ref, once the visit or meeting is saved

    def __init__(
        self,
        vault: Vault,
        ref: str | None = None,
        *,
        now: Callable[[], datetime] = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.now = now
        self.task_id: int | None = None
        self.setWindowTitle("Plan a visit or meeting — EWO Desk")
        with vault.reader() as session:
            cases = list_cases(session, to_london(now()).date())
        self.chooser = CaseChooser(cases)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Visit or meeting")
        for value, text in KINDS.items():
            self.kind.addItem(text, value)
        self.when = UkDateTimeEdit()
        self.when.setAccessibleName("Date and time, UK time")
        self.when.set_moment(next_whole_hour(now()))
        self.day = label(role="muted", wrap=False)
        self.what = QLineEdit()
        self.what.setAccessibleName("What and where")
        self.what.setMaxLength(TITLE_LIMIT)
        self.what.setPlaceholderText("e.g. Home visit with Mum at 4 Elm Row; review at school")
        self.error = message_box_label("error-box")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("&Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)
        self.save_button.setToolTip("Add it to My work (Ctrl+Enter)")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        form = QFormLayout()
        form.addRow("&Case", self.chooser)
        form.addRow("&Kind", self.kind)
        form.addRow("&Date and time", self.when)
        form.addRow("", self.day)
        form.addRow("&What and where", self.what)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)  # as the visit form
        self.when.dateTimeChanged.connect(self._show_day)
        self.chooser.chosen.connect(lambda _ref: self.kind.setFocus())
        self._show_day()
        if ref:
            self.chooser.choose(ref.strip().upper())
            self.when.setFocus()
        else:
            self.chooser.search.setFocus()

    @property
    def ref(self) -> str | None:
        return self.chooser.ref

    def _show_day(self, *_args: object) -> None:
        moment = self.when.moment()
        self.day.setText(f"{moment:%A %d %B %Y at %H:%M}, UK time ({moment:%Z})")

    def save(self) -> None:
        if self.ref is None:
            show_message(self.error, "Choose the case the visit or meeting is for first.")
            self.chooser.reopen()
            return
        try:
            with self.vault.session() as session:
                self.task_id = plan(
                    session, self.ref, self.kind.currentData(), self.when.moment(),
                    self.what.text(), now=self.now(),
                )  # fmt: skip
        except EwoDeskError as error:
            show_message(self.error, str(error))
            return
        self.planned.emit(self.ref)
        self.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.save_button.setDefault(False)  # Enter must not save; Ctrl+Enter does

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)
