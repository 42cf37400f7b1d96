"""Home visits and quick case notes, written in seconds and never lost.

Every edit restarts a short timer; when it fires the record is saved as a draft in the vault
(store.visits / store.my_work), so a flat battery or a lock loses at most a second or two. Cancel
keeps the draft; reopening the same case offers to carry on with it. "Save visit" / "Save note"
finalises the record into the chronology. Times are typed and shown as UK wall-clock time
(Europe/London, BST included); the store keeps them in UTC.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, QTimer, QTimeZone, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ewo_desk.domain.calendar import london_datetime, to_london
from ewo_desk.domain.casework import ChronologyKind, VisitOutcome
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.casework import list_cases
from ewo_desk.store.my_work import finalise_note, note_draft, save_note_draft, visit_draft
from ewo_desk.store.vault import Vault
from ewo_desk.store.visits import finalise_visit, save_visit_draft
from ewo_desk.ui import prompts
from ewo_desk.ui.caseload_model import CHILD, REF, REF_ROLE, SCHOOL, CaseloadFilter, CaseloadModel
from ewo_desk.ui.style import label, message_box_label, show_message

DRAFT_DELAY_MS = 1500  # after the last keystroke; long enough not to write on every letter


def utc_now() -> datetime:
    return datetime.now(UTC)


def uk_text(moment: datetime) -> str:
    return f"{to_london(moment):%d/%m/%Y %H:%M}"


class UkDateTimeEdit(QDateTimeEdit):
    """A wall-clock date and time as the officer reads it in the UK. The edit itself is zoneless
    (UTC inside Qt, so the computer's own zone never shifts it); London is applied in Python."""

    def __init__(self) -> None:
        super().__init__()
        self.setTimeZone(QTimeZone.utc())
        self.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.setCalendarPopup(True)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves the field, as in every other field of the form (Qt's default walks the
        five sections first); arrows, or typing a separator, move between day, month, year..."""
        return QWidget.focusNextPrevChild(self, next)

    def set_moment(self, moment: datetime) -> None:
        local = to_london(moment)
        self.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute),
                      QTimeZone.utc())
        )  # fmt: skip

    def moment(self) -> datetime:
        value = self.dateTime()
        day, clock = value.date(), value.time()
        return london_datetime(
            date(day.year(), day.month(), day.day()), time(clock.hour(), clock.minute())
        )


class CaseChooser(QWidget):
    """Type part of a name, ref, school or postcode (accents ignored), arrows to pick, Enter."""

    chosen = Signal(str)

    def __init__(self, cases: list[dict[str, Any]]) -> None:
        super().__init__()
        self.ref: str | None = None
        self.model = CaseloadModel(self)
        self.model.set_cases([c for c in cases if c["status"] == "open"])
        self.proxy = CaseloadFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a name or case ref, then press Enter")
        self.search.setAccessibleName("Find the case")
        self.search.setClearButtonEnabled(True)
        self.list = QTableView()
        self.list.setModel(self.proxy)
        self.list.setAccessibleName("Matching cases")
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setTabKeyNavigation(False)
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.verticalHeader().setVisible(False)
        self.list.horizontalHeader().setVisible(False)
        self.list.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.list.setFixedHeight(5 * (self.fontMetrics().height() + 8) + 4)
        for column in range(self.model.columnCount()):
            self.list.setColumnHidden(column, column not in (REF, CHILD, SCHOOL))
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.chosen_label = QLabel()
        self.chosen_label.setTextFormat(Qt.TextFormat.PlainText)
        self.change_button = QPushButton("Change c&ase")
        self.change_button.setAutoDefault(False)
        chosen_row = QHBoxLayout()
        chosen_row.setContentsMargins(0, 0, 0, 0)
        chosen_row.addWidget(self.chosen_label, 1)
        chosen_row.addWidget(self.change_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addLayout(chosen_row)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._choose_highlighted)
        self.search.installEventFilter(self)
        self.list.activated.connect(lambda _index: self._choose_highlighted())
        self.change_button.clicked.connect(self.reopen)
        self._filter("")
        self._show_search(True)

    def choose(self, ref: str) -> None:
        rows = [r for r in range(self.model.rowCount()) if self.model.case_at(r)["ref"] == ref]
        case = self.model.case_at(rows[0]) if rows else {"ref": ref, "child": ""}
        self.ref = case["ref"]
        self.chosen_label.setText(" — ".join(p for p in (case["child"], case["ref"]) if p))
        self._show_search(False)
        self.chosen.emit(case["ref"])

    def reopen(self) -> None:
        self.ref = None
        self._show_search(True)
        self.search.setFocus()
        self.search.selectAll()

    def lock(self) -> None:
        """The draft now belongs to this case: it cannot move to another one."""
        self.change_button.setEnabled(False)
        self.change_button.setToolTip("A draft is saved for this case; cancel to start another.")

    def _show_search(self, searching: bool) -> None:
        self.search.setVisible(searching)
        self.list.setVisible(searching)
        self.chosen_label.setVisible(not searching)
        self.change_button.setVisible(not searching)

    def _filter(self, text: str) -> None:
        self.proxy.set_search(text)
        if self.proxy.rowCount():
            self.list.selectRow(0)

    def _choose_highlighted(self) -> None:
        rows = self.list.selectionModel().selectedRows()
        if rows:
            self.choose(str(rows[0].data(REF_ROLE)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search box move the highlight, so the mouse is never needed."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(event.key())  # type: ignore[attr-defined]
            if step and self.proxy.rowCount():
                current = self.list.selectionModel().selectedRows()
                row = current[0].row() + step if current else 0
                self.list.selectRow(max(0, min(row, self.proxy.rowCount() - 1)))
                return True
        return super().eventFilter(watched, event)


class _RecordDialog(QDialog):
    """What a visit and a note share: the case, the moment, the draft timer, save and cancel."""

    saved = Signal(str)  # the case ref, once the record is final
    noun = "record"
    draft_delay_ms = DRAFT_DELAY_MS

    def __init__(
        self, vault: Vault, ref: str | None, now: Callable[[], datetime], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.now = now
        self.record_id: int | None = None
        self._loading = False
        self._dirty = False
        with vault.reader() as session:
            cases = list_cases(session, to_london(now()).date())
        self.chooser = CaseChooser(cases)
        self.when = UkDateTimeEdit()
        self.when.set_moment(now())
        self.status = label(role="muted", wrap=False)
        self.error = message_box_label("error-box")
        self.form = QFormLayout()
        self.form.addRow("&Case", self.chooser)
        self.form.addRow("&Date and time", self.when)
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(self.draft_delay_ms)
        self.draft_timer.timeout.connect(self.save_draft)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            f"&Save {self.noun}", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            "Close (keep draft)", QDialogButtonBox.ButtonRole.RejectRole
        )
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in a field must never finalise the record
        self.save_button.setToolTip(f"Put the {self.noun} in the chronology (Ctrl+Enter)")
        self.buttons.accepted.connect(self.finalise)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            QShortcut(QKeySequence(keys), self, activated=self.finalise)
        self.chooser.chosen.connect(self._case_chosen)
        self.when.dateTimeChanged.connect(self._changed)
        self._initial_ref = ref

    def _finish_layout(self) -> None:
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)  # stays wide on errors
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        if self._initial_ref:
            self.chooser.choose(self._initial_ref.strip().upper())
        else:
            self.chooser.search.setFocus()

    def _watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            for signal in ("textChanged", "currentIndexChanged", "toggled"):
                if hasattr(widget, signal):
                    getattr(widget, signal).connect(self._changed)
                    break

    @property
    def ref(self) -> str | None:
        return self.chooser.ref

    # --- drafts --------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._dirty = True
        self.draft_timer.start(self.draft_delay_ms)

    def _case_chosen(self, ref: str) -> None:
        # Offer the case's unfinished draft only before anything is typed, so that loading it
        # can never overwrite what the officer has just written (that becomes a new record).
        if self.record_id is None and not self._dirty:
            with self.vault.reader() as session:
                draft = self._find_draft(session, ref)
            if draft is not None and prompts.confirm(
                self, f"Carry on with the unfinished {self.noun}?",
                f"You started a {self.noun} for {self.chooser.chosen_label.text()} (dated "
                f"{uk_text(draft[self._moment_field])}) and did not finish it. Carry on with it? "
                f"Otherwise a new {self.noun} is started and the draft stays as it is.",
                yes="Carry on with the draft",
            ):  # fmt: skip
                self._loading = True
                try:
                    self.record_id = draft["id"]
                    self.when.set_moment(draft[self._moment_field])
                    self._load(draft)
                finally:
                    self._loading = False
                self.chooser.lock()
                self.status.setText(f"Draft from {uk_text(draft[self._moment_field])} restored")
        self._first_field().setFocus()
        if self._dirty:
            self.draft_timer.start(self.draft_delay_ms)

    def save_draft(self) -> bool:
        """Write what is on screen as the draft. False (and a reason shown) if it could not."""
        self.draft_timer.stop()
        if not self._dirty:
            return True
        if self.ref is None:
            self.status.setText("Choose the case to keep a draft")
            return False
        fields = self._fields()
        if not self._worth_saving(fields):
            return True
        try:
            with self.vault.session() as session:
                self.record_id = self._store_draft(session, self.ref, fields, self.record_id)
        except EwoDeskError as error:
            show_message(self.error, str(error))
            return False
        self._dirty = False
        self.chooser.lock()
        self.status.setText(f"Draft saved {to_london(self.now()):%H:%M}")
        return True

    def finalise(self) -> None:
        if self.ref is None:
            show_message(self.error, f"Choose the case this {self.noun} is about first.")
            self.chooser.reopen()
            return
        self._dirty = True  # always write the screen as it is now, then finalise that
        if not self.save_draft() or self.record_id is None:
            show_message(self.error, self.error.text() or f"The {self.noun} is empty.")
            return
        try:
            with self.vault.session() as session:
                self._finalise(session, self.record_id)
        except EwoDeskError as error:
            show_message(self.error, str(error))
            return
        ref = self.ref
        self.record_id = None
        self.saved.emit(ref)
        self.accept()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.save_button.setDefault(False)  # the button box makes it default; Enter must not save

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a field must never finalise the record (the button box would make "Save"
        the default button); Ctrl+Enter does, deliberately."""
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        self.save_draft()  # Close keeps the draft, including the last second of typing
        super().reject()

    # --- what each kind of record fills in ------------------------------------------------

    _moment_field = "occurred_at"

    def _first_field(self) -> QWidget:
        return self.when

    def _fields(self) -> dict[str, Any]:
        raise NotImplementedError

    def _load(self, draft: dict[str, Any]) -> None:
        raise NotImplementedError

    def _worth_saving(self, fields: dict[str, Any]) -> bool:
        return True

    def _find_draft(self, session: Session, ref: str) -> dict[str, Any] | None:
        raise NotImplementedError

    def _store_draft(
        self, session: Session, ref: str, fields: dict[str, Any], record_id: int | None
    ) -> int:
        raise NotImplementedError

    def _finalise(self, session: Session, record_id: int) -> None:
        raise NotImplementedError


def _text_box(lines: int, name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab leaves the box: the form works without a mouse
    box.setAccessibleName(name)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


def _combo(choices: list[tuple[str, Any]], name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for text, value in choices:
        combo.addItem(text, value)
    return combo


OUTCOMES = [("Choose the outcome…", None)] + [
    (o.value.replace("_", " ").capitalize(), o.value) for o in VisitOutcome
]
CHILD_SEEN = [("Not recorded yet", None), ("Yes, the child was seen", True),
              ("No, the child was not seen", False)]  # fmt: skip


class VisitForm(_RecordDialog):
    noun = "visit"
    _moment_field = "visited_at"

    def __init__(
        self,
        vault: Vault,
        ref: str | None = None,
        *,
        now: Callable[[], datetime] = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(vault, ref, now, parent)
        self.setWindowTitle("Home visit — EWO Desk")
        self.outcome = _combo(OUTCOMES, "Outcome")
        self.child_seen = _combo(CHILD_SEEN, "Child seen")
        self.people_seen = QLineEdit()
        self.people_seen.setPlaceholderText("e.g. Mother (Ms Nguyễn), older brother")
        self.child_voice = _text_box(2, "The child's views")
        self.concerns = _text_box(4, "Notes")
        self.safeguarding = QCheckBox("A safeguarding concern came up")
        self.procedure_followed = QCheckBox("I followed the safeguarding procedure")
        self.safeguarding_action = QLineEdit()
        self.safeguarding_action.setPlaceholderText("What you did, who you told, and when")
        self.support_offered = _text_box(2, "Support offered")
        self.next_steps = _text_box(2, "Next steps")
        for text, widget in (
            ("&Outcome", self.outcome), ("C&hild seen", self.child_seen),
            ("&Who was seen", self.people_seen), ("Child's &views", self.child_voice),
            ("&Notes", self.concerns), ("Safe&guarding", self.safeguarding),
            ("", self.procedure_followed), ("Action ta&ken", self.safeguarding_action),
            ("Support o&ffered", self.support_offered), ("Ne&xt steps", self.next_steps),
        ):  # fmt: skip
            self.form.addRow(text, widget)
        self._watch(self.outcome, self.child_seen, self.people_seen, self.child_voice,
                    self.concerns, self.safeguarding, self.procedure_followed,
                    self.safeguarding_action, self.support_offered, self.next_steps)  # fmt: skip
        self.safeguarding.toggled.connect(self._safeguarding_shown)
        self._safeguarding_shown(False)
        self.resize(640, 0)
        self._finish_layout()

    def _safeguarding_shown(self, concern: bool) -> None:
        for widget in (self.procedure_followed, self.safeguarding_action):
            self.form.setRowVisible(widget, concern)

    def _fields(self) -> dict[str, Any]:
        return {
            "visited_at": self.when.moment(),
            "outcome": self.outcome.currentData(),
            "child_seen": self.child_seen.currentData(),
            "people_seen": self.people_seen.text().strip(),
            "child_voice": self.child_voice.toPlainText(),
            "concerns": self.concerns.toPlainText(),
            "safeguarding_concern": self.safeguarding.isChecked(),
            "safeguarding_procedure_followed": self.procedure_followed.isChecked(),
            "safeguarding_action": self.safeguarding_action.text().strip(),
            "support_offered": self.support_offered.toPlainText(),
            "next_steps": self.next_steps.toPlainText(),
        }

    def _load(self, draft: dict[str, Any]) -> None:
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(draft["outcome"])))
        self.child_seen.setCurrentIndex(max(0, self.child_seen.findData(draft["child_seen"])))
        self.people_seen.setText(draft["people_seen"])
        self.child_voice.setPlainText(draft["child_voice"])
        self.concerns.setPlainText(draft["concerns"])
        self.safeguarding.setChecked(draft["safeguarding_concern"])
        self.procedure_followed.setChecked(draft["safeguarding_procedure_followed"])
        self.safeguarding_action.setText(draft["safeguarding_action"])
        self.support_offered.setPlainText(draft["support_offered"])
        self.next_steps.setPlainText(draft["next_steps"])

    def _find_draft(self, session: Session, ref: str) -> dict[str, Any] | None:
        return visit_draft(session, ref)

    def _store_draft(
        self, session: Session, ref: str, fields: dict[str, Any], record_id: int | None
    ) -> int:
        return save_visit_draft(session, ref, fields, record_id).id

    def _finalise(self, session: Session, record_id: int) -> None:
        finalise_visit(session, record_id)


NOTE_KINDS = [("Note", ChronologyKind.NOTE.value), ("Phone call", ChronologyKind.PHONE_CALL.value),
              ("Meeting", ChronologyKind.MEETING.value),
              ("School visit", ChronologyKind.SCHOOL_VISIT.value)]  # fmt: skip


class NoteDialog(_RecordDialog):
    noun = "note"

    def __init__(
        self,
        vault: Vault,
        ref: str | None = None,
        *,
        now: Callable[[], datetime] = utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(vault, ref, now, parent)
        self.setWindowTitle("Case note — EWO Desk")
        self.kind = _combo(NOTE_KINDS, "Kind of note")
        self.text = _text_box(6, "Note")
        self.text.setPlaceholderText("What happened, who said what, what was agreed")
        self.form.addRow("&Kind", self.kind)
        self.form.addRow("&Note", self.text)
        self._watch(self.kind, self.text)
        self.resize(560, 0)
        self._finish_layout()

    def _first_field(self) -> QWidget:
        return self.text

    def _fields(self) -> dict[str, Any]:
        return {"occurred_at": self.when.moment(), "kind": self.kind.currentData(),
                "text": self.text.toPlainText()}  # fmt: skip

    def _worth_saving(self, fields: dict[str, Any]) -> bool:
        return bool(fields["text"].strip())  # an empty note is not a draft worth keeping

    def _load(self, draft: dict[str, Any]) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(draft["kind"])))
        self.text.setPlainText(draft["text"])

    def _find_draft(self, session: Session, ref: str) -> dict[str, Any] | None:
        return note_draft(session, ref)

    def _store_draft(
        self, session: Session, ref: str, fields: dict[str, Any], record_id: int | None
    ) -> int:
        return save_note_draft(session, ref, fields, record_id).id

    def _finalise(self, session: Session, record_id: int) -> None:
        finalise_note(session, record_id)
