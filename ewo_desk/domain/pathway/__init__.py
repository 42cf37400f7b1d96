"""The legal pathway: steps, the rules that guard them, and the deadlines they set.

Pure domain: the store fills the dataclasses in `records`, `court_records` and `facts`; the app asks
`may_issue`, `check_action`, `next_actions`, `current_stage` and `case_deadlines`. Every reason
and deadline names a `Rule` that cites its section of the law reference (attendance-law.md).
"""

from ewo_desk.domain.pathway.court_records import (
    CourtDirection,
    CourtResult,
    EducationSupervisionOrder,
    EsoConsidered,
    EsoConsultation,
    EsoDecision,
    EsoExtension,
    EvidenceItem,
    InterviewStatus,
    InterviewUnderCaution,
    Offence,
    ParentingOrder,
    Prosecution,
    ProsecutionOutcome,
    Route,
    SchoolAttendanceOrder,
)
from ewo_desk.domain.pathway.deadlines import Deadline, case_deadlines
from ewo_desk.domain.pathway.decision import Decision, Reason, Severity, Verdict
from ewo_desk.domain.pathway.engine import may_issue
from ewo_desk.domain.pathway.evidence import EvidenceLine, evidence_checklist, missing_evidence
from ewo_desk.domain.pathway.facts import (
    CaseFacts,
    ChildFacts,
    LegalAction,
    ParentFacts,
    SchoolKind,
    compulsory_school_age_ends,
    compulsory_school_age_starts,
)
from ewo_desk.domain.pathway.formatting import fmt_date, fmt_money
from ewo_desk.domain.pathway.nti_rules import NtiProgress, nti_progress, propose_nti_period
from ewo_desk.domain.pathway.penalty_terms import (
    PenaltyTerms,
    PnStatus,
    notice_status,
    notice_terms,
    sequence_on,
)
from ewo_desk.domain.pathway.policy import check_pathway_policy, step_label
from ewo_desk.domain.pathway.progress import NextActions, Stage, current_stage, next_actions
from ewo_desk.domain.pathway.record_check import action_date, check_action, kind_of
from ewo_desk.domain.pathway.records import (
    AttendanceContract,
    ContractReview,
    ContractStatus,
    Delivery,
    NoticeToImprove,
    NtiContent,
    NtiFinding,
    NtiReview,
    Payment,
    PenaltyNotice,
    SupportOffer,
    SupportResponse,
    Withdrawal,
    WithdrawalGround,
)
from ewo_desk.domain.pathway.rules import RULES, Rule
from ewo_desk.domain.pathway.serial import action_from_dict, action_to_dict
from ewo_desk.domain.pathway.steps import SPECS, StepKind, StepSpec, step_spec

__all__ = [
    "RULES",
    "SPECS",
    "AttendanceContract",
    "CaseFacts",
    "ChildFacts",
    "ContractReview",
    "ContractStatus",
    "CourtDirection",
    "CourtResult",
    "Deadline",
    "Decision",
    "Delivery",
    "EducationSupervisionOrder",
    "EsoConsidered",
    "EsoConsultation",
    "EsoDecision",
    "EsoExtension",
    "EvidenceItem",
    "EvidenceLine",
    "InterviewStatus",
    "InterviewUnderCaution",
    "LegalAction",
    "NextActions",
    "NoticeToImprove",
    "NtiContent",
    "NtiFinding",
    "NtiProgress",
    "NtiReview",
    "Offence",
    "ParentFacts",
    "ParentingOrder",
    "Payment",
    "PenaltyNotice",
    "PenaltyTerms",
    "PnStatus",
    "Prosecution",
    "ProsecutionOutcome",
    "Reason",
    "Route",
    "Rule",
    "SchoolAttendanceOrder",
    "SchoolKind",
    "Severity",
    "Stage",
    "StepKind",
    "StepSpec",
    "SupportOffer",
    "SupportResponse",
    "Verdict",
    "Withdrawal",
    "WithdrawalGround",
    "action_date",
    "action_from_dict",
    "action_to_dict",
    "case_deadlines",
    "check_action",
    "check_pathway_policy",
    "compulsory_school_age_ends",
    "compulsory_school_age_starts",
    "current_stage",
    "evidence_checklist",
    "fmt_date",
    "fmt_money",
    "kind_of",
    "may_issue",
    "missing_evidence",
    "next_actions",
    "notice_status",
    "notice_terms",
    "nti_progress",
    "propose_nti_period",
    "sequence_on",
    "step_label",
    "step_spec",
]
