"""The audit trail: append-only and hash-chained, inside the encrypted database.

Each entry's hash covers the previous hash and a digest of its payload (before/after values).
Chaining the digest rather than the payload lets retention redact a payload (the data must really
go) while the chain still verifies and shows that something was redacted, where and when.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ewo_desk.store.schema.base import Base, UtcDateTime, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    seq: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    officer_id: Mapped[int | None]  # no foreign key: the trail outlives what it describes
    action: Mapped[str] = mapped_column(
        sa.String(20)
    )  # create, update, delete, generate, export...
    entity: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[str] = mapped_column(sa.String(40), default="")
    payload: Mapped[str | None] = mapped_column(sa.Text)  # JSON: before/after; None once redacted
    payload_sha256: Mapped[str] = mapped_column(sa.String(64))
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))
