"""When to lock the caseload without being asked: the officer stops using the app, or the
computer's own session locks or goes to sleep.

What Qt can tell, by platform (PySide6-Essentials, no extra packages):
- Everywhere: keyboard and mouse input reaching this app (IdleWatcher). Qt cannot see input to
  other programs, so an officer working in another window for the policy's minutes is "idle" here
  too; that is the safe reading.
- Everywhere: QGuiApplication.applicationStateChanged only says the app lost focus, which happens
  all day; it is not a session lock and is not used.
- Linux / BSD desktops (SessionLockWatcher, via QtDBus): the screensaver's ActiveChanged(true) on
  the session bus (freedesktop, GNOME, MATE, Cinnamon), and logind's Session.Lock and
  Manager.PrepareForSleep(true) on the system bus. Each is optional: no bus, no logind or no
  screensaver simply means one source fewer, never an error.
- Windows (SessionLockWatcher, via a native event filter and ctypes): WM_WTSSESSION_CHANGE /
  WTS_SESSION_LOCK once WTSRegisterSessionNotification is called for a hidden native window, and
  WM_POWERBROADCAST / PBT_APMSUSPEND. Written to the Win32 documentation and guarded so a failure
  only logs; it cannot run in the Linux CI, so check it on a council laptop (Win+L, then unlock).
- macOS: Qt has no session-lock signal, and the screen-lock notification
  (NSDistributedNotificationCenter "com.apple.screenIsLocked") needs PyObjC, which is not shipped.
  The idle timer is the lock there.
- Everywhere, the wall-clock check in IdleWatcher catches a laptop that slept: Qt's timers stop
  during sleep, so the first input after a long sleep locks at once.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import (
    SLOT,
    QAbstractNativeEventFilter,
    QByteArray,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.HoverMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.TabletPress, QEvent.Type.TabletMove,
})  # fmt: skip

# Wall-clock time, which (unlike Qt's timers) keeps counting while the computer sleeps.
# Tests replace it.
wall_clock = time.time


class IdleWatcher(QObject):
    idle = Signal()  # the officer has been idle for the policy's minutes

    def __init__(self, minutes: float, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        # Precise: a coarse timer may move its deadline by 5 % (15 s in 5 minutes) either way.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._timed_out)
        self._app = QApplication.instance()
        self._last_input = wall_clock()
        self.set_minutes(minutes)
        if self._app is not None:
            self._app.installEventFilter(self)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def remaining_ms(self) -> int:
        """Milliseconds until `idle`, or -1 when stopped."""
        return self._timer.remainingTime()

    def set_minutes(self, minutes: float) -> None:
        self._timer.setInterval(max(1, round(minutes * 60_000)))
        self._restart()

    def stop(self) -> None:
        self._timer.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Runs for every event in the app, so it does as little as it can and never consumes one.
        if event.type() in INPUT_EVENTS and self._app is not None:
            if wall_clock() - self._last_input >= self._timer.interval() / 1000:
                self._timed_out()  # the computer slept through the timer: lock before anything
            else:
                self._restart()
        return False

    def _restart(self) -> None:
        self._last_input = wall_clock()
        if self._app is not None:
            self._timer.start()

    def _timed_out(self) -> None:
        self._timer.stop()
        self._last_input = wall_clock()  # input after this starts a fresh period, not another idle
        log.info("idle for %d s: locking", self._timer.interval() // 1000)
        self.idle.emit()


class SessionLockWatcher(QObject):
    """Reports the desktop session locking or the computer going to sleep (see above for where)."""

    session_locked = Signal()

    # (interface, object path) of each desktop's screensaver, which signals ActiveChanged(bool).
    SCREENSAVERS = (
        ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
        ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
        ("org.mate.ScreenSaver", "/org/mate/ScreenSaver"),
        ("org.cinnamon.ScreenSaver", "/org/cinnamon/ScreenSaver"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sources: list[str] = []  # what is listened to, for the log and for tests
        self._windows_filter: _WindowsSessionFilter | None = None
        self._windows_sink: QWindow | None = None
        try:
            if sys.platform == "win32":
                self._listen_on_windows()
            elif sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
                self._listen_on_dbus()
        except Exception:  # noqa: BLE001 - a missing bus or API must never stop the app
            log.warning("session lock not fully watched", exc_info=True)
        log.info("session lock sources: %s", ", ".join(self.sources) or "none (idle timer only)")

    def _listen_on_dbus(self) -> None:
        from PySide6.QtDBus import QDBusConnection  # inside: only Linux needs QtDBus loaded

        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for interface, path in self.SCREENSAVERS:
                self._connect(session, path, interface, "ActiveChanged", "_screensaver(bool)")
        system = QDBusConnection.systemBus()
        if system.isConnected():
            self._connect(system, _login1_session_path(), "org.freedesktop.login1.Session",
                          "Lock", "_locked()")  # fmt: skip
            self._connect(system, "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
                          "PrepareForSleep", "_sleeping(bool)")  # fmt: skip

    def _listen_on_windows(self) -> None:
        import ctypes

        app = QApplication.instance()
        if app is None:
            return
        self._windows_filter = _WindowsSessionFilter(self._locked)
        app.installNativeEventFilter(self._windows_filter)
        self.sources.append("WM_POWERBROADCAST")
        # Session notifications go to a window that asks for them: a hidden one of our own.
        self._windows_sink = QWindow()
        hwnd = ctypes.c_void_p(int(self._windows_sink.winId()))
        notify_for_this_session = 0
        if ctypes.windll.wtsapi32.WTSRegisterSessionNotification(hwnd, notify_for_this_session):
            self.sources.append("WTS_SESSION_LOCK")

    def _connect(self, bus: object, path: str, interface: str, name: str, slot: str) -> None:
        if bus.connect("", path, interface, name, self, SLOT(slot)):  # type: ignore[attr-defined]
            self.sources.append(f"{interface}.{name}")

    @Slot(bool)
    def _screensaver(self, active: bool) -> None:
        if active:
            self._locked()

    @Slot(bool)
    def _sleeping(self, starting: bool) -> None:
        if starting:
            self._locked()

    @Slot()
    def _locked(self) -> None:
        log.info("the desktop session locked or is going to sleep: locking")
        self.session_locked.emit()


def _login1_session_path() -> str:
    """This login session's logind object, or "" (every session: locking too often is safe)."""
    session_id = os.environ.get("XDG_SESSION_ID", "")
    if not session_id:
        return ""
    # logind escapes object-path labels like sd_bus_path_encode: "_" + hex for anything that is
    # not a letter or digit, and for a leading digit.
    encoded = "".join(
        c if c.isascii() and c.isalnum() and not (i == 0 and c.isdigit()) else f"_{ord(c):02x}"
        for i, c in enumerate(session_id)
    )
    return f"/org/freedesktop/login1/session/{encoded}"


class _WindowsSessionFilter(QAbstractNativeEventFilter):
    """Windows messages that mean the caseload should lock: the session locked, or sleep."""

    WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK = 0x02B1, 0x7
    WM_POWERBROADCAST, PBT_APMSUSPEND = 0x0218, 0x4

    def __init__(self, report: Callable[[], None]) -> None:
        super().__init__()
        import ctypes.wintypes

        self._msg = ctypes.wintypes.MSG
        self._report = report

    def nativeEventFilter(self, event_type: QByteArray | bytes, message: int) -> object:
        # Called for every Windows message: cheap checks, never raises, never consumes one.
        try:
            if bytes(event_type) == b"windows_generic_MSG":
                msg = self._msg.from_address(int(message))
                if (msg.message, msg.wParam) in (
                    (self.WM_WTSSESSION_CHANGE, self.WTS_SESSION_LOCK),
                    (self.WM_POWERBROADCAST, self.PBT_APMSUSPEND),
                ):
                    # Lock after Windows' message is answered, not inside its window procedure.
                    QTimer.singleShot(0, self._report)
        except Exception:  # noqa: BLE001
            log.debug("native message not read", exc_info=True)
        return False, 0
