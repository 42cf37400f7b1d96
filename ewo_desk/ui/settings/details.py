"""The Council and Officer tabs: the details letters carry, and their pictures."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from ewo_desk.store.schema import Council, Officer
from ewo_desk.ui.settings.pictures import PicturePicker
from ewo_desk.ui.style import label, message_box_label, show_message

# (column, label, placeholder): the order the officer fills them in.
COUNCIL_ROWS = (
    ("name", "&Council:", "e.g. Northshire County Council"),
    ("service_name", "&Service:", "e.g. Education Welfare Service"),
    ("address_line1", "&Address:", "e.g. County Hall, Market Street"),
    ("address_line2", "", "second line (optional)"),
    ("town", "&Town:", "e.g. Northtown"),
    ("postcode", "&Postcode:", "e.g. NT1 1AA"),
    ("phone", "P&hone:", "e.g. 01234 567890"),
    ("email", "&Email:", "e.g. attendance@northshire.gov.uk"),
)
OFFICER_ROWS = (
    ("name", "Your &name:", "e.g. Sam Okafor"),
    ("role", "&Job title:", "e.g. Education Welfare Officer"),
    ("team", "&Team:", "e.g. North locality team"),
    ("phone", "P&hone:", "e.g. 07700 900123"),
    ("email", "&Email:", "e.g. sam.okafor@northshire.gov.uk"),
)


class DetailsTab(QWidget):
    """A form of text fields, one per column; `changes()` gives the ones the officer edited."""

    rows: tuple[tuple[str, str, str], ...] = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QLineEdit] = {}
        self._loaded: dict[str, Any] = {}
        self.error_label = message_box_label("error-box")
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for column, text, placeholder in self.rows:
            field = QLineEdit()
            field.setPlaceholderText(placeholder)
            field.setAccessibleName(text.replace("&", "").rstrip(":") or "Address, second line")
            self.fields[column] = field
            self.form.addRow(text, field)

    def load(self, row: Council | Officer | None) -> None:
        for column, field in self.fields.items():
            field.setText(str(getattr(row, column, "") or ""))
        self._loaded = self.values()

    def values(self) -> dict[str, Any]:
        return {column: field.text().strip() for column, field in self.fields.items()}

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.values().items() if v != self._loaded.get(k)}

    def show_problem(self, text: str) -> None:
        show_message(self.error_label, text)


class CouncilTab(DetailsTab):
    rows = COUNCIL_ROWS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.letterhead = PicturePicker("letterhead")
        self.logo = PicturePicker("logo")
        self.form.addRow("", label(
            "A PDF letterhead's first page goes under page 1 of every letter; a PNG or JPEG is "
            "drawn across the top. Without one, letters get a header typeset from the details "
            "above.", role="muted"))  # fmt: skip
        self.form.addRow("&Letterhead:", self.letterhead)
        self.form.addRow("L&ogo:", self.logo)
        self.form.addRow(self.error_label)

    def load(self, row: Council | Officer | None) -> None:
        super().load(row)
        self.letterhead.set_current(getattr(row, "letterhead", None))
        self.logo.set_current(getattr(row, "logo", None))

    def files(self) -> dict[str, bytes]:
        pickers = {"letterhead": self.letterhead, "logo": self.logo}
        return {name: p.chosen for name, p in pickers.items() if p.chosen is not None}


class OfficerTab(DetailsTab):
    rows = OFFICER_ROWS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.may_issue = QCheckBox("I am authorised to issue penalty notices")
        self.signature = PicturePicker("signature")
        self.form.addRow("", self.may_issue)
        self.form.addRow("", label(
            "Your signature goes on letters you sign: a PNG or JPEG, ideally dark ink on a white "
            "or transparent background.", role="muted"))  # fmt: skip
        self.form.addRow("Si&gnature:", self.signature)
        self.form.addRow(self.error_label)

    def load(self, row: Council | Officer | None) -> None:
        super().load(row)
        self.may_issue.setChecked(bool(getattr(row, "may_issue_penalty_notices", False)))
        self._loaded["may_issue_penalty_notices"] = self.may_issue.isChecked()
        self.signature.set_current(getattr(row, "signature", None))

    def values(self) -> dict[str, Any]:
        return super().values() | {"may_issue_penalty_notices": self.may_issue.isChecked()}

    def problem(self) -> str:
        if not self.fields["name"].text().strip():
            return "Your name is needed: it goes on every letter you sign."
        return ""
