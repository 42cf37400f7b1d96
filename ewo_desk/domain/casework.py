"""Vocabulary and small rules of casework records: case status, chronology kinds, home visits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class RecordStatus(StrEnum):
    """Notes and visits are drafts until the officer finalises them; drafts survive a lock."""

    DRAFT = "draft"
    FINAL = "final"


class ChronologyKind(StrEnum):
    NOTE = "note"
    PHONE_CALL = "phone_call"
    MEETING = "meeting"
    HOME_VISIT = "home_visit"
    SCHOOL_VISIT = "school_visit"
    LETTER = "letter"
    LEGAL_STEP = "legal_step"
    ATTENDANCE = "attendance"
    REFERRAL = "referral"
    SAFEGUARDING = "safeguarding"


class VisitOutcome(StrEnum):
    SEEN = "seen"
    NO_ANSWER = "no_answer"
    CARD_LEFT = "card_left"
    REFUSED_ENTRY = "refused_entry"
    MOVED_AWAY = "moved_away"


class Sex(StrEnum):
    FEMALE = "F"
    MALE = "M"
    UNKNOWN = "U"


@dataclass(frozen=True)
class HomeVisitRecord:
    """What the officer wrote about a visit, as the rule below needs it."""

    outcome: VisitOutcome | None
    child_seen: bool | None
    safeguarding_concern: bool
    safeguarding_procedure_followed: bool
    safeguarding_action: str


def visit_problems(visit: HomeVisitRecord) -> list[str]:
    """Why a visit cannot be finalised yet. A draft may be incomplete; a final record may not."""
    problems = []
    if visit.outcome is None:
        problems.append("Record the outcome of the visit (seen, no answer, card left, ...).")
    if visit.outcome is VisitOutcome.SEEN and visit.child_seen is None:
        problems.append("Say whether the child was seen.")
    if visit.safeguarding_concern and not visit.safeguarding_procedure_followed:
        problems.append(
            "You recorded a safeguarding concern. Follow the safeguarding procedure now "
            "(contact the designated safeguarding lead or children's social care) and record "
            "that you did before finalising this visit."
        )
    if visit.safeguarding_concern and not visit.safeguarding_action.strip():
        problems.append("Record what you did about the safeguarding concern, and when.")
    return problems


def age_on(date_of_birth: date, on: date) -> int:
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years
