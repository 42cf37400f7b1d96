"""Reading one case out of the vault into a `CaseFile` (the only module of the bundle package that
touches the database). A legal step whose record cannot be read is kept with `record=None`, so the
penalty-notice history can still list it and say it could not be checked."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ewo_desk.documents.bundles.casefile import CaseFile, Note, Person, Step, StoredDoc, Visit
from ewo_desk.documents.errors import DocumentError
from ewo_desk.documents.letterhead import CouncilIdentity
from ewo_desk.documents.values import LONDON
from ewo_desk.domain import pathway as pw
from ewo_desk.store.casework import case_by_ref, current_officer
from ewo_desk.store.policy import load_policy
from ewo_desk.store.schema import (
    ChildParent,
    ChronologyEntry,
    Council,
    GeneratedDocument,
    HomeVisit,
    LegalAction,
    Officer,
)

BUNDLE_PREFIX = "bundle_"  # GeneratedDocument.kind of a stored bundle: never a bundle's content


def gather(session: Session, ref: str, today: date) -> CaseFile:
    case = case_by_ref(session, ref)
    council = session.scalars(sa.select(Council).order_by(Council.id)).first()
    if council is None or not council.name.strip():
        raise DocumentError(
            "The council's name is not set, so the bundle would have no applicant or "
            "prosecutor. Fill in the council's details in the settings first."
        )
    officer = current_officer(session) or case.officer
    names = {row.id: row.name for row in session.execute(sa.select(Officer.id, Officer.name))}
    child = case.child
    links = session.scalars(
        sa.select(ChildParent)
        .where(ChildParent.child_id == child.id)
        .options(selectinload(ChildParent.parent))
        .order_by(ChildParent.parent_id)
    ).all()
    notes = session.scalars(
        sa.select(ChronologyEntry)
        .where(ChronologyEntry.case_id == case.id)
        .order_by(ChronologyEntry.occurred_at, ChronologyEntry.id)
    ).all()
    visits = session.scalars(
        sa.select(HomeVisit).where(HomeVisit.case_id == case.id).order_by(HomeVisit.visited_at)
    ).all()
    documents = session.scalars(
        sa.select(GeneratedDocument)
        .where(GeneratedDocument.case_id == case.id)
        .where(GeneratedDocument.kind.not_like(f"{BUNDLE_PREFIX}%"))
        .order_by(GeneratedDocument.created_at, GeneratedDocument.id)
    ).all()
    rows = session.scalars(
        sa.select(LegalAction)
        .where(LegalAction.case_id == case.id)
        .order_by(LegalAction.started_on, LegalAction.id)
    ).all()
    school = case.school
    return CaseFile(
        ref=case.ref,
        today=today,
        council=CouncilIdentity(
            name=council.name,
            service=council.service_name,
            address=tuple(council.address_lines()),
            phone=council.phone,
            email=council.email,
        ),
        officer=officer.name if officer else "",
        officer_role=officer.role if officer else "",
        child=child.full_name,
        child_id=child.id,
        child_born=child.date_of_birth,
        school=school.name if school else "",
        head_teacher=school.head_teacher if school else "",
        child_address=tuple(child.address_lines()),
        referral_reason=case.referral_reason,
        opened_on=case.opened_on,
        parents=tuple(
            Person(
                id=link.parent_id,
                name=link.parent.full_name,
                relationship=link.relationship_to_child,
                address=tuple(link.parent.address_lines()),
                parental_responsibility=link.parental_responsibility,
                lives_with_child=link.lives_with_child,
            )
            for link in links
        ),
        notes=tuple(
            Note(
                id=n.id,
                kind=n.kind,
                occurred_at=n.occurred_at,
                text=n.text,
                author=names.get(n.author_id or 0, ""),
                status=n.status,
                edited_at=n.edited_at,
                home_visit_id=n.home_visit_id,
            )
            for n in notes
        ),
        visits=tuple(
            Visit(
                id=v.id,
                visited_at=v.visited_at,
                status=v.status,
                address=v.address,
                outcome=v.outcome or "",
                child_seen=v.child_seen,
                people_seen=v.people_seen,
                child_voice=v.child_voice,
                concerns=v.concerns,
                safeguarding_concern=v.safeguarding_concern,
                support_offered=v.support_offered,
                next_steps=v.next_steps,
                author=names.get(v.author_id or 0, ""),
            )
            for v in visits
        ),
        documents=tuple(
            StoredDoc(
                id=d.id,
                kind=d.kind,
                title=d.title,
                created_on=_dated(d),
                content=_checked(d),
                sha256=d.sha256,
                parent_id=d.parent_id,
                legal_action_id=d.legal_action_id,
            )
            for d in documents
        ),
        steps=tuple(_step(row) for row in rows),
        policy=load_policy(session),
    )


def _checked(document: GeneratedDocument) -> bytes:
    """A stored document goes into a court bundle only if it is what was made."""
    content = bytes(document.content)
    if hashlib.sha256(content).hexdigest() != document.sha256:
        raise DocumentError(
            f"The stored copy of {document.title!r} does not match the fingerprint recorded "
            "when it was made, so it cannot go into a court bundle. Report this, and make the "
            "document again."
        )
    return content


def _step(row: LegalAction) -> Step:
    try:
        record = pw.action_from_dict(json.loads(row.details_json or "{}"))
        record = _with_id(record, row.id)
    except (ValueError, KeyError, TypeError):
        record = None  # an older or hand-made row: listed, but not counted
    return Step(
        id=row.id,
        kind=row.kind,
        parent_id=row.parent_id,
        started_on=row.started_on,
        posted_on=row.posted_on,
        reference=row.reference,
        amount_pence=row.amount_pence,
        status=row.status,
        record=record,
    )


def _with_id(record: Any, row_id: int) -> Any:
    """Records are stored with their row's id (store/pathway.py); older ones may not be."""
    from dataclasses import replace

    return record if getattr(record, "id", "") else replace(record, id=str(row_id))


def _dated(document: GeneratedDocument) -> date:
    """The date the letter itself bears (its `today`), else the day it was stored."""
    try:
        printed = json.loads(document.source_data_json or "{}").get("fields", {}).get("today")
        return date.fromisoformat(str(printed)[:10]) if printed else _local(document.created_at)
    except (ValueError, AttributeError):
        return _local(document.created_at)


def _local(moment: datetime) -> date:
    return (moment.astimezone(LONDON) if moment.tzinfo else moment).date()
