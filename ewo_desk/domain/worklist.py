"""The officer's work list: what is overdue, due and coming up, per case and across the caseload.

Built from each case's deadlines (`pathway.case_deadlines`); every item carries the rule that made
it. Feeds the "My work" view and `ewo-desk tasks --json`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from ewo_desk.domain.pathway.deadlines import Deadline, case_deadlines
from ewo_desk.domain.pathway.facts import CaseFacts
from ewo_desk.domain.pathway.formatting import fmt_date
from ewo_desk.domain.settings import Policy, setting

WINDOW_DAYS = setting(
    "worklist.window_days",
    14,
    'Days ahead shown as "coming up" in the work list',
    "Items due further ahead appear once inside this window, or from their first reminder.",
)


class WorkStatus(StrEnum):
    OVERDUE = "overdue"  # its due day has passed
    DUE = "due"  # it can be done now and its due day has not passed
    COMING_UP = "coming_up"  # inside the window, or a reminder has started


@dataclass(frozen=True)
class WorkItem:
    status: WorkStatus
    deadline: Deadline
    days_left: int  # negative when overdue
    reminder: str = ""  # e.g. "4 weeks left" once a reminder date has passed

    @property
    def due_on(self) -> date:
        return self.deadline.due_on

    def as_dict(self) -> dict[str, Any]:
        d = self.deadline
        return {
            "status": self.status.value,
            "due_on": d.due_on.isoformat(),
            "due_on_display": fmt_date(d.due_on),
            "opens_on": d.starts_on.isoformat(),
            "days_left": self.days_left,
            "title": d.title,
            "reminder": self.reminder,
            "hard_limit": d.hard,
            "case_ref": d.case_ref,
            "child_id": d.child_id,
            "parent_id": d.parent_id,
            "action_id": d.action_id,
            "rule": d.rule.id,
            "rule_title": d.rule.title,
            "source": d.rule.source,
        }


def classify(deadline: Deadline, today: date, window_days: int) -> WorkItem | None:
    """Place one deadline in the work list, or None if it is not yet worth showing."""
    days_left = (deadline.due_on - today).days
    passed = [r for r in deadline.reminders if r <= today]
    reminder = ""
    if passed and days_left >= 0:
        weeks = (deadline.due_on - max(passed)).days // 7
        reminder = f"{weeks} week{'s' if weeks != 1 else ''} left"
    if days_left < 0:
        status = WorkStatus.OVERDUE
    elif deadline.starts_on <= today:
        status = WorkStatus.DUE
    elif passed or (deadline.starts_on - today).days <= window_days:
        status = WorkStatus.COMING_UP
    else:
        return None
    return WorkItem(status, deadline, days_left, reminder)


def _sort_key(item: WorkItem) -> tuple[date, int, str, str]:
    rank = {WorkStatus.OVERDUE: 0, WorkStatus.DUE: 1, WorkStatus.COMING_UP: 2}[item.status]
    return (item.due_on, rank, item.deadline.case_ref, item.deadline.title)


def case_work_list(case: CaseFacts, today: date, policy: Policy) -> list[WorkItem]:
    window = policy[WINDOW_DAYS]
    items = (classify(d, today, window) for d in case_deadlines(case, today, policy))
    return sorted((i for i in items if i is not None), key=_sort_key)


def work_list(caseload: Iterable[CaseFacts], today: date, policy: Policy) -> list[WorkItem]:
    """The whole caseload's work, earliest due first."""
    items = [item for case in caseload for item in case_work_list(case, today, policy)]
    return sorted(items, key=_sort_key)


def summary(items: Iterable[WorkItem]) -> dict[str, int]:
    counts = {status.value: 0 for status in WorkStatus}
    for item in items:
        counts[item.status.value] += 1
    return counts
