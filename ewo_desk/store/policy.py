"""The council's policy overrides, kept in the council row and validated against the declared
settings whenever they are read or written."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

# Every module that declares settings, so a saved override is recognised in any process.
from ewo_desk.domain import (  # noqa: F401
    attendance,
    court_bundles,
    pathway,
    retention,
    subject_access,
    worklist,
)
from ewo_desk.domain.pathway import check_pathway_policy
from ewo_desk.domain.settings import REGISTRY, Policy
from ewo_desk.errors import EwoDeskError
from ewo_desk.importers import ctf_marks  # noqa: F401
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
            "Correct it with `ewo-desk policy set --file FILE`."
        ) from None


def validate(overrides: dict[str, Any]) -> Policy:
    """A policy from a council's file, or an error listing every problem in it."""
    if not isinstance(overrides, dict):
        raise EwoDeskError('A policy file holds one JSON object: {"setting.name": value, ...}.')
    problems = []
    for key, value in overrides.items():
        if key not in REGISTRY:
            problems.append(f"{key}: there is no such setting (see `ewo-desk policy show`).")
            continue
        try:
            REGISTRY[key].coerce(value)
        except ValueError as exc:
            problems.append(str(exc))
    if not problems:
        problems = check_pathway_policy(Policy(overrides))
    if problems:
        raise EwoDeskError("The policy is not valid:\n- " + "\n- ".join(problems))
    return Policy(overrides)


def save_policy(session: Session, overrides: dict[str, Any]) -> Policy:
    policy = validate(overrides)
    council(session).policy_json = json.dumps(policy.overrides(), sort_keys=True)
    return policy


def describe(policy: Policy) -> list[dict[str, Any]]:
    """Every setting with its value, default and meaning, for `policy show` and Settings."""
    return [
        {"key": key, "value": policy[setting], "default": setting.default, "label": setting.label,
         "help": setting.help}
        for key, setting in sorted(REGISTRY.items())
    ]  # fmt: skip
