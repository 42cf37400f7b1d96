"""Generated letters and bundles, stored encrypted with the data they were made from."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ewo_desk.store.schema.base import Base, Timestamps


class GeneratedDocument(Base, Timestamps):
    __tablename__ = "generated_document"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("case_file.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("parent_carer.id"))
    legal_action_id: Mapped[int | None] = mapped_column(sa.ForeignKey("legal_action.id"))
    attendance_import_id: Mapped[int | None] = mapped_column(sa.ForeignKey("attendance_import.id"))
    kind: Mapped[str] = mapped_column(sa.String(40))
    title: Mapped[str] = mapped_column(sa.String(300))
    template: Mapped[str] = mapped_column(sa.String(100), default="")
    sha256: Mapped[str] = mapped_column(sa.String(64))
    source_data_json: Mapped[str] = mapped_column(sa.Text, default="{}")
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)
    page_count: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officer.id"))
