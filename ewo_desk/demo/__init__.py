"""A realistic synthetic caseload for demonstrations, training and tests (`ewo-desk demo`).

`populate` fills an empty caseload with about 40 cases of Northbridge Borough Council, a fictional
English borough, at every stage of the attendance pathway, with families, schools, visits, notes,
tasks and a school year of register marks. Everything is made in code from a seed; no real
person's data is used. The same seed and `today` give the same caseload.

Every legal step is a record of the pathway domain, dated so that the pathway's rules allow it
(the demo shows good practice); tests/unit/demo checks each one with `pathway.check_action`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ewo_desk.demo import court, marks, notices, people, scenarios
from ewo_desk.demo.schoolyear import DemoCalendar, academic_year
from ewo_desk.demo.writer import Ctx, resolve
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.policy import load_policy
from ewo_desk.store.schema import Case, Child, ParentCarer, School

SCENARIOS = scenarios.SCENARIOS | notices.SCENARIOS | court.SCENARIOS
# Marks reach back far enough for the oldest offence period the scenarios quote.
MARKS_REACH = timedelta(days=300)


@dataclass
class DemoSummary:
    schools: int
    cases: int
    children: int
    parents: int
    marks: int
    visits: int
    entries: int
    legal_actions: int = 0
    tasks: int = 0
    imports: int = 0
    names: list[str] = field(default_factory=list)  # every person's name written


def populate(session: Session, *, today: date, seed: int = 2026) -> DemoSummary:
    """Fill an empty caseload with the demo caseload, as it stands on `today`."""
    for table in (Case, Child, ParentCarer, School):
        if session.scalar(sa.select(sa.func.count()).select_from(table)):
            raise EwoDeskError(
                "This caseload already holds cases, children or schools, so the demo caseload "
                "was not added: it would mix invented families with real ones. Create a separate "
                "caseload for the demo (ewo-desk --data-dir DIR init, then ewo-desk demo)."
            )
    rng = random.Random(seed)
    cal = DemoCalendar(today, academic_year(today - MARKS_REACH))
    world = people.build(session, rng, today)
    session.flush()
    ctx = Ctx(session, rng, today, cal, world, load_policy(session))
    for kid in world.kids:
        SCENARIOS[kid.spec.scenario](ctx, kid).finish()
    _number(ctx.cases)
    register = marks.draw(rng, cal, ctx.plans)
    entries = resolve(ctx, register)
    imports, mark_count = marks.write(
        session,
        cal,
        register,
        ctx.plans,
        {kid.key: kid.child.id for kid in world.kids},
        {key: (school.id, school.urn) for key, school in world.schools.items()},
        world.owner.id,
    )
    return DemoSummary(
        schools=len(world.schools),
        cases=len(ctx.cases),
        children=len(world.kids),
        parents=sum(len(kid.family.parents) for kid in world.kids if kid.key.endswith(":0")),
        marks=mark_count,
        visits=ctx.visits,
        entries=entries,
        legal_actions=len(ctx.actions),
        tasks=len(ctx.tasks),
        imports=imports,
        names=list(dict.fromkeys(world.names)),
    )


def _number(cases: list[Case]) -> None:
    """Case references in the order the cases were opened, numbered afresh each year."""
    counts: dict[int, int] = {}
    for case in sorted(cases, key=lambda c: c.opened_on):
        year = case.opened_on.year
        counts[year] = counts.get(year, 0) + 1
        case.ref = f"EWO-{year}-{counts[year]:04d}"
