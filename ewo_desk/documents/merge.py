"""The merge fields a letter template can use, built from the case record.

`case_detail` (the read model the CLI and GUI share) gives the child, parents, school, legal
actions, chronology and visits; the council and officer rows add the letterhead and signatory.
Dates are `date` objects and amounts `Money`, so the template layer prints them one way
(dd/mm/yyyy, £80.00). Today's date is passed in, never read from the clock here.

Attendance figures are not here: they depend on the period the officer chooses when making the
letter, so letters.py adds the `attendance.` group (attendance_fields.py) once the asks are in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ewo_desk.documents.errors import DocumentError
from ewo_desk.documents.letterhead import CouncilIdentity, Signatory
from ewo_desk.documents.values import LONDON, Day, Money
from ewo_desk.store.casework import case_by_ref, case_detail, current_officer
from ewo_desk.store.schema import Council, LegalAction, Officer, ParentCarer

# Penalty notice amounts and periods under the national framework from 19 Aug 2024
# (attendance-law.md §3.3; EA 1996 s.444A, SI 2007/1867 as amended by SI 2024/210): a first notice
# £80 if paid within 21 days, otherwise £160 within 28 days; a second notice to the same parent
# for the same child within 3 years £160 within 28 days. A council's policy overrides use the
# same keys as the pathway settings (ewo_desk.domain.pathway.policy).
PENALTY_DEFAULTS = {
    "pathway.pn_first_reduced_pence": 8000,
    "pathway.pn_first_full_pence": 16000,
    "pathway.pn_second_pence": 16000,
    "pathway.pn_reduced_days": 21,
    "pathway.pn_full_days": 28,
}

ACTION_LABELS = {
    "attendance_contract": "Attendance contract",
    "attendance_contract_review": "Attendance contract review",
    "notice_to_improve": "Notice to improve",
    "notice_to_improve_review": "Notice to improve review",
    "penalty_notice": "Penalty notice",
    "penalty_notice_payment": "Penalty notice payment",
    "penalty_notice_withdrawal": "Penalty notice withdrawn",
    "eso_considered": "Education supervision order considered (s.447)",
    "eso_consultation": "Children's social care consulted (s.36(8))",
    "eso_application": "Education supervision order applied for",
    "eso_made": "Education supervision order made",
    "interview_under_caution": "Interview under caution",
    "prosecution": "Prosecution",
    "parenting_order": "Parenting order",
    "school_attendance_order": "School attendance order",
}

CHRONOLOGY_LABELS = {
    "note": "Note",
    "phone_call": "Telephone call",
    "meeting": "Meeting",
    "home_visit": "Home visit",
    "school_visit": "School visit",
    "letter": "Letter",
    "legal_step": "Legal step",
    "attendance": "Attendance",
    "referral": "Referral",
    "safeguarding": "Safeguarding",
}


@dataclass(frozen=True)
class MergeSource:
    """The merge fields and what the PDF layer needs beside them (letterhead, signatory)."""

    fields: dict[str, Any]
    council: CouncilIdentity
    signatory: Signatory
    case_id: int
    parent_id: int | None
    legal_action_id: int | None
    officer_id: int | None
    child_id: int | None = None  # the attendance figures (attendance_fields.py) read its marks
    upn: str = ""


def _date(text: str | None) -> Day | None:
    return Day.fromisoformat(text[:10]) if text else None


def _local_date(text: str | None) -> Day | None:
    return Day.of(datetime.fromisoformat(text)) if text else None


def _local_time(text: str | None) -> str:
    if not text:
        return ""
    moment = datetime.fromisoformat(text)
    return (moment.astimezone(LONDON) if moment.tzinfo else moment).strftime("%H:%M")


def year_group_label(year: str) -> str:
    if not year:
        return ""
    if year.upper() == "R":
        return "Reception"
    return f"Year {year}" if year.isdigit() else year


def initials(name: str) -> str:
    return "".join(part[0].upper() for part in name.replace("-", " ").split() if part[:1].isalpha())


def _parent(raw: dict[str, Any] | None, orm: ParentCarer | None) -> dict[str, Any]:
    raw = raw or {}
    title = orm.title if orm else ""
    given = orm.given_names if orm else ""
    family = orm.family_name if orm else ""
    if orm is None:
        salutation = ""
    elif title:
        salutation = f"Dear {title} {family}"
    else:
        salutation = f"Dear {given} {family}"
    return {
        "id": raw.get("id"),
        "name": raw.get("name") or "",
        "title": title,
        "given_names": given,
        "family_name": family,
        "salutation": salutation,
        "relationship": raw.get("relationship") or "",
        "parental_responsibility": raw.get("parental_responsibility"),
        "lives_with_child": raw.get("lives_with_child"),
        "address": list(raw.get("address") or []),
        "phone": raw.get("phone_mobile") or (orm.phone_other if orm else ""),
        "email": raw.get("email") or "",
        "language": raw.get("language") or "",
        "interpreter_needed": bool(raw.get("interpreter_needed")),
    }


def _action(raw: dict[str, Any], names: dict[int, str]) -> dict[str, Any]:
    pence = raw.get("amount_pence")
    return {
        "id": raw["id"],
        "kind": raw["kind"],
        "label": ACTION_LABELS.get(raw["kind"], raw["kind"].replace("_", " ").capitalize()),
        "parent": names.get(raw.get("parent_id") or 0, ""),
        "status": raw.get("status") or "",
        "started_on": _date(raw.get("started_on")),
        "ends_on": _date(raw.get("ends_on")),
        "posted_on": _date(raw.get("posted_on")),
        "amount": Money(pence) if pence is not None else None,
        "reference": raw.get("reference") or "",
        "outcome": raw.get("outcome") or "",
        "reason": raw.get("reason") or "",
    }


def _blank_action() -> dict[str, Any]:
    return dict.fromkeys(
        (
            "id",
            "kind",
            "label",
            "parent",
            "status",
            "started_on",
            "ends_on",
            "posted_on",
            "amount",
            "reference",
            "outcome",
            "reason",
        )
    )


def merge_source(
    session: Session,
    ref: str,
    *,
    today: date,
    parent_id: int | None = None,
    legal_action_id: int | None = None,
) -> MergeSource:
    case = case_by_ref(session, ref)
    detail = case_detail(session, ref, today)
    council_row = session.scalars(sa.select(Council).order_by(Council.id)).first()
    if council_row is None or not council_row.name.strip():
        raise DocumentError(
            "The council's name is not set, so letters have no letterhead. Fill "
            "in the council's details in the settings first."
        )
    officer_row: Officer | None = current_officer(session) or case.officer

    parents_raw = {p["id"]: p for p in detail["parents"]}
    orm_parents = {
        p.id: p
        for p in session.scalars(
            sa.select(ParentCarer).where(ParentCarer.id.in_(list(parents_raw) or [0]))
        )
    }
    if parent_id is not None and parent_id not in parents_raw:
        known = ", ".join(f"{p['id']} ({p['name']})" for p in detail["parents"]) or "none"
        raise DocumentError(
            f"Parent or carer {parent_id} is not linked to {detail['ref']}'s "
            f"child. The parents and carers on this case are: {known}."
        )

    names = {pid: p["name"] for pid, p in parents_raw.items()}
    actions = [_action(a, names) for a in detail["legal_actions"]]
    action = next((a for a in actions if a["id"] == legal_action_id), None)
    if legal_action_id is not None and action is None:
        raise DocumentError(f"Legal step {legal_action_id} is not part of case {detail['ref']}.")
    if action and parent_id is None and action_parent(session, legal_action_id) is not None:
        parent_id = action_parent(session, legal_action_id)

    child_row = case.child
    child = detail["child"]
    school_row = case.school
    council = CouncilIdentity(
        name=council_row.name,
        service=council_row.service_name,
        address=tuple(council_row.address_lines()),
        phone=council_row.phone,
        email=council_row.email,
        letterhead=council_row.letterhead,
        logo=council_row.logo,
    )
    officer = {
        "name": officer_row.name if officer_row else "",
        "role": officer_row.role if officer_row else "",
        "team": officer_row.team if officer_row else "",
        "phone": officer_row.phone if officer_row else "",
        "email": officer_row.email if officer_row else "",
        "initials": initials(officer_row.name) if officer_row else "",
    }
    policy = json.loads(council_row.policy_json or "{}")
    terms = {k: policy.get(k, v) for k, v in PENALTY_DEFAULTS.items()}

    fields: dict[str, Any] = {
        "today": Day.of(today),
        "case": {
            "ref": detail["ref"],
            "opened_on": _date(detail["opened_on"]),
            "status": detail["status"],
            "stage": detail["stage"],
            "referral_reason": detail["referral_reason"] or "",
            "referral_source": detail["referral_source"] or "",
            "officer": detail["officer"] or "",
        },
        "child": {
            "name": f"{child['given_names']} {child['family_name']}",
            "given_names": child["given_names"],
            "family_name": child["family_name"],
            "preferred_name": child["preferred_name"] or "",
            "date_of_birth": _date(child["date_of_birth"]),
            "age": child["age"],
            "year_group": year_group_label(child["year_group"] or ""),
            "upn": child["upn"] or "",
            "address": list(child["address"]),
            "social_worker": child_row.social_worker or "",
            "social_worker_phone": child_row.social_worker_phone or "",
        },
        "parent": _parent(
            parents_raw.get(parent_id) if parent_id else None,
            orm_parents.get(parent_id) if parent_id else None,
        ),
        "parents": [_parent(p, orm_parents.get(p["id"])) for p in detail["parents"]],
        "school": {
            "name": school_row.name if school_row else "",
            "urn": school_row.urn if school_row else "",
            "head_teacher": school_row.head_teacher if school_row else "",
            "address": school_row.address_lines() if school_row else [],
            "phone": school_row.phone if school_row else "",
            "email": school_row.email if school_row else "",
            "phase": school_row.phase if school_row else "",
            "penalty_notices_apply": school_row.penalty_notices_apply if school_row else None,
        },
        "officer": officer,
        "council": {
            "name": council.name,
            "service": council.service,
            "address": list(council.address),
            "phone": council.phone,
            "email": council.email,
        },
        "legal_actions": actions,
        "action": action or _blank_action(),
        "chronology": [
            {
                "date": _local_date(e["occurred_at"]),
                "time": _local_time(e["occurred_at"]),
                "kind": e["kind"],
                "label": CHRONOLOGY_LABELS.get(e["kind"], e["kind"].replace("_", " ").capitalize()),
                "text": e["text"],
                "author": e["author"] or "",
            }
            for e in detail["chronology"]
            if e["status"] == "final"
        ],
        "visits": [
            {
                "date": _local_date(v["visited_at"]),
                "outcome": (v["outcome"] or "").replace("_", " "),
                "child_seen": v["child_seen"],
                "people_seen": v["people_seen"] or "",
                "concerns": v["concerns"] or "",
                "support_offered": v["support_offered"] or "",
                "next_steps": v["next_steps"] or "",
            }
            for v in detail["visits"]
            if v["status"] == "final"
        ],
        "penalty": {
            "first_reduced": Money(int(terms["pathway.pn_first_reduced_pence"])),
            "first_full": Money(int(terms["pathway.pn_first_full_pence"])),
            "second": Money(int(terms["pathway.pn_second_pence"])),
            "reduced_days": int(terms["pathway.pn_reduced_days"]),
            "full_days": int(terms["pathway.pn_full_days"]),
        },
    }
    signatory = Signatory(
        name=officer["name"],
        role=officer["role"],
        team=officer["team"],
        organisation=council.service or council.name,
        signature=officer_row.signature if officer_row else None,
    )
    return MergeSource(
        fields=fields,
        council=council,
        signatory=signatory,
        case_id=case.id,
        parent_id=parent_id,
        legal_action_id=legal_action_id,
        officer_id=officer_row.id if officer_row else None,
        child_id=child_row.id,
        upn=child_row.upn or "",
    )


def action_parent(session: Session, legal_action_id: int | None) -> int | None:
    if legal_action_id is None:
        return None
    row = session.get(LegalAction, legal_action_id)
    return row.parent_id if row else None
