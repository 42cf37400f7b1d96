"""The wizard page that shows the recovery code once, with copy, save and print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from ewo_desk.ui import prompts
from ewo_desk.ui.style import label, message_box_label, monospace, set_role, show_message

INSTRUCTIONS = (
    "This code opens your caseload if you forget your passphrase. It is shown only now. "
    "Store it somewhere safe away from this laptop (your council's password manager, or printed "
    "and kept locked away). Anyone with this code and the laptop can open the caseload."
)


class RecoveryCodePage(QWizardPage):
    def __init__(self, data_folder: Path) -> None:
        super().__init__()
        self.data_folder = data_folder
        self.code = ""
        self.setTitle("Your recovery code")
        self.setSubTitle("Write it down or save it now: EWO Desk will not show it again.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Continue")

        self.code_label = QLabel()
        self.code_label.setFont(monospace(18))
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAccessibleName("Recovery code")
        set_role(self.code_label, "recovery-code")
        self.copy_button = QPushButton("&Copy")
        self.save_button = QPushButton("&Save as text file…")
        self.print_button = QPushButton("&Print…")
        self.done_label = label(role="ok")
        self.error_label = message_box_label("error-box")
        self.stored_box = QCheckBox("I have &stored my recovery code somewhere safe")
        self.registerField("code_stored*", self.stored_box)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.copy_button, self.save_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(label(INSTRUCTIONS))
        layout.addSpacing(8)
        layout.addWidget(self.code_label)
        layout.addLayout(buttons)
        layout.addWidget(self.done_label)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.stored_box)

        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_code)

    def show_code(self, code: str) -> None:
        self.code = code
        groups = code.split("-")
        # Two lines of four groups: large, and never clipped on a small laptop screen.
        self.code_label.setText("  ".join(groups[:4]) + "\n" + "  ".join(groups[4:]))

    def forget_code(self) -> None:
        """Called when the page is left for good: the code is not kept in the window."""
        clipboard = QGuiApplication.clipboard()
        if self.code and clipboard.text() == self.code:
            clipboard.clear()
        self.code = ""
        self.code_label.clear()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.code)
        self._done(
            "Copied. Paste it into your password manager now; EWO Desk clears the "
            "clipboard when you continue."
        )

    def save(self) -> None:
        path = prompts.save_path(
            self, "Save the recovery code", "EWO Desk recovery code.txt", "Text files (*.txt)"
        )
        if path is None:
            return
        target = Path(path).expanduser().resolve()
        if target.is_relative_to(self.data_folder.resolve()):
            self._error(
                "Save the code somewhere else: a code kept beside the caseload it "
                "opens does not protect anything. A USB stick kept locked away is good."
            )
            return
        try:
            target.write_text(self._as_text(), encoding="utf-8")
        except OSError as exc:
            self._error(
                f"The file could not be saved ({exc.strerror or exc}). Choose another place."
            )
            return
        self._done(f"Saved to {target}.")

    def print_code(self) -> None:
        printer = prompts.choose_printer(self, "Print the recovery code")
        if printer is None:
            return
        document = QTextDocument()
        document.setHtml(
            "<h2>EWO Desk recovery code</h2>"
            f"<p style='font-family: monospace; font-size: 20pt'>{self.code}</p>"
            f"<p>{INSTRUCTIONS}</p>"
        )
        document.print_(printer)
        self._done("Sent to the printer.")

    def _as_text(self) -> str:
        return f"EWO Desk recovery code\n\n    {self.code}\n\n{INSTRUCTIONS}\n"

    def _done(self, text: str) -> None:
        show_message(self.error_label, "")
        self.done_label.setText(text)

    def _error(self, text: str) -> None:
        self.done_label.setText("")
        show_message(self.error_label, text)
