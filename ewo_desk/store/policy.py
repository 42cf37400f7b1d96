"""The council's policy overrides, kept in the council row and validated against the declared
settings whenever they are read or written."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from ewo_desk.domain.settings import Policy
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.schema import Council


def council(session: Session) -> Council:
    row = session.get(Council, 1)
    if row is None:
        row = Council(id=1)
        session.add(row)
        session.flush()
    return row


def load_policy(session: Session) -> Policy:
    row = session.get(Council, 1)
    raw = json.loads(row.policy_json) if row and row.policy_json else {}
    try:
        return Policy(raw)
    except ValueError as exc:
        raise EwoDeskError(
            f"The council policy saved in this caseload is not valid ({exc}). "
            "Correct it in Settings → Policy."
        ) from None


def save_policy(session: Session, overrides: dict[str, Any]) -> Policy:
    try:
        policy = Policy(overrides)
    except ValueError as exc:
        raise EwoDeskError(f"That policy setting is not valid: {exc}.") from None
    council(session).policy_json = json.dumps(policy.overrides(), sort_keys=True)
    return policy
