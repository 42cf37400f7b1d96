"""Record a legal step: choose the parent and the step, fill in what the step records, read what
the pathway's rules say about it, and save. A step the rules block can be saved only with the
reason it goes ahead anyway (kept with the record and in the chronology). Nothing is written until
Save, and then all or nothing (store.pathway.record_step in one unit of work)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ewo_desk.domain import pathway as pw
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.pathway import pathway_view, record_step
from ewo_desk.store.step_forms import StepForm, build_step, check_step, step_form
from ewo_desk.store.vault import Vault
from ewo_desk.ui import prompts, style
from ewo_desk.ui.workspace.step_fields import FieldInput

_BLOCKED = " (blocked)"


class RecordStepDialog(QDialog):
    def __init__(
        self,
        vault: Vault,
        ref: str,
        *,
        parent_id: str = "",
        step: str = "",
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vault, self.ref, self._today = vault, ref, today
        self.form: StepForm | None = None
        self.problem = ""  # why the chosen step cannot be put together, if it cannot
        self.inputs: list[FieldInput] = []
        self.decision: pw.Decision | None = None
        self.recorded_id: int | None = None
        self.setWindowTitle(f"Record a legal step — {ref}")
        with vault.reader() as session:
            self.view = pathway_view(session, ref, today())

        self.parent_box = QComboBox()
        for p in self.view["parents"]:
            self.parent_box.addItem(p["name"], p["parent_id"])
        self.step_box = QComboBox()
        self.target_label = style.label(role="muted")
        self.fields_form = QFormLayout()
        self.fields_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        fields = QWidget()
        fields.setLayout(self.fields_form)
        scroll = QScrollArea()
        scroll.setWidget(fields)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.block_label = style.message_box_label("error-box")
        self.warn_label = style.message_box_label("notice-box")
        self.override_caption = QLabel("&Why it goes ahead despite the rule (required):")
        self.override = QPlainTextEdit()
        self.override.setAccessibleName("Why the step goes ahead despite the rule")
        self.override.setTabChangesFocus(True)
        self.override.setFixedHeight(self.override.fontMetrics().lineSpacing() * 3 + 12)
        self.override_caption.setBuddy(self.override)
        self.missing_label = style.label(role="muted")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip("Save the step (Ctrl+Return)")
        self.save_button.setShortcut("Ctrl+Return")

        choose = QFormLayout()
        choose.addRow("&Parent or carer:", self.parent_box)
        choose.addRow("&Step:", self.step_box)
        choose.addRow("", self.target_label)
        # What the rules say can run long (a notice with none of its contents ticked): it gets
        # its own scrolling pane under the form, so neither squeezes the other off the screen.
        said = QWidget()
        said_layout = QVBoxLayout(said)
        said_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.block_label, self.warn_label, self.override_caption, self.override):
            said_layout.addWidget(widget)
        said_layout.addStretch(1)
        said_scroll = QScrollArea()
        said_scroll.setWidget(said)
        said_scroll.setWidgetResizable(True)
        said_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(scroll)
        splitter.addWidget(said_scroll)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([480, 200])  # the form first; the rules' answer scrolls beneath
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.buttons)
        self.parent_box.setAccessibleName("Parent or carer")
        self.step_box.setAccessibleName("Step")
        self.resize(760, 820)

        self.parent_box.currentIndexChanged.connect(self._parent_changed)
        self.step_box.currentIndexChanged.connect(self._step_changed)
        self.override.textChanged.connect(self._update_save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.parent_box.setCurrentIndex(max(0, self.parent_box.findData(parent_id)))
        self._parent_changed()
        if step:
            self.step_box.setCurrentIndex(max(0, self.step_box.findData(step)))

    # --- choosing ---------------------------------------------------------------------------

    def parent_id(self) -> str:
        return self.parent_box.currentData() or ""

    def _parent_changed(self) -> None:
        chosen = next((p for p in self.view["parents"] if p["parent_id"] == self.parent_id()), None)
        previous = self.step_box.currentData()
        self.step_box.blockSignals(True)
        self.step_box.clear()
        for decision in (chosen or {}).get("next_allowed", []):
            self.step_box.addItem(decision["step_label"], decision["step"])
        for decision in (chosen or {}).get("blocked", []):
            self.step_box.addItem(decision["step_label"] + _BLOCKED, decision["step"])
        self.step_box.setCurrentIndex(max(0, self.step_box.findData(previous)))
        self.step_box.blockSignals(False)
        self._step_changed()

    def _step_changed(self) -> None:
        while self.fields_form.rowCount():
            self.fields_form.removeRow(0)
        self.inputs, self.form, self.problem = [], None, ""
        kind = self.step_box.currentData()
        if kind:
            try:
                with self.vault.reader() as session:
                    self.form = step_form(
                        session, self.ref, pw.StepKind(kind), self.parent_id(), self._today()
                    )
            except EwoDeskError as problem:
                self.problem = str(problem)
        target = self.form.target_label if self.form else ""
        self.target_label.setText(f"Acts on: {target}" if target else "")
        self.target_label.setVisible(bool(target))
        for field in self.form.fields if self.form else ():
            widget = FieldInput(field, self._today())
            widget.changed.connect(self._check)
            caption = QLabel(field.label + (" *" if field.required else "") + ":")
            caption.setWordWrap(True)
            caption.setBuddy(widget)
            self.fields_form.addRow(caption, widget)
            self.inputs.append(widget)
        self._check()

    # --- checking ---------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {w.field.name: w.value() for w in self.inputs if w.value() is not None}

    def _check(self) -> None:
        """Ask the rules about the record as it stands, on every change (a few milliseconds)."""
        self.decision = None
        problem = self.problem
        missing = [w.field.label for w in self.inputs if w.missing()]
        if self.form is not None and not missing:
            try:
                with self.vault.reader() as session:
                    record, _ = build_step(
                        session, self.ref, self.form, self.parent_id(), self.values(),
                        self._today(),
                    )  # fmt: skip
                    self.decision = check_step(session, self.ref, record, self._today())
            except EwoDeskError as error:
                problem = str(error)
        self.missing_label.setText("Still to fill in: " + ", ".join(missing) if missing else "")
        self._show_reasons(problem)
        self._update_save()

    def _show_reasons(self, problem: str) -> None:
        decision = self.decision
        blocks = decision.by_severity(pw.Severity.BLOCK) if decision else ()
        warns = decision.by_severity(pw.Severity.WARN) if decision else ()
        text = "The rules block this step:\n" + "\n".join(f"• {r.message}" for r in blocks)
        style.show_message(self.block_label, problem or (text if blocks else ""))
        style.show_message(
            self.warn_label, "Read before saving:\n" + "\n".join(f"• {r.message}" for r in warns)
            if warns else "",
        )  # fmt: skip
        self._show_override(bool(blocks))

    def _show_override(self, shown: bool) -> None:
        self.override_caption.setVisible(shown)
        self.override.setVisible(shown)

    def blocked(self) -> bool:
        return self.decision is not None and not self.decision.allowed

    def _update_save(self) -> None:
        ready = self.decision is not None
        if self.blocked():
            ready = bool(self.override.toPlainText().strip())
        self.save_button.setEnabled(ready)

    # --- saving -----------------------------------------------------------------------------

    def save(self) -> None:
        if self.form is None or not self.save_button.isEnabled():
            return
        reason = self.override.toPlainText().strip() if self.blocked() else ""
        try:
            with self.vault.session() as session:  # one unit of work: all of it or none
                record, row_id = build_step(
                    session, self.ref, self.form, self.parent_id(), self.values(), self._today()
                )
                row, _decision = record_step(
                    session, self.ref, record, self._today(), override_reason=reason,
                    legal_action_id=row_id,
                )  # fmt: skip
                self.recorded_id = row.id
        except EwoDeskError as problem:
            prompts.warn(self, "The step was not recorded", f"{problem}\n\nNothing was saved.")
            self._check()
            return
        self.accept()

    def keyPressEvent(self, event: Any) -> None:
        # Return in a one-line field must not save a legal step by accident; Ctrl+Return does.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            focus = self.focusWidget()
            if focus is not None and focus is not self.save_button:
                self.focusNextChild()
                return
        super().keyPressEvent(event)
