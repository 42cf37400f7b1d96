"""Home visits and quick notes: drafts kept on every change, UK times, keyboard only."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QApplication

from ewo_desk.store.casework import case_detail
from ewo_desk.store.schema import ChronologyEntry, HomeVisit
from ewo_desk.store.visits import save_visit_draft
from ewo_desk.ui import prompts
from ewo_desk.ui.visit_form import NoteDialog, VisitForm
from tests.gui.sample_cases import add_sample_cases

REF = "EWO-2026-0001"  # Zoë Dvořák
SUMMER = datetime(2026, 7, 14, 8, 5, tzinfo=UTC)  # 09:05 BST
WINTER = datetime(2026, 11, 20, 9, 5, tzinfo=UTC)  # 09:05 GMT


@pytest.fixture
def cases(vault):
    add_sample_cases(vault)
    return vault


@pytest.fixture
def instant_drafts(monkeypatch):
    """The debounce fires on the next turn of the event loop instead of after 1.5 s."""
    monkeypatch.setattr(VisitForm, "draft_delay_ms", 0)
    monkeypatch.setattr(NoteDialog, "draft_delay_ms", 0)


@pytest.fixture
def answers(monkeypatch):
    asked = []

    def confirm(parent, title, text, *, yes="Yes"):
        asked.append(title)
        return True

    monkeypatch.setattr(prompts, "confirm", confirm)
    return asked


def drafts(vault):
    with vault.reader() as s:
        return s.scalars(sa.select(HomeVisit).where(HomeVisit.status == "draft")).all()


def set_wall_clock(form, y, m, d, hh, mm):
    form.when.setDateTime(QDateTime(QDate(y, m, d), QTime(hh, mm), QTimeZone.utc()))


def test_a_typed_visit_is_kept_as_a_draft_and_offered_again(qtbot, cases, instant_drafts, answers):
    form = VisitForm(cases, REF, now=lambda: WINTER)
    qtbot.addWidget(form)
    assert form.when.text() == "20/11/2026 09:05"
    form.people_seen.setText("Mother (Ms Dvořáková)")
    form.next_steps.setPlainText("Call the school on Monday")
    qtbot.waitUntil(lambda: len(drafts(cases)) == 1 and not form._dirty)
    assert form.status.text().startswith("Draft saved")
    assert drafts(cases)[0].people_seen == "Mother (Ms Dvořáková)"
    form.outcome.setCurrentIndex(form.outcome.findData("card_left"))
    form.reject()  # Close straight after typing: the last change is kept too
    assert drafts(cases)[0].outcome == "card_left" and not answers

    again = VisitForm(cases, REF, now=lambda: datetime(2026, 11, 21, 12, 0, tzinfo=UTC))
    qtbot.addWidget(again)
    assert answers == ["Carry on with the unfinished visit?"]
    assert again.people_seen.text() == "Mother (Ms Dvořáková)"
    assert again.next_steps.toPlainText() == "Call the school on Monday"
    assert again.outcome.currentData() == "card_left"
    assert again.when.text() == "20/11/2026 09:05"  # the draft's time, not the reopening time
    assert again.chooser.chosen_label.text() == "Zoë Dvořák — EWO-2026-0001"
    again.reject()
    assert len(drafts(cases)) == 1  # carried on with, not duplicated


def test_the_timer_restarts_on_each_change(qtbot, cases):
    form = VisitForm(cases, REF, now=lambda: WINTER)
    qtbot.addWidget(form)
    assert not form.draft_timer.isActive()
    form.concerns.setPlainText("Curtains closed")
    assert form.draft_timer.isActive() and form.draft_timer.interval() == 1500
    form.draft_timer.stop()
    form.save_draft()  # what the timer's timeout runs
    assert drafts(cases)[0].concerns == "Curtains closed"
    form.reject()


@pytest.mark.parametrize(
    ("wall", "shown", "stored"),
    [
        ((2026, 7, 14, 15, 30), "14/07/2026 15:30", "2026-07-14T14:30:00+00:00"),  # BST
        ((2026, 11, 20, 15, 30), "20/11/2026 15:30", "2026-11-20T15:30:00+00:00"),  # GMT
    ],
)
def test_save_visit_puts_it_in_the_chronology_at_uk_time(qtbot, cases, wall, shown, stored):
    form = VisitForm(cases, REF, now=lambda: SUMMER)
    qtbot.addWidget(form)
    assert form.when.text() == "14/07/2026 09:05"  # 08:05 UTC is 09:05 in summer
    set_wall_clock(form, *wall)
    assert form.when.text() == shown
    form.outcome.setCurrentIndex(form.outcome.findData("seen"))
    form.child_seen.setCurrentIndex(form.child_seen.findData(True))
    form.people_seen.setText("Zoë and her father")
    with qtbot.waitSignal(form.saved) as saved:
        form.save_button.click()
    assert saved.args == [REF]
    with cases.reader() as s:
        chronology = case_detail(s, REF, wall_date(wall))["chronology"]
    (entry,) = [e for e in chronology if e["kind"] == "home_visit"]
    assert entry["occurred_at"] == stored and entry["status"] == "final"
    assert "Child seen." in entry["text"] and "Seen: Zoë and her father" in entry["text"]
    assert not drafts(cases)


def wall_date(wall):
    return date(*wall[:3])


def test_an_incomplete_visit_says_what_is_missing_and_stays_a_draft(qtbot, cases):
    form = VisitForm(cases, REF, now=lambda: WINTER)
    qtbot.addWidget(form)
    form.show()
    form.outcome.setCurrentIndex(form.outcome.findData("seen"))
    form.save_button.click()
    assert form.isVisible() and "Say whether the child was seen" in form.error.text()
    assert drafts(cases)[0].outcome == "seen"
    form.safeguarding.setChecked(True)
    assert form.procedure_followed.isVisibleTo(form)
    form.reject()


def focused():
    return QApplication.focusWidget()


def test_keyboard_only_from_case_search_to_saved_visit(qtbot, cases):
    form = VisitForm(cases, now=lambda: WINTER)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(lambda: focused() is form.chooser.search)
    qtbot.keyClicks(focused(), "dvorak")  # accents ignored
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert form.ref == REF and focused() is form.when
    qtbot.keyClick(focused(), Qt.Key.Key_Up)  # the day: 20 -> 21
    assert form.when.text() == "21/11/2026 09:05"
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.outcome
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # Seen
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # Yes, the child was seen
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.people_seen
    qtbot.keyClicks(focused(), "Zoe and her mother")  # QTest types ASCII only
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter in a field never finalises
    assert form.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.child_voice
    qtbot.keyClicks(focused(), "Says the bus is the problem")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.concerns
    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not form.isVisible()
    with cases.reader() as s:
        entry = s.scalars(sa.select(ChronologyEntry)).one()
    assert entry.occurred_at == datetime(2026, 11, 21, 9, 5, tzinfo=UTC)
    assert "Child's voice: Says the bus is the problem" in entry.text


def test_case_search_uses_arrows_and_lists_only_open_cases(qtbot, cases):
    form = VisitForm(cases, now=lambda: WINTER)
    qtbot.addWidget(form)
    chooser = form.chooser
    assert chooser.proxy.rowCount() == 5  # Oliver Smith's case is closed
    qtbot.keyClicks(chooser.search, "nb3")
    assert chooser.proxy.rowCount() == 2
    qtbot.keyClick(chooser.search, Qt.Key.Key_Down)
    qtbot.keyClick(chooser.search, Qt.Key.Key_Return)
    assert form.ref in {"EWO-2026-0003", "EWO-2026-0004"}
    first = form.ref
    chooser.change_button.click()
    qtbot.keyClick(chooser.search, Qt.Key.Key_Up)
    qtbot.keyClick(chooser.search, Qt.Key.Key_Return)
    assert form.ref != first
    form.reject()
    assert not drafts(cases)  # nothing typed, nothing stored


def test_a_note_is_drafted_then_saved(qtbot, cases, instant_drafts, answers):
    dialog = NoteDialog(cases, "EWO-2026-0003", now=lambda: SUMMER)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("phone_call"))
    dialog.text.setPlainText("Rang 王芳's mother: the bus pass has run out.")
    qtbot.waitUntil(lambda: dialog.record_id is not None and not dialog._dirty)
    dialog.reject()

    again = NoteDialog(cases, "EWO-2026-0003", now=lambda: WINTER)
    qtbot.addWidget(again)
    assert answers == ["Carry on with the unfinished note?"]
    assert again.text.toPlainText().startswith("Rang 王芳's mother")
    assert again.when.text() == "14/07/2026 09:05"
    with qtbot.waitSignal(again.saved):
        again.save_button.click()
    with cases.reader() as s:
        entry = s.scalars(sa.select(ChronologyEntry)).one()
    assert (entry.kind, entry.status) == ("phone_call", "final")
    assert entry.occurred_at == SUMMER


def test_an_empty_note_is_not_saved(qtbot, cases):
    dialog = NoteDialog(cases, "EWO-2026-0002", now=lambda: WINTER)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save_button.click()
    assert dialog.isVisible() and "empty" in dialog.error.text()
    dialog.reject()
    with cases.reader() as s:
        assert s.scalar(sa.select(sa.func.count(ChronologyEntry.id))) == 0


def test_typing_before_choosing_the_case_never_loads_a_draft_over_it(qtbot, cases):
    with cases.session() as s:
        save_visit_draft(s, REF, {"people_seen": "Old draft"})
    form = VisitForm(cases, now=lambda: WINTER)  # no confirm expected: the fixture would fail
    qtbot.addWidget(form)
    form.people_seen.setText("Typed first")
    assert form.status.text() == ""
    form.chooser.search.setText("Zoë")
    qtbot.keyClick(form.chooser.search, Qt.Key.Key_Return)
    assert form.people_seen.text() == "Typed first"
    form.reject()
    assert sorted(d.people_seen for d in drafts(cases)) == ["Old draft", "Typed first"]
