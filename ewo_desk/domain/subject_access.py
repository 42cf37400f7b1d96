"""What a subject access response must say besides the data itself (attendance-law.md §5:
purposes, recipients, retention, rights, complaint to the ICO, source, automated decisions), and
the response deadline: one month from receipt, extendable by two further months."""

from __future__ import annotations

from datetime import date

from ewo_desk.domain.calendar import add_months
from ewo_desk.domain.settings import Policy, setting

PURPOSES = setting(
    "sar.purposes",
    "To support children's school attendance and to carry out the council's duties under the "
    "Education Act 1996, including the legal measures described in the DfE's Working Together "
    "to Improve School Attendance (2024).",
    "Subject access: purposes of processing",
)
RECIPIENTS = setting(
    "sar.recipients",
    "Schools, children's social care, and where legal action is taken, the courts and the "
    "council's legal services.",
    "Subject access: recipients",
)
SOURCES = setting(
    "sar.sources",
    "Schools (attendance registers and referrals), you and your family, other council services.",
    "Subject access: where the data came from",
)
RIGHTS = setting(
    "sar.rights",
    "You may ask us to correct inaccurate data, to restrict or object to processing, and in some "
    "cases to erase it. You may complain to the Information Commissioner's Office (ico.org.uk, "
    "0303 123 1113).",
    "Subject access: rights and the right to complain to the ICO",
)
AUTOMATED = setting(
    "sar.automated_decisions",
    "No decision about you is made by automated means. Attendance figures are calculated from "
    "school registers; every decision is made by an officer.",
    "Subject access: automated decision-making",
)


def response_due(received_on: date, extended: bool = False) -> date:
    """One calendar month from receipt (the same date next month, or its last day)."""
    return add_months(received_on, 3 if extended else 1)


def statement(policy: Policy, retention_text: str) -> dict[str, str]:
    return {
        "purposes": policy[PURPOSES],
        "recipients": policy[RECIPIENTS],
        "retention": retention_text,
        "rights": policy[RIGHTS],
        "source": policy[SOURCES],
        "automated_decisions": policy[AUTOMATED],
    }
