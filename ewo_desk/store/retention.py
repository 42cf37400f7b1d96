"""The retention review list, and deletion that really removes a case's data.

Deleting a case removes its chronology, visits, legal actions, documents, tasks and the child's
marks; the child and parents go too unless another case still needs them. The audit trail keeps
a record that the deletion happened, and the payloads that held the deleted values are redacted
(the hash chain still verifies). Then the freed pages are overwritten (secure_delete) and the
file is compacted (VACUUM) so no old page survives in the database or its WAL.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ewo_desk.domain.retention import RetentionFacts, retention
from ewo_desk.store import audit
from ewo_desk.store.casework import case_by_ref
from ewo_desk.store.policy import load_policy
from ewo_desk.store.schema import (
    AttendanceMark,
    AuditEntry,
    Case,
    Child,
    ChildParent,
    ChronologyEntry,
    ChronologyRevision,
    GeneratedDocument,
    HomeVisit,
    LegalAction,
    ParentCarer,
    Task,
)
from ewo_desk.store.schema.cases import chronology_document


def review_list(session: Session, today: date) -> list[dict[str, Any]]:
    """Closed cases whose retention date has come, with the reason, oldest first."""
    policy = load_policy(session)
    due = []
    for case, child in session.execute(
        sa.select(Case, Child)
        .join(Child, Case.child_id == Child.id)
        .where(Case.closed_on.is_not(None))
    ):
        decision = retention(
            RetentionFacts(case.closed_on, child.date_of_birth, child.child_protection, child.ehcp,
                           child.looked_after),
            policy,
        )  # fmt: skip
        if decision.due(today):
            due.append(
                {
                    "ref": case.ref,
                    "due_on": decision.due_on.isoformat(),
                    "reason": decision.reason,
                    "closed_on": case.closed_on.isoformat(),
                }
            )
    return sorted(due, key=lambda row: row["due_on"])


def delete_case(session: Session, ref: str, reason: str) -> dict[str, int]:
    """Remove the case and everything only it needed. Audited; payloads redacted."""
    case = case_by_ref(session, ref)
    child_id, case_id = case.child_id, case.id
    removed: dict[str, list[str]] = {}

    def gone(table: sa.Table, where: sa.ColumnElement[bool], key: str = "id") -> None:
        ids = [str(v) for v in session.execute(sa.select(table.c[key]).where(where)).scalars()]
        if ids:
            removed.setdefault(table.name, []).extend(ids)
            session.execute(sa.delete(table).where(where))

    entries = sa.select(ChronologyEntry.id).where(ChronologyEntry.case_id == case_id)
    session.execute(
        sa.delete(chronology_document).where(chronology_document.c.entry_id.in_(entries))
    )
    gone(ChronologyRevision.__table__, ChronologyRevision.entry_id.in_(entries))
    gone(ChronologyEntry.__table__, ChronologyEntry.case_id == case_id)
    gone(GeneratedDocument.__table__, GeneratedDocument.case_id == case_id)
    gone(HomeVisit.__table__, HomeVisit.case_id == case_id)
    gone(LegalAction.__table__, LegalAction.case_id == case_id)
    gone(Task.__table__, Task.case_id == case_id)
    gone(Case.__table__, Case.id == case_id)
    if not session.scalar(sa.select(sa.func.count(Case.id)).where(Case.child_id == child_id)):
        gone(AttendanceMark.__table__, AttendanceMark.child_id == child_id)
        parents = list(
            session.scalars(
                sa.select(ChildParent.parent_id).where(ChildParent.child_id == child_id)
            )
        )
        session.execute(sa.delete(ChildParent).where(ChildParent.child_id == child_id))
        gone(Child.__table__, Child.id == child_id)
        for parent_id in parents:
            if not session.scalar(
                sa.select(sa.func.count()).where(ChildParent.parent_id == parent_id)
            ):
                gone(ParentCarer.__table__, ParentCarer.id == parent_id)
    _redact(session, removed)
    counts = {table: len(ids) for table, ids in removed.items()}
    audit.record(session, "retention_delete", "case_file", case_id, reason=reason, removed=counts)
    return counts


def compact(engine: sa.Engine) -> None:
    """After deletions: rewrite the file without free pages and empty the WAL."""
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        raw.execute("VACUUM")
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _redact(session: Session, removed: dict[str, list[str]]) -> None:
    table = AuditEntry.__table__
    for entity, ids in removed.items():
        for chunk in range(0, len(ids), 500):
            session.execute(
                sa.update(table)
                .where(table.c.entity == entity, table.c.entity_id.in_(ids[chunk : chunk + 500]))
                .values(payload=None)
            )
