"""What the officer records for ESOs, interviews, prosecutions and school attendance orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# --- Education Supervision Order ---------------------------------------------------------------


class EsoDecision(StrEnum):
    APPLY = "apply"
    DO_NOT_APPLY = "do_not_apply"


@dataclass(frozen=True)
class EsoConsidered:
    """The s.447 decision: before s.443/s.444 proceedings the council considers an ESO."""

    id: str
    child_id: str
    decided_on: date
    decision: EsoDecision
    reasons: str
    parent_id: str | None = None  # None: considered for the child, whichever parent is prosecuted


@dataclass(frozen=True)
class EsoConsultation:
    """Consultation with the children's social care authority before applying (s.36(8))."""

    id: str
    child_id: str
    consulted_on: date
    consulted: str = "children's social care"
    response: str = ""


@dataclass(frozen=True)
class EsoExtension:
    applied_on: date
    granted_on: date | None = None
    extended_until: date | None = None  # the new last day in force


@dataclass(frozen=True)
class EducationSupervisionOrder:
    """One application and, if made, the order's life: extensions, discharge."""

    id: str
    child_id: str
    applied_on: date
    made_on: date | None = None
    refused_on: date | None = None
    extensions: tuple[EsoExtension, ...] = ()
    discharged_on: date | None = None
    discharged_note: str = ""
    parent_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class CourtDirection:
    """The court directs the council to apply for an ESO (s.447(2))."""

    id: str
    child_id: str
    directed_on: date
    parent_id: str | None = None
    reasons_due_days: int | None = None  # the court may set its own period (s.447(4))
    reasons_given_on: date | None = None
    reasons: str = ""


# --- interview under caution ------------------------------------------------------------------


class InterviewStatus(StrEnum):
    INVITED = "invited"
    HELD = "held"
    DECLINED = "declined"
    NO_REPLY = "no_reply"


@dataclass(frozen=True)
class InterviewUnderCaution:
    id: str
    parent_id: str
    child_id: str
    invited_on: date
    status: InterviewStatus = InterviewStatus.INVITED
    held_on: date | None = None
    record_ref: str = ""  # the audio file or written record


# --- prosecution -------------------------------------------------------------------------------


class Offence(StrEnum):
    S444_1 = "s444_1"  # failure to secure regular attendance (strict liability)
    S444_1A = "s444_1A"  # knowing failure: imprisonable, open court only
    S443 = "s443"  # failure to comply with a school attendance order

    @property
    def label(self) -> str:
        return {"s444_1": "s.444(1)", "s444_1A": "s.444(1A)", "s443": "s.443"}[self.value]


class Route(StrEnum):
    SJP = "single_justice_procedure"
    OPEN_COURT = "open_court"


class CourtResult(StrEnum):
    CONVICTED_GUILTY_PLEA = "convicted_guilty_plea"
    CONVICTED_AFTER_TRIAL = "convicted_after_trial"
    CONVICTED_SJP = "convicted_sjp"
    ACQUITTED = "acquitted"
    DISMISSED = "dismissed"
    WITHDRAWN = "withdrawn"

    @property
    def is_conviction(self) -> bool:
        return self.value.startswith("convicted")


@dataclass(frozen=True)
class ParentingOrder:
    made_on: date
    requirements_until: date
    programme_until: date | None = None  # None: no programme (the parent had an order before)


@dataclass(frozen=True)
class ProsecutionOutcome:
    decided_on: date
    result: CourtResult
    fine_pence: int = 0
    costs_pence: int = 0
    parenting_order: ParentingOrder | None = None
    note: str = ""


class EvidenceItem(StrEnum):
    """The prosecution file's evidence (§4.5), each checked before the information is laid."""

    S9_STATEMENTS = "s9_statements"
    S566_CERTIFICATE = "s566_certificate"
    LETTERS_WITH_POSTING_DATES = "letters_with_posting_dates"
    VISIT_RECORDS = "visit_records"
    INTERVIEW_RECORD = "interview_record"
    PN_HISTORY = "pn_history"
    ESO_CONSIDERATION = "eso_consideration"
    UNUSED_MATERIAL_SCHEDULE = "unused_material_schedule"

    @property
    def label(self) -> str:
        return _EVIDENCE_LABELS[self]


_EVIDENCE_LABELS = {
    EvidenceItem.S9_STATEMENTS: "s.9 witness statements (school and officer)",
    EvidenceItem.S566_CERTIFICATE: "s.566 attendance certificate signed by the head teacher",
    EvidenceItem.LETTERS_WITH_POSTING_DATES: "letters to the parent with their dates of posting",
    EvidenceItem.VISIT_RECORDS: "home-visit records",
    EvidenceItem.INTERVIEW_RECORD: "interview record (or the invitation and the reply)",
    EvidenceItem.PN_HISTORY: "penalty-notice history and the 3-year check",
    EvidenceItem.ESO_CONSIDERATION: "the s.447 ESO-consideration record",
    EvidenceItem.UNUSED_MATERIAL_SCHEDULE: "unused-material schedule (CPIA 1996)",
}


@dataclass(frozen=True)
class Prosecution:
    id: str
    parent_id: str
    child_id: str
    offence: Offence
    offence_start: date
    offence_end: date
    route: Route
    opened_on: date  # the file was opened; the information is laid later
    information_laid_on: date | None = None
    penalty_notice_id: str | None = None  # the unpaid notice this follows
    authorised_on: date | None = None  # legal panel
    late_reason: str = ""  # recorded reason to lay after the six-month limit
    evidence: frozenset[EvidenceItem] = frozenset()  # items the file holds, as the store knows
    outcome: ProsecutionOutcome | None = None


# --- school attendance order (EA 1996 ss.437-443) --------------------------------------------


@dataclass(frozen=True)
class SchoolAttendanceOrder:
    id: str
    child_id: str
    notice_served_on: date  # the s.437(1) notice
    notice_days: int = 15
    parent_ids: tuple[str, ...] = ()
    naming_notice_served_on: date | None = None
    school_named: str = ""
    order_served_on: date | None = None
    revoked_on: date | None = None
