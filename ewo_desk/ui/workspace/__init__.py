"""The case workspace: what an officer sees after opening a case.

A header (the child, the step per parent, this school year's attendance) over tabs: Chronology
first, then People and Legal pathway; the integrator adds Attendance and Documents with
`add_tab`. Everything shown is read from the vault by store.workspace; anything written goes
through the store in one unit of work, then `changed` is emitted so the caseload list reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from ewo_desk.store.casework import case_by_ref
from ewo_desk.store.vault import Vault
from ewo_desk.store.workspace import workspace_view
from ewo_desk.ui.workspace.chronology import ChronologyView
from ewo_desk.ui.workspace.header import CaseHeader
from ewo_desk.ui.workspace.pathway_tab import PathwayView
from ewo_desk.ui.workspace.people import PeopleView
from ewo_desk.ui.workspace.person_dialog import ChildDialog, ParentDialog
from ewo_desk.ui.workspace.record_step_dialog import RecordStepDialog

__all__ = ["CaseWorkspace", "RecordStepDialog"]


class CaseWorkspace(QWidget):
    changed = Signal()  # emitted after anything is written (the caseload list reloads)
    case_requested = Signal(str)  # a brother's or sister's case, by reference

    def __init__(
        self,
        vault: Vault,
        ref: str,
        *,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault = vault
        self.ref = ref
        self._today = today
        self.view: dict[str, object] = {}
        self.step_dialog: RecordStepDialog | None = None  # while one is open
        self.person_dialog: ChildDialog | ParentDialog | None = None  # while one is open
        self.header = CaseHeader()
        self.chronology = ChronologyView()
        self.people = PeopleView()
        self.pathway = PathwayView()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Case")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.chronology, "&Chronology")
        self.tabs.addTab(self.people, "P&eople")
        self.tabs.addTab(self.pathway, "&Legal pathway")
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

        self.record_action = self._action("Record step…", "Ctrl+Shift+R", self.record_step)
        # No Refresh (F5) action of its own: the main window's Refresh has that key, and two
        # actions on one key in one window answer neither. The integrator calls refresh().
        self.people.case_requested.connect(self.case_requested)
        self.people.edit_child_requested.connect(self.edit_child)
        self.people.edit_parent_requested.connect(self.edit_parent)
        self.pathway.record_requested.connect(self.record_step)
        self.refresh()

    def _action(self, text: str, shortcut: object, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)  # type: ignore[arg-type]
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def add_tab(self, title: str, widget: QWidget) -> None:
        """Attendance and Documents are added by the integrator, after the workspace's own tabs."""
        self.tabs.addTab(widget, title)

    def refresh(self) -> None:
        """Re-read everything from the vault (after a write here or elsewhere)."""
        with self.vault.reader() as session:
            view = workspace_view(session, self.ref, self._today())
        self.view = view
        self.header.show_case(view)
        self.chronology.set_entries(view["chronology"])
        self.people.show_people(view["parents"], view["siblings"])
        self.pathway.show_pathway(view)

    def record_step(self, parent_id: str = "", step: str = "") -> None:
        """Open the Record step dialog (for the parent and step chosen in the pathway tab)."""
        if not self.pathway.record_button.isEnabled():
            return
        if not parent_id and not step:
            parent_id, step = self.pathway.chosen()
        dialog = RecordStepDialog(
            self.vault, self.ref, parent_id=parent_id, step=step, today=self._today, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_finished)
        self.step_dialog = dialog
        dialog.open()  # window-modal, no nested event loop: tests drive it with qtbot

    def _dialog_finished(self, result: int) -> None:
        self.step_dialog = None
        if result == QDialog.DialogCode.Accepted:
            self.refresh()
            self.changed.emit()

    def edit_child(self) -> None:
        """Open the form to correct the child's details (People tab)."""
        self._open_person(ChildDialog(self.vault, self._child_id(), self, today=self._today))

    def edit_parent(self, parent_id: int) -> None:
        """Open the form to correct a parent/carer's details and their link to the child."""
        self._open_person(ParentDialog(self.vault, parent_id, self._child_id(), self))

    def _child_id(self) -> int:
        with self.vault.reader() as session:
            return case_by_ref(session, self.ref).child_id

    def _open_person(self, dialog: ChildDialog | ParentDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._person_saved)
        dialog.finished.connect(self._person_finished)
        self.person_dialog = dialog
        dialog.open()  # window-modal, no nested event loop

    def _person_saved(self) -> None:
        self.refresh()
        self.changed.emit()

    def _person_finished(self, _result: int) -> None:
        self.person_dialog = None
