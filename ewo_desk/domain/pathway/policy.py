"""Council policy settings for the legal pathway, and a check that a council's values make sense.

National rules fixed by statute (the two-notices-in-three-years limit, six months to lay an
information, an ESO lasting a year) are constants in the rule modules. What councils set locally,
or what the law reference marks UNVERIFIED, is a setting here with the most common value as default.
"""

from __future__ import annotations

from ewo_desk.domain.calendar import DEEMED_SERVICE_WORKING_DAYS
from ewo_desk.domain.pathway.steps import StepKind, step_spec
from ewo_desk.domain.settings import Policy, setting

CONTRACT_LABEL = setting(
    "pathway.contract_label",
    "attendance contract",
    "Name of the contract stage",
    'WTISA 2024 says "attendance contract"; some councils still say "parenting contract" (§3.1).',
)
CONTRACT_REVIEW_WEEKS_MIN = setting(
    "pathway.contract_review_weeks_min",
    4,
    "Earliest first contract review (weeks)",
    "No statutory period; local practice is a review at 4-6 weeks (§3.1).",
)
CONTRACT_REVIEW_WEEKS_MAX = setting(
    "pathway.contract_review_weeks_max",
    6,
    "Latest first contract review, and gap between reviews (weeks)",
    "No statutory period; local practice is a review at 4-6 weeks (§3.1).",
)
NTI_WEEKS_MIN = setting(
    "pathway.nti_school_weeks_min",
    3,
    "Shortest notice-to-improve period (school weeks)",
    "The national framework says 3 to 6 weeks (§3.2).",
)
NTI_WEEKS_MAX = setting(
    "pathway.nti_school_weeks_max",
    6,
    "Longest notice-to-improve period (school weeks)",
    "The national framework says 3 to 6 weeks (§3.2).",
)
NTI_WEEKS_PROPOSED = setting(
    "pathway.nti_school_weeks_proposed",
    6,
    "Improvement period offered by default (school weeks)",
    "Most council codes read give 6 school weeks (§3.2, Time limits).",
)
PN_FIRST_REDUCED_PENCE = setting(
    "pathway.pn_first_reduced_pence", 8000, "First penalty notice, paid early (pence)", "§3.3"
)
PN_FIRST_FULL_PENCE = setting(
    "pathway.pn_first_full_pence", 16000, "First penalty notice, paid late (pence)", "§3.3"
)
PN_SECOND_PENCE = setting(
    "pathway.pn_second_pence", 16000, "Second penalty notice within 3 years (pence)", "§3.3"
)
PN_REDUCED_DAYS = setting(
    "pathway.pn_reduced_days", 21, "Days to pay a first notice at the reduced amount", "§3.3"
)
PN_FULL_DAYS = setting("pathway.pn_full_days", 28, "Days to pay a penalty notice", "§3.3")
PN_PERIOD_STARTS = setting(
    "pathway.pn_period_starts",
    "receipt",
    'Payment periods start on "receipt" (deemed receipt when posted) or "issue"',
    "Council codes differ between receipt, service and issue; UNVERIFIED (§3.3, §6 item 3).",
)
PN_PERIOD_COUNTS_FIRST_DAY = setting(
    "pathway.pn_period_counts_first_day",
    True,
    'Payment periods are "N days beginning with" their start day',
    'West Northants and the 2024 SI wording for s.105 notices say "beginning with the date on '
    'which the notice is received"; the reg 5 text is UNVERIFIED (§3.3, §6 item 2).',
)
PN_ISSUER_ROLES = setting(
    "pathway.pn_issuer_roles",
    "head_teacher,deputy_head,la_officer,police",
    "Who may issue penalty notices (comma-separated roles)",
    "Authorised officers: head teacher or a deputy/assistant head they authorise, an authorised "
    "council officer, a police constable (§3.3). Known roles: "
    + ", ".join(
        ("head_teacher", "deputy_head", "la_officer", "police", "pcso", "accredited_person")
    ),
)
PN_DECISION_DAYS = setting(
    "pathway.pn_decision_days",
    14,
    "Days after an unpaid penalty notice expires to decide: prosecute or withdraw",
    "A working target; reg 9 requires withdrawal if the council does not prosecute (§3.3).",
)
PN_MIN_DAYS_TO_PROSECUTE = setting(
    "pathway.pn_min_days_to_prosecute",
    28,
    "Warn when fewer days than this would remain to lay an information after a notice expires",
    "The six-month limit runs from the end of the offence period (§4.4).",
)
PROSECUTION_REMINDER_WEEKS = setting(
    "pathway.prosecution_reminder_weeks",
    "8,4,2",
    "Reminders before the six-month limit (weeks, comma-separated)",
    "§4.4",
)
PROSECUTION_NEEDS_AUTHORISATION = setting(
    "pathway.prosecution_needs_authorisation",
    True,
    "Prosecutions need the council's legal panel authorisation",
    "Local practice (§3.7).",
)
SAO_NAMING_DAYS = setting(
    "pathway.sao_naming_notice_days",
    15,
    "Days the parent has to choose a school after the naming notice",
    "ss.438-441 day limits are UNVERIFIED (§3.6, §6 item 6).",
)

KNOWN_ISSUER_ROLES = frozenset(
    {"head_teacher", "deputy_head", "la_officer", "police", "pcso", "accredited_person"}
)
PERIOD_STARTS = frozenset({"receipt", "issue"})


def issuer_roles(policy: Policy) -> frozenset[str]:
    return frozenset(r.strip() for r in policy[PN_ISSUER_ROLES].split(",") if r.strip())


def reminder_weeks(policy: Policy) -> tuple[int, ...]:
    """The reminder weeks, largest first (8, 4, 2)."""
    raw = [r.strip() for r in policy[PROSECUTION_REMINDER_WEEKS].split(",") if r.strip()]
    return tuple(sorted((int(r) for r in raw), reverse=True))


def step_label(kind: StepKind, policy: Policy) -> str:
    """The step's name as this council says it (e.g. "Parenting contract")."""
    if kind is StepKind.ATTENDANCE_CONTRACT:
        return policy[CONTRACT_LABEL].capitalize()
    if kind is StepKind.CONTRACT_REVIEW:
        return f"{policy[CONTRACT_LABEL].capitalize()} review"
    return step_spec(kind).label


def check_pathway_policy(policy: Policy) -> list[str]:
    """Problems with a council's pathway settings, each written for the person editing the file."""
    problems: list[str] = []

    def need(ok: bool, message: str) -> None:
        if not ok:
            problems.append(message)

    need(bool(policy[CONTRACT_LABEL].strip()), "The contract stage needs a name.")
    need(
        0 < policy[CONTRACT_REVIEW_WEEKS_MIN] <= policy[CONTRACT_REVIEW_WEEKS_MAX],
        "Contract review weeks: the earliest must be at least 1 and not after the latest.",
    )
    need(
        1 <= policy[NTI_WEEKS_MIN] <= policy[NTI_WEEKS_PROPOSED] <= policy[NTI_WEEKS_MAX],
        "Notice-to-improve weeks: need shortest <= offered <= longest, and at least 1.",
    )
    need(
        0 < policy[PN_FIRST_REDUCED_PENCE] <= policy[PN_FIRST_FULL_PENCE]
        and policy[PN_SECOND_PENCE] > 0,
        "Penalty amounts must be positive, and the early amount no more than the late amount.",
    )
    need(
        0 < policy[PN_REDUCED_DAYS] <= policy[PN_FULL_DAYS],
        "Penalty periods: the reduced period must be positive and not longer than the full one.",
    )
    need(
        policy[PN_PERIOD_STARTS] in PERIOD_STARTS,
        f'Payment periods must start on "receipt" or "issue", not {policy[PN_PERIOD_STARTS]!r}.',
    )
    unknown = issuer_roles(policy) - KNOWN_ISSUER_ROLES
    need(not unknown, f"Unknown penalty-notice issuer roles: {', '.join(sorted(unknown))}.")
    need(bool(issuer_roles(policy)), "At least one role must be allowed to issue penalty notices.")
    try:
        weeks = reminder_weeks(policy)
        need(all(w > 0 for w in weeks), "Reminder weeks must be positive whole numbers.")
    except ValueError:
        problems.append("Reminder weeks must be whole numbers separated by commas, e.g. 8,4,2.")
    need(0 <= policy[DEEMED_SERVICE_WORKING_DAYS] <= 10, "Deemed service: 0 to 10 working days.")
    need(policy[PN_DECISION_DAYS] >= 0, "Days to decide after expiry cannot be negative.")
    need(policy[SAO_NAMING_DAYS] >= 1, "The naming-notice period must be at least 1 day.")
    return problems
