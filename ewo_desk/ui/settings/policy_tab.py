"""The Policy tab: every declared council setting, grouped by area, each with its own editor.

The rows are built once for every setting; security settings are laid out on the Security tab
instead, but saved with the rest.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from ewo_desk.domain.settings import REGISTRY, Policy
from ewo_desk.ui.settings.setting_row import SettingRow
from ewo_desk.ui.style import label

AREAS = {
    "pathway": "Legal pathway",
    "calendar": "Dates and service",
    "attendance": "Attendance",
    "ctf": "Common Transfer File imports",
    "worklist": "Work list",
    "bundles": "Court bundles",
    "retention": "Keeping records",
    "sar": "Subject access requests",
    "backup": "Automatic backups",
    "security": "Security",
}
SECURITY = "security"


def area(key: str) -> str:
    return key.split(".", 1)[0]


class PolicyRows:
    """One SettingRow per declared setting, and the council's overrides they edit."""

    def __init__(self) -> None:
        # Declaration order: each module declares its settings in an order that reads well.
        self.rows = {key: SettingRow(setting) for key, setting in REGISTRY.items()}
        self._saved: dict[str, Any] = {}

    def load(self, policy: Policy) -> None:
        self._saved = policy.overrides()
        for row in self.rows.values():
            row.set_value(policy[row.setting])
            row.show_problems([])

    def overrides(self) -> tuple[dict[str, Any], dict[str, list[str]]]:
        """What to save: a value the council set before stays set, even back at the default
        (so a later change of default does not silently change their policy); and the values
        that could not even be read, by setting."""
        overrides: dict[str, Any] = {}
        unreadable: dict[str, list[str]] = {}
        for key, row in self.rows.items():
            try:
                value = row.value()
            except ValueError as exc:
                unreadable[key] = [str(exc)]
                continue
            if key in self._saved or value != row.setting.default:
                overrides[key] = value
        return overrides, unreadable

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        for key, row in self.rows.items():
            row.show_problems(problems.get(key, []))


class PolicyTab(QScrollArea):
    def __init__(self, rows: PolicyRows, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(label(
            "Your council's choices. Each has a default from the national guidance or common "
            "practice; change one only when your council's code of conduct says otherwise. "
            "Security settings are on the Security tab.", role="muted"))  # fmt: skip
        by_area: dict[str, list[SettingRow]] = {}
        for key, row in rows.rows.items():
            by_area.setdefault(area(key), []).append(row)
        for name in sorted(by_area, key=lambda a: list(AREAS).index(a) if a in AREAS else 99):
            if name == SECURITY:
                continue
            heading = label(AREAS.get(name, name.capitalize()), role="title")
            layout.addSpacing(8)
            layout.addWidget(heading)
            for row in by_area[name]:
                layout.addWidget(row)
        layout.addStretch(1)
        self.setWidget(body)
