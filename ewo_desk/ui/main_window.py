"""The main window: My work and the Caseload as the first two tabs, each open case as a tab after
them, and the menus that reach everything from the keyboard.

The window only wires pages together; each page asks the store and the domain for what it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from ewo_desk import __version__
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.casework import current_officer
from ewo_desk.store.pathway import open_deadlines
from ewo_desk.store.referrals import close_case
from ewo_desk.store.schema import Council
from ewo_desk.store.vault import Vault
from ewo_desk.ui import appearance, backups, prompts
from ewo_desk.ui.attendance import AttendanceView, ImportDialog
from ewo_desk.ui.caseload_page import CaseloadPage
from ewo_desk.ui.documents import DocumentsTab
from ewo_desk.ui.my_work import MyWorkView
from ewo_desk.ui.plan_dialog import PlanDialog
from ewo_desk.ui.referral_dialog import ReferralDialog
from ewo_desk.ui.style import label
from ewo_desk.ui.visit_form import NoteDialog, VisitForm
from ewo_desk.ui.workspace import CaseWorkspace

FIXED_TABS = 2  # My work, Caseload: never closed


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quit_requested = Signal()
    case_activated = Signal(str)  # a case reference chosen in the caseload

    def __init__(self, vault: Vault, *, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.vault = vault
        self.today = today
        self._closing_for_lock = False
        self.resize(1200, 760)
        self.setAcceptDrops(True)  # a register file dropped anywhere opens the import

        self.caseload = CaseloadPage(vault)
        self.my_work: MyWorkView | None = None  # built just after the first paint (it is slower)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setAccessibleName("Pages and open cases")
        self.tabs.addTab(self._loading_label(), "My work")
        self.tabs.addTab(self.caseload, "Caseload")
        for fixed in range(FIXED_TABS):
            self._no_close_button(fixed)
        self.setCentralWidget(self.tabs)
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.backup_status = QLabel()
        self.statusBar().addPermanentWidget(self.backup_status)
        self._make_menus()

        self.caseload.counts_changed.connect(self.count_label.setText)
        self.caseload.case_activated.connect(self.case_activated)
        self.caseload.case_activated.connect(self.open_case)
        self.tabs.tabCloseRequested.connect(self.close_case_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.reload()
        self.tabs.setCurrentIndex(1)
        QTimer.singleShot(0, self._build_my_work)
        self.backups = backups.ScheduledBackups(vault, self)
        self.backups.status.connect(self.backup_status.setText)
        if vault.keyring_message:
            self.statusBar().showMessage(vault.keyring_message, 10_000)

    # --- compatibility: the caseload page's parts, as tests and scripts knew them ---------

    model = property(lambda self: self.caseload.model)
    proxy = property(lambda self: self.caseload.proxy)
    search = property(lambda self: self.caseload.search)
    table = property(lambda self: self.caseload.table)
    empty_label = property(lambda self: self.caseload.empty_label)
    stack = property(lambda self: self.caseload.stack)

    # --- building -----------------------------------------------------------------------

    @staticmethod
    def _loading_label() -> QWidget:
        widget = label("Gathering your work…", role="muted")
        widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return widget

    def _no_close_button(self, index: int) -> None:
        bar = self.tabs.tabBar()
        bar.setTabButton(index, bar.ButtonPosition.RightSide, None)

    def _build_my_work(self) -> None:
        if self._closing_for_lock or self.my_work is not None or self.vault.closed:
            return  # locked before the first paint finished
        self.my_work = MyWorkView(self.vault, today=self.today)
        self.my_work.case_requested.connect(self.open_case)
        self.my_work.changed.connect(self._something_changed)
        placeholder = self.tabs.widget(0)
        current = self.tabs.currentIndex()
        self.tabs.removeTab(0)
        self.tabs.insertTab(0, self.my_work, "My work")
        self._no_close_button(0)
        self.tabs.setCurrentIndex(current)
        placeholder.deleteLater()

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.referral_action = self._action(
            "&New case from a referral…", "Ctrl+N", self.new_referral
        )
        file_menu.addAction(self.referral_action)
        file_menu.addSeparator()
        self.visit_action = self._action("New home &visit…", "Ctrl+Shift+V", self.new_visit)
        self.note_action = self._action("New &note…", "Ctrl+Shift+N", self.new_note)
        self.plan_action = self._action(
            "&Plan a visit or meeting…", "Ctrl+Shift+P", self.plan_visit
        )
        self.import_action = self._action(
            "&Import attendance…", "Ctrl+I", lambda: self.import_attendance()
        )
        self.backup_action = self._action("&Back up now…", "Ctrl+Shift+B", self._back_up_now)
        self.lock_action = self._action("&Lock", "Ctrl+L", self.lock_requested.emit)
        self.quit_action = self._action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        self.quit_action.setShortcut("Ctrl+Q")  # the same key on every platform
        for action in (self.visit_action, self.note_action, self.plan_action, self.import_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)  # Settings… goes just above (the controller's)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        case_menu = bar.addMenu("&Case")
        self.letter_action = self._action("New &letter…", "Ctrl+Shift+L", self._new_letter)
        self.step_action = self._action("&Record a step…", None, self._record_step)
        self.close_case_action = self._action(
            "&Close case tab", "Ctrl+W", self._close_current_case
        )
        self.close_this_case_action = self._action(
            "Cl&ose this case…", None, self.close_this_case
        )
        for action in (self.letter_action, self.step_action, self.close_case_action):
            case_menu.addAction(action)
        case_menu.addSeparator()
        case_menu.addAction(self.close_this_case_action)
        self.case_actions = (self.letter_action, self.step_action, self.close_case_action,
                             self.close_this_case_action)  # fmt: skip

        view_menu = bar.addMenu("&View")
        self.my_work_action = self._action("&My work", "Ctrl+1", self.show_my_work)
        self.caseload_action = self._action("&Caseload", "Ctrl+2", self.show_caseload)
        self.find_action = self._action("&Find a case", QKeySequence.StandardKey.Find, self._find)
        self.reload_action = self._action("&Refresh", QKeySequence.StandardKey.Refresh, self.reload)
        for action in (self.my_work_action, self.caseload_action, self.find_action):
            view_menu.addAction(action)
        view_menu.addAction(self.reload_action)
        view_menu.addSeparator()
        view_menu.addMenu(appearance.menu(self))

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&About EWO Desk", None, self._about))
        self._tab_changed(self.tabs.currentIndex())

    def _action(self, text: str, shortcut: Any, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    # --- pages and cases ----------------------------------------------------------------

    def reload(self) -> None:
        """Re-read everything shown: the caseload, My work and every open case."""
        self.caseload.reload()
        if self.my_work is not None:
            self.my_work.refresh()
        for workspace in self.workspaces():
            workspace.refresh()
            for page in (workspace.attendance, workspace.documents):
                page.refresh()
        self._update_title()

    def workspaces(self) -> list[CaseWorkspace]:
        pages = (self.tabs.widget(i) for i in range(FIXED_TABS, self.tabs.count()))
        return [page for page in pages if isinstance(page, CaseWorkspace)]

    def current_workspace(self) -> CaseWorkspace | None:
        page = self.tabs.currentWidget()
        return page if isinstance(page, CaseWorkspace) else None

    def open_case(self, ref: str) -> CaseWorkspace:
        """The case's tab, opened if need be, and shown."""
        for workspace in self.workspaces():
            if workspace.ref == ref:
                self.tabs.setCurrentWidget(workspace)
                return workspace
        workspace = CaseWorkspace(self.vault, ref, today=self.today)
        workspace.attendance = AttendanceView(self.vault, ref, today=self.today)
        workspace.documents = DocumentsTab(self.vault, ref, today=self.today)
        workspace.add_tab("&Attendance", workspace.attendance)
        workspace.add_tab("&Documents", workspace.documents)
        workspace.changed.connect(self._something_changed)
        workspace.documents.changed.connect(self._something_changed)
        workspace.case_requested.connect(self.open_case)
        index = self.tabs.addTab(workspace, ref)
        self.tabs.setTabToolTip(index, f"{ref} (Ctrl+W closes it)")
        self.tabs.setCurrentIndex(index)
        return workspace

    def close_case_tab(self, index: int) -> None:
        if index < FIXED_TABS:
            return
        page = self.tabs.widget(index)
        self.tabs.removeTab(index)
        page.deleteLater()

    def _close_current_case(self) -> None:
        self.close_case_tab(self.tabs.currentIndex())

    def show_my_work(self) -> None:
        self.tabs.setCurrentIndex(0)

    def show_caseload(self) -> None:
        self.tabs.setCurrentWidget(self.caseload)

    def _tab_changed(self, index: int) -> None:
        in_case = index >= FIXED_TABS
        for action in getattr(self, "case_actions", ()):
            action.setEnabled(in_case)

    def _something_changed(self) -> None:
        """A page wrote something: every page that shows it reads it again."""
        self.caseload.reload()
        if self.my_work is not None:
            self.my_work.refresh()
        for workspace in self.workspaces():
            workspace.refresh()

    # --- actions ------------------------------------------------------------------------

    def new_referral(self) -> ReferralDialog:
        dialog = ReferralDialog(self.vault, today=self.today, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.opened.connect(self._case_opened)
        dialog.open()
        return dialog

    def _case_opened(self, ref: str) -> None:
        self._something_changed()
        self.open_case(ref)

    def close_this_case(self) -> None:
        """Close the case on screen (status closed, with the reason in its chronology)."""
        workspace = self.current_workspace()
        if workspace is None:
            return
        ref = workspace.ref
        with self.vault.reader() as session:
            pending = open_deadlines(session, ref, self.today())
        if pending and not prompts.confirm(
            self,
            f"Close case {ref}?",
            "These deadlines are still open on the case:\n\n- "
            + "\n- ".join(pending)
            + "\n\nA closed case leaves My work, so no reminder will come. Close it anyway?",
            yes="Close the case",
        ):
            return
        reason = prompts.ask_text(
            self, f"Close case {ref}", "Why is the case closing? (e.g. attendance improved)"
        )
        if reason is None:
            return
        try:
            with self.vault.session() as session:
                close_case(session, ref, reason, self.today(), today=self.today())
        except EwoDeskError as error:
            prompts.warn(self, f"Case {ref} was not closed", str(error))
            return
        self._something_changed()
        self.statusBar().showMessage(f"Case {ref} closed.", 10_000)

    def new_visit(self) -> VisitForm:
        return self._open_record(VisitForm)

    def new_note(self) -> NoteDialog:
        return self._open_record(NoteDialog)

    def plan_visit(self) -> PlanDialog:
        workspace = self.current_workspace()
        dialog = PlanDialog(self.vault, workspace.ref if workspace else None, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.planned.connect(lambda _ref: self._something_changed())
        dialog.open()
        return dialog

    def _open_record(self, kind: type[VisitForm] | type[NoteDialog]) -> Any:
        workspace = self.current_workspace()
        form = kind(self.vault, workspace.ref if workspace else None, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(lambda _ref: self._something_changed())
        form.open()
        return form

    def import_attendance(self, path: Path | None = None) -> ImportDialog:
        dialog = ImportDialog(self.vault, parent=self, path=path)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _report: self.reload())
        dialog.open()
        return dialog

    def _new_letter(self) -> None:
        workspace = self.current_workspace()
        if workspace is not None:
            workspace.tabs.setCurrentWidget(workspace.documents)
            workspace.documents.new_letter()

    def _record_step(self) -> None:
        workspace = self.current_workspace()
        if workspace is not None:
            workspace.record_step()

    def _back_up_now(self) -> None:
        self.backups.back_up_now()

    def _find(self) -> None:
        self.show_caseload()
        self.caseload.find()

    def _update_title(self) -> None:
        with self.vault.reader() as session:
            officer = current_officer(session)
            council = session.scalars(sa.select(Council).limit(1)).first()
            who = ", ".join(n for n in (officer and officer.name, council and council.name) if n)
        self.setWindowTitle(f"{who} — EWO Desk" if who else "EWO Desk")

    def _about(self) -> None:
        prompts.inform(
            self,
            "About EWO Desk",
            f"EWO Desk {__version__}\nEncrypted, offline casework for education welfare "
            f"officers.\n\nCaseload folder: {self.vault.paths.root}",
        )

    # --- drag and drop: a register file onto the window ---------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.import_attendance(Path(event.mimeData().urls()[0].toLocalFile()))
        event.acceptProposedAction()

    # --- closing ------------------------------------------------------------------------

    def close_for_lock(self) -> None:
        """Close without asking the app to quit: the caseload is being locked."""
        self._closing_for_lock = True
        self.backups.stop()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing_for_lock:
            self.backups.stop()
            self.quit_requested.emit()
        super().closeEvent(event)
