"""The People tab: the child's parents and carers (who holds parental responsibility, where they
live, how to reach them) and the child's brothers and sisters, with their own cases."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.ui.workspace.text import ltr

PARENT_COLUMNS = (
    "Name", "Relationship", "Parental responsibility", "Lives with child", "Phone", "Address",
    "Language", "Safety",
)  # fmt: skip
SIBLING_COLUMNS = ("Name", "School", "Case")
REF_ROLE = Qt.ItemDataRole.UserRole + 1
PARENT_ROLE = Qt.ItemDataRole.UserRole + 2  # the parent/carer's id


def _tree(name: str, columns: tuple[str, ...]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setAccessibleName(name)
    tree.setColumnCount(len(columns))
    tree.setHeaderLabels(list(columns))
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(False)
    tree.setAlternatingRowColors(True)
    tree.setWordWrap(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return tree


class PeopleView(QWidget):
    case_requested = Signal(str)
    edit_child_requested = Signal()
    edit_parent_requested = Signal(int)  # the parent/carer's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parents = _tree("Parents and carers", PARENT_COLUMNS)
        self.siblings = _tree("Brothers and sisters", SIBLING_COLUMNS)
        self.open_button = QPushButton("&Open their case")
        self.open_button.setToolTip("Open the chosen brother's or sister's case (Enter)")
        self.open_button.setEnabled(False)
        self.edit_child_button = QPushButton("Edit the c&hild…")
        self.edit_child_button.setToolTip("Correct the child's details: address, UPN, flags…")
        self.edit_parent_button = QPushButton("Edit pa&rent/carer…")
        self.edit_parent_button.setToolTip(
            "Correct the chosen parent's or carer's details: address, phone, safety notes… (Enter)"
        )
        self.edit_parent_button.setEnabled(False)
        parents_caption = QLabel("&Parents and carers")
        parents_caption.setBuddy(self.parents)
        siblings_caption = QLabel("&Brothers and sisters")
        siblings_caption.setBuddy(self.siblings)
        edits = QHBoxLayout()
        edits.addWidget(self.edit_child_button)
        edits.addWidget(self.edit_parent_button)
        edits.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(parents_caption)
        layout.addWidget(self.parents, 3)
        layout.addLayout(edits)
        layout.addWidget(siblings_caption)
        layout.addWidget(self.siblings, 1)
        layout.addLayout(buttons)

        self.siblings.itemActivated.connect(lambda item, _column: self._open(item))
        self.siblings.currentItemChanged.connect(self._current_changed)
        self.open_button.clicked.connect(lambda: self._open(self.siblings.currentItem()))
        self.parents.itemActivated.connect(lambda item, _column: self._edit_parent(item))
        self.parents.currentItemChanged.connect(
            lambda item, *_: self.edit_parent_button.setEnabled(item is not None)
        )
        self.edit_parent_button.clicked.connect(
            lambda: self._edit_parent(self.parents.currentItem())
        )
        self.edit_child_button.clicked.connect(lambda: self.edit_child_requested.emit())

    def show_people(self, parents: list[dict[str, Any]], siblings: list[dict[str, Any]]) -> None:
        chosen = self.chosen_parent()
        self.parents.clear()
        for parent in parents:
            language = parent.get("language") or ""
            if parent.get("interpreter_needed"):
                language = f"{language} (interpreter needed)".strip()
            item = QTreeWidgetItem([
                ltr(parent["name"]),
                parent.get("relationship") or "",
                "Yes" if parent.get("parental_responsibility") else "No",
                "Yes" if parent.get("lives_with_child") else "No",
                parent.get("phone_mobile") or "",
                "\n".join(parent.get("address") or []),
                language,
                parent.get("safety_notes") or "",
            ])  # fmt: skip
            item.setData(0, PARENT_ROLE, parent.get("id"))
            self.parents.addTopLevelItem(item)
            if chosen is not None and parent.get("id") == chosen:
                self.parents.setCurrentItem(item)  # still chosen after a refresh
        self.siblings.clear()
        for sibling in siblings:
            ref = sibling.get("case") or ""
            item = QTreeWidgetItem(
                [ltr(sibling["name"]), sibling.get("school") or "", ref or "No case"]
            )
            item.setData(0, REF_ROLE, ref)
            self.siblings.addTopLevelItem(item)
        if not siblings:
            item = QTreeWidgetItem(["No brothers or sisters recorded.", "", ""])
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.siblings.addTopLevelItem(item)
        for tree in (self.parents, self.siblings):
            gap = tree.fontMetrics().averageCharWidth() * 3  # no text touches the next column
            for column in range(tree.columnCount() - 1):
                tree.resizeColumnToContents(column)
                tree.setColumnWidth(column, tree.columnWidth(column) + gap)
        self._current_changed(self.siblings.currentItem())
        self.edit_parent_button.setEnabled(self.parents.currentItem() is not None)

    def chosen_parent(self) -> int | None:
        item = self.parents.currentItem()
        return item.data(0, PARENT_ROLE) if item is not None else None

    def _edit_parent(self, item: QTreeWidgetItem | None) -> None:
        parent_id = item.data(0, PARENT_ROLE) if item is not None else None
        if parent_id is not None:
            self.edit_parent_requested.emit(int(parent_id))

    def _current_changed(self, item: QTreeWidgetItem | None, *_: object) -> None:
        self.open_button.setEnabled(bool(item and item.data(0, REF_ROLE)))

    def _open(self, item: QTreeWidgetItem | None) -> None:
        ref = item.data(0, REF_ROLE) if item is not None else ""
        if ref:
            self.case_requested.emit(ref)
