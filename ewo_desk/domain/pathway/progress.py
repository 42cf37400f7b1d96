"""Where a parent and child stand on the pathway, and the steps that could come next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ewo_desk.domain.pathway.court_records import (
    EducationSupervisionOrder,
    Prosecution,
)
from ewo_desk.domain.pathway.decision import Decision
from ewo_desk.domain.pathway.engine import may_issue
from ewo_desk.domain.pathway.facts import CaseFacts
from ewo_desk.domain.pathway.penalty_terms import notice_status
from ewo_desk.domain.pathway.policy import step_label
from ewo_desk.domain.pathway.record_check import action_date, kind_of
from ewo_desk.domain.pathway.records import (
    AttendanceContract,
    NoticeToImprove,
    PenaltyNotice,
)
from ewo_desk.domain.pathway.steps import ENTRY_STEPS, StepKind, step_spec
from ewo_desk.domain.settings import Policy

K = StepKind


@dataclass(frozen=True)
class NextActions:
    allowed: tuple[Decision, ...]
    blocked: tuple[Decision, ...]


def steps_taken(parent_id: str | None, child_id: str, case: CaseFacts) -> list[StepKind]:
    taken: list[StepKind] = []
    for action in case.history:
        if action.child_id != child_id:
            continue
        owner = getattr(action, "parent_id", None)
        if parent_id is not None and owner is not None and owner != parent_id:
            continue
        taken.append(kind_of(action))
        if isinstance(action, EducationSupervisionOrder) and action.made_on:
            taken.append(K.ESO_MADE)
        if isinstance(action, Prosecution) and action.outcome is not None:
            taken.append(K.PROSECUTION_OUTCOME)
    return taken


def next_actions(
    parent_id: str | None, child_id: str, case: CaseFacts, today: date, policy: Policy
) -> NextActions:
    """The steps that could come next for this parent and child, allowed or blocked (and why).

    Follow-up steps with nothing to act on (no notice to pay, no order to extend) are left out.
    """
    candidates = set(ENTRY_STEPS)
    for kind in steps_taken(parent_id, child_id, case):
        candidates.update(step_spec(kind).allows_next)
    allowed: list[Decision] = []
    blocked: list[Decision] = []
    for kind in StepKind:  # declaration order: the pathway's own order
        if kind not in candidates:
            continue
        decision = may_issue(kind, parent_id, child_id, case, today, policy)
        if step_spec(kind).acts_on is not None and decision.target_id is None:
            continue
        (allowed if decision.allowed else blocked).append(decision)
    return NextActions(tuple(allowed), tuple(blocked))


@dataclass(frozen=True)
class Stage:
    kind: StepKind
    label: str
    since: date
    action_id: str
    status: str


def current_stage(
    parent_id: str | None, child_id: str, case: CaseFacts, today: date, policy: Policy
) -> Stage | None:
    """The furthest step reached for this parent and child, with its state today."""
    order = list(StepKind)
    mine = [
        a
        for a in case.history
        if a.child_id == child_id
        and getattr(a, "parent_id", None) in (None, parent_id)
        and action_date(a) <= today
    ]
    if not mine:
        return None
    latest = max(mine, key=lambda a: (action_date(a), order.index(kind_of(a))))
    kind = kind_of(latest)
    status = ""
    if isinstance(latest, PenaltyNotice):
        status = notice_status(latest, case, today, policy).value
    elif isinstance(latest, AttendanceContract):
        status = latest.status.value
    elif isinstance(latest, NoticeToImprove):
        outcome = latest.outcome()
        status = outcome.finding.value if outcome else "in_improvement_period"
    elif isinstance(latest, Prosecution):
        status = (
            latest.outcome.result.value
            if latest.outcome
            else "laid"
            if latest.information_laid_on
            else "file_opened"
        )
    elif isinstance(latest, EducationSupervisionOrder):
        status = (
            "discharged"
            if latest.discharged_on
            else "made"
            if latest.made_on
            else "refused"
            if latest.refused_on
            else "applied"
        )
    return Stage(kind, step_label(kind, policy), action_date(latest), latest.id, status)
