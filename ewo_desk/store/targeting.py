"""The targeting list for one school, from the marks held in the vault.

The rules (levels, persistent and severe absence, the threshold, unresolved N codes) are the
domain's `targeting_list`; this module only finds the school, its pupils' registers, and what the
meeting needs to know about each pupil beyond the marks: name, year group, flags and siblings.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ewo_desk.domain.attendance.targeting import PupilContext, TargetingRow, targeting_list
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.casework import siblings_of
from ewo_desk.store.marks import registers
from ewo_desk.store.policy import load_policy
from ewo_desk.store.schema import Child, School

# Child flags, as the meeting reads them, in the order they are listed.
FLAGS = (
    ("child_protection", "CP"),
    ("looked_after", "LAC"),
    ("child_in_need", "CiN"),
    ("ehcp", "EHCP"),
    ("send_support", "SEN support"),
    ("young_carer", "young carer"),
    ("free_school_meals", "FSM"),
    ("eal", "EAL"),
    ("early_help", "early help"),
)


def find_school(session: Session, wanted: str) -> School:
    """The school whose URN is `wanted`, or whose name is or contains it (ignoring case)."""
    text = wanted.strip()
    by_urn = session.scalars(sa.select(School).where(School.urn == text)).first()
    if by_urn is not None:
        return by_urn
    schools = session.scalars(sa.select(School).order_by(School.name)).all()
    exact = [s for s in schools if s.name.casefold() == text.casefold()]
    found = exact or [s for s in schools if text.casefold() in s.name.casefold()]
    if len(found) == 1:
        return found[0]
    if not found:
        known = "; ".join(f"{s.name} ({s.urn})" for s in schools) or "none yet"
        raise EwoDeskError(f"No school matches “{wanted}”. Schools held: {known}.")
    names = "; ".join(f"{s.name} ({s.urn})" for s in found)
    raise EwoDeskError(f"“{wanted}” matches more than one school: {names}. Give the URN.")


def school_targeting(
    session: Session, school: School, period_start: date, as_of: date
) -> tuple[TargetingRow, ...]:
    """One row per pupil of `school` with marks held, most concerning first."""
    children = session.scalars(
        sa.select(Child)
        .where(Child.school_id == school.id, Child.upn.is_not(None))
        .options(selectinload(Child.parent_links))
    ).all()
    held = registers(session, [c.id for c in children])
    context = {c.upn: _context(session, c) for c in children if c.upn in held}
    return targeting_list(
        (held[upn] for upn in context), period_start, as_of, context, load_policy(session)
    )


def _context(session: Session, child: Child) -> PupilContext:
    return PupilContext(
        name=_name(child),
        year_group=_year(child.year_group),
        vulnerability_flags=tuple(label for field, label in FLAGS if getattr(child, field)),
        siblings=tuple(
            _sibling(s)
            for s in siblings_of(session, child, [link.parent_id for link in child.parent_links])
        ),
    )


def _name(child: Child) -> str:
    return f"{child.preferred_name or child.given_names} {child.family_name}".strip()


def _year(year_group: str) -> str:
    if not year_group:
        return ""
    return "Reception" if year_group == "R" else f"Year {year_group}"


def _sibling(child: Child) -> str:
    where = ", ".join(p for p in (_year(child.year_group), child.school and child.school.name) if p)
    return f"{_name(child)} ({where})" if where else _name(child)
