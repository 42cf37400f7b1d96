"""Start the desktop app: `run_gui(paths, argv)` is what `ewo-desk` with no arguments calls."""

from __future__ import annotations

import logging
import os
import signal
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication
from PySide6.QtWidgets import QApplication

from ewo_desk import __version__
from ewo_desk.paths import APP_NAME, DataPaths
from ewo_desk.ui import appearance, style
from ewo_desk.ui.controller import AppController

log = logging.getLogger(__name__)

# Tried in order when the platform's default font is missing (a bare Linux install).
FALLBACK_FAMILIES = ("Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial")

# Scripts officers' caseloads contain, and a family name Qt reports for each when one exists.
SCRIPTS = {
    "Latin": QFontDatabase.WritingSystem.Latin,
    "Arabic": QFontDatabase.WritingSystem.Arabic,
    "Chinese": QFontDatabase.WritingSystem.SimplifiedChinese,
    "Bengali": QFontDatabase.WritingSystem.Bengali,
    "Gurmukhi": QFontDatabase.WritingSystem.Gurmukhi,
    "Cyrillic": QFontDatabase.WritingSystem.Cyrillic,
    "Greek": QFontDatabase.WritingSystem.Greek,
    "Vietnamese": QFontDatabase.WritingSystem.Vietnamese,
}


def configure_application(app: QApplication) -> None:
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("ewo-desk")
    ensure_font(app)
    style.apply(app)
    appearance.apply(appearance.saved())


def ensure_font(app: QGuiApplication) -> str:
    """Make sure the UI font resolves to an installed family that has Latin letters."""
    families = set(QFontDatabase.families())
    resolved = QFontInfo(app.font()).family()
    latin = set(QFontDatabase.families(QFontDatabase.WritingSystem.Latin))
    if resolved not in latin:
        for family in FALLBACK_FAMILIES:
            if family in latin:
                font = QFont(app.font())
                font.setFamily(family)
                app.setFont(font)
                resolved = QFontInfo(app.font()).family()
                break
    missing = missing_scripts()
    if missing:
        log.info("no installed font for: %s (names in them may show as boxes)", ", ".join(missing))
    log.info("UI font %s; %d font families", resolved, len(families))
    return resolved


def missing_scripts() -> list[str]:
    return [name for name, system in SCRIPTS.items() if not QFontDatabase.families(system)]


def _visible_windows(app: QApplication) -> int:
    return sum(1 for widget in app.topLevelWidgets() if widget.isVisible())


def run_gui(paths: DataPaths, argv: list[str]) -> int:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or sys.argv[:1])
    configure_application(app)
    app.setQuitOnLastWindowClosed(False)  # the controller decides when the app ends
    controller = AppController(paths, quit=app.quit)
    QTimer.singleShot(0, controller.start)
    if os.environ.get("EWO_DESK_SMOKE_EXIT") == "1":
        # Packaging smoke test: the frozen app must get as far as showing a window.
        QTimer.singleShot(500, lambda: app.exit(0 if _visible_windows(app) else 3))
    # Ctrl+C in the terminal (make run) closes the caseload and quits; the timer lets Python run
    # its signal handler while Qt's loop is waiting.
    previous = signal.signal(signal.SIGINT, lambda *_: controller.quit())
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(250)
    try:
        return app.exec()
    finally:
        wake.stop()
        signal.signal(signal.SIGINT, previous)
        controller.shutdown()
