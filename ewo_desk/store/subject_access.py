"""Everything held about one person, for a subject access request.

Records are copied as they are; any record that also holds someone else's details is marked
`redaction_review` with the reason, for the officer to decide before anything is sent.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ewo_desk.domain.subject_access import response_due, statement
from ewo_desk.errors import NotFound
from ewo_desk.store.casework import case_detail
from ewo_desk.store.policy import load_policy
from ewo_desk.store.schema import AttendanceMark, Case, ChildParent, GeneratedDocument, ParentCarer

OTHER_PEOPLE = "Holds details of other people: review before release."
FREE_TEXT = "Free text written by officers may mention other people: review before release."


def child_export(
    session: Session, ref: str, today: date, received_on: date | None = None
) -> dict[str, Any]:
    case = session.scalars(sa.select(Case).where(Case.ref == ref.strip().upper())).first()
    if case is None:
        raise NotFound(f"There is no case {ref!r}.")
    child = case.child
    cases = session.scalars(
        sa.select(Case).where(Case.child_id == child.id).order_by(Case.opened_on)
    ).all()
    details = [case_detail(session, c.ref, today) for c in cases]
    marks = session.execute(
        sa.select(AttendanceMark.date, AttendanceMark.session, AttendanceMark.code)
        .where(AttendanceMark.child_id == child.id)
        .order_by(AttendanceMark.date, AttendanceMark.session, AttendanceMark.import_id)
    ).all()
    return _envelope(
        session,
        subject={"kind": "child", **details[0]["child"]},
        received_on=received_on or today,
        sections={
            "cases": [_case_section(d) for d in details],
            "attendance_marks": [
                {"date": d.isoformat(), "session": s, "code": c} for d, s, c in marks
            ],
            "documents": _documents(session, [c.id for c in cases]),
        },
    )


def parent_export(
    session: Session, parent_id: int, today: date, received_on: date | None = None
) -> dict[str, Any]:
    parent = session.get(ParentCarer, parent_id)
    if parent is None:
        raise NotFound(f"There is no parent/carer with id {parent_id}.")
    links = session.scalars(sa.select(ChildParent).where(ChildParent.parent_id == parent_id)).all()
    cases = session.scalars(
        sa.select(Case).where(Case.child_id.in_([link.child_id for link in links]))
    ).all()
    details = [case_detail(session, c.ref, today) for c in cases]
    own_actions = [a for d in details for a in d["legal_actions"] if a["parent_id"] == parent_id]
    return _envelope(
        session,
        subject={
            "kind": "parent_carer",
            "name": parent.full_name,
            "address": parent.address_lines(),
            "phone_mobile": parent.phone_mobile,
            "phone_other": parent.phone_other,
            "email": parent.email,
            "language": parent.language,
            "interpreter_needed": parent.interpreter_needed,
            "safety_notes": parent.safety_notes,
        },  # fmt: skip
        received_on=received_on or today,
        sections={
            "children": [
                {
                    "case": d["ref"],
                    "child": d["child"]["given_names"] + " " + d["child"]["family_name"],
                    "redaction_review": "The child's own data: release only as the law allows.",
                }
                for d in details
            ],
            "legal_actions_against_you": own_actions,
            "case_records": [_case_section(d) for d in details],
            "documents": _documents(session, [c.id for c in cases], parent_id=parent_id),
        },
    )


def _envelope(
    session: Session, subject: dict[str, Any], received_on: date, sections: dict[str, Any]
) -> dict[str, Any]:
    policy = load_policy(session)
    return {
        "subject": subject,
        "received_on": received_on.isoformat(),
        "respond_by": response_due(received_on).isoformat(),
        "statement": statement(
            policy,
            "Kept under the council's retention schedule; see the retention review for this case.",
        ),
        **sections,
    }


def _case_section(detail: dict[str, Any]) -> dict[str, Any]:
    return {
        "ref": detail["ref"],
        "status": detail["status"],
        "opened_on": detail["opened_on"],
        "closed_on": detail["closed_on"],
        "school": detail["school"],
        "people": [{**p, "redaction_review": OTHER_PEOPLE} for p in detail["parents"]],
        "siblings": [{**s, "redaction_review": OTHER_PEOPLE} for s in detail["siblings"]],
        "chronology": [{**e, "redaction_review": FREE_TEXT} for e in detail["chronology"]],
        "visits": [{**v, "redaction_review": FREE_TEXT} for v in detail["visits"]],
        "legal_actions": detail["legal_actions"],
    }


def _documents(
    session: Session, case_ids: list[int], parent_id: int | None = None
) -> list[dict[str, Any]]:
    query = sa.select(GeneratedDocument).where(GeneratedDocument.case_id.in_(case_ids))
    if parent_id is not None:
        query = query.where(
            sa.or_(GeneratedDocument.parent_id == parent_id, GeneratedDocument.parent_id.is_(None))
        )
    return [
        {
            "title": d.title,
            "kind": d.kind,
            "created_at": d.created_at.isoformat(),
            "sha256": d.sha256,
        }
        for d in session.scalars(query.order_by(GeneratedDocument.created_at))
    ]


__all__ = ["child_export", "parent_export"]
