"""Settings: the council's and officer's details, council policy, and security, in tabs.

Save checks everything first (each policy problem is shown beside its setting), then writes the
details, pictures and policy in one unit of work: all of it or none of it. The keyring choice and
the passphrase are key-file changes and are applied from the Security tab at once.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.domain.settings import Policy
from ewo_desk.errors import EwoDeskError
from ewo_desk.store import policy as policy_store
from ewo_desk.store.casework import current_officer
from ewo_desk.store.schema import Council
from ewo_desk.store.settings_store import update_council, update_officer
from ewo_desk.store.vault import Vault
from ewo_desk.ui import worker
from ewo_desk.ui.settings.details import CouncilTab, OfficerTab
from ewo_desk.ui.settings.policy_tab import SECURITY, PolicyRows, PolicyTab, area
from ewo_desk.ui.settings.security_tab import SecurityTab
from ewo_desk.ui.style import message_box_label, show_message

log = logging.getLogger(__name__)


class SettingsDialog(QDialog):
    saved = Signal()

    def __init__(self, vault: Vault, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.setWindowTitle("Settings — EWO Desk")
        self.setMinimumSize(760, 600)
        self.council_tab = CouncilTab()
        self.officer_tab = OfficerTab()
        self.policy_rows = PolicyRows()
        self.policy_tab = PolicyTab(self.policy_rows)
        self.security_tab = SecurityTab(vault, self.policy_rows)
        self.tabs = QTabWidget()
        self.tabs.addTab(scrolling(self.council_tab), "&Council")
        self.tabs.addTab(scrolling(self.officer_tab), "&Officer")
        self.tabs.addTab(self.policy_tab, "&Policy")
        self.tabs.addTab(scrolling(self.security_tab), "&Security")
        self.error_label = message_box_label("error-box")
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("&Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.security_tab.busy_changed.connect(lambda busy: self.save_button.setEnabled(not busy))
        self.load()

    def load(self) -> None:
        with self.vault.reader() as session:
            self.council_tab.load(session.get(Council, 1))  # None until first saved
            self.officer_tab.load(current_officer(session))
            try:
                self.policy_rows.load(policy_store.load_policy(session))
            except EwoDeskError as error:  # a damaged policy: show defaults, say so, save mends
                self.policy_rows.load(Policy())
                show_message(self.error_label, str(error))

    def save(self) -> bool:
        """Check, then write everything in one transaction. True when saved."""
        if not self._check():
            return False
        overrides, _unreadable = self.policy_rows.overrides()
        council, officer = self.council_tab, self.officer_tab
        try:
            with self.vault.session() as session:
                update_council(session, council.changes(), council.files())
                update_officer(session, officer.changes(), officer.signature.chosen)
                policy_store.save_policy(session, overrides)
        except EwoDeskError as error:
            show_message(self.error_label, f"Nothing was saved. {error}")
            return False
        log.info("settings saved")
        self.saved.emit()
        self.accept()
        return True

    def _check(self) -> bool:
        """Every problem shown where it is, before anything is written."""
        officer_problem = self.officer_tab.problem()
        self.officer_tab.show_problem(officer_problem)
        overrides, problems = self.policy_rows.overrides()
        unplaced: list[str] = []
        if not problems:
            for keys, message in policy_store.problems(overrides):
                for key in keys or ():
                    problems.setdefault(key, []).append(message)
                if not keys:
                    unplaced.append(message)
        self.policy_rows.show_problems(problems)
        if not (officer_problem or problems or unplaced):
            show_message(self.error_label, "")
            return True
        count = len(problems) + len(unplaced) + bool(officer_problem)
        self.show_tab(self._first_tab_with_problem(officer_problem, problems))
        show_message(self.error_label, " ".join([
            f"Nothing was saved: {count} {'thing needs' if count == 1 else 'things need'} "
            "correcting, each shown beside its field.", *unplaced]))  # fmt: skip
        return False

    def show_tab(self, tab: QWidget) -> None:
        """Bring a tab (the page itself, even when it sits in a scroll area) to the front."""
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is tab or (isinstance(page, QScrollArea) and page.widget() is tab):
                self.tabs.setCurrentIndex(index)

    def _first_tab_with_problem(self, officer: str, problems: dict[str, list[str]]) -> QWidget:
        if officer:
            return self.officer_tab
        on_policy_tab = sorted(key for key in problems if area(key) != SECURITY)
        if problems and not on_policy_tab:
            return self.security_tab
        if on_policy_tab:
            self.policy_tab.ensureWidgetVisible(self.policy_rows.rows[on_policy_tab[0]])
        return self.policy_tab

    def reject(self) -> None:
        if not worker.busy():  # a passphrase change is being written; wait for it
            super().reject()


def scrolling(page: QWidget) -> QScrollArea:
    """A tab that scrolls rather than squeezing its fields on a small laptop screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area
