"""A new case from a referral: the child, their school, the parents/carers and the referral.

Saved through store.referrals.open_case in one transaction: every problem is named in the error
box and nothing is written until there is none. Dates are typed as dd/mm/yyyy. A sibling's parent
is picked from the parents held (search by name, arrows, Enter) so the family is linked, not
typed twice. Enter in a field never saves; Ctrl+Enter does. Every control has an accessible name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ewo_desk.errors import EwoDeskError
from ewo_desk.store.referrals import (
    ChildDetails,
    ParentDetails,
    Referral,
    ReferralProblems,
    SchoolChoice,
    open_case,
    parents_held,
    schools_held,
)
from ewo_desk.store.schema import Child
from ewo_desk.store.vault import Vault
from ewo_desk.ui import labels
from ewo_desk.ui.style import label, message_box_label

NEW_SCHOOL = "new"

YEAR_GROUPS = [("Not known", ""), ("Nursery 1", "N1"), ("Nursery 2", "N2"), ("Reception", "R")]
YEAR_GROUPS += [(f"Year {n}", str(n)) for n in range(1, 15)]
SEXES = [("Not known", "U"), ("Female", "F"), ("Male", "M")]
RELATIONSHIPS = ["Mother", "Father", "Step-mother", "Step-father", "Grandmother", "Grandfather",
                 "Aunt", "Uncle", "Foster carer", "Kinship carer", "Carer"]  # fmt: skip
SOURCES = ["Early help", "Children's social care", "School nurse", "GP or health", "Police",
           "Parent/carer", "Another local authority"]  # fmt: skip
FLAG_TEXT = {"eal": "English as an additional language (EAL)",
             "interpreter_needed": "Needs an interpreter"}  # fmt: skip
_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
DOB_MISSING = "Give the child's date of birth"


def parse_uk_date(text: str) -> date | None:
    """dd/mm/yyyy (or d/m/yyyy, dots or dashes) as a date; None when blank; ValueError if not."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if match is None:
        raise ValueError(text)
    day, month, year = (int(part) for part in match.groups())
    return date(year, month, day)


def line_field(name: str, placeholder: str = "", max_length: int = 200) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setMaxLength(max_length)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def combo_field(name: str, choices: list[tuple[str, Any]]) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for text, value in choices:
        combo.addItem(text, value)
    return combo


def editor_field(combo: QComboBox) -> QLineEdit:
    editor = combo.lineEdit()
    assert editor is not None, "an editable combo box has a line edit"
    return editor


def flag_boxes() -> tuple[QWidget, dict[str, QCheckBox]]:
    """A checkbox for each of the child's flags, two columns, keyed by the flag's field name."""
    flags: dict[str, QCheckBox] = {}
    grid_box = QWidget()
    grid = QGridLayout(grid_box)
    grid.setContentsMargins(0, 0, 0, 0)
    for index, flag in enumerate(Child.FLAGS):
        box = QCheckBox(FLAG_TEXT.get(flag, labels.flag_labels([flag])[0]))
        box.setAccessibleName(f"Child: {box.text()}")
        flags[flag] = box
        grid.addWidget(box, index // 2, index % 2)
    return grid_box, flags


def form_row(*widgets: QWidget, stretch: tuple[int, ...] = ()) -> QWidget:
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        layout.addWidget(widget, stretch[index] if index < len(stretch) else 0)
    return holder


class ParentRow(QGroupBox):
    """One parent/carer: typed in, or one already held (a sibling's), shown by name."""

    remove_requested = Signal(object)

    def __init__(self, number: int, existing: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.existing = existing
        self.number = number
        self.title_edit = line_field("", "Title", 20)
        self.title_edit.setMaximumWidth(self.fontMetrics().averageCharWidth() * 9)
        self.given = line_field("", "Given names")
        self.family = line_field("", "Family name")
        self.held_label = label(wrap=True)
        self.held_label.setTextFormat(Qt.TextFormat.PlainText)
        self.relationship = QComboBox()
        self.relationship.setEditable(True)
        self.relationship.addItems(["", *RELATIONSHIPS])
        editor_field(self.relationship).setPlaceholderText("Mother, father, carer…")
        self.responsibility = QCheckBox("Has parental responsibility")
        self.responsibility.setChecked(True)
        self.lives = QCheckBox("Lives with the child")
        self.lives.setChecked(True)
        self.same_address = QCheckBox("Same address as the child")
        self.same_address.setChecked(True)
        self.line1 = line_field("", "Address line 1")
        self.line2 = line_field("", "Address line 2")
        self.town = line_field("", "Town", 100)
        self.postcode = line_field("", "Postcode", 12)
        self.mobile = line_field("", "Mobile", 40)
        self.phone_other = line_field("", "Other phone", 40)
        self.email = line_field("", "Email")
        self.language = line_field("", "Language", 60)
        self.language.setText("English")
        self.interpreter = QCheckBox("Needs an interpreter")
        self.safety = line_field("", "e.g. do not visit alone; dog at the address")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.lives.toggled.connect(self._lives_toggled)
        self.same_address.toggled.connect(self._address_shown)

        self.form = QFormLayout(self)
        if existing is None:
            self.form.addRow("Name", form_row(self.title_edit, self.given, self.family,
                                          stretch=(0, 1, 1)))  # fmt: skip
        else:
            lines = [existing["name"], existing["address"]]
            if existing["children"]:
                lines.append("Parent/carer of " + ", ".join(existing["children"]))
            self.held_label.setText("\n".join(line for line in lines if line))
            self.form.addRow("Held", self.held_label)
        self.form.addRow("Relationship", self.relationship)
        self.form.addRow("", form_row(self.responsibility, self.lives, stretch=(0, 1)))
        if existing is None:
            self.form.addRow("Address", self.same_address)
            self.address = form_row(self.line1, self.line2, stretch=(1, 1))
            self.address_town = form_row(self.town, self.postcode, stretch=(2, 1))
            self.form.addRow("", self.address)
            self.form.addRow("", self.address_town)
            self.form.addRow("Phone", form_row(self.mobile, self.phone_other, stretch=(1, 1)))
            self.form.addRow("Email", self.email)
            self.form.addRow("Language", form_row(self.language, self.interpreter, stretch=(1, 0)))
            self.form.addRow("Safety notes", self.safety)
            self._address_shown(True)
        self.form.addRow("", form_row(QWidget(), self.remove_button, stretch=(1, 0)))
        self.renumber(number)

    def renumber(self, number: int) -> None:
        self.number = number
        who = f"Parent/carer {number}"
        self.setTitle(f"{who}: {self.existing['name']}" if self.existing else who)
        for widget, what in (
            (self.title_edit, "title"), (self.given, "given names"),
            (self.family, "family name"), (self.relationship, "relationship to the child"),
            (self.responsibility, "has parental responsibility"),
            (self.lives, "lives with the child"), (self.same_address, "same address as the child"),
            (self.line1, "address line 1"), (self.line2, "address line 2"),
            (self.town, "town"), (self.postcode, "postcode"), (self.mobile, "mobile phone"),
            (self.phone_other, "other phone"), (self.email, "email"),
            (self.language, "language"), (self.interpreter, "needs an interpreter"),
            (self.safety, "safety notes for visits"), (self.remove_button, "remove"),
            (self.held_label, "held details"),
        ):  # fmt: skip
            widget.setAccessibleName(f"{who}: {what}")

    def focus_widgets(self) -> list[QWidget]:
        if self.existing is not None:
            return [self.relationship, self.responsibility, self.lives, self.remove_button]
        return [self.title_edit, self.given, self.family, self.relationship, self.responsibility,
                self.lives, self.same_address, self.line1, self.line2, self.town, self.postcode,
                self.mobile, self.phone_other, self.email, self.language, self.interpreter,
                self.safety, self.remove_button]  # fmt: skip

    def first_field(self) -> QWidget:
        return self.relationship if self.existing else self.title_edit

    def _lives_toggled(self, lives: bool) -> None:
        if not lives:
            self.same_address.setChecked(False)

    def _address_shown(self, same: bool) -> None:
        if self.existing is None:
            self.form.setRowVisible(self.address, not same)
            self.form.setRowVisible(self.address_town, not same)

    def details(self) -> ParentDetails:
        relationship = self.relationship.currentText().strip()
        responsibility, lives = self.responsibility.isChecked(), self.lives.isChecked()
        if self.existing is not None:
            return ParentDetails(
                existing_id=self.existing["id"],
                relationship=relationship,
                parental_responsibility=responsibility,
                lives_with_child=lives,
            )
        return ParentDetails(
            title=self.title_edit.text(),
            given_names=self.given.text(),
            family_name=self.family.text(),
            same_address_as_child=self.same_address.isChecked(),
            address_line1=self.line1.text(),
            address_line2=self.line2.text(),
            town=self.town.text(),
            postcode=self.postcode.text(),
            phone_mobile=self.mobile.text(),
            phone_other=self.phone_other.text(),
            email=self.email.text(),
            language=self.language.text(),
            interpreter_needed=self.interpreter.isChecked(),
            safety_notes=self.safety.text(),
            relationship=relationship,
            parental_responsibility=responsibility,
            lives_with_child=lives,
        )


class ParentFinder(QWidget):
    """Find a parent/carer already held by name (accents ignored); arrows move, Enter picks."""

    picked = Signal(dict)

    def __init__(self, parents: list[dict[str, Any]]) -> None:
        super().__init__()
        self.parents = parents
        self.search = line_field("Find a parent/carer already held", "Type part of their name")
        self.search.setClearButtonEnabled(True)
        self.matches = QListWidget()
        self.matches.setAccessibleName("Parents/carers held that match")
        self.matches.setFixedHeight(4 * (self.fontMetrics().height() + 8) + 4)
        self.matches.setTabKeyNavigation(False)
        self.none_label = label("No parent/carer held matches that name.", role="muted")
        hint = label("Type part of a name; Up and Down choose, Enter adds them.", role="muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.search)
        layout.addWidget(self.matches)
        layout.addWidget(self.none_label)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._pick_highlighted)
        self.matches.itemActivated.connect(lambda _item: self._pick_highlighted())
        self.search.installEventFilter(self)
        self._filter("")

    def _filter(self, text: str) -> None:
        wanted = labels.folded(text.strip())
        self.matches.clear()
        for parent in self.parents:
            words = " ".join([parent["name"], *parent["children"]])
            if wanted in labels.folded(words):
                children = ", ".join(parent["children"])
                shown = f"{parent['name']} — {children}" if children else parent["name"]
                item = QListWidgetItem(shown)
                item.setData(Qt.ItemDataRole.UserRole, parent)
                self.matches.addItem(item)
        self.none_label.setVisible(self.matches.count() == 0)
        if self.matches.count():
            self.matches.setCurrentRow(0)

    def _pick_highlighted(self) -> None:
        item = self.matches.currentItem()
        if item is not None:
            self.picked.emit(item.data(Qt.ItemDataRole.UserRole))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(event.key())  # type: ignore[attr-defined]
            if step and self.matches.count():
                row = max(0, min(self.matches.currentRow() + step, self.matches.count() - 1))
                self.matches.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)


class ReferralDialog(QDialog):
    opened = Signal(str)  # the new case's reference

    def __init__(
        self,
        vault: Vault,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.today = today
        self.ref: str | None = None
        self.rows: list[ParentRow] = []
        self.setWindowTitle("New case from a referral — EWO Desk")
        with vault.reader() as session:
            self.schools = schools_held(session)
            self.parents_held = parents_held(session)

        # the child
        self.given = line_field("Child's given names")
        self.family = line_field("Child's family name")
        self.preferred = line_field("Name the child goes by", "If not their given name")
        self.dob = line_field("Child's date of birth, dd/mm/yyyy", "dd/mm/yyyy", 10)
        self.sex = combo_field("Child's sex", SEXES)
        self.upn = line_field("Child's UPN", "13 characters, if known", 20)
        self.year_group = combo_field("Child's year group", YEAR_GROUPS)
        self.line1 = line_field("Child's address line 1", "House and street")
        self.line2 = line_field("Child's address line 2", "Line 2 (if any)")
        self.town = line_field("Child's town", "Town", 100)
        self.postcode = line_field("Child's postcode", "Postcode", 12)
        flags_box, self.flags = flag_boxes()
        child_box = QGroupBox("The child")
        child_form = QFormLayout(child_box)
        child_form.addRow("&Given names", self.given)
        child_form.addRow("&Family name", self.family)
        child_form.addRow("Goes &by", self.preferred)
        child_form.addRow("&Date of birth", form_row(self.dob, label("Sex", wrap=False), self.sex,
                                                  QWidget(), stretch=(0, 0, 0, 1)))  # fmt: skip
        child_form.addRow("&UPN", form_row(self.upn, label("Year group", wrap=False),
                                       self.year_group, stretch=(1, 0, 0)))  # fmt: skip
        child_form.addRow("&Address", form_row(self.line1, self.line2, stretch=(1, 1)))
        child_form.addRow("", form_row(self.town, self.postcode, stretch=(2, 1)))
        child_form.addRow("Flags", flags_box)
        self.dob.setMaximumWidth(self.fontMetrics().averageCharWidth() * 16)

        # the school
        self.school = QComboBox()
        self.school.setAccessibleName("School")
        if self.schools:
            self.school.addItem("Choose the school…", None)
        for school in self.schools:
            self.school.addItem(f"{school['name']} (URN {school['urn']})", school["id"])
        self.school.addItem("A school not listed: give its URN and name…", NEW_SCHOOL)
        self.school_urn = line_field("New school's URN", "6 digits", 8)
        self.school_urn.setMaximumWidth(self.fontMetrics().averageCharWidth() * 14)
        self.school_name = line_field("New school's name", "The school's name")
        self.new_school = form_row(self.school_urn, self.school_name, stretch=(0, 1))
        school_box = QGroupBox("School")
        self.school_form = QFormLayout(school_box)
        self.school_form.addRow("&School", self.school)
        self.school_form.addRow("URN and name", self.new_school)
        self.school.currentIndexChanged.connect(self._school_changed)

        # the parents and carers
        self.parents_box = QGroupBox("Parents and carers")
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.none_label = label("No parent or carer added yet.", role="muted")
        self.add_button = QPushButton("Add a &parent/carer")
        self.add_held_button = QPushButton("Add a parent already &held (a sibling's)…")
        for button in (self.add_button, self.add_held_button):
            button.setAutoDefault(False)
        self.add_held_button.setEnabled(bool(self.parents_held))
        self.finder = ParentFinder(self.parents_held)
        self.finder.setVisible(False)
        parents_layout = QVBoxLayout(self.parents_box)
        parents_layout.addWidget(self.none_label)
        parents_layout.addLayout(self.rows_layout)
        parents_layout.addWidget(form_row(self.add_button, self.add_held_button, QWidget(),
                                      stretch=(0, 0, 1)))  # fmt: skip
        parents_layout.addWidget(self.finder)
        self.add_button.clicked.connect(lambda: self.add_parent())
        self.add_held_button.clicked.connect(self._find_parent)
        self.finder.picked.connect(self._parent_picked)

        # the referral
        self.source = QComboBox()
        self.source.setEditable(True)
        self.source.setAccessibleName("Referred by")
        self.source.addItems(["", *SOURCES])
        editor_field(self.source).setPlaceholderText("The school, early help, social care…")
        editor_field(self.source).setMaxLength(100)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setAccessibleName("Reason for the referral")
        self.reason.setPlaceholderText("What the referrer is worried about, and the figures")
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 3 + 14)
        self.received = line_field("Date the referral was received, dd/mm/yyyy", "dd/mm/yyyy", 10)
        self.received.setMaximumWidth(self.fontMetrics().averageCharWidth() * 16)
        self.received.setText(f"{today():%d/%m/%Y}")
        referral_box = QGroupBox("Referral")
        referral_form = QFormLayout(referral_box)
        referral_form.addRow("&Referred by", self.source)
        referral_form.addRow("R&eason", self.reason)
        referral_form.addRow("Recei&ved on", self.received)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        for section in (child_box, school_box, self.parents_box, referral_box):
            content_layout.addWidget(section)
        content_layout.addStretch(1)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidget(content)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.error = message_box_label("error-box")
        self.error.setAccessibleName("Problems")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            "&Open the case", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in a field must never open the case
        self.save_button.setToolTip("Open the case and its chronology (Ctrl+Enter)")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        width = self.fontMetrics().averageCharWidth() * 100
        self.setMinimumWidth(width)
        room = self.screen().availableGeometry().height() - 80 if self.screen() else 720
        self.resize(width, max(480, min(720, room)))
        self._school_changed()
        self._update_parents()
        self.given.setFocus()

    # --- the school ---------------------------------------------------------------------

    def _school_changed(self, *_args: object) -> None:
        choice = self.school.currentData()
        self.school_form.setRowVisible(self.new_school, choice == NEW_SCHOOL)
        school = next((s for s in self.schools if s["id"] == choice), None)
        current = self.source.currentText().strip()
        names = {s["name"] for s in self.schools}
        if school is not None and (not current or current in names):
            self.source.setEditText(school["name"])  # the usual referrer; change it if not

    def school_choice(self) -> SchoolChoice:
        choice = self.school.currentData()
        if choice == NEW_SCHOOL:
            return SchoolChoice(urn=self.school_urn.text(), name=self.school_name.text())
        return SchoolChoice(school_id=choice)

    # --- parents and carers --------------------------------------------------------------

    def add_parent(self, existing: dict[str, Any] | None = None) -> ParentRow:
        row = ParentRow(len(self.rows) + 1, existing)
        row.remove_requested.connect(self.remove_parent)
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        row.show()  # now, not on the next turn of the loop: focus can go straight into it
        self._update_parents()
        row.first_field().setFocus()
        QTimer.singleShot(0, lambda: self._scroll_to(row.first_field()))
        return row

    def _scroll_to(self, widget: QWidget) -> None:
        if not self.isHidden() and isValid(widget):
            self.form_scroll.ensureWidgetVisible(widget)

    def remove_parent(self, row: ParentRow) -> None:
        self.rows.remove(row)
        self.rows_layout.removeWidget(row)
        row.hide()
        row.setParent(None)  # out of the dialog's Tab order now, not when deleted later
        row.deleteLater()
        for number, other in enumerate(self.rows, start=1):
            other.renumber(number)
        self._update_parents()
        self.add_button.setFocus()

    def _find_parent(self) -> None:
        self.finder.setVisible(True)
        self.finder.search.clear()
        self.finder.search.setFocus()
        QTimer.singleShot(0, lambda: self._scroll_to(self.finder.matches))

    def _parent_picked(self, parent: dict[str, Any]) -> None:
        self.finder.setVisible(False)
        self.add_parent(parent)

    def _update_parents(self) -> None:
        self.none_label.setVisible(not self.rows)
        chain: list[QWidget] = [self.given, self.family, self.preferred, self.dob, self.sex,
                                self.upn, self.year_group, self.line1, self.line2, self.town,
                                self.postcode, *self.flags.values(), self.school,
                                self.school_urn, self.school_name]  # fmt: skip
        for row in self.rows:
            chain += row.focus_widgets()
        chain += [self.add_button, self.add_held_button, self.finder.search, self.finder.matches,
                  self.source, self.reason, self.received, self.save_button,
                  self.cancel_button]  # fmt: skip
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)  # rows added later keep their place in Tab order

    # --- saving ----------------------------------------------------------------------------

    def referral(self) -> tuple[Referral, list[str]]:
        """What is on screen as a referral, and the dates that could not be read."""
        problems = []
        try:
            dob = parse_uk_date(self.dob.text())
        except ValueError:
            dob = None
            problems.append(
                f"The date of birth {self.dob.text().strip()!r} is not a date: write it as "
                "dd/mm/yyyy, e.g. 04/03/2015."
            )
        try:
            received = parse_uk_date(self.received.text())
        except ValueError:
            received = None
        if received is None:
            problems.append(
                "Give the date the referral was received as dd/mm/yyyy (today is "
                f"{self.today():%d/%m/%Y})."
            )
        child = ChildDetails(
            given_names=self.given.text(),
            family_name=self.family.text(),
            preferred_name=self.preferred.text(),
            date_of_birth=dob,
            sex=self.sex.currentData(),
            upn=self.upn.text(),
            year_group=self.year_group.currentData(),
            address_line1=self.line1.text(),
            address_line2=self.line2.text(),
            town=self.town.text(),
            postcode=self.postcode.text(),
            flags=frozenset(flag for flag, box in self.flags.items() if box.isChecked()),
        )
        return (
            Referral(
                child=child,
                school=self.school_choice(),
                parents=tuple(row.details() for row in self.rows),
                referral_reason=self.reason.toPlainText(),
                referral_source=self.source.currentText(),
                opened_on=received or self.today(),
            ),
            problems,
        )

    def save(self) -> None:
        referral, unreadable = self.referral()
        try:
            with self.vault.session() as session:
                ref = open_case(session, referral, self.today())
                if unreadable:  # a date could not be read: roll back whatever else was fine
                    raise ReferralProblems(unreadable)
        except ReferralProblems as error:
            problems = list(unreadable)
            if unreadable and unreadable[0].startswith("The date of birth"):
                problems += [p for p in error.problems if not p.startswith(DOB_MISSING)]
            else:
                problems += [p for p in error.problems if p not in problems]
            self._show_problems(problems)
            return
        except EwoDeskError as error:
            self._show_problems([str(error)])
            return
        self.ref = ref
        self.opened.emit(ref)
        self.accept()

    def _show_problems(self, problems: list[str]) -> None:
        if len(problems) == 1:
            text = f"{problems[0]} The case was not opened."
        else:
            text = "The case was not opened:\n" + "\n".join(f"• {p}" for p in problems)
        # Not style.show_message: its adjustSize would shrink the dialog to the scrolling form's
        # small hint. The box takes its room from the form instead, and the dialog keeps its size.
        self.error.setText(text)
        self.error.setVisible(True)
        if any("date of birth" in p for p in problems):
            self.dob.setFocus()
            self.form_scroll.ensureWidgetVisible(self.dob)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.save_button.setDefault(False)  # Enter must not open the case; Ctrl+Enter does

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)


__all__ = ["ParentFinder", "ParentRow", "ReferralDialog", "parse_uk_date"]
