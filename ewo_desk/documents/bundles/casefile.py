"""What a bundle is made from, gathered from the vault first (gather.py) so that choosing and
laying out the documents (plans.py, records.py) needs no database and can be tested alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from ewo_desk.documents.letterhead import CouncilIdentity
from ewo_desk.domain.settings import Policy

R = TypeVar("R")


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    relationship: str = ""
    address: tuple[str, ...] = ()
    parental_responsibility: bool = True
    lives_with_child: bool = True


@dataclass(frozen=True)
class Note:
    """A chronology entry."""

    id: int
    kind: str
    occurred_at: datetime
    text: str
    author: str = ""
    status: str = "final"
    edited_at: datetime | None = None
    home_visit_id: int | None = None


@dataclass(frozen=True)
class Visit:
    id: int
    visited_at: datetime
    status: str = "final"
    address: str = ""
    outcome: str = ""
    child_seen: bool | None = None
    people_seen: str = ""
    child_voice: str = ""
    concerns: str = ""
    safeguarding_concern: bool = False
    support_offered: str = ""
    next_steps: str = ""
    author: str = ""


@dataclass(frozen=True)
class StoredDoc:
    """A generated document kept in the vault (a letter, a statement, a certificate)."""

    id: int
    kind: str
    title: str
    created_on: date
    content: bytes
    sha256: str
    parent_id: int | None = None
    legal_action_id: int | None = None


@dataclass(frozen=True)
class Step:
    """A legal step's row; `record` is its pathway record, or None if it could not be read."""

    id: int
    kind: str
    parent_id: int | None
    started_on: date
    posted_on: date | None = None
    reference: str = ""
    amount_pence: int | None = None
    status: str = ""
    record: Any = None


@dataclass(frozen=True)
class CaseFile:
    ref: str
    today: date
    council: CouncilIdentity
    officer: str
    officer_role: str
    child: str
    child_id: int
    child_born: date | None
    school: str
    head_teacher: str = ""
    child_address: tuple[str, ...] = ()
    referral_reason: str = ""
    opened_on: date | None = None
    parents: tuple[Person, ...] = ()
    notes: tuple[Note, ...] = ()
    visits: tuple[Visit, ...] = ()
    documents: tuple[StoredDoc, ...] = ()
    steps: tuple[Step, ...] = ()
    policy: Policy = field(default_factory=Policy)

    @property
    def initials(self) -> str:
        """The officer's initials for exhibit references ("Zoë Dvořák" -> "ZD")."""
        letters = [w[0].upper() for w in self.officer.replace("-", " ").split() if w[:1].isalpha()]
        return "".join(letters) or "EX"

    def parent(self, parent_id: int | str | None) -> Person | None:
        return next((p for p in self.parents if str(p.id) == str(parent_id)), None)

    def records(self, kind: type[R]) -> list[R]:
        return [s.record for s in self.steps if isinstance(s.record, kind)]

    def step_of(self, record: Any) -> Step | None:
        return next((s for s in self.steps if s.record is record), None)
