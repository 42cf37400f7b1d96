"""The band across the top of a case: who the child is, where they are on the pathway, and the
attendance figures this school year (computed by the store from the marks, never here)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ewo_desk.ui import labels, style
from ewo_desk.ui.workspace.text import ltr, status_words


class CaseHeader(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("caseHeader")
        # Flags read as small tags; the shared stylesheet has no such role, so it lives here.
        self.setStyleSheet(
            'QLabel[role="flag"] { border: 1px solid palette(mid); border-radius: 8px;'
            " padding: 1px 8px; background: palette(alternate-base); }"
        )
        self.name_label = style.label(role="title", wrap=True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts_label = style.label(role="muted")
        self.flags_row = QHBoxLayout()
        self.flags_row.setSpacing(6)
        self.steps_grid = QGridLayout()
        self.steps_grid.setHorizontalSpacing(12)
        self.figures_label = style.label()
        self.figures_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.figures_label.setTextFormat(Qt.TextFormat.RichText)

        who = QVBoxLayout()
        who.setSpacing(4)
        who.addWidget(self.name_label)
        who.addWidget(self.facts_label)
        who.addLayout(self.flags_row)
        who.addLayout(self.steps_grid)
        layout = QHBoxLayout(self)
        layout.addLayout(who, 1)
        layout.addWidget(self.figures_label, 0, Qt.AlignmentFlag.AlignTop)

    def show_case(self, view: dict[str, Any]) -> None:
        child = view["child"]
        name = f"{child['given_names']} {child['family_name']}"
        if child.get("preferred_name"):
            name += f" (known as {child['preferred_name']})"
        self.name_label.setText(ltr(name))
        self.name_label.setAccessibleName(f"Child: {name}")
        facts = [view["ref"]]
        if child.get("age") is not None:
            facts.append(f"age {child['age']}")
        if child.get("year_group"):
            facts.append(labels.year_label(child["year_group"]))
        if view.get("school"):
            facts.append(view["school"]["name"])
        if view.get("status") == "closed":
            facts.append(f"closed {labels.uk_date(view.get('closed_on'))}")
        self.facts_label.setText(" · ".join(facts))
        self._show_flags(labels.flag_labels(child.get("flags") or []))
        self._show_steps(view)
        self._show_figures(view.get("figures"))

    def _show_flags(self, flags: list[str]) -> None:
        _clear(self.flags_row)
        for flag in flags:
            chip = QLabel(flag)
            style.set_role(chip, "flag")
            self.flags_row.addWidget(chip)
        self.flags_row.addStretch(1)

    def _show_steps(self, view: dict[str, Any]) -> None:
        _clear(self.steps_grid)
        pathway = view["pathway"]
        steps = {p["parent_id"]: p.get("step") for p in pathway.get("parents", [])}
        for row, parent in enumerate(view["parents"]):
            step = steps.get(str(parent["id"]))
            text = "No step yet"
            if step:
                text = f"{step['label']} since {labels.uk_date(step['since'])}"
                if step.get("status"):  # the state today, as the pathway's rules judge it
                    words = status_words(step["status"])
                    text += f" · {words[0].lower()}{words[1:]}"
            name = QLabel(ltr(f"{parent['name']}:"))
            where = QLabel(text)
            where.setAccessibleName(f"Current step for {parent['name']}")
            self.steps_grid.addWidget(name, row, 0)
            self.steps_grid.addWidget(where, row, 1)
        if pathway.get("problem"):
            problem = style.label(pathway["problem"], "danger")
            self.steps_grid.addWidget(problem, len(view["parents"]), 0, 1, 2)
        self.steps_grid.setColumnStretch(1, 1)

    def _show_figures(self, figures: dict[str, Any] | None) -> None:
        if not figures:
            self.figures_label.setText("No attendance marks held\nfor this school year.")
            self.figures_label.setTextFormat(Qt.TextFormat.PlainText)
            return
        self.figures_label.setTextFormat(Qt.TextFormat.RichText)
        pct = figures["attendance_pct"]
        level = (
            "Severe absence"
            if figures["severe"]
            else ("Persistent absence" if figures["persistent"] else "")
        )
        level_html = f"<div style='color:#c0392b'>{level}</div>" if level else ""
        self.figures_label.setText(
            f"<div style='font-size:15pt; font-weight:600'>{pct:.1f}%</div>"
            f"<div>attendance this school year</div>{level_html}"
            f"<div>{figures['unauthorised']} unauthorised of {figures['possible']} sessions</div>"
            # rich text knows no palette() colours: the placeholder colour, read now
            f"<div style='color:{self.palette().placeholderText().color().name()}'>"
            f"{labels.uk_date(figures['from'])} to {labels.uk_date(figures['to'])}</div>"
        )
        self.figures_label.setAccessibleName(
            f"Attendance {pct:.1f} percent this school year, "
            f"{figures['unauthorised']} unauthorised sessions"
        )

    def steps_text(self) -> list[str]:
        """What the step lines say, for tests and screen readers."""
        items = (self.steps_grid.itemAt(i) for i in range(self.steps_grid.count()))
        return [
            w.text().removeprefix("\u200e")
            for item in items
            if isinstance(w := item.widget(), QLabel)
        ]


def _clear(layout: QGridLayout | QHBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is not None and (widget := item.widget()) is not None:
            widget.deleteLater()
