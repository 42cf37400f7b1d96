"""A new case from a referral (Ctrl+N), keyboard only, every problem named, and closing a case
from the Case menu."""

from datetime import date

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QPlainTextEdit

from ewo_desk.store.casework import case_detail
from ewo_desk.store.referrals import ChildDetails, ParentDetails, Referral, SchoolChoice, open_case
from ewo_desk.store.schema import Case, ChronologyEntry, ParentCarer
from ewo_desk.ui import prompts
from ewo_desk.ui.main_window import MainWindow
from ewo_desk.ui.referral_dialog import ReferralDialog, parse_uk_date
from tests.gui.sample_cases import add_sample_cases

TODAY = date(2026, 11, 20)
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def cases(vault):
    add_sample_cases(vault)
    return vault


@pytest.fixture
def window(qtbot, cases):
    window = MainWindow(cases, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.my_work is not None)
    return window


def make(qtbot, vault):
    dialog = ReferralDialog(vault, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def case_count(vault):
    with vault.reader() as s:
        return s.scalar(sa.select(sa.func.count(Case.id)))


def choose(combo, text):
    index = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def fill_child(qtbot, dialog, dob="04/03/2015"):
    dialog.given.setText("عائشة")  # QTest types ASCII only; the store keeps the script exactly
    qtbot.keyClicks(dialog.family, "Rahman")
    qtbot.keyClicks(dialog.preferred, "Aisha")
    if dob:
        qtbot.keyClicks(dialog.dob, dob)
    qtbot.keyClicks(dialog.line1, "12 Canal Street")
    qtbot.keyClicks(dialog.postcode, "nb2 7lx")
    choose(dialog.year_group, "Year 6")
    choose(dialog.school, "Riverside Primary School")


def test_ctrl_n_opens_the_dialog_and_a_saved_referral_opens_its_case_tab(qtbot, window):
    file_actions = window.menuBar().actions()[0].menu().actions()
    assert file_actions[0] is window.referral_action
    assert window.referral_action.text() == "&New case from a referral…"
    assert window.referral_action.shortcut().toString() == "Ctrl+N"
    window.referral_action.trigger()
    (dialog,) = [d for d in window.findChildren(ReferralDialog) if d.isVisible()]
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.given)
    fill_child(qtbot, dialog)
    dialog.flags["eal"].setChecked(True)
    assert dialog.source.currentText() == "Riverside Primary School"  # the school, by default
    qtbot.keyClicks(dialog.reason, "Attendance 71% this term.")
    qtbot.keyClick(dialog.add_button, Qt.Key.Key_Space)
    (row,) = dialog.rows
    assert QApplication.focusWidget() is row.title_edit
    qtbot.keyClicks(row.title_edit, "Mrs")
    qtbot.keyClicks(row.given, "Farida")
    qtbot.keyClicks(row.family, "Rahman")
    qtbot.keyClicks(row.relationship, "Mother")
    qtbot.keyClicks(row.language, "/Bengali")
    with qtbot.waitSignal(dialog.opened) as opened:
        qtbot.keyClick(row.family, Qt.Key.Key_Return, CTRL)
    ref = opened.args[0]
    assert ref == "EWO-2026-0007" and not dialog.isVisible()
    assert window.current_workspace().ref == ref
    assert window.count_label.text() == "7 cases"
    with window.vault.reader() as s:
        detail = case_detail(s, ref, TODAY)
    child = detail["child"]
    assert (child["given_names"], child["family_name"], child["date_of_birth"]) == (
        "عائشة",
        "Rahman",
        "2015-03-04",
    )
    assert child["address"] == ["12 Canal Street", "NB2 7LX"] and child["flags"] == ["eal"]
    assert detail["parents"][0]["name"] == "Mrs Farida Rahman"
    assert detail["parents"][0]["language"] == "English/Bengali"
    assert detail["chronology"][0]["text"] == (
        "Referral received from Riverside Primary School: Attendance 71% this term."
    )


def test_a_missing_dob_is_named_and_nothing_is_written(qtbot, cases):
    dialog = make(qtbot, cases)
    fill_child(qtbot, dialog, dob="")
    before = case_count(cases)
    qtbot.keyClick(dialog.given, Qt.Key.Key_Return)  # Enter in a field never saves
    assert dialog.isVisible() and not dialog.error.isVisible()
    qtbot.keyClick(dialog.given, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text().startswith("Give the child's date of birth")
    assert dialog.error.text().endswith("The case was not opened.")
    assert QApplication.focusWidget() is dialog.dob
    qtbot.keyClicks(dialog.dob, "31/02/2015")
    dialog.received.setText("21/11/2026")
    dialog.save_button.click()
    text = dialog.error.text()
    assert "'31/02/2015' is not a date: write it as dd/mm/yyyy" in text
    assert "21/11/2026 is in the future" in text and "Give the child's date" not in text
    assert case_count(cases) == before
    with cases.reader() as s:
        assert s.scalar(sa.select(sa.func.count(ChronologyEntry.id))) == 0


def test_a_new_school_and_a_sibling_s_parent_found_by_name(qtbot, cases):
    with cases.session() as s:
        mother = ParentDetails(title="Ms", given_names="Thị Hoa", family_name="Nguyễn")
        first = open_case(s, Referral(
            child=ChildDetails("Mai", "Nguyễn", date(2016, 1, 2)),
            school=SchoolChoice(urn="100001"), opened_on=TODAY, parents=(mother,),
        ), TODAY)  # fmt: skip
    dialog = make(qtbot, cases)
    qtbot.keyClicks(dialog.given, "Anh")
    dialog.family.setText("Nguyễn")
    qtbot.keyClicks(dialog.dob, "9/9/2012")
    choose(dialog.school, "A school not listed")
    assert dialog.school_urn.isVisible()
    qtbot.keyClicks(dialog.school_urn, "100009")
    qtbot.keyClicks(dialog.school_name, "Northbridge Academy")
    qtbot.keyClick(dialog.add_held_button, Qt.Key.Key_Space)
    assert QApplication.focusWidget() is dialog.finder.search
    qtbot.keyClicks(dialog.finder.search, "nguyen")  # accents ignored
    assert dialog.finder.matches.count() == 1
    assert dialog.finder.matches.item(0).text() == "Ms Thị Hoa Nguyễn — Mai Nguyễn"
    qtbot.keyClick(dialog.finder.search, Qt.Key.Key_Return)
    (row,) = dialog.rows
    assert row.existing["name"] == "Ms Thị Hoa Nguyễn" and not dialog.finder.isVisible()
    assert QApplication.focusWidget() is row.relationship
    qtbot.keyClicks(row.relationship, "Mother")
    with qtbot.waitSignal(dialog.opened) as opened:
        dialog.save_button.click()
    with cases.reader() as s:
        detail = case_detail(s, opened.args[0], TODAY)
        assert s.scalar(sa.select(sa.func.count(ParentCarer.id))) == 1
    assert detail["school"]["name"] == "Northbridge Academy"
    assert detail["siblings"][0]["case"] == first
    assert detail["parents"][0]["relationship"] == "Mother"


def test_parent_rows_add_and_remove_in_tab_order_with_accessible_names(qtbot, cases):
    dialog = make(qtbot, cases)
    first = dialog.add_parent()
    second = dialog.add_parent()
    assert second.title() == "Parent/carer 2"
    first.remove_button.click()
    assert dialog.rows == [second] and second.title() == "Parent/carer 1"
    assert second.family.accessibleName() == "Parent/carer 1: family name"
    assert QApplication.focusWidget() is dialog.add_button
    second.safety.setFocus()
    assert QApplication.focusWidget() is second.safety, QApplication.focusWidget().text()
    qtbot.keyClick(second.safety, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is second.remove_button, QApplication.focusWidget().text()
    qtbot.keyClick(second.remove_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.add_button
    second.same_address.setChecked(True)
    second.lives.setChecked(False)  # not living with the child: not "same address" either
    assert not second.same_address.isChecked() and second.postcode.isVisible()
    assert unnamed_controls(dialog) == []


def unnamed_controls(dialog):
    """Fields a screen reader could not name: every field needs an accessible name (an editable
    combo's own line edit is named by the combo); a button or check box is named by its text."""
    kinds = (QLineEdit, QComboBox, QPlainTextEdit)
    fields = [w for kind in kinds for w in dialog.findChildren(kind)
              if not isinstance(w.parent(), QComboBox)]  # fmt: skip
    buttons = [
        b for b in dialog.findChildren(QAbstractButton) if b.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]  # not a line edit's clear button
    return [w for w in fields if not w.accessibleName()] + [
        w for w in buttons if not (w.accessibleName() or w.text())
    ]


@pytest.mark.parametrize(
    ("text", "day"),
    [("04/03/2015", date(2015, 3, 4)), ("4.3.2015", date(2015, 3, 4)), ("", None)],
)
def test_uk_dates_are_read_as_day_month_year(text, day):
    assert parse_uk_date(text) == day


def test_close_this_case_from_the_case_menu(qtbot, window, monkeypatch):
    asked = []

    def ask_text(parent, title, label):
        asked.append(title)
        return answers.pop(0)

    answers = [None, "Attendance above 95% for a half term", "Again"]
    monkeypatch.setattr(prompts, "ask_text", ask_text)
    assert not window.close_this_case_action.isEnabled()  # no case on screen
    window.open_case("EWO-2026-0001")
    assert window.close_this_case_action.isEnabled()
    window.close_this_case_action.trigger()  # cancelled: nothing changes
    with window.vault.reader() as s:
        assert case_detail(s, "EWO-2026-0001", TODAY)["status"] == "open"
    window.close_this_case_action.trigger()
    assert asked == ["Close case EWO-2026-0001"] * 2
    with window.vault.reader() as s:
        detail = case_detail(s, "EWO-2026-0001", TODAY)
    assert detail["status"] == "closed" and detail["closed_on"] == "2026-11-20"
    assert detail["chronology"][-1]["text"] == "Case closed: Attendance above 95% for a half term"
    warned = []
    monkeypatch.setattr(prompts, "warn", lambda parent, title, text: warned.append(text))
    window.close_this_case_action.trigger()
    assert "already closed on 20/11/2026" in warned[0]


def test_closing_a_case_with_open_deadlines_warns_first(qtbot, vault, monkeypatch):
    from ewo_desk.demo import populate

    with vault.session() as session:
        populate(session, today=TODAY)
    window = MainWindow(vault, today=lambda: TODAY)
    qtbot.addWidget(window)
    ref = "EWO-2026-0017"  # an attendance contract with each parent, reviews due
    window.open_case(ref)
    shown: list[str] = []
    answers = [False, True]

    def confirm(parent, title, text, *, yes="Yes"):
        shown.append(text)
        return answers.pop(0)

    monkeypatch.setattr(prompts, "confirm", confirm)
    monkeypatch.setattr(prompts, "ask_text", lambda *args: "Moved out of the area")
    window.close_this_case_action.trigger()  # the officer keeps it open
    with vault.reader() as s:
        assert case_detail(s, ref, TODAY)["status"] == "open"
    assert "Review the attendance contract" in shown[0] and "leaves My work" in shown[0]
    window.close_this_case_action.trigger()
    with vault.reader() as s:
        assert case_detail(s, ref, TODAY)["status"] == "closed"
