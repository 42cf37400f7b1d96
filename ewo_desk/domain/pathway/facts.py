"""The facts about a child, their parents and their case that the pathway rules read.

The attendance figures (threshold met, unresolved N codes, unauthorised sessions) are computed
elsewhere from the imported marks and passed in here as plain values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from ewo_desk.domain.calendar import SchoolCalendar, birthday_in, last_weekday_of_month
from ewo_desk.domain.pathway.court_records import (
    CourtDirection,
    EducationSupervisionOrder,
    EsoConsidered,
    EsoConsultation,
    InterviewUnderCaution,
    Prosecution,
    SchoolAttendanceOrder,
)
from ewo_desk.domain.pathway.records import (
    AttendanceContract,
    NoticeToImprove,
    PenaltyNotice,
    SupportOffer,
)

LegalAction = (
    SupportOffer
    | AttendanceContract
    | NoticeToImprove
    | PenaltyNotice
    | EsoConsidered
    | EsoConsultation
    | EducationSupervisionOrder
    | CourtDirection
    | InterviewUnderCaution
    | Prosecution
    | SchoolAttendanceOrder
)
A = TypeVar(
    "A",
    SupportOffer,
    AttendanceContract,
    NoticeToImprove,
    PenaltyNotice,
    EsoConsidered,
    EsoConsultation,
    EducationSupervisionOrder,
    CourtDirection,
    InterviewUnderCaution,
    Prosecution,
    SchoolAttendanceOrder,
)


class SchoolKind(StrEnum):
    MAINTAINED = "maintained"
    ACADEMY = "academy"  # free schools included
    PUPIL_REFERRAL_UNIT = "pupil_referral_unit"
    AP_ACADEMY = "alternative_provision_academy"
    ALTERNATIVE_PROVISION = "alternative_provision"  # s.444ZA provision arranged by the council
    INDEPENDENT = "independent"
    NON_MAINTAINED_SPECIAL = "non_maintained_special"

    @property
    def penalty_notices_apply(self) -> bool:
        """PNs are for maintained schools, academies, PRUs, AP academies and s.444ZA provision."""
        return self not in (SchoolKind.INDEPENDENT, SchoolKind.NON_MAINTAINED_SPECIAL)


def compulsory_school_age_starts(born_on: date) -> date:
    """The prescribed day (31 Dec, 31 Mar, 31 Aug) on or after the fifth birthday (§2.2)."""
    fifth = birthday_in(born_on.year + 5, born_on)
    for year in (fifth.year, fifth.year + 1):
        for month, day in ((3, 31), (8, 31), (12, 31)):
            if date(year, month, day) >= fifth:
                return date(year, month, day)
    raise AssertionError("unreachable: 31 December follows every birthday in its year")


def compulsory_school_age_ends(born_on: date) -> date:
    """The last Friday in June of the school year in which the child turns 16 (§2.2)."""
    sixteenth = birthday_in(born_on.year + 16, born_on)
    leaving_year = sixteenth.year + 1 if sixteenth.month >= 9 else sixteenth.year
    return last_weekday_of_month(leaving_year, 6, 4)


@dataclass(frozen=True)
class ChildFacts:
    id: str
    name: str
    date_of_birth: date
    registered_pupil: bool = True
    school_kind: SchoolKind = SchoolKind.MAINTAINED
    school_calendar: SchoolCalendar | None = None
    threshold_met_on: tuple[date, ...] = ()  # days the national PN threshold was met
    pattern_recorded_on: date | None = None  # an officer's recorded pattern of absence
    unauthorised_sessions: tuple[date, ...] = ()  # one entry per G/N/O/U session
    unresolved_n_codes: int = 0
    in_local_authority_care: bool = False
    moved_council_within_3_years: bool = False
    previous_council_checked_on: date | None = None

    @property
    def csa_starts(self) -> date:
        return compulsory_school_age_starts(self.date_of_birth)

    @property
    def csa_ends(self) -> date:
        return compulsory_school_age_ends(self.date_of_birth)

    def of_compulsory_school_age(self, day: date) -> bool:
        return self.csa_starts <= day <= self.csa_ends

    def threshold_met_by(self, day: date) -> date | None:
        """The latest day on or before `day` the threshold was met."""
        met = [d for d in self.threshold_met_on if d <= day]
        return max(met) if met else None

    def calendar(self) -> SchoolCalendar:
        return self.school_calendar or SchoolCalendar(frozenset())


@dataclass(frozen=True)
class ParentFacts:
    id: str
    name: str
    date_of_birth: date | None = None
    is_parent: bool = True  # within s.576: natural parent, parental responsibility, or care


@dataclass(frozen=True)
class CaseFacts:
    """One case: its children, their parents/carers and the legal history so far."""

    case_ref: str
    children: tuple[ChildFacts, ...]
    parents: tuple[ParentFacts, ...]
    history: tuple[LegalAction, ...] = ()

    def child(self, child_id: str) -> ChildFacts:
        for child in self.children:
            if child.id == child_id:
                return child
        raise KeyError(f"no child {child_id!r} in case {self.case_ref}")

    def parent(self, parent_id: str | None) -> ParentFacts | None:
        return next((p for p in self.parents if p.id == parent_id), None)

    def actions(self, kind: type[A], child_id: str, parent_id: str | None = None) -> list[A]:
        """Records of one type for the child; with a parent, those for that parent or the child."""
        found = []
        for action in self.history:
            if not isinstance(action, kind) or action.child_id != child_id:
                continue
            owner = getattr(action, "parent_id", None)
            if parent_id is None or owner is None or owner == parent_id:
                found.append(action)
        return found

    def find(self, action_id: str) -> LegalAction | None:
        return next((a for a in self.history if a.id == action_id), None)

    def without(self, action_id: str) -> CaseFacts:
        """The case as it would be without one record (to check that record against the rest)."""
        kept = tuple(a for a in self.history if a.id != action_id)
        return CaseFacts(self.case_ref, self.children, self.parents, kept)
