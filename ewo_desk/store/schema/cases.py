"""Cases, their chronology (with every edit kept), home visits and tasks."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ewo_desk.store.schema.base import Base, Timestamps, UtcDateTime, utcnow
from ewo_desk.store.schema.people import Child, Officer, School


class Case(Base, Timestamps):
    __tablename__ = "case_file"  # "case" is an SQL keyword
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(sa.String(20), unique=True)
    child_id: Mapped[int] = mapped_column(sa.ForeignKey("child.id"), index=True)
    school_id: Mapped[int | None] = mapped_column(sa.ForeignKey("school.id"), index=True)
    officer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officer.id"))
    opened_on: Mapped[date]
    closed_on: Mapped[date | None]
    closure_reason: Mapped[str] = mapped_column(sa.Text, default="")
    referral_reason: Mapped[str] = mapped_column(sa.Text, default="")
    referral_source: Mapped[str] = mapped_column(sa.String(100), default="")
    status: Mapped[str] = mapped_column(sa.String(10), default="open")
    # The furthest step of the legal pathway reached; per-parent detail is in legal_action.
    stage: Mapped[str] = mapped_column(sa.String(40), default="support")
    version: Mapped[int] = mapped_column(default=1)

    child: Mapped[Child] = relationship()
    school: Mapped[School | None] = relationship()
    officer: Mapped[Officer | None] = relationship()
    chronology: Mapped[list[ChronologyEntry]] = relationship(
        back_populates="case", order_by="ChronologyEntry.occurred_at"
    )
    visits: Mapped[list[HomeVisit]] = relationship(
        back_populates="case", order_by="HomeVisit.visited_at"
    )
    __mapper_args__ = {"version_id_col": version}


chronology_document = sa.Table(
    "chronology_document",
    Base.metadata,
    sa.Column(
        "entry_id", sa.ForeignKey("chronology_entry.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("document_id", sa.ForeignKey("generated_document.id"), primary_key=True),
)


class ChronologyEntry(Base):
    __tablename__ = "chronology_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("case_file.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20), default="note")
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    text: Mapped[str] = mapped_column(sa.Text, default="")
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officer.id"))
    status: Mapped[str] = mapped_column(sa.String(10), default="final")
    home_visit_id: Mapped[int | None] = mapped_column(sa.ForeignKey("home_visit.id"))
    legal_action_id: Mapped[int | None] = mapped_column(sa.ForeignKey("legal_action.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(default=1)

    case: Mapped[Case] = relationship(back_populates="chronology")
    author: Mapped[Officer | None] = relationship()
    revisions: Mapped[list[ChronologyRevision]] = relationship(
        order_by="ChronologyRevision.id", cascade="all, delete-orphan"
    )
    documents = relationship("GeneratedDocument", secondary=chronology_document)
    __mapper_args__ = {"version_id_col": version}


class ChronologyRevision(Base):
    """The text an entry had before an edit: edits are shown as edits, never silent."""

    __tablename__ = "chronology_revision"
    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(sa.ForeignKey("chronology_entry.id", ondelete="CASCADE"))
    previous_text: Mapped[str] = mapped_column(sa.Text)
    previous_occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    replaced_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    replaced_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officer.id"))


class HomeVisit(Base, Timestamps):
    __tablename__ = "home_visit"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("case_file.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("officer.id"))
    status: Mapped[str] = mapped_column(sa.String(10), default="draft")
    visited_at: Mapped[datetime] = mapped_column(UtcDateTime)
    address: Mapped[str] = mapped_column(sa.Text, default="")
    outcome: Mapped[str | None] = mapped_column(sa.String(20))
    child_seen: Mapped[bool | None]
    people_seen: Mapped[str] = mapped_column(sa.Text, default="")
    child_voice: Mapped[str] = mapped_column(sa.Text, default="")
    concerns: Mapped[str] = mapped_column(sa.Text, default="")
    safeguarding_concern: Mapped[bool] = mapped_column(default=False)
    safeguarding_procedure_followed: Mapped[bool] = mapped_column(default=False)
    safeguarding_action: Mapped[str] = mapped_column(sa.Text, default="")
    support_offered: Mapped[str] = mapped_column(sa.Text, default="")
    next_steps: Mapped[str] = mapped_column(sa.Text, default="")
    finalised_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    version: Mapped[int] = mapped_column(default=1)

    case: Mapped[Case] = relationship(back_populates="visits")
    __mapper_args__ = {"version_id_col": version}


class Task(Base, Timestamps):
    __tablename__ = "task"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("case_file.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    due_on: Mapped[date | None]
    kind: Mapped[str] = mapped_column(sa.String(40), default="task")
    rule: Mapped[str] = mapped_column(sa.Text, default="")  # the rule that made it, if any
    status: Mapped[str] = mapped_column(sa.String(10), default="open")
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
