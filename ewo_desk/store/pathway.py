"""The legal pathway on the caseload: facts from the vault in, the domain's answers out.

A step's record (domain.pathway.records) is kept whole as JSON in `legal_action.details_json`;
the row's other columns mirror what lists and queries need (kind, parent, date). The domain
decides; this module only gathers facts and stores records.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ewo_desk.domain import pathway as pw
from ewo_desk.domain.attendance import (
    UNAUTHORISED_CODES,
    PupilRegister,
    penalty_threshold,
    unresolved_n_codes,
)
from ewo_desk.domain.attendance.marks import date_of_slot
from ewo_desk.domain.calendar import SchoolCalendar
from ewo_desk.domain.casework import ChronologyKind
from ewo_desk.domain.pathway.record_check import action_date, kind_of
from ewo_desk.domain.settings import Policy
from ewo_desk.domain.worklist import case_work_list, work_list
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.casework import add_note, case_by_ref
from ewo_desk.store.marks import registers
from ewo_desk.store.policy import load_policy
from ewo_desk.store.schema import Case, Child, ChildParent, LegalAction, ParentCarer, School


class StepBlocked(EwoDeskError):
    def __init__(self, decision: pw.Decision) -> None:
        reasons = [r.message for r in decision.reasons if r.severity.value == "block"]
        super().__init__("This step cannot be recorded:\n- " + "\n- ".join(reasons))
        self.decision = decision


def case_facts(session: Session, case: Case, today: date) -> pw.CaseFacts:
    child = case.child
    links = session.scalars(
        sa.select(ChildParent).where(ChildParent.child_id == child.id)
        .options(selectinload(ChildParent.parent))
    ).all()  # fmt: skip
    rows = session.scalars(
        sa.select(LegalAction).where(LegalAction.case_id == case.id).order_by(LegalAction.id)
    ).all()
    return pw.CaseFacts(
        case_ref=case.ref,
        children=(_child_facts(session, child, case.school, today),),
        parents=tuple(
            pw.ParentFacts(
                id=str(link.parent_id),
                name=link.parent.full_name,
                # s.576: a parent is anyone with parental responsibility or care of the child.
                is_parent=link.parental_responsibility or link.lives_with_child,
            )
            for link in links
        ),
        history=tuple(pw.action_from_dict(json.loads(row.details_json)) for row in rows),
    )


def _child_facts(
    session: Session, child: Child, school: School | None, today: date
) -> pw.ChildFacts:
    if child.date_of_birth is None:
        raise EwoDeskError(
            f"Record {child.full_name}'s date of birth: the legal pathway depends on whether the "
            "child is of compulsory school age."
        )
    register = registers(session, [child.id]).get(child.upn or "")
    return child_facts(
        child.id, child.full_name, child.date_of_birth, child.looked_after, school, register, today
    )


def child_facts(
    child_id: int,
    name: str,
    born: date,
    looked_after: bool,
    school: School | None,
    register: PupilRegister | None,
    today: date,
) -> pw.ChildFacts:
    """What the pathway's rules need to know about a child, from a register already read (the
    caseload reads every child's in one query)."""
    threshold = penalty_threshold(register) if register else None
    slots = zip(register.slots, register.codes, strict=True) if register else ()
    unauthorised = tuple(date_of_slot(slot) for slot, code in slots if code in UNAUTHORISED_CODES)
    days = {date_of_slot(slot) for slot in register.slots} if register else set()
    return pw.ChildFacts(
        id=str(child_id),
        name=name,
        date_of_birth=born,
        registered_pupil=school is not None,
        school_kind=school_kind(school),
        school_calendar=SchoolCalendar.from_session_dates(days) if register else None,
        threshold_met_on=(threshold.met_on,) if threshold and threshold.met_on else (),
        unauthorised_sessions=unauthorised,
        unresolved_n_codes=len(unresolved_n_codes(register, today)) if register else 0,
        in_local_authority_care=looked_after,
    )


def school_kind(school: School | None) -> pw.SchoolKind:
    if school is None:
        return pw.SchoolKind.MAINTAINED
    if not school.penalty_notices_apply:
        return pw.SchoolKind.INDEPENDENT
    kinds = {kind.value: kind for kind in pw.SchoolKind}
    return kinds.get(school.establishment_type.lower().replace(" ", "_"), pw.SchoolKind.MAINTAINED)


def pathway_view(
    session: Session, ref: str, today: date, policy: Policy | None = None
) -> dict[str, Any]:
    """Per parent: the step reached, the next allowed and blocked actions (with reasons); and the
    case's deadlines and work items."""
    case = case_by_ref(session, ref)
    policy = policy or load_policy(session)
    facts = case_facts(session, case, today)
    child_id = facts.children[0].id
    parents = []
    for parent in facts.parents:
        stage = pw.current_stage(parent.id, child_id, facts, today, policy)
        nxt = pw.next_actions(parent.id, child_id, facts, today, policy)
        parents.append({
            "parent_id": parent.id,
            "name": parent.name,
            "step": None if stage is None else {
                "kind": stage.kind.value, "label": stage.label, "since": stage.since.isoformat(),
                "status": stage.status,
            },
            "next_allowed": [d.as_dict() for d in nxt.allowed],
            "blocked": [d.as_dict() for d in nxt.blocked],
        })  # fmt: skip
    return {
        "parents": parents,
        "deadlines": [item.as_dict() for item in case_work_list(facts, today, policy)],
    }


def record_step(
    session: Session,
    ref: str,
    record: pw.LegalAction,
    today: date,
    *,
    override_reason: str = "",
    legal_action_id: int | None = None,
) -> tuple[LegalAction, pw.Decision]:
    """Check a new or changed record against the case and store it. A blocked step is refused
    unless the officer records why it goes ahead (kept with the record and in the chronology)."""
    case = case_by_ref(session, ref)
    policy = load_policy(session)
    facts = case_facts(session, case, today)
    if legal_action_id is not None:
        facts = replace(
            facts, history=tuple(a for a in facts.history if a.id != str(legal_action_id))
        )
    decision = pw.check_action(record, facts, today, policy)
    if not decision.allowed and not override_reason.strip():
        raise StepBlocked(decision)
    row = session.get(LegalAction, legal_action_id) if legal_action_id else None
    if row is None:
        row = LegalAction(
            case_id=case.id, kind=kind_of(record).value, started_on=action_date(record)
        )
        session.add(row)
        session.flush()
    record = replace(record, id=str(row.id))
    parent_id = getattr(record, "parent_id", None)
    row.kind = kind_of(record).value
    row.parent_id = int(parent_id) if parent_id else None
    row.started_on = action_date(record)
    row.posted_on = getattr(record, "posted_on", None)
    row.reason = override_reason.strip()
    row.details_json = json.dumps(pw.action_to_dict(record), sort_keys=True)
    _advance_stage(case, facts, record)
    label = pw.step_label(kind_of(record), policy)
    text = f"{label} recorded ({action_date(record):%d/%m/%Y})."
    warnings = [r.message for r in decision.reasons if r.severity.value != "block"]
    if override_reason.strip():
        text += f"\nRecorded despite a rule, because: {override_reason.strip()}"
    if warnings:
        text += "\nWarnings: " + " ".join(warnings)
    entry = add_note(session, ref, text, kind=ChronologyKind.LEGAL_STEP)
    entry.legal_action_id = row.id
    return row, decision


def _advance_stage(case: Case, facts: pw.CaseFacts, record: pw.LegalAction) -> None:
    order = [kind.value for kind in pw.StepKind]
    new = kind_of(record).value
    if case.stage not in order or order.index(new) > order.index(case.stage):
        case.stage = new


def caseload_facts(session: Session, today: date, open_only: bool = False) -> list[pw.CaseFacts]:
    query = sa.select(Case).options(selectinload(Case.child), selectinload(Case.school))
    if open_only:
        query = query.where(Case.status == "open")
    facts = []
    for case in session.scalars(query.order_by(Case.ref)):
        try:
            facts.append(case_facts(session, case, today))
        except EwoDeskError:
            continue  # a case that cannot be assessed yet (no date of birth) has no steps
    return facts


def open_case_facts(
    session: Session, today: date, held: Mapping[int, PupilRegister] | None = None
) -> list[pw.CaseFacts]:
    """`caseload_facts(open_only=True)` for the cases that have a legal step, in a few queries
    whatever the caseload's size (deadlines come only from steps: a case without one has none).
    At 5,000 cases this takes well under a second where the case-by-case reading takes 9 s."""
    c, ch = Case.__table__.c, Child.__table__.c
    steps: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for case_id, action_id, details in session.execute(
        sa.select(LegalAction.case_id, LegalAction.id, LegalAction.details_json)
        .join(Case, Case.id == LegalAction.case_id)
        .where(c.status == "open")
        .order_by(LegalAction.id)
    ):
        steps[case_id].append((action_id, details))
    if not steps:
        return []
    cases = session.execute(
        sa.select(c.id, c.ref, ch.id, ch.upn, ch.given_names, ch.family_name, ch.date_of_birth,
                  ch.looked_after, School)
        .join(Child, c.child_id == ch.id)
        .outerjoin(School, School.id == c.school_id)
        .where(c.id.in_(list(steps)))
    ).all()  # fmt: skip
    child_ids = [row[2] for row in cases]
    if held is None:  # the caseload page passes the registers it has already read
        by_upn = registers(session, child_ids)
        held = {row[2]: by_upn[row[3]] for row in cases if row[3] in by_upn}
    links: dict[int, list[pw.ParentFacts]] = defaultdict(list)
    p = ParentCarer.__table__.c
    for child_id, parent_id, pr, lives_with, title, given, family in session.execute(
        sa.select(ChildParent.child_id, ChildParent.parent_id,
                  ChildParent.parental_responsibility, ChildParent.lives_with_child,
                  p.title, p.given_names, p.family_name)
        .join(ParentCarer, ParentCarer.id == ChildParent.parent_id)
        .where(ChildParent.child_id.in_(child_ids))
    ):  # fmt: skip
        name = " ".join(part for part in (title, given, family) if part)
        # s.576: a parent is anyone with parental responsibility or care of the child.
        links[child_id].append(pw.ParentFacts(str(parent_id), name, is_parent=pr or lives_with))
    facts = []
    for case_id, ref, child_id, upn, given, family, born, looked_after, school in cases:
        if born is None:
            continue  # as caseload_facts: a case without a date of birth cannot be assessed
        register = held.get(child_id) if upn else None
        facts.append(
            pw.CaseFacts(
                case_ref=ref,
                children=(
                    child_facts(
                        child_id, f"{given} {family}", born, looked_after, school, register, today
                    ),
                ),
                parents=tuple(links.get(child_id, ())),
                history=tuple(pw.action_from_dict(json.loads(d)) for _id, d in steps[case_id]),
            )
        )
    return sorted(facts, key=lambda f: f.case_ref)


def open_deadlines(session: Session, ref: str, today: date) -> list[str]:
    """The case's pathway deadlines still to meet, in words, for a warning before it is closed
    (a closed case leaves My work, and a time limit would then pass unseen)."""
    case = case_by_ref(session, ref)
    try:
        facts = case_facts(session, case, today)
    except EwoDeskError:
        return []  # no date of birth: the pathway cannot assess the case, so it has no deadlines
    items = case_work_list(facts, today, load_policy(session))
    return [f"{item.deadline.title} (due {item.as_dict()['due_on_display']})" for item in items]


def caseload_work_list(session: Session, today: date) -> list[dict[str, Any]]:
    policy = load_policy(session)
    return [item.as_dict() for item in work_list(open_case_facts(session, today), today, policy)]
