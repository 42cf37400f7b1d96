"""Legal actions: one row per step taken for a parent/carer on a case."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ewo_desk.store.schema.base import Base, Timestamps
from ewo_desk.store.schema.people import ParentCarer


class LegalAction(Base, Timestamps):
    """Attendance contract, notice to improve, penalty notice, ESO, prosecution, SAO, parenting
    order. The dates that every step has are columns; what only one kind has is in `details`."""

    __tablename__ = "legal_action"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("case_file.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("parent_carer.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    status: Mapped[str] = mapped_column(sa.String(30), default="open")
    started_on: Mapped[date]  # issued, signed, applied or laid
    ends_on: Mapped[date | None]  # improvement period end, payment deadline, order expiry
    posted_on: Mapped[date | None]
    amount_pence: Mapped[int | None]
    reference: Mapped[str] = mapped_column(sa.String(60), default="")
    outcome: Mapped[str] = mapped_column(sa.String(60), default="")
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    details_json: Mapped[str] = mapped_column(sa.Text, default="{}")
    version: Mapped[int] = mapped_column(default=1)

    parent: Mapped[ParentCarer | None] = relationship()
    __mapper_args__ = {"version_id_col": version}
