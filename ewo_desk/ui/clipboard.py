"""The clipboard, as far as the caseload is concerned: what EWO Desk put there, and only that, is
cleared when the caseload locks. The officer's own clipboard (a recipe, a phone number copied from
a web page) is never wiped.

How "ours" is told:
- `copy_text(text)` is how the app copies; it remembers a keyed digest of the text (never the text).
- Any copy made in one of the app's own fields (Ctrl+C in a note) is seen through
  `QClipboard.dataChanged` while the platform says this process owns the clipboard
  (`ownsClipboard()` works on Windows, macOS, X11 and Wayland), and remembered the same way.
- A clipboard manager (Klipper, GPaste, Windows clipboard history) can take ownership of what we
  copied; the digest still recognises the text, so it is cleared all the same.
- Platforms without a system clipboard (offscreen, minimal) keep it inside this process, so
  everything on it was put there by the app.
Windows' clipboard history (Win+V) keeps its own copy, which no application can remove.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

from PySide6.QtGui import QClipboard, QGuiApplication

log = logging.getLogger(__name__)

# Platforms whose clipboard is shared with other programs and which report who owns it.
SHARED_CLIPBOARD_PLATFORMS = frozenset({"xcb", "wayland", "windows", "cocoa"})

_salt = secrets.token_bytes(16)  # a process-local key: the digests mean nothing outside it
_copied: set[bytes] = set()
_watched: QClipboard | None = None


def _digest(text: str) -> bytes:
    return hmac.new(_salt, text.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()


def copy_text(text: str) -> None:
    """Put text on the clipboard and remember that it is the caseload's."""
    _copied.add(_digest(text))
    QGuiApplication.clipboard().setText(text)


def watch() -> None:
    """Remember copies the officer makes in the app's own fields. Safe to call more than once."""
    global _watched
    board = QGuiApplication.clipboard()
    if _watched is board:
        return
    board.dataChanged.connect(_changed)
    _watched = board


def _changed() -> None:
    board = QGuiApplication.clipboard()
    if board.ownsClipboard():
        text = board.text()
        if text:
            _copied.add(_digest(text))


def _shared() -> bool:
    return QGuiApplication.platformName() in SHARED_CLIPBOARD_PLATFORMS


def holds_app_data() -> bool:
    board = QGuiApplication.clipboard()
    mime = board.mimeData()
    if mime is None or not mime.formats():
        return False
    if board.ownsClipboard() or not _shared():
        return True
    return _digest(board.text()) in _copied


def clear_if_ours() -> bool:
    """Clear the clipboard (and X11's selection) when it holds caseload data; True if cleared."""
    board = QGuiApplication.clipboard()
    cleared = holds_app_data()
    if cleared:
        board.clear(QClipboard.Mode.Clipboard)
    if board.supportsSelection() and board.ownsSelection():
        board.clear(QClipboard.Mode.Selection)  # text highlighted in the app, for middle-click
    _copied.clear()
    log.info("clipboard %s", "cleared" if cleared else "left alone: not ours")
    return cleared
