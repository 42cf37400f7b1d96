"""Small builders for pathway tests: a child, parents, term dates and records with sane defaults."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from ewo_desk.domain.calendar import SchoolCalendar, Term
from ewo_desk.domain.pathway import (
    CaseFacts,
    ChildFacts,
    Decision,
    EsoConsidered,
    EsoDecision,
    LegalAction,
    NoticeToImprove,
    NtiContent,
    ParentFacts,
    PenaltyNotice,
    Severity,
    SupportOffer,
)
from ewo_desk.domain.settings import Policy

POLICY = Policy()

# A typical English council's term dates, 2024/25 to 2025/26.
TERMS = (
    Term(date(2024, 9, 4), date(2024, 10, 25)),
    Term(date(2024, 11, 4), date(2024, 12, 20)),
    Term(date(2025, 1, 6), date(2025, 2, 14)),  # half-term 17-21 Feb 2025
    Term(date(2025, 2, 24), date(2025, 4, 4)),  # Easter holidays 7-21 Apr 2025
    Term(date(2025, 4, 22), date(2025, 5, 23)),  # half-term 26-30 May 2025
    Term(date(2025, 6, 2), date(2025, 7, 22)),
    Term(date(2025, 9, 3), date(2025, 10, 24)),
    Term(date(2025, 11, 3), date(2025, 12, 19)),
    Term(date(2026, 1, 5), date(2026, 2, 13)),
    Term(date(2026, 2, 23), date(2026, 3, 27)),
    Term(date(2026, 4, 13), date(2026, 5, 22)),
    Term(date(2026, 6, 1), date(2026, 7, 21)),
)
CALENDAR = SchoolCalendar.from_terms(TERMS)


def child(**changes: Any) -> ChildFacts:
    base = ChildFacts(
        id="c1",
        name="Sam",
        date_of_birth=date(2014, 5, 10),  # compulsory school age 31/08/2019 to 28/06/2030
        school_calendar=CALENDAR,
        threshold_met_on=(date(2024, 9, 20),),
    )
    return replace(base, **changes)


def parent(pid: str = "p1", name: str = "Alex", **changes: Any) -> ParentFacts:
    return replace(ParentFacts(pid, name, date_of_birth=date(1985, 1, 1)), **changes)


SUPPORT = SupportOffer("s1", "p1", "c1", date(2024, 9, 10), "Attendance support meeting")


def case(*history: LegalAction, kid: ChildFacts | None = None, **kw: Any) -> CaseFacts:
    parents = kw.pop("parents", (parent(), parent("p2", "Jo")))
    return CaseFacts("EWO-1", (kid or child(),), tuple(parents), tuple(history))


def pn(pid: str, issued_on: date, **changes: Any) -> PenaltyNotice:
    """A penalty notice for an offence period of the four weeks before issue, posted that day."""
    base = PenaltyNotice(
        id=pid,
        parent_id="p1",
        child_id="c1",
        issued_on=issued_on,
        offence_start=issued_on - timedelta(days=30),
        offence_end=issued_on - timedelta(days=3),
        posted_on=issued_on,
        no_nti_reason="term-time holiday",
    )
    return replace(base, **changes)


def nti(nid: str, issued_on: date, period_end: date, **changes: Any) -> NoticeToImprove:
    base = NoticeToImprove(
        id=nid,
        parent_id="p1",
        child_id="c1",
        issued_on=issued_on,
        period_start=issued_on,
        period_end=period_end,
        contents=frozenset(NtiContent),
        sufficient_improvement="no further unauthorised absence",
        posted_on=issued_on,
    )
    return replace(base, **changes)


def considered(
    on: date, cid: str = "e1", reasons: str = "Parents engage; ESO adds nothing"
) -> EsoConsidered:
    return EsoConsidered(cid, "c1", on, EsoDecision.DO_NOT_APPLY, reasons)


def ids(decision: Decision, severity: Severity | None = None) -> set[str]:
    return decision.rule_ids(severity)


def messages(decision: Decision) -> str:
    return "\n".join(r.message for r in decision.reasons)
