"""Auto-lock: idle → lock → unlock; input keeps the caseload open; what locking leaves behind."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLineEdit

from ewo_desk.errors import VaultError
from ewo_desk.ui import autolock, clipboard
from ewo_desk.ui.autolock import IdleWatcher, SessionLockWatcher
from ewo_desk.ui.controller import AppController
from tests.conftest import PASSPHRASE
from tests.gui.test_journey import close_all


@pytest.fixture
def unlocked(qtbot, vault, paths):
    """The app as the officer sees it after unlocking: the caseload window, the watchers."""
    controller = AppController(paths, quit=lambda: None)
    clipboard.watch()
    controller.show_main(vault)  # as after a passphrase unlock
    yield controller
    close_all(controller)


def test_idle_locks_the_caseload_and_asks_to_unlock(qtbot, unlocked, vault):
    window = unlocked.window
    assert unlocked.idle_watcher.interval_ms == 5 * 60_000  # the policy's default
    with qtbot.waitSignal(unlocked.idle_watcher.idle, timeout=5_000):
        unlocked.idle_watcher.set_minutes(0.001)
    assert unlocked.window is None and not window.isVisible()
    assert unlocked.vault is None and vault.closed
    with pytest.raises(VaultError, match="locked"):
        vault.reader()
    dialog = unlocked.unlock_dialog
    assert dialog is not None and dialog.isVisible() and unlocked.idle_watcher is None

    dialog.passphrase.setText(PASSPHRASE)
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: unlocked.window is not None, timeout=10_000)
    assert unlocked.idle_watcher is not None  # watching again after unlock


def test_keyboard_and_mouse_input_restart_the_timer(qtbot):
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    watcher = IdleWatcher(5 / 60)  # five seconds
    try:
        qtbot.waitUntil(lambda: watcher.remaining_ms() < 4_800)
        qtbot.keyClick(field, "a")
        assert watcher.remaining_ms() > 4_800
        qtbot.waitUntil(lambda: watcher.remaining_ms() < 4_800)
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        assert watcher.remaining_ms() > 4_800
    finally:
        watcher.stop()
    qtbot.keyClick(field, "b")
    assert watcher.remaining_ms() == -1  # stopped: input no longer restarts it


def test_first_input_after_the_computer_slept_locks_at_once(qtbot, monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(autolock, "wall_clock", lambda: now[0])
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    watcher = IdleWatcher(5)
    now[0] += 6 * 60  # Qt's timer did not run while asleep; the wall clock did
    with qtbot.waitSignal(watcher.idle, timeout=1_000):
        qtbot.keyClick(field, "a")
    watcher.stop()


def test_session_lock_locks_and_a_second_one_is_ignored(qtbot, unlocked):
    unlocked.session_watcher.session_locked.emit()
    assert unlocked.window is None and unlocked.vault is None
    first_dialog = unlocked.unlock_dialog
    unlocked.session_watcher.session_locked.emit()  # already locked: nothing changes
    assert unlocked.unlock_dialog is first_dialog


def test_session_watcher_without_a_bus_watches_nothing_and_never_fails(qtbot, monkeypatch):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    watcher = SessionLockWatcher()
    seen = []
    watcher.session_locked.connect(lambda: seen.append(True))
    watcher._screensaver(False)  # the screensaver ending is not a lock
    watcher._sleeping(False)  # nor is waking up
    assert seen == []
    watcher._screensaver(True)
    watcher._sleeping(True)
    assert seen == [True, True]


def test_login1_session_path_is_escaped_like_logind(monkeypatch):
    monkeypatch.setenv("XDG_SESSION_ID", "3")
    assert autolock._login1_session_path() == "/org/freedesktop/login1/session/_33"
    monkeypatch.setenv("XDG_SESSION_ID", "c2")
    assert autolock._login1_session_path() == "/org/freedesktop/login1/session/c2"
    monkeypatch.delenv("XDG_SESSION_ID")
    assert autolock._login1_session_path() == ""


@pytest.fixture
def shared_clipboard(monkeypatch):
    """Behave as on a desktop, where other programs share the clipboard."""
    monkeypatch.setattr(clipboard, "SHARED_CLIPBOARD_PLATFORMS", frozenset({"offscreen"}))


def test_lock_clears_what_the_app_copied(qtbot, unlocked, shared_clipboard):
    clipboard.copy_text("C-2026-014 Amira Haddad")
    unlocked.lock()
    assert QGuiApplication.clipboard().text() == ""


def test_lock_keeps_the_officers_own_clipboard(qtbot, unlocked, shared_clipboard):
    clipboard.copy_text("C-2026-014 Amira Haddad")
    QGuiApplication.clipboard().setText("milk, eggs, bread")  # copied in another program
    unlocked.lock()
    assert QGuiApplication.clipboard().text() == "milk, eggs, bread"


def test_lock_saves_drafts_then_closes_every_dialog_even_a_modal_one(qtbot, unlocked, vault):
    saved_while_open = []

    class VisitDraft(QDialog):
        def save_draft(self):
            saved_while_open.append(not vault.closed)

    window_modal = VisitDraft(unlocked.window)
    window_modal.open()
    app_modal = QDialog()  # no parent, in its own exec() loop, as a prompt would be
    qtbot.addWidget(app_modal)
    QTimer.singleShot(0, unlocked.lock)
    QTimer.singleShot(5_000, app_modal.reject)  # only if locking failed to close it
    assert app_modal.exec() == QDialog.DialogCode.Rejected
    assert saved_while_open == [True]
    assert not window_modal.isVisible() and not app_modal.isVisible()
    assert unlocked.window is None and unlocked.unlock_dialog.isVisible()


def test_saved_settings_change_the_auto_lock_minutes(qtbot, unlocked):
    unlocked.settings_action.trigger()
    dialog = unlocked.settings_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.officer_tab.fields["name"].setText("Zoë Adeyemi")
    dialog.policy_rows.rows["security.auto_lock_minutes"].set_value(12)
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert unlocked.idle_watcher.interval_ms == 12 * 60_000


def test_lock_waits_for_background_work_with_the_windows_hidden(qtbot, unlocked, monkeypatch):
    from ewo_desk.ui import worker

    busy = [True]
    monkeypatch.setattr(worker, "busy", lambda: busy[0])
    window = unlocked.window
    unlocked.lock()
    assert not window.isVisible() and unlocked.vault is not None  # hidden, not yet locked
    busy[0] = False
    qtbot.waitUntil(lambda: unlocked.vault is None)
    assert unlocked.unlock_dialog.isVisible()


def test_windows_session_lock_and_suspend_messages_report_a_lock(qtbot):
    import ctypes
    import ctypes.wintypes

    seen = []
    native = autolock._WindowsSessionFilter(lambda: seen.append(True))

    def deliver(message, w_param, event_type=b"windows_generic_MSG"):
        msg = ctypes.wintypes.MSG(message=message, wParam=w_param)
        assert native.nativeEventFilter(event_type, ctypes.addressof(msg)) == (False, 0)

    deliver(0x02B1, 0x8)  # WTS_SESSION_UNLOCK: not a reason to lock
    deliver(0x02B1, 0x7, event_type=b"xcb_generic_event_t")  # not a Windows message
    deliver(0x02B1, 0x7)  # WTS_SESSION_LOCK
    deliver(0x0218, 0x4)  # PBT_APMSUSPEND
    qtbot.waitUntil(lambda: len(seen) == 2)
