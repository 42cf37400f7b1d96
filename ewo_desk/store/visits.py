"""Home visits and notes as the officer writes them: drafts saved on every change, finalised once.

A draft may be incomplete; finalising checks the record (domain.casework.visit_problems) and puts
it in the chronology. Edits to a final note keep the earlier text as a revision.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from ewo_desk.domain.casework import (
    ChronologyKind,
    HomeVisitRecord,
    RecordStatus,
    VisitOutcome,
    visit_problems,
)
from ewo_desk.errors import EwoDeskError, NotFound
from ewo_desk.store.casework import case_by_ref, current_officer
from ewo_desk.store.schema import ChronologyEntry, ChronologyRevision, HomeVisit
from ewo_desk.store.schema.base import utcnow

VISIT_FIELDS = frozenset(
    {
        "visited_at", "address", "outcome", "child_seen", "people_seen", "child_voice",
        "concerns", "safeguarding_concern", "safeguarding_procedure_followed",
        "safeguarding_action", "support_offered", "next_steps",
    }
)  # fmt: skip


class RecordIncomplete(EwoDeskError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("This record cannot be finalised yet:\n- " + "\n- ".join(problems))
        self.problems = problems


def save_visit_draft(
    session: Session, ref: str, fields: dict[str, Any], visit_id: int | None = None
) -> HomeVisit:
    """Create or update a draft visit. Called on every change; never loses what was typed."""
    unknown = set(fields) - VISIT_FIELDS
    if unknown:
        raise ValueError(f"not visit fields: {sorted(unknown)}")
    if "outcome" in fields and fields["outcome"] is not None:
        fields = {**fields, "outcome": VisitOutcome(fields["outcome"]).value}
    if visit_id is None:
        case = case_by_ref(session, ref)
        officer = current_officer(session)
        visit = HomeVisit(
            case_id=case.id,
            author_id=officer.id if officer else None,
            visited_at=fields.get("visited_at") or utcnow(),
            address=fields.get("address") or "\n".join(case.child.address_lines()),
        )
        session.add(visit)
    else:
        visit = _draft(session, visit_id)
    for name, value in fields.items():
        setattr(visit, name, value)
    session.flush()
    return visit


def finalise_visit(session: Session, visit_id: int) -> ChronologyEntry:
    visit = _draft(session, visit_id)
    problems = visit_problems(
        HomeVisitRecord(
            outcome=VisitOutcome(visit.outcome) if visit.outcome else None,
            child_seen=visit.child_seen,
            safeguarding_concern=visit.safeguarding_concern,
            safeguarding_procedure_followed=visit.safeguarding_procedure_followed,
            safeguarding_action=visit.safeguarding_action,
        )
    )
    if problems:
        raise RecordIncomplete(problems)
    visit.status = RecordStatus.FINAL.value
    visit.finalised_at = utcnow()
    entry = ChronologyEntry(
        case_id=visit.case_id,
        kind=ChronologyKind.HOME_VISIT.value,
        occurred_at=visit.visited_at,
        text=_visit_summary(visit),
        author_id=visit.author_id,
        home_visit_id=visit.id,
    )
    session.add(entry)
    session.flush()
    return entry


def edit_entry(
    session: Session, entry_id: int, text: str, occurred_at: datetime | None = None
) -> None:
    """Change a chronology entry, keeping what it said before as a revision."""
    entry = session.get(ChronologyEntry, entry_id)
    if entry is None:
        raise NotFound("That chronology entry no longer exists.")
    if entry.status == RecordStatus.FINAL.value:
        officer = current_officer(session)
        entry.revisions.append(
            ChronologyRevision(
                previous_text=entry.text,
                previous_occurred_at=entry.occurred_at,
                replaced_by_id=officer.id if officer else None,
            )
        )
        entry.edited_at = utcnow()
    entry.text = text
    if occurred_at is not None:
        entry.occurred_at = occurred_at
    session.flush()


def _draft(session: Session, visit_id: int) -> HomeVisit:
    visit = session.get(HomeVisit, visit_id)
    if visit is None:
        raise NotFound("That visit record no longer exists.")
    if visit.status != RecordStatus.DRAFT.value:
        raise EwoDeskError("This visit is already final. Add a note to the chronology instead.")
    return visit


def _visit_summary(visit: HomeVisit) -> str:
    outcome = (visit.outcome or "").replace("_", " ")
    parts = [f"Home visit: {outcome}."]
    if visit.child_seen is not None:
        parts.append("Child seen." if visit.child_seen else "Child not seen.")
    for label, text in (
        ("Seen", visit.people_seen),
        ("Child's voice", visit.child_voice),
        ("Concerns", visit.concerns),
        ("Safeguarding action", visit.safeguarding_action),
        ("Support offered", visit.support_offered),
        ("Next steps", visit.next_steps),
    ):
        if text.strip():
            parts.append(f"{label}: {text.strip()}")
    return "\n".join(parts)
