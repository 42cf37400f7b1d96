"""First run: welcome → passphrase (creates the vault) → recovery code → officer and council → demo.

The wizard never blocks the GUI thread: the KDF and the demo run through `worker.run_off_thread`,
and the page moves on when the work reports back. Tests drive it with `next()` and wait for
`vault_created` / `finished`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from ewo_desk.errors import EwoDeskError
from ewo_desk.paths import DataPaths
from ewo_desk.store.settings_store import Profile, save_profile
from ewo_desk.store.vault import Vault
from ewo_desk.ui import prompts, setup_actions, worker
from ewo_desk.ui.passphrase_widgets import NewPassphrase
from ewo_desk.ui.recovery_code_page import RecoveryCodePage
from ewo_desk.ui.style import label, message_box_label, show_message

WELCOME, PASSPHRASE, RECOVERY, PROFILE, DEMO = range(5)

DEMO_TEXT = (
    "Made-up families, schools and attendance for practice and training: about 40 cases at "
    "every stage. No real person's data. Leave this unticked for your real caseload."
)


class FirstRunWizard(QWizard):
    vault_created = Signal()

    def __init__(self, paths: DataPaths) -> None:
        super().__init__()
        self.paths = paths
        self.vault: Vault | None = None
        self.setWindowTitle("Set up EWO Desk")
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setMinimumSize(640, 520)
        self.passphrase_page = PassphrasePage()
        self.recovery_page = RecoveryCodePage(paths.root)
        self.profile_page = ProfilePage()
        self.demo_page = DemoPage()
        self.setPage(WELCOME, WelcomePage(paths))
        self.setPage(PASSPHRASE, self.passphrase_page)
        self.setPage(RECOVERY, self.recovery_page)
        self.setPage(PROFILE, self.profile_page)
        self.setPage(DEMO, self.demo_page)
        self.currentIdChanged.connect(self._page_changed)

    def _page_changed(self, page_id: int) -> None:
        if page_id > RECOVERY:
            self.recovery_page.forget_code()

    def profile(self) -> Profile:
        return Profile(
            officer_name=str(self.field("officer_name")).strip(),
            team=str(self.field("team")).strip(),
            council_name=str(self.field("council_name")).strip(),
            service_name=str(self.field("service_name")).strip(),
        )

    def reject(self) -> None:
        if worker.busy():
            return  # the vault is being written; Cancel waits for it
        if (
            self.vault is not None
            and self.currentId() == RECOVERY
            and not prompts.confirm(
                self,
                "Leave set-up?",
                "Your caseload has been created, but its recovery code will not be shown again. "
                "Without it, a forgotten passphrase means the caseload cannot be opened.\n\n"
                "Leave set-up anyway?",
                yes="Leave set-up",
            )
        ):
            return
        super().reject()


class WelcomePage(QWizardPage):
    def __init__(self, paths: DataPaths) -> None:
        super().__init__()
        self.setTitle("Welcome to EWO Desk")
        layout = QVBoxLayout(self)
        layout.addWidget(
            label(
                "EWO Desk keeps your caseload on this laptop, encrypted, so you can work with no "
                "signal: on a home visit, in a school, at your desk."
            )
        )
        layout.addWidget(
            label(
                "Set-up takes a minute:\n"
                "  1.  Choose a passphrase that opens your caseload.\n"
                "  2.  Store the recovery code EWO Desk gives you.\n"
                "  3.  Enter your name and your council."
            )
        )
        layout.addStretch(1)
        folder = label(f"Your caseload will be kept in {paths.root}", role="muted")
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(folder)


class PassphrasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Choose a passphrase")
        self.setSubTitle("You will type it each time you open EWO Desk.")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Create caseload")
        self.new_passphrase = NewPassphrase()
        self.status_label = label(role="muted")
        self.error_label = message_box_label("error-box")
        self._busy = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.new_passphrase)
        layout.addStretch(1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        self.new_passphrase.changed.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return not self._busy and self.new_passphrase.is_acceptable()

    def validatePage(self) -> bool:
        wizard = self._wizard()
        if wizard.vault is not None:
            return True
        self._set_busy(True)
        paths, passphrase = wizard.paths, self.new_passphrase.passphrase()
        worker.run_off_thread(lambda: Vault.create(paths, passphrase), self._created, self._failed)
        return False

    def _created(self, result: tuple[Vault, str]) -> None:
        wizard = self._wizard()
        wizard.vault, code = result
        wizard.recovery_page.show_code(code)
        self.new_passphrase.clear()
        self._set_busy(False)
        wizard.vault_created.emit()
        wizard.next()

    def _failed(self, error: EwoDeskError) -> None:
        self._set_busy(False)
        show_message(self.error_label, str(error))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.new_passphrase.set_enabled(not busy)
        self.status_label.setText("Creating your encrypted caseload…" if busy else "")
        if busy:
            show_message(self.error_label, "")
        self.completeChanged.emit()

    def _wizard(self) -> FirstRunWizard:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        return wizard


class ProfilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("You and your council")
        self.setSubTitle("These go on your letters and notices. You can change them later.")
        self.officer_name = QLineEdit()
        self.team = QLineEdit()
        self.council_name = QLineEdit()
        self.service_name = QLineEdit()
        self.officer_name.setPlaceholderText("e.g. Sam Okafor")
        self.team.setPlaceholderText("e.g. North locality team (optional)")
        self.council_name.setPlaceholderText("e.g. Northshire County Council")
        self.service_name.setPlaceholderText("e.g. Education Welfare Service (optional)")
        form = QFormLayout(self)
        form.addRow("Your &name:", self.officer_name)
        form.addRow("&Team:", self.team)
        form.addRow("&Council:", self.council_name)
        form.addRow("&Service:", self.service_name)
        self.registerField("officer_name*", self.officer_name)
        self.registerField("team", self.team)
        self.registerField("council_name*", self.council_name)
        self.registerField("service_name", self.service_name)

    def isComplete(self) -> bool:
        return bool(self.officer_name.text().strip() and self.council_name.text().strip())


class DemoPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Ready")
        self.setSubTitle("Your caseload is created and encrypted.")
        self.demo_box = QCheckBox("&Load the demo caseload")
        self.status_label = label(role="muted")
        self.error_label = message_box_label("error-box")
        self.result_text = ""
        self._profile_saved = False
        self._finished = False
        self._busy = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_box)
        layout.addWidget(label(DEMO_TEXT, role="muted"))
        layout.addStretch(1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)

    def isComplete(self) -> bool:
        return not self._busy

    def validatePage(self) -> bool:
        if self._finished:
            return True
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard) and wizard.vault is not None
        vault, profile = wizard.vault, wizard.profile()
        demo, saved = self.demo_box.isChecked(), self._profile_saved

        def work() -> str:
            if not saved:
                with vault.session() as session:
                    save_profile(session, profile)
            self._profile_saved = True
            return setup_actions.load_demo(vault, date.today()) if demo else ""

        self._set_busy(True, "Loading the demo caseload…" if demo else "Saving…")
        worker.run_off_thread(work, self._done, self._failed)
        return False

    def _done(self, result: Any) -> None:
        self.result_text = str(result)
        self._finished = True
        self._set_busy(False, self.result_text)
        self.wizard().accept()

    def _failed(self, error: EwoDeskError) -> None:
        self._set_busy(False, "")
        if self._profile_saved:
            self.demo_box.setChecked(False)  # Finish again goes on without the demo
        show_message(self.error_label, str(error))

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        self.demo_box.setEnabled(not busy)
        self.status_label.setText(text)
        if busy:
            show_message(self.error_label, "")
        self.completeChanged.emit()
