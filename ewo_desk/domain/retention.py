"""When a closed case's records are due for deletion under the council's retention schedule.

The periods for EWS case and prosecution files are not settled in law (attendance-law.md §5 marks
them UNVERIFIED: "commonly DOB+25, or closure/conviction + 6 years"), so each is a policy setting.
Records relevant to child protection are held under the IICSA moratorium while policy says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ewo_desk.domain.calendar import add_years
from ewo_desk.domain.settings import Policy, setting

YEARS_AFTER_CLOSURE = setting(
    "retention.years_after_closure", 6, "Keep closed cases for this many years after closure"
)
KEEP_UNTIL_AGE = setting(
    "retention.keep_until_age", 25, "Keep a child's case at least until this birthday"
)
EXTRA_YEARS_SEND_OR_LOOKED_AFTER = setting(
    "retention.extra_years_send_or_looked_after",
    10,
    "Extra years for children with an EHCP or who were looked after",
)
IICSA_MORATORIUM = setting(
    "retention.iicsa_moratorium",
    True,
    "Hold child-protection records (IICSA moratorium, since July 2015)",
)


@dataclass(frozen=True)
class RetentionFacts:
    closed_on: date | None
    date_of_birth: date | None
    child_protection: bool
    ehcp: bool
    looked_after: bool


@dataclass(frozen=True)
class RetentionDecision:
    due_on: date | None  # None: not due (open, or held)
    reason: str

    def due(self, today: date) -> bool:
        return self.due_on is not None and self.due_on <= today


def retention(facts: RetentionFacts, policy: Policy) -> RetentionDecision:
    if facts.closed_on is None:
        return RetentionDecision(None, "The case is open.")
    if facts.child_protection and policy[IICSA_MORATORIUM]:
        return RetentionDecision(
            None, "Held: child-protection records are kept under the IICSA moratorium."
        )
    after_closure = add_years(facts.closed_on, policy[YEARS_AFTER_CLOSURE])
    candidates = [(after_closure, f"{policy[YEARS_AFTER_CLOSURE]} years after closure")]
    if facts.date_of_birth is not None:
        age = policy[KEEP_UNTIL_AGE]
        if facts.ehcp or facts.looked_after:
            age += policy[EXTRA_YEARS_SEND_OR_LOOKED_AFTER]
        candidates.append(
            (add_years(facts.date_of_birth, age), f"the child's {ordinal(age)} birthday")
        )
    due_on, why = max(candidates)
    return RetentionDecision(due_on, f"Due for deletion on {due_on:%d/%m/%Y}: {why}.")


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
