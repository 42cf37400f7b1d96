"""Correct a child's or a parent/carer's details from an open case (the People tab).

Saved through store.people in one transaction: every problem is named in the error box and
nothing is written until there is none. Each form remembers the version it was opened on, so a
change saved elsewhere in the meantime is refused (close and open it again), never overwritten.
Only the fields the officer changed are sent. Enter in a field never saves; Ctrl+Enter does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ewo_desk.errors import EwoDeskError, NotFound
from ewo_desk.store.people import (
    EditConflict,
    PeopleProblems,
    update_child,
    update_link,
    update_parent,
)
from ewo_desk.store.schema import Child, ChildParent, ParentCarer
from ewo_desk.store.vault import Vault
from ewo_desk.ui.referral_dialog import (
    RELATIONSHIPS,
    SEXES,
    YEAR_GROUPS,
    combo_field,
    editor_field,
    flag_boxes,
    form_row,
    line_field,
    parse_uk_date,
)
from ewo_desk.ui.style import label, message_box_label
from ewo_desk.ui.workspace.text import ltr

NOT_SAVED = "Nothing was saved"


class _Abort(Exception):
    """Roll the unit of work back: a problem was found."""


class _PersonDialog(QDialog):
    """What both forms share: the error box, Save/Cancel, Ctrl+Enter, Enter never saves."""

    saved = Signal()

    def __init__(self, vault: Vault, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.heading = label(role="title")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.error = message_box_label("error-box")
        self.error.setAccessibleName("Problems")
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("&Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in a field must never save
        self.save_button.setToolTip("Save the changes (Ctrl+Enter)")
        self.save_button.setAccessibleName("Save the changes")
        self.cancel_button.setAccessibleName("Cancel: close without saving")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.save)

    def _layout(self, *sections: QWidget) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        for section in sections:
            layout.addWidget(section)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def save(self) -> None:
        raise NotImplementedError

    def _commit(self, work: Callable[[Session], list[str]], early: list[str]) -> None:
        """Run `work` in one unit of work; on any problem roll it all back and name them all.

        `work` returns the problems it found (store problems are collected, not raised, so the
        child's and the link's problems are shown together); `early` are the form's own (a date
        that could not be read)."""
        problems = list(early)
        try:
            with self.vault.session() as session:
                try:
                    problems += [p for p in work(session) if p not in problems]
                except EditConflict as conflict:
                    problems = list(conflict.problems)
                    raise _Abort from None
                if problems:
                    raise _Abort
        except _Abort:
            self._show_problems(problems)
            return
        except EwoDeskError as error:
            self._show_problems([str(error)])
            return
        self.saved.emit()
        self.accept()

    def _show_problems(self, problems: list[str]) -> None:
        if len(problems) == 1:
            text = f"{problems[0]} {NOT_SAVED}."
        else:
            text = f"{NOT_SAVED}:\n" + "\n".join(f"• {p}" for p in problems)
        self.error.setText(text)
        self.error.setVisible(True)
        self.adjustSize()  # grow to show the whole message, never clip it

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


def _problems(call: Callable[[], object]) -> list[str]:
    try:
        call()
    except EditConflict:
        raise
    except PeopleProblems as problems:
        return list(problems.problems)
    return []


def _changed(held: dict[str, Any], now: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in now.items() if held.get(name) != value}


def _address_fields(whose: str) -> tuple[Any, ...]:
    return (
        line_field(f"{whose} address line 1", "House and street"),
        line_field(f"{whose} address line 2", "Line 2 (if any)"),
        line_field(f"{whose} town", "Town", 100),
        line_field(f"{whose} postcode", "Postcode", 12),
    )


class ChildDialog(_PersonDialog):
    """The child's own details: names, date of birth, UPN, year group, address, flags."""

    def __init__(
        self,
        vault: Vault,
        child_id: int,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(vault, parent)
        self.child_id = child_id
        self.today = today
        with vault.reader() as session:
            child = session.get(Child, child_id)
            if child is None:
                raise NotFound("That child is no longer in the caseload.")
            self.version = child.version
            self.held: dict[str, Any] = {
                name: getattr(child, name) or ""
                for name in ("given_names", "family_name", "preferred_name", "sex", "upn",
                             "year_group", "address_line1", "address_line2", "town",
                             "postcode", "social_worker", "social_worker_phone")
            }  # fmt: skip
            self.held["date_of_birth"] = child.date_of_birth
            self.held |= {flag: bool(getattr(child, flag)) for flag in Child.FLAGS}
            name = child.full_name
        self.setWindowTitle(f"Edit the child's details: {name} — EWO Desk")
        self.heading.setText(ltr(name))
        self.heading.setAccessibleName(f"Editing the details of {name}")

        self.given = line_field("Child's given names")
        self.family = line_field("Child's family name")
        self.preferred = line_field("Name the child goes by", "If not their given name")
        self.dob = line_field("Child's date of birth, dd/mm/yyyy", "dd/mm/yyyy", 10)
        self.dob.setMaximumWidth(self.fontMetrics().averageCharWidth() * 16)
        self.sex = combo_field("Child's sex", SEXES)
        self.upn = line_field("Child's UPN", "13 characters, if known", 20)
        self.year_group = combo_field("Child's year group", YEAR_GROUPS)
        self.line1, self.line2, self.town, self.postcode = _address_fields("Child's")
        self.social_worker = line_field("Social worker's name", "If the child has one")
        self.social_worker_phone = line_field("Social worker's phone", "Phone", 40)
        flags_box, self.flags = flag_boxes()

        child_box = QGroupBox("The child")
        form = QFormLayout(child_box)
        form.addRow("&Given names", self.given)
        form.addRow("&Family name", self.family)
        form.addRow("Goes &by", self.preferred)
        sex_caption = label("Se&x", wrap=False)
        sex_caption.setBuddy(self.sex)
        form.addRow("&Date of birth", form_row(self.dob, sex_caption, self.sex, QWidget(),
                                            stretch=(0, 0, 0, 1)))  # fmt: skip
        year_caption = label("&Year group", wrap=False)
        year_caption.setBuddy(self.year_group)
        form.addRow("&UPN", form_row(self.upn, year_caption, self.year_group, stretch=(1, 0, 0)))
        form.addRow("&Address", form_row(self.line1, self.line2, stretch=(1, 1)))
        form.addRow("", form_row(self.town, self.postcode, stretch=(2, 1)))
        form.addRow("Social &worker", form_row(self.social_worker, self.social_worker_phone,
                                            stretch=(2, 1)))  # fmt: skip
        form.addRow("Flags", flags_box)
        self._layout(child_box)
        self._fill()
        chain: list[QWidget] = [self.given, self.family, self.preferred, self.dob, self.sex,
                                self.upn, self.year_group, self.line1, self.line2, self.town,
                                self.postcode, self.social_worker, self.social_worker_phone,
                                *self.flags.values(), self.save_button,
                                self.cancel_button]  # fmt: skip
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.given.setFocus()

    def _fill(self) -> None:
        held = self.held
        for edit, name in self._texts():
            edit.setText(held[name])
        dob = held["date_of_birth"]
        self.dob.setText(f"{dob:%d/%m/%Y}" if dob else "")
        for combo, name in ((self.sex, "sex"), (self.year_group, "year_group")):
            index = combo.findData(held[name])
            if index < 0:  # a value held that the list does not offer (e.g. from an import)
                combo.addItem(held[name], held[name])
                index = combo.count() - 1
            combo.setCurrentIndex(index)
        for flag, box in self.flags.items():
            box.setChecked(held[flag])

    def _texts(self) -> list[tuple[Any, str]]:
        return [(self.given, "given_names"), (self.family, "family_name"),
                (self.preferred, "preferred_name"), (self.upn, "upn"),
                (self.line1, "address_line1"), (self.line2, "address_line2"),
                (self.town, "town"), (self.postcode, "postcode"),
                (self.social_worker, "social_worker"),
                (self.social_worker_phone, "social_worker_phone")]  # fmt: skip

    def changes(self) -> tuple[dict[str, Any], list[str]]:
        """What the officer changed, and the form's own problems (a date it cannot read)."""
        now: dict[str, Any] = {name: edit.text() for edit, name in self._texts()}
        now["sex"] = self.sex.currentData()
        now["year_group"] = self.year_group.currentData()
        now |= {flag: box.isChecked() for flag, box in self.flags.items()}
        problems = []
        try:
            now["date_of_birth"] = parse_uk_date(self.dob.text())
        except ValueError:
            problems.append(
                f"The date of birth {self.dob.text().strip()!r} is not a date: write it as "
                "dd/mm/yyyy, e.g. 04/03/2015."
            )
        return _changed(self.held, now), problems

    def save(self) -> None:
        changes, early = self.changes()

        def work(session: Session) -> list[str]:
            return _problems(lambda: update_child(session, self.child_id, changes,
                                                  expected_version=self.version,
                                                  today=self.today()))  # fmt: skip

        self._commit(work, early)


class ParentDialog(_PersonDialog):
    """A parent/carer's own details (shared by every child they are linked to) and how they stand
    to this child (relationship, parental responsibility, lives with the child)."""

    def __init__(
        self, vault: Vault, parent_id: int, child_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(vault, parent)
        self.parent_id = parent_id
        self.child_id = child_id
        with vault.reader() as session:
            person = session.get(ParentCarer, parent_id)
            link = session.get(ChildParent, (child_id, parent_id))
            child = session.get(Child, child_id)
            if person is None or link is None or child is None:
                raise NotFound("That parent/carer is no longer linked to this child.")
            self.version = person.version
            self.held: dict[str, Any] = {
                name: getattr(person, name) or ""
                for name in ("title", "given_names", "family_name", "address_line1",
                             "address_line2", "town", "postcode", "phone_mobile",
                             "phone_other", "email", "language", "safety_notes")
            }  # fmt: skip
            self.held["interpreter_needed"] = bool(person.interpreter_needed)
            self.held_link: dict[str, Any] = {
                "relationship": link.relationship_to_child or "",
                "parental_responsibility": bool(link.parental_responsibility),
                "lives_with_child": bool(link.lives_with_child),
            }
            name, child_name = person.full_name, child.full_name
            others = len(person.child_links) - 1
        self.setWindowTitle(f"Edit parent/carer: {name} — EWO Desk")
        self.heading.setText(ltr(name))
        self.heading.setAccessibleName(f"Editing the details of {name}")

        self.title_edit = line_field("Title", "Mr, Mrs, Ms…", 20)
        self.title_edit.setMaximumWidth(self.fontMetrics().averageCharWidth() * 12)
        self.given = line_field("Given names")
        self.family = line_field("Family name")
        self.line1, self.line2, self.town, self.postcode = _address_fields("Their")
        self.mobile = line_field("Mobile phone", "Mobile", 40)
        self.phone_other = line_field("Other phone", "Other phone", 40)
        self.email = line_field("Email", "Email")
        self.language = line_field("Language", "Language", 60)
        self.interpreter = QCheckBox("Needs an &interpreter")
        self.interpreter.setAccessibleName("Needs an interpreter")
        self.safety = QPlainTextEdit()
        self.safety.setTabChangesFocus(True)
        self.safety.setAccessibleName("Safety notes for visits")
        self.safety.setPlaceholderText("e.g. do not visit alone; dog at the address")
        self.safety.setFixedHeight(self.safety.fontMetrics().lineSpacing() * 3 + 14)
        self.relationship = QComboBox()
        self.relationship.setEditable(True)
        self.relationship.addItems(["", *RELATIONSHIPS])
        self.relationship.setAccessibleName(f"Relationship to {child_name}")
        editor_field(self.relationship).setPlaceholderText("Mother, father, carer…")
        editor_field(self.relationship).setMaxLength(60)
        self.responsibility = QCheckBox("Has parental &responsibility")
        self.responsibility.setAccessibleName(f"Has parental responsibility for {child_name}")
        self.lives = QCheckBox("&Lives with the child")
        self.lives.setAccessibleName(f"Lives with {child_name}")

        own = QGroupBox("Their details")
        form = QFormLayout(own)
        title_caption = label("&Title", wrap=False)
        title_caption.setBuddy(self.title_edit)
        form.addRow(title_caption, form_row(self.title_edit, QWidget(), stretch=(0, 1)))
        form.addRow("&Given names", self.given)
        form.addRow("&Family name", self.family)
        form.addRow("&Address", form_row(self.line1, self.line2, stretch=(1, 1)))
        form.addRow("", form_row(self.town, self.postcode, stretch=(2, 1)))
        form.addRow("&Phone", form_row(self.mobile, self.phone_other, stretch=(1, 1)))
        form.addRow("&Email", self.email)
        form.addRow("Lang&uage", form_row(self.language, self.interpreter, stretch=(1, 0)))
        form.addRow("Safety &notes", self.safety)
        if others > 0:
            shared = label(
                f"These details are shared with the {others} other "
                f"{'child' if others == 1 else 'children'} they are linked to.",
                role="muted",
            )
            form.addRow("", shared)
        link_box = QGroupBox(f"With {child_name}")
        link_box.setAccessibleName(f"How they stand to {child_name}")
        link_form = QFormLayout(link_box)
        link_form.addRow("Relations&hip", self.relationship)
        link_form.addRow("", form_row(self.responsibility, self.lives, QWidget(),
                                  stretch=(0, 0, 1)))  # fmt: skip
        self._layout(own, link_box)
        self._fill()
        chain: list[QWidget] = [self.title_edit, self.given, self.family, self.line1, self.line2,
                                self.town, self.postcode, self.mobile, self.phone_other,
                                self.email, self.language, self.interpreter, self.safety,
                                self.relationship, self.responsibility, self.lives,
                                self.save_button, self.cancel_button]  # fmt: skip
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.title_edit.setFocus()

    def _texts(self) -> list[tuple[Any, str]]:
        return [(self.title_edit, "title"), (self.given, "given_names"),
                (self.family, "family_name"), (self.line1, "address_line1"),
                (self.line2, "address_line2"), (self.town, "town"),
                (self.postcode, "postcode"), (self.mobile, "phone_mobile"),
                (self.phone_other, "phone_other"), (self.email, "email"),
                (self.language, "language")]  # fmt: skip

    def _fill(self) -> None:
        for edit, name in self._texts():
            edit.setText(self.held[name])
        self.safety.setPlainText(self.held["safety_notes"])
        self.interpreter.setChecked(self.held["interpreter_needed"])
        self.relationship.setEditText(self.held_link["relationship"])
        self.responsibility.setChecked(self.held_link["parental_responsibility"])
        self.lives.setChecked(self.held_link["lives_with_child"])

    def changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """What the officer changed: their own details, and the link to this child."""
        now: dict[str, Any] = {name: edit.text() for edit, name in self._texts()}
        now["safety_notes"] = self.safety.toPlainText()
        now["interpreter_needed"] = self.interpreter.isChecked()
        link = {
            "relationship": self.relationship.currentText(),
            "parental_responsibility": self.responsibility.isChecked(),
            "lives_with_child": self.lives.isChecked(),
        }
        return _changed(self.held, now), _changed(self.held_link, link)

    def save(self) -> None:
        own, link = self.changes()

        def work(session: Session) -> list[str]:
            # Always checked, even with nothing of their own changed: a stale form is refused.
            problems = _problems(lambda: update_parent(session, self.parent_id, own,
                                                       expected_version=self.version))  # fmt: skip
            if link:
                problems += _problems(lambda: update_link(session, self.child_id,
                                                          self.parent_id, link))  # fmt: skip
            return problems

        self._commit(work, [])


__all__ = ["ChildDialog", "ParentDialog"]
