"""The council's policy overrides, kept in the council row and validated against the declared
settings whenever they are read or written."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

# Every module that declares settings, so a saved override is recognised in any process.
from ewo_desk.domain import (  # noqa: F401
    attendance,
    backup_schedule,
    court_bundles,
    pathway,
    retention,
    security,
    subject_access,
    worklist,
)
from ewo_desk.domain.backup_schedule import check_backup_policy
from ewo_desk.domain.pathway import check_pathway_policy
from ewo_desk.domain.security import check_security_policy
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
    found = problems(overrides)
    if found:
        raise EwoDeskError("The policy is not valid:\n- " + "\n- ".join(m for _, m in found))
    return Policy(overrides)


def problems(overrides: dict[str, Any]) -> list[tuple[tuple[str, ...], str]]:
    """Every problem with a council's overrides, each with the settings it is about.

    A rule across several settings (say, shortest <= longest) is put against each changed setting
    whose default would make the problem go away, so Settings can show it beside those fields.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    for key, value in overrides.items():
        if key not in REGISTRY:
            found.append(((key,), f"{key}: there is no such setting (see `ewo-desk policy show`)."))
            continue
        try:
            REGISTRY[key].coerce(value)
        except ValueError as exc:
            found.append(((key,), str(exc)))
    if found:
        return found  # the rules below need every value to have its declared type
    return [(_culprits(overrides, message), message) for message in _rule_problems(overrides)]


def _rule_problems(overrides: dict[str, Any]) -> list[str]:
    policy = Policy(overrides)
    return (
        check_pathway_policy(policy)
        + check_security_policy(policy)
        + check_backup_policy(policy)
    )


def _culprits(overrides: dict[str, Any], message: str) -> tuple[str, ...]:
    return tuple(
        key
        for key in sorted(overrides)
        if message not in _rule_problems({k: v for k, v in overrides.items() if k != key})
    )


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
