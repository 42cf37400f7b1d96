"""Recording and verifying the audit trail.

Every flush of case data is recorded by one session hook (who, when, what; before and after for
edits), so no command can forget to audit. Events the ORM cannot see (a document printed or
exported, a bulk import) are recorded with `record`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from ewo_desk.store.schema import AuditEntry, Officer
from ewo_desk.store.schema.base import utcnow

GENESIS = "0" * 64
_TABLE = AuditEntry.__table__


def install(sessions: sessionmaker[Session]) -> None:
    event.listen(sessions, "after_flush", _after_flush)


def record(
    session: Session, action: str, entity: str, entity_id: object = "", **payload: Any
) -> None:
    """Record an event the ORM does not see (generate, export, print, import...)."""
    _append(session, [(action, entity, str(entity_id), payload)])


@dataclass(frozen=True)
class Verification:
    entries: int
    redacted: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(session: Session) -> Verification:
    problems: list[str] = []
    previous, expected_seq, redacted, count = GENESIS, 1, 0, 0
    for row in session.execute(sa.select(_TABLE).order_by(_TABLE.c.seq)).mappings():
        count += 1
        seq = row["seq"]
        if seq != expected_seq:
            problems.append(f"entries {expected_seq}–{seq - 1} are missing (deleted)")
        if row["prev_hash"] != previous:
            problems.append(
                f"entry {seq} does not follow the entry before it (reordered or altered)"
            )
        if row["payload"] is None:
            redacted += 1
        elif _digest(row["payload"]) != row["payload_sha256"]:
            problems.append(f"entry {seq}: its recorded values were altered")
        if _chain(row["prev_hash"], row) != row["hash"]:
            problems.append(f"entry {seq}: its details were altered")
        previous, expected_seq = row["hash"], seq + 1
    return Verification(count, redacted, problems)


# --- internals --------------------------------------------------------------------------------


def _after_flush(session: Session, _context: Any) -> None:
    events = []
    for obj in session.new:
        if not isinstance(obj, AuditEntry):
            events.append(("create", obj, {"after": _values(obj)}))
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) or not session.is_modified(obj, include_collections=False):
            continue
        before, after = _changes(obj)
        if after:
            events.append(("update", obj, {"before": before, "after": after}))
    for obj in session.deleted:
        if not isinstance(obj, AuditEntry):
            events.append(("delete", obj, {"before": _values(obj)}))
    if events:
        _append(
            session,
            [(action, _entity(obj), _key(obj), payload) for action, obj, payload in events],
        )


def _append(session: Session, events: list[tuple[str, str, str, dict[str, Any]]]) -> None:
    conn = session.connection()
    last = conn.execute(
        sa.select(_TABLE.c.seq, _TABLE.c.hash).order_by(_TABLE.c.seq.desc()).limit(1)
    ).first()
    seq, previous = (last.seq, last.hash) if last else (0, GENESIS)
    officer_id = conn.execute(
        sa.select(Officer.__table__.c.id).where(Officer.__table__.c.is_vault_owner).limit(1)
    ).scalar()
    at = utcnow()
    rows = []
    for action, entity, entity_id, payload in events:
        seq += 1
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=_jsonable)
        row = {
            "seq": seq,
            "at": at,
            "officer_id": officer_id,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "payload": text,
            "payload_sha256": _digest(text),
            "prev_hash": previous,
        }
        row["hash"] = previous = _chain(previous, row)
        rows.append(row)
    conn.execute(sa.insert(_TABLE), rows)


def _chain(previous: str, row: Any) -> str:
    at = row["at"].isoformat(timespec="microseconds")
    fields = [previous, str(row["seq"]), at, str(row["officer_id"]), row["action"],
              row["entity"], row["entity_id"], row["payload_sha256"]]  # fmt: skip
    return hashlib.sha256("|".join(fields).encode()).hexdigest()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _entity(obj: object) -> str:
    return str(inspect(obj).mapper.local_table.name)


def _key(obj: object) -> str:
    # Read from the instance: a new object's identity key is only set once the flush completes.
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return "/".join(str(part) for part in key)


def _values(obj: object) -> dict[str, Any]:
    state = inspect(obj)
    return {attr.key: attr.value for attr in state.attrs if attr.key in state.mapper.columns}


def _changes(obj: object) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before, after = {}, {}
    for attr in state.attrs:
        if attr.key not in state.mapper.columns:
            continue
        history = attr.history
        if history.has_changes() and (history.deleted or history.added):
            before[attr.key] = history.deleted[0] if history.deleted else None
            after[attr.key] = history.added[0] if history.added else None
    return before, after


def _jsonable(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        # Blobs (letters, signatures) are identified, not copied, into the trail.
        return {"bytes": len(value), "sha256": hashlib.sha256(value).hexdigest()}
    if isinstance(value, memoryview):
        return _jsonable(bytes(value))
    return str(value)
