"""Light, dark or the system's colours (View → Appearance), remembered on this computer.

The choice is kept with QSettings: it says nothing about any case, so it may live outside the
vault. Qt 6.8+ switches every palette and the platform's style through the style hints.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget

KEY = "appearance/color_scheme"
SCHEMES = {
    "system": ("&Same as the system", Qt.ColorScheme.Unknown),
    "light": ("&Light", Qt.ColorScheme.Light),
    "dark": ("&Dark", Qt.ColorScheme.Dark),
}


def saved() -> str:
    value = str(QSettings().value(KEY, "system"))
    return value if value in SCHEMES else "system"


def apply(name: str) -> None:
    """Ask the platform for the scheme; where it cannot give one (offscreen, an older desktop),
    set the palette ourselves so Dark always means dark."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    QGuiApplication.styleHints().setColorScheme(SCHEMES[name][1])
    if name == "system":
        app.setPalette(app.style().standardPalette())
        app.setStyleSheet(app.styleSheet())
        return
    wants_dark = name == "dark"
    if _is_dark(app.palette()) != wants_dark:
        app.setPalette(_dark_palette() if wants_dark else app.style().standardPalette())
    # Widgets styled by the app's style sheet cache their palette: polish them again.
    app.setStyleSheet(app.styleSheet())


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#2a2a2a",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#3d6fb6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Link: "#7fb2ff",
        QPalette.ColorRole.Mid: "#4a4a4a",
        QPalette.ColorRole.Dark: "#202020",
        QPalette.ColorRole.Light: "#505050",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):  # fmt: skip
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def choose(name: str) -> None:
    QSettings().setValue(KEY, name)
    apply(name)


def menu(parent: QWidget) -> QMenu:
    menu = QMenu("&Appearance", parent)
    group = QActionGroup(menu)
    current = saved()
    for name, (text, _scheme) in SCHEMES.items():
        action = QAction(text, menu)
        action.setCheckable(True)
        action.setChecked(name == current)
        action.setData(name)
        action.triggered.connect(lambda _checked=False, n=name: choose(n))
        group.addAction(action)
        menu.addAction(action)
    return menu
