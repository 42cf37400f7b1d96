"""The council, its officers, schools, children and their parents/carers."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ewo_desk.store.schema.base import Address, Base, Timestamps


class Council(Base, Address):
    """One row: the council this caseload belongs to, its letterhead and its policy overrides."""

    __tablename__ = "council"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    service_name: Mapped[str] = mapped_column(sa.String(200), default="")
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    email: Mapped[str] = mapped_column(sa.String(200), default="")
    letterhead: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    logo: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    policy_json: Mapped[str] = mapped_column(sa.Text, default="{}")


class Officer(Base, Timestamps):
    __tablename__ = "officer"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(100), default="Education Welfare Officer")
    team: Mapped[str] = mapped_column(sa.String(100), default="")
    email: Mapped[str] = mapped_column(sa.String(200), default="")
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    may_issue_penalty_notices: Mapped[bool] = mapped_column(default=False)
    is_vault_owner: Mapped[bool] = mapped_column(default=False)
    signature: Mapped[bytes | None] = mapped_column(sa.LargeBinary)


class School(Base, Address, Timestamps):
    __tablename__ = "school"
    id: Mapped[int] = mapped_column(primary_key=True)
    urn: Mapped[str] = mapped_column(sa.String(10), unique=True)
    la_estab: Mapped[str] = mapped_column(sa.String(10), default="")  # e.g. "873/2001"
    name: Mapped[str] = mapped_column(sa.String(200))
    phase: Mapped[str] = mapped_column(sa.String(30), default="")
    establishment_type: Mapped[str] = mapped_column(sa.String(60), default="")
    head_teacher: Mapped[str] = mapped_column(sa.String(200), default="")
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    email: Mapped[str] = mapped_column(sa.String(200), default="")
    # Penalty notices cannot be issued for pupils of independent schools.
    penalty_notices_apply: Mapped[bool] = mapped_column(default=True)
    contacts: Mapped[list[SchoolContact]] = relationship(
        back_populates="school", cascade="all, delete-orphan", order_by="SchoolContact.id"
    )


class SchoolContact(Base):
    __tablename__ = "school_contact"
    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(sa.ForeignKey("school.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(100), default="")
    phone: Mapped[str] = mapped_column(sa.String(40), default="")
    email: Mapped[str] = mapped_column(sa.String(200), default="")
    school: Mapped[School] = relationship(back_populates="contacts")


class Child(Base, Address, Timestamps):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)
    upn: Mapped[str | None] = mapped_column(sa.String(13), unique=True)
    given_names: Mapped[str] = mapped_column(sa.String(200))
    family_name: Mapped[str] = mapped_column(sa.String(200))
    preferred_name: Mapped[str] = mapped_column(sa.String(200), default="")
    date_of_birth: Mapped[date | None]
    sex: Mapped[str] = mapped_column(sa.String(1), default="U")
    year_group: Mapped[str] = mapped_column(sa.String(4), default="")  # "R", "1".."13"
    school_id: Mapped[int | None] = mapped_column(sa.ForeignKey("school.id"))
    send_support: Mapped[bool] = mapped_column(default=False)
    ehcp: Mapped[bool] = mapped_column(default=False)
    child_in_need: Mapped[bool] = mapped_column(default=False)
    child_protection: Mapped[bool] = mapped_column(default=False)
    looked_after: Mapped[bool] = mapped_column(default=False)
    free_school_meals: Mapped[bool] = mapped_column(default=False)
    early_help: Mapped[bool] = mapped_column(default=False)
    young_carer: Mapped[bool] = mapped_column(default=False)
    eal: Mapped[bool] = mapped_column(default=False)
    interpreter_needed: Mapped[bool] = mapped_column(default=False)
    social_worker: Mapped[str] = mapped_column(sa.String(200), default="")
    social_worker_phone: Mapped[str] = mapped_column(sa.String(40), default="")
    version: Mapped[int] = mapped_column(default=1)

    school: Mapped[School | None] = relationship()
    parent_links: Mapped[list[ChildParent]] = relationship(
        back_populates="child", cascade="all, delete-orphan"
    )
    __mapper_args__ = {"version_id_col": version}

    FLAGS = (
        "send_support", "ehcp", "child_in_need", "child_protection", "looked_after",
        "free_school_meals", "early_help", "young_carer", "eal", "interpreter_needed",
    )  # fmt: skip

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_name}"

    def flags(self) -> list[str]:
        return [flag for flag in self.FLAGS if getattr(self, flag)]


class ParentCarer(Base, Address, Timestamps):
    __tablename__ = "parent_carer"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(20), default="")
    given_names: Mapped[str] = mapped_column(sa.String(200))
    family_name: Mapped[str] = mapped_column(sa.String(200))
    phone_mobile: Mapped[str] = mapped_column(sa.String(40), default="")
    phone_other: Mapped[str] = mapped_column(sa.String(40), default="")
    email: Mapped[str] = mapped_column(sa.String(200), default="")
    language: Mapped[str] = mapped_column(sa.String(60), default="English")
    interpreter_needed: Mapped[bool] = mapped_column(default=False)
    safety_notes: Mapped[str] = mapped_column(sa.Text, default="")  # e.g. "do not visit alone"
    version: Mapped[int] = mapped_column(default=1)

    child_links: Mapped[list[ChildParent]] = relationship(back_populates="parent")
    __mapper_args__ = {"version_id_col": version}

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.title, self.given_names, self.family_name) if p)


class ChildParent(Base):
    """A child's link to a parent/carer. Siblings at different schools share their parents."""

    __tablename__ = "child_parent"
    child_id: Mapped[int] = mapped_column(
        sa.ForeignKey("child.id", ondelete="CASCADE"), primary_key=True
    )
    parent_id: Mapped[int] = mapped_column(
        sa.ForeignKey("parent_carer.id", ondelete="CASCADE"), primary_key=True
    )
    relationship_to_child: Mapped[str] = mapped_column(sa.String(60), default="")
    parental_responsibility: Mapped[bool] = mapped_column(default=True)
    lives_with_child: Mapped[bool] = mapped_column(default=True)

    child: Mapped[Child] = relationship(back_populates="parent_links")
    parent: Mapped[ParentCarer] = relationship(back_populates="child_links")
