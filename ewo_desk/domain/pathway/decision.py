"""The answer to "may I take this step?": allowed, allowed with warnings, or blocked, and why."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from ewo_desk.domain.pathway.formatting import fmt_date
from ewo_desk.domain.pathway.rules import Rule
from ewo_desk.domain.pathway.steps import StepKind, step_spec


class Severity(StrEnum):
    BLOCK = "block"  # the step may not be taken (today)
    WARN = "warn"  # the step may be taken, but the officer should read this first
    NOTE = "note"  # information; nothing is wrong


class Verdict(StrEnum):
    ALLOWED = "allowed"
    ALLOWED_WITH_WARNINGS = "allowed_with_warnings"
    BLOCKED = "blocked"


@dataclass(frozen=True)
class Reason:
    rule: Rule
    severity: Severity
    message: str  # written for the officer: what is wrong and what to do

    def as_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule.id,
            "rule_title": self.rule.title,
            "source": self.rule.source,
            "severity": self.severity.value,
            "message": self.message,
        }


def block(rule: Rule, message: str) -> Reason:
    return Reason(rule, Severity.BLOCK, message)


def warn(rule: Rule, message: str) -> Reason:
    return Reason(rule, Severity.WARN, message)


def note(rule: Rule, message: str) -> Reason:
    return Reason(rule, Severity.NOTE, message)


@dataclass(frozen=True)
class Decision:
    step: StepKind
    parent_id: str | None
    child_id: str
    on: date  # the date the step is (or would be) taken
    reasons: tuple[Reason, ...]
    target_id: str | None = None  # the record a follow-up step acts on (a PN to withdraw...)
    back_dated: bool = False

    @property
    def verdict(self) -> Verdict:
        severities = {r.severity for r in self.reasons}
        if Severity.BLOCK in severities:
            return Verdict.BLOCKED
        if Severity.WARN in severities:
            return Verdict.ALLOWED_WITH_WARNINGS
        return Verdict.ALLOWED

    @property
    def allowed(self) -> bool:
        return self.verdict is not Verdict.BLOCKED

    def by_severity(self, severity: Severity) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.severity is severity)

    def rule_ids(self, severity: Severity | None = None) -> set[str]:
        return {r.rule.id for r in self.reasons if severity is None or r.severity is severity}

    def as_dict(self) -> dict[str, Any]:
        return {
            "step": self.step.value,
            "step_label": step_spec(self.step).label,
            "parent_id": self.parent_id,
            "child_id": self.child_id,
            "on": self.on.isoformat(),
            "target_id": self.target_id,
            "verdict": self.verdict.value,
            "back_dated": self.back_dated,
            "reasons": [r.as_dict() for r in self.reasons],
        }


# Blocks that say the step has nothing to act on: no date in the past makes them recordable.
_ALWAYS_BLOCK = frozenset({"step.target", "step.parent_named"})


def as_back_dated(reasons: tuple[Reason, ...], on: date, today: date) -> tuple[Reason, ...]:
    """Officers record what already happened: a past step that broke a rule is kept, with a note.

    Each block becomes a warning that says the rule was broken on that date, so the record is
    honest and the evidence shows it. A step with no parent or no record to act on stays blocked.
    """
    if on >= today:
        return reasons
    return tuple(
        replace(
            r,
            severity=Severity.WARN,
            message=(
                f"Recorded as taken on {fmt_date(on)}, before today. It broke this rule: "
                f"{r.message}"
            ),
        )
        if r.severity is Severity.BLOCK and r.rule.id not in _ALWAYS_BLOCK
        else r
        for r in reasons
    )
