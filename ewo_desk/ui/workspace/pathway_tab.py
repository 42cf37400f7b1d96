"""The Legal pathway tab: per parent, the steps taken and the state each is in today; what could
come next, allowed or blocked with the rule's reason; and the case's deadlines. Every answer comes
from store.pathway (the domain's rules); this tab only lays them out."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.ui import labels, style
from ewo_desk.ui.workspace.text import ltr, status_words, step_label

PARENT_ROLE = Qt.ItemDataRole.UserRole + 1
STEP_ROLE = Qt.ItemDataRole.UserRole + 2
DANGER = QColor("#c0392b")
WARNING = QColor("#9a6700")
VERDICTS = {
    "allowed": "Allowed",
    "allowed_with_warnings": "Allowed: read the warnings",
    "blocked": "Blocked",
}
WORK_STATUS = {"overdue": "Overdue", "due": "Due", "coming_up": "Coming up"}


def _tree(name: str, columns: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setAccessibleName(name)
    tree.setHeaderLabels(columns)
    tree.setAlternatingRowColors(True)
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return tree


class PathwayView(QWidget):
    record_requested = Signal(str, str)  # parent id and step ("" for either: the dialog asks)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem_label = style.message_box_label("error-box")
        self.taken = _tree("Steps taken", ["Step", "Date", "State"])
        self.next_steps = _tree("What could come next", ["Step", "Can it be taken today?"])
        self.why_label = style.label(role="muted")
        self.why_label.setAccessibleName("What the rules say about the chosen step")
        self.why_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deadlines = _tree("Deadlines", ["Due", "What", "Status", "For"])
        self.deadlines.setRootIsDecorated(False)
        self.record_button = QPushButton("&Record step…")
        self.record_button.setToolTip("Record a legal step for a parent (Ctrl+Shift+R)")
        self.record_button.setAccessibleName("Record step")

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self._captioned("Steps &taken", self.taken))
        next_box = self._captioned("What could come &next", self.next_steps)
        next_box.layout().addWidget(self.why_label)
        top.addWidget(next_box)
        top.setChildrenCollapsible(False)
        whole = QSplitter(Qt.Orientation.Vertical)
        whole.addWidget(top)
        whole.addWidget(self._captioned("&Deadlines", self.deadlines))
        whole.setStretchFactor(0, 3)
        whole.setStretchFactor(1, 1)
        whole.setChildrenCollapsible(False)
        hint = style.label("Ctrl+Shift+R records a step for the parent and step chosen above.",
                           "muted")  # fmt: skip
        buttons = QHBoxLayout()
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem_label)
        layout.addWidget(whole, 1)
        layout.addLayout(buttons)

        self.record_button.clicked.connect(self._record)
        self.next_steps.itemActivated.connect(lambda item, _col: self._record())
        self.next_steps.currentItemChanged.connect(self._explain)

    @staticmethod
    def _captioned(caption: str, tree: QTreeWidget) -> QWidget:
        box = QWidget()
        title = QLabel(caption)
        title.setBuddy(tree)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(tree)
        return box

    def show_pathway(self, view: dict[str, Any]) -> None:
        pathway = view["pathway"]
        style.show_message(self.problem_label, pathway.get("problem", ""))
        self.record_button.setEnabled(not pathway.get("problem") and bool(pathway["parents"]))
        names = {p["parent_id"]: p["name"] for p in pathway["parents"]}
        self._show_taken(pathway["parents"], view["legal_actions"])
        self._show_next(pathway["parents"])
        self._explain(self.next_steps.currentItem())
        self._show_deadlines(pathway["deadlines"], names)

    def _show_taken(self, parents: list[dict[str, Any]], actions: list[dict[str, Any]]) -> None:
        self.taken.clear()
        for parent in parents:
            step = parent.get("step")
            now = (
                f"now at {step['label']} since {labels.uk_date(step['since'])}"
                if step
                else "no legal step yet"
            )
            top = QTreeWidgetItem([ltr(f"{parent['name']} — {now}")])
            top.setData(0, PARENT_ROLE, parent["parent_id"])
            for action in actions:
                owner = action["parent_id"]
                if owner is not None and str(owner) != parent["parent_id"]:
                    continue
                about = "" if owner is not None else " (about the child)"
                state = status_words(action.get("status") or "")
                if action.get("reason"):
                    state = f"{state}; recorded despite a rule".lstrip("; ")
                item = QTreeWidgetItem(
                    [step_label(action["kind"]) + about, labels.uk_date(action["started_on"]),
                     state]
                )  # fmt: skip
                if action.get("reason"):
                    item.setToolTip(2, f"Recorded despite a rule, because: {action['reason']}")
                top.addChild(item)
            if not top.childCount():
                top.addChild(QTreeWidgetItem(["No legal steps recorded", "", ""]))
            self.taken.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            top.setExpanded(True)
        self._fit(self.taken)

    def _show_next(self, parents: list[dict[str, Any]]) -> None:
        self.next_steps.clear()
        for parent in parents:
            top = QTreeWidgetItem([ltr(parent["name"]), ""])
            top.setData(0, PARENT_ROLE, parent["parent_id"])
            for decision in [*parent["next_allowed"], *parent["blocked"]]:
                item = QTreeWidgetItem([decision["step_label"], VERDICTS[decision["verdict"]]])
                item.setData(0, PARENT_ROLE, parent["parent_id"])
                item.setData(0, STEP_ROLE, decision["step"])
                item.setData(1, Qt.ItemDataRole.UserRole, decision)
                colour = {"blocked": DANGER, "allowed_with_warnings": WARNING}.get(
                    decision["verdict"]
                )
                if colour is not None:
                    item.setForeground(1, QBrush(colour))
                for reason in decision["reasons"]:
                    why = QTreeWidgetItem(["", reason["message"]])
                    why.setToolTip(1, f"{reason['rule_title']} ({reason['source']})")
                    why.setData(0, PARENT_ROLE, parent["parent_id"])
                    why.setData(0, STEP_ROLE, decision["step"])
                    item.addChild(why)
                top.addChild(item)
            self.next_steps.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            top.setExpanded(True)
            for row in range(top.childCount()):  # a block's reason is shown without asking
                child = top.child(row)
                child.setExpanded(child.text(1) == VERDICTS["blocked"])
        self._fit(self.next_steps)

    def _show_deadlines(self, deadlines: list[dict[str, Any]], names: dict[str, str]) -> None:
        self.deadlines.clear()
        for item in deadlines:
            status = WORK_STATUS.get(item["status"], item["status"])
            if item["status"] == "overdue":
                status += f" by {-item['days_left']} days"
            elif item.get("days_left") is not None and item["status"] != "coming_up":
                status += f": {item['days_left']} days left"
            row = QTreeWidgetItem([
                labels.uk_date(item["due_on"]), item["title"], status,
                names.get(str(item.get("parent_id")), "The child"),
            ])  # fmt: skip
            row.setToolTip(1, f"{item['rule_title']} ({item['source']})")
            if item["status"] == "overdue":
                row.setForeground(2, QBrush(DANGER))
            self.deadlines.addTopLevelItem(row)
        if not deadlines:
            self.deadlines.addTopLevelItem(QTreeWidgetItem(["", "No deadlines on this case."]))
        self._fit(self.deadlines)

    @staticmethod
    def _fit(tree: QTreeWidget) -> None:
        """Columns as wide as their steps and dates. The parent rows span the whole width, so the
        first column is measured on the steps beneath them (Qt would count the long parent row)."""
        gap = tree.fontMetrics().averageCharWidth() * 3  # no text touches the next column
        for column in range(1, tree.columnCount() - 1):
            tree.resizeColumnToContents(column)
            tree.setColumnWidth(column, tree.columnWidth(column) + gap)
        metrics = tree.fontMetrics()
        widths = [metrics.horizontalAdvance("Step") + 24]
        for i in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(i)
            if top is None or not top.isFirstColumnSpanned():
                continue
            widths += [
                metrics.horizontalAdvance(top.child(c).text(0)) + 2 * tree.indentation() + 16
                for c in range(top.childCount())
            ]
        if tree.topLevelItemCount() and tree.topLevelItem(0).isFirstColumnSpanned():
            tree.setColumnWidth(0, max(widths) + gap)
        else:
            tree.resizeColumnToContents(0)
            tree.setColumnWidth(0, tree.columnWidth(0) + gap)

    def _explain(self, item: QTreeWidgetItem | None, *_: object) -> None:
        """The chosen step's answer in full, wrapped: a tree row can only show its first line."""
        while item is not None and item.data(1, Qt.ItemDataRole.UserRole) is None:
            item = item.parent() if item.parent() is not None and item.data(0, STEP_ROLE) else None
        decision = item.data(1, Qt.ItemDataRole.UserRole) if item is not None else None
        if decision is None:
            self.why_label.setText("Choose a step to read what the rules say about it.")
            return
        lines = [f"{decision['step_label']}: {VERDICTS[decision['verdict']].lower()}."]
        lines += [f"• {r['message']} ({r['source']})" for r in decision["reasons"]]
        self.why_label.setText(ltr("\n".join(lines)))

    def chosen(self) -> tuple[str, str]:
        """The parent and step the officer has chosen in "What could come next", if any."""
        item = self.next_steps.currentItem()
        if item is None:
            return "", ""
        return item.data(0, PARENT_ROLE) or "", item.data(0, STEP_ROLE) or ""

    def _record(self) -> None:
        if self.record_button.isEnabled():
            self.record_requested.emit(*self.chosen())
