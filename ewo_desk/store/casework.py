"""Queries and commands on cases, shaped for the CLI (JSON) and the GUI alike.

Read functions return plain dicts with ISO dates, so both front ends show the same facts.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ewo_desk.domain.casework import ChronologyKind, RecordStatus, age_on
from ewo_desk.errors import EwoDeskError, NotFound
from ewo_desk.store.schema import (
    Case,
    Child,
    ChildParent,
    ChronologyEntry,
    HomeVisit,
    LegalAction,
    Officer,
    ParentCarer,
)
from ewo_desk.store.schema.base import utcnow


def current_officer(session: Session) -> Officer | None:
    return session.scalars(sa.select(Officer).where(Officer.is_vault_owner)).first()


def case_by_ref(session: Session, ref: str) -> Case:
    case = session.scalars(sa.select(Case).where(Case.ref == ref.strip().upper())).first()
    if case is None:
        raise NotFound(f"There is no case {ref!r} in this caseload. `ewo-desk cases` lists them.")
    return case


def list_cases(session: Session, today: date) -> list[dict[str, Any]]:
    """One row per case: what the caseload table shows and the CLI prints."""
    rows = session.execute(
        sa.select(Case, Child)
        .join(Child, Case.child_id == Child.id)
        .options(selectinload(Case.school), selectinload(Case.officer))
        .order_by(Child.family_name, Child.given_names, Case.ref)
    ).all()
    return [
        {
            "ref": case.ref,
            "child": child.full_name,
            "preferred_name": child.preferred_name,
            "upn": child.upn,
            "date_of_birth": _iso(child.date_of_birth),
            "age": age_on(child.date_of_birth, today) if child.date_of_birth else None,
            "year_group": child.year_group,
            "school": case.school.name if case.school else "",
            "officer": case.officer.name if case.officer else "",
            "status": case.status,
            "stage": case.stage,
            "opened_on": _iso(case.opened_on),
            "closed_on": _iso(case.closed_on),
            "flags": child.flags(),
            "postcode": child.postcode,
        }
        for case, child in rows
    ]


def case_detail(session: Session, ref: str, today: date) -> dict[str, Any]:
    """Everything about one case: child, people, steps per parent, chronology, visits."""
    case = case_by_ref(session, ref)
    child = case.child
    links = session.scalars(
        sa.select(ChildParent)
        .where(ChildParent.child_id == child.id)
        .options(selectinload(ChildParent.parent))
    ).all()
    actions = session.scalars(
        sa.select(LegalAction)
        .where(LegalAction.case_id == case.id)
        .order_by(LegalAction.started_on, LegalAction.id)
    ).all()
    return {
        "ref": case.ref,
        "status": case.status,
        "stage": case.stage,
        "opened_on": _iso(case.opened_on),
        "closed_on": _iso(case.closed_on),
        "referral_reason": case.referral_reason,
        "referral_source": case.referral_source,
        "officer": case.officer.name if case.officer else None,
        "school": _school(case),
        "child": _child(child, today),
        "parents": [_parent(link, actions) for link in links],
        "siblings": _siblings(session, child, [link.parent_id for link in links]),
        "legal_actions": [_action(a) for a in actions],
        "chronology": [_entry(e) for e in case.chronology],
        "visits": [_visit(v) for v in case.visits],
    }


def add_note(
    session: Session,
    ref: str,
    text: str,
    *,
    occurred_at: datetime | None = None,
    kind: ChronologyKind = ChronologyKind.NOTE,
    status: RecordStatus = RecordStatus.FINAL,
) -> ChronologyEntry:
    if not text.strip():
        raise EwoDeskError("The note is empty. Write what happened before saving.")
    case = case_by_ref(session, ref)
    entry = ChronologyEntry(
        case_id=case.id,
        kind=kind.value,
        occurred_at=occurred_at or utcnow(),
        text=text.strip(),
        author_id=(officer.id if (officer := current_officer(session)) else None),
        status=status.value,
    )
    session.add(entry)
    session.flush()
    return entry


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _school(case: Case) -> dict[str, Any] | None:
    school = case.school
    if school is None:
        return None
    return {
        "urn": school.urn,
        "name": school.name,
        "phase": school.phase,
        "penalty_notices_apply": school.penalty_notices_apply,
        "head_teacher": school.head_teacher,
    }


def _child(child: Child, today: date) -> dict[str, Any]:
    return {
        "upn": child.upn,
        "given_names": child.given_names,
        "family_name": child.family_name,
        "preferred_name": child.preferred_name,
        "date_of_birth": _iso(child.date_of_birth),
        "age": age_on(child.date_of_birth, today) if child.date_of_birth else None,
        "sex": child.sex,
        "year_group": child.year_group,
        "address": child.address_lines(),
        "flags": child.flags(),
        "social_worker": child.social_worker,
    }


def _parent(link: ChildParent, actions: list[LegalAction]) -> dict[str, Any]:
    parent: ParentCarer = link.parent
    own = [a for a in actions if a.parent_id == parent.id]
    return {
        "id": parent.id,
        "name": parent.full_name,
        "relationship": link.relationship_to_child,
        "parental_responsibility": link.parental_responsibility,
        "lives_with_child": link.lives_with_child,
        "address": parent.address_lines(),
        "phone_mobile": parent.phone_mobile,
        "email": parent.email,
        "language": parent.language,
        "interpreter_needed": parent.interpreter_needed,
        "safety_notes": parent.safety_notes,
        "step": own[-1].kind if own else "support",
    }


def siblings_of(session: Session, child: Child, parent_ids: list[int]) -> list[Child]:
    """The other children of these parents (brothers and sisters, perhaps at other schools)."""
    if not parent_ids:
        return []
    return list(
        session.scalars(
            sa.select(Child)
            .join(ChildParent, ChildParent.child_id == Child.id)
            .where(ChildParent.parent_id.in_(parent_ids), Child.id != child.id)
            .distinct()
            .options(selectinload(Child.school))
            .order_by(Child.date_of_birth)
        )
    )


def _siblings(session: Session, child: Child, parent_ids: list[int]) -> list[dict[str, Any]]:
    others = siblings_of(session, child, parent_ids)
    cases = dict(
        session.execute(
            sa.select(Case.child_id, Case.ref).where(Case.child_id.in_([o.id for o in others]))
        ).all()
    )
    return [
        {"name": o.full_name, "school": o.school.name if o.school else "", "case": cases.get(o.id)}
        for o in others
    ]


def _action(action: LegalAction) -> dict[str, Any]:
    return {
        "id": action.id,
        "kind": action.kind,
        "parent_id": action.parent_id,
        "status": action.status,
        "started_on": _iso(action.started_on),
        "ends_on": _iso(action.ends_on),
        "posted_on": _iso(action.posted_on),
        "amount_pence": action.amount_pence,
        "reference": action.reference,
        "outcome": action.outcome,
        "reason": action.reason,
        "details": json.loads(action.details_json or "{}"),
    }


def _entry(entry: ChronologyEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "occurred_at": _iso(entry.occurred_at),
        "text": entry.text,
        "author": entry.author.name if entry.author else None,
        "status": entry.status,
        "created_at": _iso(entry.created_at),
        "edited_at": _iso(entry.edited_at),
    }


def _visit(visit: HomeVisit) -> dict[str, Any]:
    return {
        "id": visit.id,
        "status": visit.status,
        "visited_at": _iso(visit.visited_at),
        "address": visit.address,
        "outcome": visit.outcome,
        "child_seen": visit.child_seen,
        "people_seen": visit.people_seen,
        "child_voice": visit.child_voice,
        "concerns": visit.concerns,
        "safeguarding_concern": visit.safeguarding_concern,
        "safeguarding_procedure_followed": visit.safeguarding_procedure_followed,
        "support_offered": visit.support_offered,
        "next_steps": visit.next_steps,
    }
