"""The rules of the legal pathway, each named once with the section of the law it rests on.

Every reason, deadline and work-list item points at one of these, so an officer (or a reviewer) can
see which rule spoke and where it comes from: `attendance-law.md` is
/work/shared/reference/attendance-law.md, the team's reviewed summary of the law.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    source: str  # section of attendance-law.md, with the statute or guidance it reports

    def cite(self) -> str:
        return f"{self.title} ({self.source})"


def _rule(rule_id: str, title: str, source: str) -> Rule:
    rule = Rule(rule_id, title, f"attendance-law.md {source}")
    if rule_id in RULES:
        raise ValueError(f"rule {rule_id} declared twice")
    RULES[rule_id] = rule
    return rule


RULES: dict[str, Rule] = {}

# --- the child and the parent ---
COMPULSORY_SCHOOL_AGE = _rule(
    "child.compulsory_school_age", "The child must be of compulsory school age", "§2.2"
)
REGISTERED_PUPIL = _rule(
    "child.registered_pupil", "The child must be a registered pupil", "§3.3, §3.7 (EA 1996 s.444)"
)
PN_SCHOOL = _rule(
    "child.school_where_pns_apply",
    "Penalty notices apply only at maintained schools, academies, PRUs and AP academies",
    "§3.3 (Where PNs can be used)",
)
PARENT = _rule("parent.s576", "The person must be a parent (EA 1996 s.576)", "§2.2")
UNRESOLVED_N_CODES = _rule(
    "marks.unresolved_n_codes", "N codes should be resolved before formal action", "§1 (code N)"
)
SUPPORT_FIRST = _rule("support.first", "Support comes first", "§3.2 and §3.3 (Preconditions)")
STEP_TARGET = _rule("step.target", "The step acts on an existing record", "§3")
PARENT_NAMED = _rule(
    "step.parent_named", "A step taken against a parent names a parent on the case", "§2.2"
)

# --- attendance contract (ASBA 2003 s.19) ---
CONTRACT_SIGNED = _rule(
    "contract.signed_by_both",
    "A contract is signed by the parent and the council",
    "§3.1 (s.19(7))",
)
CONTRACT_REQUIREMENTS = _rule(
    "contract.requirements", "A contract states the parent's requirements", "§3.1 (s.19(4)(a))"
)
CONTRACT_SUPPORT = _rule(
    "contract.support", "A contract states the support the council will give", "§3.1 (s.19(4)(b))"
)
CONTRACT_PERIOD = _rule(
    "contract.period", "A contract runs for a specified period", "§3.1 (s.19(4)(a))"
)
CONTRACT_REVIEW = _rule(
    "contract.review", "A contract is reviewed after 4 to 6 weeks", "§3.1 (Time limits)"
)
CONTRACT_IRREGULAR_ATTENDANCE = _rule(
    "contract.irregular_attendance",
    "A contract is for a child who has failed to attend regularly",
    "§3.1 (s.19(1))",
)
CONTRACT_EVIDENCE = _rule(
    "contract.refused_or_broken",
    "A refused or broken contract is evidence for the next stage",
    "§3.1 (Non-compliance)",
)
CONTRACT_EXPLORED = _rule(
    "contract.explored_first",
    "An attendance contract should be explored before an ESO or prosecution",
    "§3.1 (Preconditions)",
)
CONTRACT_IN_FORCE = _rule(
    "contract.one_in_force", "One contract in force per parent and child", "§3.1"
)

# --- notice to improve (national framework, 19 Aug 2024) ---
NTI_TRIGGER = _rule(
    "nti.trigger",
    "A notice to improve follows the national threshold or a recorded pattern of absence",
    "§3.2 (Preconditions)",
)
NTI_PERIOD = _rule(
    "nti.improvement_period",
    "A notice to improve gives an improvement period of 3 to 6 school weeks",
    "§3.2 (Required contents item 6; Time limits)",
)
NTI_CONTENTS = _rule(
    "nti.contents",
    "A notice to improve has the eight required contents",
    "§3.2 (Required contents)",
)
NTI_CHECK = _rule(
    "nti.check",
    "Marks are checked during the improvement period, and an outcome recorded by its end",
    "§3.2 (Time limits: daily review)",
)
NTI_IN_FORCE = _rule("nti.one_in_force", "One notice to improve at a time", "§3.2")

# --- penalty notice (EA 1996 s.444A, 2007 Regs as amended 2024) ---
PN_PER_PARENT_CHILD = _rule(
    "pn.per_parent_per_child", "Each penalty notice is for one parent and one child", "§2.2"
)
PN_LIMIT = _rule(
    "pn.two_in_three_years",
    "No more than two penalty notices to a parent for a child within three years",
    "§3.3 (The 3-year limit)",
)
PN_NTI_FIRST = _rule(
    "pn.nti_first", "A notice to improve is normally given first", "§3.2, §3.3 (Preconditions)"
)
PN_DURING_NTI = _rule(
    "pn.during_nti_period",
    "A penalty notice before the improvement period ends needs the stated grounds, and the "
    "parent told first",
    "§3.2 (Required contents item 8; S59)",
)
PN_THRESHOLD = _rule(
    "pn.threshold",
    "The national threshold (10 unauthorised sessions in 10 school weeks) is considered",
    "§2.3",
)
PN_ISSUER = _rule(
    "pn.issuer", "Only an authorised officer may issue a penalty notice", "§3.3 (Who issues)"
)
PN_OFFENCE_PERIOD = _rule(
    "pn.offence_period", "A penalty notice states the period of the offence", "§3.3 (reg 3(d))"
)
PN_SAME_OFFENCE = _rule(
    "pn.same_offence",
    "The same absence cannot be the subject of two penalty notices or of a notice and a "
    "prosecution",
    "§3.3 (s.444A(3)-(4))",
)
PN_TIME_TO_PROSECUTE = _rule(
    "pn.time_to_prosecute",
    "The council must be able to prosecute if a penalty notice is not paid",
    "§3.3 (Preconditions), §4.4",
)
PN_PREVIOUS_LA = _rule(
    "pn.previous_council_checked",
    "Check previous councils' notices when the pupil moved in the last 3 years",
    "§3.3 (The 3-year limit: moved pupils)",
)
PN_POSTING = _rule(
    "pn.posting_and_receipt",
    "Record the date of posting; payment periods run from deemed receipt",
    "§3.3 (Day counting)",
)
PN_PAYMENT = _rule(
    "pn.payment",
    "Payment is the amount for the period it falls in; no part payment or instalments",
    "§3.3 (Amounts and periods)",
)
PN_WITHDRAWAL = _rule(
    "pn.withdrawal", "A penalty notice is withdrawn only on a lawful ground", "§3.3 (reg 8, reg 9)"
)
PN_EXPIRY = _rule(
    "pn.expiry_decision",
    "An unpaid penalty notice must be prosecuted or withdrawn",
    "§3.3 (Non-payment; reg 9)",
)

# --- Education Supervision Order (CA 1989 s.36, Sch 3; EA 1996 s.447) ---
ESO_CONSIDERED = _rule(
    "eso.considered",
    "An ESO must be considered (dated and reasoned) before s.443/s.444 proceedings",
    "§3.4 (s.447)",
)
ESO_CONSULTATION = _rule(
    "eso.consultation",
    "Children's social care is consulted before an ESO application",
    "§3.4 (s.36(8))",
)
ESO_IN_CARE = _rule("eso.not_in_care", "No ESO for a child in local authority care", "§3.4")
ESO_NOT_EDUCATED = _rule(
    "eso.not_properly_educated",
    "The court must be satisfied the child is not being properly educated",
    "§3.4 (s.36 presumption)",
)
ESO_IN_FORCE = _rule("eso.in_force", "The step needs an ESO in force", "§3.4 (Duration)")
ESO_DURATION = _rule(
    "eso.duration", "An ESO lasts one year from the day it is made", "§3.4 (Duration, para 15)"
)
ESO_EXTENSION_WINDOW = _rule(
    "eso.extension_window",
    "An extension is applied for no earlier than 3 months before expiry",
    "§3.4 (Duration, para 15)",
)
ESO_EXTENSION_LENGTH = _rule(
    "eso.extension_length", "Each extension is at most 3 years", "§3.4 (Duration, para 15)"
)
ESO_COURT_DIRECTION = _rule(
    "eso.court_direction_reasons",
    "When the court directs an ESO application and the council declines, it gives reasons within "
    "8 weeks",
    "§3.4 (s.447(3)-(4))",
)

# --- prosecution (EA 1996 s.443, s.444(1), s.444(1A); MCA 1980 s.127, s.16A) ---
PROSECUTION_TIME_LIMIT = _rule(
    "prosecution.six_month_limit",
    "The information is laid within 6 months of the end of the offence period",
    "§4.4 (MCA 1980 s.127)",
)
PROSECUTION_ROUTE = _rule(
    "prosecution.route",
    "s.444(1) may go by the Single Justice Procedure; s.444(1A) needs open court",
    "§3.7 (Route choice), §4.4",
)
PROSECUTION_SJP_ADULT = _rule(
    "prosecution.sjp_adult", "The Single Justice Procedure is only for accused aged 18+", "§4.4"
)
PROSECUTION_PN_PERIOD = _rule(
    "prosecution.pn_period",
    "No proceedings before a penalty notice's payment period ends",
    "§3.3 (s.444A(3))",
)
PROSECUTION_PN_PAID = _rule(
    "prosecution.pn_paid",
    "A paid penalty notice discharges liability for that absence",
    "§3.3 (s.444A(4))",
)
PROSECUTION_OFFENCE_PERIOD = _rule(
    "prosecution.offence_period", "A prosecution states the offence period", "§3.7, §4.4"
)
PROSECUTION_INTERVIEW = _rule(
    "prosecution.interview",
    "The parent is given the chance to account, e.g. an interview under caution",
    "§4.3 (PACE Code C)",
)
PROSECUTION_EVIDENCE = _rule(
    "prosecution.evidence",
    "The prosecution file holds the evidence the court needs",
    "§4.5 (Criminal file), §4.1-§4.4",
)
PROSECUTION_AUTHORISATION = _rule(
    "prosecution.authorisation",
    "The council's legal panel authorises the prosecution",
    "§3.7 (Preconditions in practice)",
)
PROSECUTION_LAID = _rule("prosecution.laid", "The step needs an information already laid", "§4.4")
PROSECUTION_SAO = _rule(
    "prosecution.s443_needs_sao",
    "A s.443 prosecution needs a school attendance order served",
    "§3.6 (s.443)",
)
PARENTING_ORDER_CONVICTION = _rule(
    "parenting_order.after_conviction",
    "A parenting order is made only on conviction under s.443 or s.444",
    "§3.5 (Sentencing Act 2020 s.369)",
)
PARENTING_ORDER_LIMITS = _rule(
    "parenting_order.limits",
    "Requirements last at most 12 months; the programme at most 3 months",
    "§3.5 (Contents and limits)",
)

# --- school attendance order (EA 1996 ss.437-443) ---
SAO_NOTICE_PERIOD = _rule(
    "sao.notice_period",
    "The s.437(1) notice gives at least 15 days beginning with the day of service",
    "§3.6 (s.437(1)-(2))",
)
SAO_AFTER_NOTICE = _rule(
    "sao.after_notice",
    "An order is served only after the s.437(1) notice period ends unanswered",
    "§3.6 (s.437(3))",
)
SAO_NAMING = _rule(
    "sao.naming_notice",
    "The council first serves notice of the school it intends to name",
    "§3.6 (ss.438-441)",
)
