"""The import dialog previews a file off the GUI thread, then imports it all or nothing."""

import threading
from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from ewo_desk.store import marks as store_marks
from ewo_desk.ui import prompts
from ewo_desk.ui.attendance import AttendanceView, ImportDialog
from ewo_desk.ui.attendance import import_dialog as dialog_module
from tests.gui.attendance_fixtures import (
    AUTUMN,
    REF,
    TODAY,
    add_case,
    no_work_left_running,  # noqa: F401
    stored_counts,
    write_csv,
)


@pytest.fixture
def today(monkeypatch):
    """The dialog dates imports with the real clock; these tests' marks are in autumn 2026."""

    class Today(date):
        @classmethod
        def today(cls):
            return TODAY

    monkeypatch.setattr(dialog_module, "date", Today)


@pytest.fixture
def dialog(qtbot, vault, today):
    add_case(vault)
    dialog = ImportDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def preview(qtbot, dialog, path):
    dialog.load(path)
    qtbot.waitUntil(lambda: dialog.state in ("previewed", "failed"), timeout=10_000)


def commit(qtbot, dialog):
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_preview_then_import_updates_the_attendance_view(qtbot, vault, tmp_path, today):
    add_case(vault)
    view = AttendanceView(vault, REF, today=lambda: TODAY)
    qtbot.addWidget(view)
    assert view.figures.text("year", "possible") == "0"
    view.open_import()
    dialog = view.import_dialog
    qtbot.addWidget(dialog)
    before = stored_counts(vault)
    preview(qtbot, dialog, write_csv(tmp_path, "autumn.csv", AUTUMN))
    assert stored_counts(vault) == before  # a preview writes nothing
    assert dialog.summary.lines(dialog.summary.pupils) == [
        f"Zoë Dvořák | {AUTUMN.upn} | {REF} | 60 | 60 | 0"
    ]
    assert "1 pupil matched to cases" in dialog.headline.text()
    assert "adds 60 new marks" in dialog.headline.text()
    assert dialog.summary.lines(dialog.summary.crossings) == [
        f"Zoë Dvořák ({AUTUMN.upn}) | Fri 18/09/2026 PM | 10"
    ]
    assert dialog.import_button.isEnabled()
    report = commit(qtbot, dialog)
    assert (report.marks, report.file_name) == (60, "autumn.csv")
    assert dialog.state == "done" and dialog.cancel_button.text() == "Close"
    assert view.figures.text("year", "possible") == "58"
    assert view.history.topLevelItem(0).text(0) == "autumn.csv"


def test_a_malformed_file_shows_where_and_writes_nothing(qtbot, vault, dialog, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(f"upn,date,session,code\n{AUTUMN.upn},2026-10-05,AM,ZZ\n")
    before = stored_counts(vault)
    preview(qtbot, dialog, bad)
    assert dialog.state == "failed"
    message = dialog.error.text()
    assert message.startswith("bad.csv, line 2: 'ZZ' is not a register code")
    assert message.endswith("Nothing was imported.")
    assert dialog.error.isVisible() and not dialog.import_button.isEnabled()
    assert stored_counts(vault) == before


def test_a_reimport_lists_historic_marks_old_to_new(qtbot, vault, dialog, tmp_path):
    preview(qtbot, dialog, write_csv(tmp_path, "autumn.csv", AUTUMN))
    commit(qtbot, dialog)
    week = AUTUMN.between(date(2026, 10, 5), date(2026, 10, 9))
    recoded = type(week)(week.upn, week.slots, ("I", "I", *week.codes[2:]))
    preview(qtbot, dialog, write_csv(tmp_path, "autumn-v2.csv", recoded))
    lines = [
        f"Zoë Dvořák ({AUTUMN.upn}) | Mon 05/10/2026 {s} | N → I | Reason not yet established "
        "→ Illness"
        for s in ("AM", "PM")
    ]
    assert dialog.summary.lines(dialog.summary.changes) == lines
    assert dialog.summary.tabText(1) == "Changed marks (2)"
    report = commit(qtbot, dialog)
    assert [(c.old, c.new) for c in report.changed] == [("N", "I"), ("N", "I")]
    assert dialog.summary.lines(dialog.summary.changes) == lines


def test_the_same_file_again_is_refused_in_the_preview(qtbot, dialog, tmp_path):
    path = write_csv(tmp_path, "autumn.csv", AUTUMN)
    preview(qtbot, dialog, path)
    commit(qtbot, dialog)
    preview(qtbot, dialog, path)
    assert "already imported" in dialog.notice.text()
    assert not dialog.import_button.isEnabled()


def test_cancel_before_the_commit_rolls_the_import_back(
    qtbot, vault, dialog, tmp_path, monkeypatch
):
    preview(qtbot, dialog, write_csv(tmp_path, "autumn.csv", AUTUMN))
    stored, proceed = threading.Event(), threading.Event()

    def slow_import(*args):
        report = store_marks.import_parsed(*args)
        stored.set()
        proceed.wait(10)  # the officer presses Cancel while the import is not yet committed
        return report

    monkeypatch.setattr(dialog_module, "import_parsed", slow_import)
    before = stored_counts(vault)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(stored.is_set)
    assert dialog.state == "importing"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    proceed.set()
    qtbot.waitUntil(lambda: dialog.state == "previewed", timeout=10_000)
    assert dialog.notice.text() == "The import was cancelled. Nothing was imported."
    assert dialog.isVisible() and dialog.import_button.isEnabled()
    assert stored_counts(vault) == before


def test_choose_file_goes_through_the_prompt_seam(qtbot, dialog, tmp_path, monkeypatch):
    path = write_csv(tmp_path, "autumn.csv", AUTUMN)
    asked = []
    monkeypatch.setattr(prompts, "open_path", lambda *args: asked.append(args[1]) or str(path))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.state == "previewed", timeout=10_000)
    assert asked == ["Import a register"]


def test_a_dropped_file_is_previewed(qtbot, dialog, tmp_path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(write_csv(tmp_path, "autumn.csv", AUTUMN)))])
    enter = QDragEnterEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(dialog, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(dialog, drop)
    qtbot.waitUntil(lambda: dialog.state == "previewed", timeout=10_000)
    assert dialog.preview.parsed.file_name == "autumn.csv"


def test_two_files_dropped_at_once_are_refused(dialog, tmp_path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / n)) for n in ("a.csv", "b.csv")])
    enter = QDragEnterEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(dialog, enter)
    assert not enter.isAccepted()
