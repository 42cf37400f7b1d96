"""Writing one case: the case row, its legal actions, chronology, visits and tasks.

Chronology text may quote register figures, which exist only once the marks are drawn, so entries
are kept pending (their text a function of the register) and written at the end. Legal actions and
tasks name their case by id, so they wait for the first flush too.

Every legal action is a record of the pathway domain (ewo_desk.domain.pathway), kept whole in
`details_json` exactly as the app's own `store.pathway.record_step` keeps it; the row's other
columns mirror it for lists and letters. A record's id is its row's id, known only after the
flush, so records are made with a placeholder id and given their real ids (and those of the
records they cite) in `resolve`.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any

from sqlalchemy.orm import Session

from ewo_desk.demo.marks import MarksPlan, Register
from ewo_desk.demo.names import ParentSpec
from ewo_desk.demo.people import Kid, World
from ewo_desk.demo.schoolyear import DemoCalendar, at
from ewo_desk.domain import pathway as pw
from ewo_desk.domain.calendar import SchoolCalendar
from ewo_desk.domain.settings import Policy
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

# Case.stage is the furthest step reached, in the pathway's own order, as the app sets it.
STAGE_ORDER = list(pw.StepKind)
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
class Written:
    """A legal action row and the domain record it will hold (with a placeholder id until then)."""

    row: LegalAction
    case: Case
    record: pw.LegalAction


@dataclass
class Ctx:
    session: Session
    rng: random.Random
    today: date
    cal: DemoCalendar
    world: World
    policy: Policy = field(default_factory=Policy)
    plans: dict[str, MarksPlan] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)
    actions: list[Written] = field(default_factory=list)
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

    def on_or_after(self, day: date) -> date:
        """The first school day on or after `day`."""
        return self.cal.after(day - timedelta(days=1), 1)

    def on_or_before(self, day: date) -> date:
        """The last school day on or before `day`."""
        return self.cal.after(day, 0)

    def days_ago(self, day: date) -> int:
        """How many school days before the last one up to today `day` falls (0: that day)."""
        return len(self.cal.school_days(day, self.ago(0))) - 1

    @cached_property
    def school_calendar(self) -> SchoolCalendar:
        """School weeks as the app will count them: from the days of the register (the marks)."""
        return SchoolCalendar.from_session_dates(self.cal.marks_days())

    def new_id(self) -> str:
        """A placeholder record id, replaced by the row id once the row is flushed."""
        self.counters["record"] = self.counters.get("record", 0) + 1
        return f"new-{self.counters['record']}"


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
        self.records: list[pw.LegalAction] = []  # the domain records, placeholder ids
        self._records: dict[int, pw.LegalAction] = {}  # by id() of their rows
        self.plan = ctx.plans.setdefault(kid.key, MarksPlan(upn=kid.child.upn or ""))
        self.rng = ctx.rng

    # --- names the text needs ---------------------------------------------------------------

    @property
    def child_id(self) -> str:
        return str(self.kid.child.id)

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

    def record(
        self,
        record: pw.LegalAction,
        status: str,
        *,
        ends: date | None = None,
        amount: int | None = None,
        prefix: str = "",
        outcome: str = "",
    ) -> LegalAction:
        """A legal action row for a domain record; the row's columns mirror it for display."""
        parent_id = getattr(record, "parent_id", None)
        started = pw.action_date(record)
        row = LegalAction(
            parent_id=int(parent_id) if parent_id else None,
            kind=pw.kind_of(record).value,
            status=status,
            started_on=started,
            ends_on=ends,
            posted_on=getattr(record, "posted_on", None),
            amount_pence=amount,
            reference=self.ctx.reference(prefix, started) if prefix else "",
            outcome=outcome,
        )
        self.records.append(record)
        self._records[id(row)] = record
        self.ctx.actions.append(Written(row, self.case, record))
        return row

    def record_of(self, row: LegalAction) -> pw.LegalAction:
        """The domain record a row of this case will hold (its id still a placeholder)."""
        return self._records[id(row)]

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
        reached = [kind for record in self.records for kind in _steps(record)]
        self.case.stage = max(reached, key=STAGE_ORDER.index, default=pw.StepKind.SUPPORT).value


def _steps(record: pw.LegalAction) -> list[pw.StepKind]:
    """The steps a record shows were taken (an order made, an outcome, an order served)."""
    K = pw.StepKind
    steps = [pw.kind_of(record)]
    if isinstance(record, pw.EducationSupervisionOrder):
        steps += [K.ESO_MADE] if record.made_on else []
        steps += [K.ESO_EXTENSION] if record.extensions else []
    elif isinstance(record, pw.Prosecution) and record.outcome is not None:
        steps.append(K.PROSECUTION_OUTCOME)
        steps += [K.PARENTING_ORDER] if record.outcome.parenting_order else []
    elif isinstance(record, pw.SchoolAttendanceOrder) and record.order_served_on:
        steps.append(K.SCHOOL_ATTENDANCE_ORDER)
    return steps


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
    for written in ctx.actions:
        written.row.case_id = written.case.id
    for task, case in ctx.tasks:
        task.case_id = case.id
    session.add_all([w.row for w in ctx.actions] + [t for t, _c in ctx.tasks])
    session.flush()  # legal actions get theirs: each record takes its row's id
    ids = {w.record.id: str(w.row.id) for w in ctx.actions}
    for written in ctx.actions:
        record = _with_ids(written.record, ids)
        written.row.details_json = json.dumps(pw.action_to_dict(record), sort_keys=True)
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


def _with_ids(record: pw.LegalAction, ids: dict[str, str]) -> pw.LegalAction:
    """The record with its row's id, and the row ids of the records it cites."""
    cited = {
        f.name: ids[value]
        for f in fields(record)
        if f.name.endswith("_id")
        and f.name not in ("parent_id", "child_id")
        and isinstance(value := getattr(record, f.name), str)
    }
    changes: dict[str, Any] = {"id": ids[record.id], **cited}
    return replace(record, **changes)
