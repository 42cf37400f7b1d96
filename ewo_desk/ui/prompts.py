"""Every question the app asks the officer through a standard dialog goes through this module.

Tests replace these functions (monkeypatch `prompts.confirm`, `prompts.save_path`, ...) so no test
ever waits on a modal dialog. Call them as `prompts.name(...)`, never `from prompts import name`,
or the replacement is not seen.
"""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str = "Yes") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is accept


def ask_text(parent: QWidget | None, title: str, label: str) -> str | None:
    """A line of text the officer types (e.g. why a case is closing), or None when cancelled."""
    text, ok = QInputDialog.getText(parent, title, label)
    return text if ok else None


def save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str | None:
    """A file name chosen in the system's save dialog, or None when the officer cancels."""
    path, _selected = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


def choose_printer(parent: QWidget | None, title: str) -> QPrinter | None:
    """A printer set up in the system's print dialog, or None when the officer cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def open_paths(parent: QWidget | None, title: str, file_filter: str) -> list[str]:
    """Files chosen in the system's open dialog (several at once); empty when cancelled."""
    paths, _selected = QFileDialog.getOpenFileNames(parent, title, "", file_filter)
    return list(paths)


def open_path(parent: QWidget | None, title: str, file_filter: str) -> str | None:
    """One file chosen in the system's open dialog, or None when the officer cancels."""
    path, _selected = QFileDialog.getOpenFileName(parent, title, "", file_filter)
    return path or None
