"""Writing one case: the case row, its legal actions, chronology, visits and tasks.

Chronology text may quote register figures, which exist only once the marks are drawn, so entries
are kept pending (their text a function of the register) and written at the end. Legal actions and
tasks name their case by id, so they wait for the first flush too.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ewo_desk.demo.marks import MarksPlan, Register
from ewo_desk.demo.names import ParentSpec
from ewo_desk.demo.people import Kid, World
from ewo_desk.demo.schoolyear import DemoCalendar, at
from ewo_desk.store.schema import (
    Case,
    ChronologyEntry,
    HomeVisit,
    LegalAction,
    Officer,
    ParentCarer,
    Task,
)

Text = str | Callable[[Register], str]

# The furthest step reached decides Case.stage (a declined ESO was considered, not reached).
STAGES = (
    "support",
    "attendance_contract",
    "notice_to_improve",
    "penalty_notice",
    "school_attendance_order",
    "education_supervision_order",
    "prosecution",
    "parenting_order",
)
NOT_REACHED = frozenset({"declined"})
HOURS = {
    "referral": 9, "attendance": 9, "phone_call": 11, "note": 12, "school_visit": 13,
    "meeting": 14, "letter": 15, "legal_step": 16, "safeguarding": 17,
}  # fmt: skip


def d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def money(pence: int) -> str:
    return f"£{pence / 100:,.2f}"


@dataclass
class Pending:
    case: Case
    kind: str
    when: datetime
    text: Text
    author: Officer
    status: str = "final"
    action: LegalAction | None = None
    visit: HomeVisit | None = None


@dataclass
class Ctx:
    session: Session
    rng: random.Random
    today: date
    cal: DemoCalendar
    world: World
    plans: dict[str, MarksPlan] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)
    actions: list[tuple[LegalAction, Case]] = field(default_factory=list)
    tasks: list[tuple[Task, Case]] = field(default_factory=list)
    entries: list[Pending] = field(default_factory=list)
    visits: int = 0
    counters: dict[str, int] = field(default_factory=dict)

    def reference(self, prefix: str, day: date) -> str:
        key = f"{prefix}/{day.year}"
        self.counters[key] = self.counters.get(key, 0) + 1
        return f"NB/{key}/{self.counters[key]:04d}"

    def ago(self, n: int) -> date:
        return self.cal.ago(n)


class CaseBook:
    """One case being written. Dates passed in are school days unless a step says otherwise."""

    def __init__(
        self,
        ctx: Ctx,
        kid: Kid,
        opened: date,
        reason: str,
        source: str,
        officer: Officer | None = None,
    ) -> None:
        self.ctx, self.kid = ctx, kid
        self.officer = officer or ctx.world.owner
        ctx.counters["case"] = ctx.counters.get("case", 0) + 1
        self.case = Case(
            ref=f"DEMO-{ctx.counters['case']}",  # numbered by opening date later
            child=kid.child,
            school=ctx.world.schools[kid.spec.school],
            officer=self.officer,
            opened_on=opened,
            referral_reason=reason,
            referral_source=source,
        )
        ctx.session.add(self.case)
        ctx.cases.append(self.case)
        self.actions: list[LegalAction] = []
        self.plan = ctx.plans.setdefault(kid.key, MarksPlan(upn=kid.child.upn or ""))
        self.rng = ctx.rng

    # --- names the text needs ---------------------------------------------------------------

    @property
    def school(self) -> str:
        return self.ctx.world.schools[self.kid.spec.school].name

    @property
    def contact(self) -> str:
        key = self.kid.spec.school
        people = self.ctx.world.contacts[key]
        return f"{people[0].name} ({people[0].role.lower()})"

    def parent_names(self, parents: Sequence[tuple[ParentCarer, ParentSpec]] | None = None) -> str:
        chosen = parents if parents is not None else self.kid.parents()
        return " and ".join(f"{spec.given} {spec.family}" for _p, spec in chosen)

    # --- records -----------------------------------------------------------------------------

    def entry(
        self,
        kind: str,
        day: date,
        text: Text,
        *,
        hour: int | None = None,
        action: LegalAction | None = None,
        visit: HomeVisit | None = None,
        status: str = "final",
        author: Officer | None = None,
    ) -> None:
        """A chronology entry at a plausible time of day for its kind."""
        minute = self.rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50))
        when = at(day, HOURS.get(kind, 12) if hour is None else hour, minute)
        self.ctx.entries.append(
            Pending(self.case, kind, when, text, author or self.officer, status, action, visit)
        )

    def action(
        self,
        kind: str,
        parent: ParentCarer | None,
        status: str,
        started: date,
        *,
        ends: date | None = None,
        posted: date | None = None,
        amount: int | None = None,
        prefix: str = "",
        outcome: str = "",
        reason: str = "",
        details: dict[str, Any] | None = None,
    ) -> LegalAction:
        record = LegalAction(
            parent=parent,
            kind=kind,
            status=status,
            started_on=started,
            ends_on=ends,
            posted_on=posted,
            amount_pence=amount,
            reference=self.ctx.reference(prefix, started) if prefix else "",
            outcome=outcome,
            reason=reason,
            details_json=json.dumps(details or {}, ensure_ascii=False, sort_keys=True, default=str),
        )
        self.actions.append(record)
        self.ctx.actions.append((record, self.case))
        return record

    def task(
        self,
        title: str,
        due: date | None,
        *,
        kind: str = "task",
        rule: str = "",
        done: date | None = None,
    ) -> None:
        record = Task(
            title=title,
            due_on=due,
            kind=kind,
            rule=rule,
            status="done" if done else "open",
            done_at=at(done, 16, 30) if done else None,
        )
        self.ctx.tasks.append((record, self.case))

    def visit(
        self,
        day: date,
        hour: int,
        outcome: str | None,
        *,
        child_seen: bool | None = None,
        people_seen: str = "",
        child_voice: str = "",
        concerns: str = "",
        safeguarding_action: str = "",
        support: str = "",
        next_steps: str = "",
        status: str = "final",
        author: Officer | None = None,
    ) -> HomeVisit:
        when = at(day, hour, self.rng.choice((0, 10, 15, 30, 45)))
        visit = HomeVisit(
            case=self.case,
            author_id=(author or self.officer).id,
            status=status,
            visited_at=when,
            address="\n".join(self.kid.child.address_lines()),
            outcome=outcome,
            child_seen=child_seen,
            people_seen=people_seen,
            child_voice=child_voice,
            concerns=concerns,
            safeguarding_concern=bool(safeguarding_action),
            safeguarding_procedure_followed=bool(safeguarding_action),
            safeguarding_action=safeguarding_action,
            support_offered=support,
            next_steps=next_steps,
            finalised_at=when + timedelta(hours=2) if status == "final" else None,
        )
        self.ctx.session.add(visit)
        self.ctx.visits += 1
        if status == "final":
            self.entry(
                "home_visit", day, _visit_summary(visit), hour=hour, visit=visit, author=author
            )
        return visit

    def close(self, day: date, reason: str) -> None:
        self.case.status, self.case.closed_on, self.case.closure_reason = "closed", day, reason
        self.entry("note", day, f"Case closed. {reason}", hour=15)

    def finish(self) -> None:
        reached = [a.kind for a in self.actions if a.status not in NOT_REACHED]
        self.case.stage = max(reached, key=STAGES.index, default="support")


def _visit_summary(visit: HomeVisit) -> str:
    outcome = (visit.outcome or "").replace("_", " ")
    parts = [f"Home visit: {outcome}."]
    if visit.child_seen is not None:
        parts.append("Child seen." if visit.child_seen else "Child not seen.")
    for label, text in (
        ("Seen", visit.people_seen),
        ("Child's voice", visit.child_voice),
        ("Concerns", visit.concerns),
        ("Safeguarding action", visit.safeguarding_action),
        ("Support offered", visit.support_offered),
        ("Next steps", visit.next_steps),
    ):
        if text:
            parts.append(f"{label}: {text}")
    return "\n".join(parts)


def resolve(ctx: Ctx, register: Register) -> int:
    """Write the pending legal actions, tasks and chronology. Returns the number of entries."""
    session = ctx.session
    session.flush()  # cases, people and visits get their ids
    for record, case in ctx.actions:
        record.case_id = case.id
    for task, case in ctx.tasks:
        task.case_id = case.id
    session.add_all([r for r, _c in ctx.actions] + [t for t, _c in ctx.tasks])
    session.flush()
    pending = sorted(ctx.entries, key=lambda p: (p.case.id, p.when))
    for p in pending:
        text = p.text(register) if callable(p.text) else p.text
        session.add(
            ChronologyEntry(
                case=p.case,
                kind=p.kind,
                occurred_at=p.when,
                text=text,
                author_id=p.author.id,
                status=p.status,
                legal_action_id=p.action.id if p.action else None,
                home_visit_id=p.visit.id if p.visit else None,
                created_at=p.when + timedelta(minutes=20),
            )
        )
    session.flush()
    return len(pending)
