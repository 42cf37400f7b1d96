"""The steps of the legal pathway: what each needs, records, produces, and allows next.

The declarations are what the app shows ("what must I record?", "which letter?"); the rules that
decide whether a step may be taken live in the `*_rules` modules and cite the same `Rule`s.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ewo_desk.domain.pathway import rules as R
from ewo_desk.domain.pathway.rules import Rule


class StepKind(StrEnum):
    SUPPORT = "support"
    ATTENDANCE_CONTRACT = "attendance_contract"
    CONTRACT_REVIEW = "attendance_contract_review"
    NOTICE_TO_IMPROVE = "notice_to_improve"
    NTI_REVIEW = "notice_to_improve_review"
    PENALTY_NOTICE = "penalty_notice"
    PN_PAYMENT = "penalty_notice_payment"
    PN_WITHDRAWAL = "penalty_notice_withdrawal"
    ESO_CONSIDERED = "eso_considered"
    ESO_CONSULTATION = "eso_consultation"
    ESO_APPLICATION = "eso_application"
    ESO_MADE = "eso_made"
    ESO_EXTENSION = "eso_extension"
    ESO_DISCHARGE = "eso_discharge"
    ESO_COURT_DIRECTION = "eso_court_direction"
    ESO_REASONS_TO_COURT = "eso_reasons_to_court"
    INTERVIEW_UNDER_CAUTION = "interview_under_caution"
    PROSECUTION = "prosecution"
    PROSECUTION_OUTCOME = "prosecution_outcome"
    PARENTING_ORDER = "parenting_order"
    SAO_NOTICE = "sao_notice"
    SCHOOL_ATTENDANCE_ORDER = "school_attendance_order"


@dataclass(frozen=True)
class StepSpec:
    kind: StepKind
    label: str
    per_parent: bool  # False: about the child (an ESO, an SAO notice can name both parents)
    acts_on: StepKind | None  # a follow-up step acts on a record made by this step
    preconditions: tuple[Rule, ...]
    must_record: tuple[str, ...]
    documents: tuple[str, ...]  # letter-template names
    deadlines: tuple[str, ...]
    allows_next: tuple[StepKind, ...]


K = StepKind
# Where a case can start: a term-time holiday can go straight to a penalty notice.
ENTRY_STEPS = (
    K.SUPPORT,
    K.ATTENDANCE_CONTRACT,
    K.NOTICE_TO_IMPROVE,
    K.PENALTY_NOTICE,
    K.SAO_NOTICE,
)


def _spec(
    kind: StepKind,
    label: str,
    *,
    per_parent: bool = True,
    acts_on: StepKind | None = None,
    needs: tuple[Rule, ...] = (),
    records: tuple[str, ...] = (),
    documents: tuple[str, ...] = (),
    deadlines: tuple[str, ...] = (),
    then: tuple[StepKind, ...] = (),
) -> StepSpec:
    return StepSpec(kind, label, per_parent, acts_on, needs, records, documents, deadlines, then)


_SPECS = (
    _spec(
        K.SUPPORT,
        "Support and early help",
        records=("date offered", "what support", "the parent's response"),
        documents=("support_offer_letter",),
        then=(
            K.SUPPORT,
            K.ATTENDANCE_CONTRACT,
            K.NOTICE_TO_IMPROVE,
            K.PENALTY_NOTICE,
            K.ESO_CONSIDERED,
        ),
    ),
    _spec(
        K.ATTENDANCE_CONTRACT,
        "Attendance contract",
        needs=(
            R.COMPULSORY_SCHOOL_AGE,
            R.CONTRACT_IRREGULAR_ATTENDANCE,
            R.CONTRACT_SIGNED,
            R.CONTRACT_REQUIREMENTS,
            R.CONTRACT_SUPPORT,
            R.CONTRACT_PERIOD,
            R.CONTRACT_REVIEW,
            R.CONTRACT_IN_FORCE,
        ),
        records=(
            "date offered",
            "signed by the parent (date)",
            "signed for the council (date)",
            "requirements",
            "support the council will give",
            "start and end dates",
            "review dates",
            "refused or broken, when and how (evidence)",
        ),
        documents=("attendance_contract",),
        deadlines=("first review 4 to 6 weeks after the start (policy)",),
        then=(K.CONTRACT_REVIEW, K.NOTICE_TO_IMPROVE, K.PENALTY_NOTICE, K.ESO_CONSIDERED),
    ),
    _spec(
        K.CONTRACT_REVIEW,
        "Attendance contract review",
        acts_on=K.ATTENDANCE_CONTRACT,
        needs=(R.STEP_TARGET, R.CONTRACT_REVIEW),
        records=("date held", "outcome", "next review date"),
        documents=("attendance_contract_review",),
        deadlines=("the next review date",),
        then=(K.CONTRACT_REVIEW, K.NOTICE_TO_IMPROVE, K.ESO_CONSIDERED),
    ),
    _spec(
        K.NOTICE_TO_IMPROVE,
        "Notice to improve",
        needs=(
            R.COMPULSORY_SCHOOL_AGE,
            R.REGISTERED_PUPIL,
            R.PN_SCHOOL,
            R.NTI_TRIGGER,
            R.SUPPORT_FIRST,
            R.NTI_PERIOD,
            R.NTI_CONTENTS,
            R.NTI_IN_FORCE,
            R.UNRESOLVED_N_CODES,
        ),
        records=(
            "date issued",
            "date of posting or hand delivery",
            "improvement period (3-6 school weeks)",
            "what sufficient improvement looks like",
            "the eight required contents",
        ),
        documents=("notice_to_improve",),
        deadlines=(
            "marks checked daily during the improvement period",
            "outcome (sufficient improvement or not) by the end of the period",
        ),
        then=(K.NTI_REVIEW, K.PENALTY_NOTICE, K.ESO_CONSIDERED),
    ),
    _spec(
        K.NTI_REVIEW,
        "Notice to improve check",
        acts_on=K.NOTICE_TO_IMPROVE,
        needs=(R.STEP_TARGET, R.NTI_CHECK),
        records=(
            "date",
            "finding",
            "if a penalty notice is to be issued early: the date the parent was told",
        ),
        then=(K.NTI_REVIEW, K.PENALTY_NOTICE, K.ESO_CONSIDERED),
    ),
    _spec(
        K.PENALTY_NOTICE,
        "Penalty notice",
        needs=(
            R.PARENT_NAMED,
            R.PN_PER_PARENT_CHILD,
            R.PARENT,
            R.COMPULSORY_SCHOOL_AGE,
            R.REGISTERED_PUPIL,
            R.PN_SCHOOL,
            R.PN_LIMIT,
            R.PN_NTI_FIRST,
            R.PN_DURING_NTI,
            R.PN_THRESHOLD,
            R.PN_ISSUER,
            R.PN_OFFENCE_PERIOD,
            R.PN_SAME_OFFENCE,
            R.PN_TIME_TO_PROSECUTE,
            R.PN_PREVIOUS_LA,
            R.PN_POSTING,
            R.SUPPORT_FIRST,
            R.UNRESOLVED_N_CODES,
        ),
        records=(
            "date of issue",
            "offence period",
            "issuing officer's role",
            "date of posting",
            "reason if no notice to improve was given",
        ),
        documents=("penalty_notice",),
        deadlines=(
            "reduced payment period (first notice: 21 days)",
            "payment period (28 days)",
            "at expiry, unpaid: prosecute or withdraw",
        ),
        then=(
            K.PN_PAYMENT,
            K.PN_WITHDRAWAL,
            K.PENALTY_NOTICE,
            K.INTERVIEW_UNDER_CAUTION,
            K.ESO_CONSIDERED,
            K.PROSECUTION,
        ),
    ),
    _spec(
        K.PN_PAYMENT,
        "Penalty notice payment",
        acts_on=K.PENALTY_NOTICE,
        needs=(R.STEP_TARGET, R.PN_PAYMENT),
        records=("date paid", "amount"),
        then=(K.PENALTY_NOTICE, K.SUPPORT),
    ),
    _spec(
        K.PN_WITHDRAWAL,
        "Penalty notice withdrawal",
        acts_on=K.PENALTY_NOTICE,
        needs=(R.STEP_TARGET, R.PN_WITHDRAWAL),
        records=("date", "lawful ground", "date written notice sent", "refund of any payment"),
        documents=("penalty_notice_withdrawal",),
        then=(K.PENALTY_NOTICE, K.SUPPORT),
    ),
    _spec(
        K.ESO_CONSIDERED,
        "ESO considered (s.447)",
        per_parent=False,
        needs=(R.ESO_CONSIDERED,),
        records=("date decided", "decision", "reasons"),
        documents=("eso_consideration_record",),
        then=(K.ESO_CONSULTATION, K.INTERVIEW_UNDER_CAUTION, K.PROSECUTION),
    ),
    _spec(
        K.ESO_CONSULTATION,
        "Children's social care consulted",
        per_parent=False,
        records=("date", "who was consulted", "their response"),
        documents=("eso_consultation_letter",),
        then=(K.ESO_APPLICATION,),
    ),
    _spec(
        K.ESO_APPLICATION,
        "ESO application",
        per_parent=False,
        needs=(
            R.COMPULSORY_SCHOOL_AGE,
            R.ESO_IN_CARE,
            R.ESO_CONSULTATION,
            R.ESO_NOT_EDUCATED,
            R.ESO_IN_FORCE,
            R.CONTRACT_EXPLORED,
        ),
        records=("date applied",),
        documents=("eso_application_bundle",),
        then=(K.ESO_MADE,),
    ),
    _spec(
        K.ESO_MADE,
        "ESO made",
        per_parent=False,
        acts_on=K.ESO_APPLICATION,
        needs=(R.STEP_TARGET,),
        records=("date made", "supervisor"),
        deadlines=(
            "expiry one year after it is made",
            "extension window opens 3 months before expiry",
        ),
        then=(K.ESO_EXTENSION, K.ESO_DISCHARGE),
    ),
    _spec(
        K.ESO_EXTENSION,
        "ESO extension",
        per_parent=False,
        acts_on=K.ESO_APPLICATION,
        needs=(R.ESO_IN_FORCE, R.ESO_EXTENSION_WINDOW, R.ESO_EXTENSION_LENGTH),
        records=("date applied", "date granted", "new end date"),
        documents=("eso_extension_application",),
        then=(K.ESO_EXTENSION, K.ESO_DISCHARGE),
    ),
    _spec(
        K.ESO_DISCHARGE,
        "ESO discharged",
        per_parent=False,
        acts_on=K.ESO_APPLICATION,
        needs=(R.ESO_IN_FORCE,),
        records=("date", "on whose application"),
        documents=("eso_discharge_application",),
        then=(K.SUPPORT,),
    ),
    _spec(
        K.ESO_COURT_DIRECTION,
        "Court directs an ESO application (s.447(2))",
        per_parent=False,
        records=("date of the direction", "any period the court set"),
        deadlines=("reasons to the court within 8 weeks if the council does not apply",),
        then=(K.ESO_REASONS_TO_COURT, K.ESO_CONSULTATION),
    ),
    _spec(
        K.ESO_REASONS_TO_COURT,
        "Reasons to the court for not applying",
        per_parent=False,
        acts_on=K.ESO_COURT_DIRECTION,
        needs=(R.STEP_TARGET, R.ESO_COURT_DIRECTION),
        records=("date sent", "reasons"),
        documents=("eso_reasons_to_court",),
    ),
    _spec(
        K.INTERVIEW_UNDER_CAUTION,
        "Interview under caution",
        needs=(R.PROSECUTION_INTERVIEW,),
        records=("date invited", "held, declined or no reply", "date held", "record"),
        documents=("interview_invitation", "interview_record"),
        then=(K.PROSECUTION,),
    ),
    _spec(
        K.PROSECUTION,
        "Prosecution (lay the information)",
        needs=(
            R.ESO_CONSIDERED,
            R.COMPULSORY_SCHOOL_AGE,
            R.REGISTERED_PUPIL,
            R.PROSECUTION_OFFENCE_PERIOD,
            R.PROSECUTION_TIME_LIMIT,
            R.PROSECUTION_ROUTE,
            R.PROSECUTION_SJP_ADULT,
            R.PROSECUTION_PN_PERIOD,
            R.PROSECUTION_PN_PAID,
            R.PROSECUTION_INTERVIEW,
            R.PROSECUTION_EVIDENCE,
            R.PROSECUTION_AUTHORISATION,
            R.PROSECUTION_SAO,
            R.CONTRACT_EXPLORED,
            R.SUPPORT_FIRST,
            R.UNRESOLVED_N_CODES,
        ),
        records=(
            "offence (s.444(1), s.444(1A) or s.443)",
            "offence period",
            "route (SJP or open court)",
            "date the information is laid",
            "reason if laid after the six-month limit",
        ),
        documents=(
            "written_charge",
            "case_summary",
            "s9_statement",
            "s566_certificate",
            "unused_material_schedule",
            "prosecution_bundle",
        ),
        deadlines=(
            "six months from the end of the offence period (reminders at 8, 4 and 2 weeks)",
        ),
        then=(K.PROSECUTION_OUTCOME, K.ESO_COURT_DIRECTION),
    ),
    _spec(
        K.PROSECUTION_OUTCOME,
        "Prosecution outcome",
        acts_on=K.PROSECUTION,
        needs=(R.STEP_TARGET, R.PROSECUTION_LAID),
        records=("date", "result", "fine and costs", "orders made"),
        documents=("outcome_letter",),
        then=(K.PARENTING_ORDER, K.SUPPORT, K.ESO_CONSIDERED),
    ),
    _spec(
        K.PARENTING_ORDER,
        "Parenting order",
        acts_on=K.PROSECUTION,
        needs=(R.PARENTING_ORDER_CONVICTION, R.PARENTING_ORDER_LIMITS),
        records=("date made", "requirements end date", "programme end date"),
        then=(K.SUPPORT,),
    ),
    _spec(
        K.SAO_NOTICE,
        "School attendance order: s.437(1) notice",
        per_parent=False,
        needs=(R.COMPULSORY_SCHOOL_AGE, R.SAO_NOTICE_PERIOD),
        records=("date served", "period given (at least 15 days)"),
        documents=("sao_s437_notice",),
        deadlines=("the parent's reply is due at the end of the period",),
        then=(K.SCHOOL_ATTENDANCE_ORDER,),
    ),
    _spec(
        K.SCHOOL_ATTENDANCE_ORDER,
        "School attendance order",
        per_parent=False,
        acts_on=K.SAO_NOTICE,
        needs=(R.STEP_TARGET, R.SAO_AFTER_NOTICE, R.SAO_NAMING),
        records=("date the naming notice was served", "school named", "date the order was served"),
        documents=("sao_naming_notice", "school_attendance_order"),
        then=(K.ESO_CONSIDERED, K.PROSECUTION),
    ),
)

SPECS: dict[StepKind, StepSpec] = {spec.kind: spec for spec in _SPECS}


def step_spec(kind: StepKind) -> StepSpec:
    return SPECS[kind]
