"""Attendance imports: each one an immutable snapshot of what a school sent, with its marks.

Marks are never updated or deleted. A later import of an overlapping period adds its own marks;
figures read the newest mark per session, and the older ones stay as evidence of what changed.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ewo_desk.store.schema.base import Base, UtcDateTime, utcnow


class AttendanceImport(Base):
    __tablename__ = "attendance_import"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_name: Mapped[str] = mapped_column(sa.String(260))
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    file_format: Mapped[str] = mapped_column(sa.String(20))
    importer_version: Mapped[str] = mapped_column(sa.String(20))
    school_id: Mapped[int | None] = mapped_column(sa.ForeignKey("school.id"))
    school_urn: Mapped[str] = mapped_column(sa.String(10), default="")
    date_from: Mapped[date | None]
    date_to: Mapped[date | None]
    code_set: Mapped[str] = mapped_column(sa.String(20), default="")
    mark_count: Mapped[int] = mapped_column(default=0)
    imported_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officer.id"))
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class AttendanceMark(Base):
    __tablename__ = "attendance_mark"
    __table_args__ = (
        sa.UniqueConstraint(
            "import_id", "child_id", "date", "session", name="one_mark_per_session"
        ),
        sa.Index("ix_attendance_mark_child_session", "child_id", "date", "session", "import_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(sa.ForeignKey("attendance_import.id"))
    child_id: Mapped[int] = mapped_column(sa.ForeignKey("child.id"))
    date: Mapped[date]
    session: Mapped[str] = mapped_column(sa.String(2))  # "AM" / "PM"
    code: Mapped[str] = mapped_column(sa.String(3))
