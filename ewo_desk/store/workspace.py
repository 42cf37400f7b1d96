"""What the case workspace shows, read in one go: the case, its chronology with every edit, the
attendance figures for this school year and the legal pathway per parent.

Plain dicts with ISO dates, like store.casework, so the GUI only formats what it is given.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ewo_desk.domain.attendance import summarise
from ewo_desk.domain.pathway_reports import academic_year
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.casework import case_by_ref, case_detail
from ewo_desk.store.marks import registers
from ewo_desk.store.pathway import pathway_view
from ewo_desk.store.schema import ChronologyEntry


def workspace_view(session: Session, ref: str, today: date) -> dict[str, Any]:
    """case_detail, plus the figures, the chronology with revisions and the pathway view.

    A case the pathway cannot assess yet (no date of birth) still opens: `pathway` then holds
    `problem`, the reason in plain words, instead of the steps.
    """
    detail = case_detail(session, ref, today)
    case = case_by_ref(session, ref)
    try:
        pathway: dict[str, Any] = pathway_view(session, ref, today)
    except EwoDeskError as problem:
        pathway = {"problem": str(problem), "parents": [], "deadlines": []}
    detail["figures"] = school_year_figures(session, case.child_id, today)
    detail["chronology"] = chronology(session, case.id)
    detail["pathway"] = pathway
    return detail


def school_year_start(today: date) -> date:
    """The school year runs from 1 September; before September we are in last year's."""
    return academic_year(today.year if today.month >= 9 else today.year - 1)[0]


def school_year_figures(session: Session, child_id: int, today: date) -> dict[str, Any] | None:
    """Attendance this school year to date, from the newest marks; None when none are held."""
    register = next(iter(registers(session, [child_id]).values()), None)
    if register is None:
        return None
    start = school_year_start(today)
    figures = summarise(register, start, today)
    if figures.possible == 0:
        return None
    return {
        "from": start.isoformat(),
        "to": today.isoformat(),
        "possible": figures.possible,
        "attended": figures.attended,
        "attendance_pct": figures.attendance_pct,
        "unauthorised": figures.unauthorised,
        "authorised": figures.authorised,
        "persistent": figures.persistent,
        "severe": figures.severe,
    }


def chronology(session: Session, case_id: int) -> list[dict[str, Any]]:
    """Every entry, oldest first, each with the text it had before each edit (oldest first)."""
    entries = session.scalars(
        sa.select(ChronologyEntry)
        .where(ChronologyEntry.case_id == case_id)
        .options(selectinload(ChronologyEntry.revisions), selectinload(ChronologyEntry.author))
        .order_by(ChronologyEntry.occurred_at, ChronologyEntry.id)
    ).all()
    return [
        {
            "id": entry.id,
            "kind": entry.kind,
            "occurred_at": entry.occurred_at.isoformat(),
            "text": entry.text,
            "author": entry.author.name if entry.author else None,
            "status": entry.status,
            "edited_at": entry.edited_at.isoformat() if entry.edited_at else None,
            "legal_action_id": entry.legal_action_id,
            "home_visit_id": entry.home_visit_id,
            "revisions": [
                {
                    "previous_text": rev.previous_text,
                    "previous_occurred_at": rev.previous_occurred_at.isoformat(),
                    "replaced_at": rev.replaced_at.isoformat(),
                }
                for rev in sorted(entry.revisions, key=lambda r: (r.replaced_at, r.id))
            ],
        }
        for entry in entries
    ]
