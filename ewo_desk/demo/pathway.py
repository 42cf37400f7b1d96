"""The early steps of the legal pathway as the demo records them, with the dates the law sets.

Attendance contract (ASBA 2003 s.19; reviewed after about 4 weeks), notice to improve (an
improvement period of 3 to 6 weeks), penalty notice (deemed served 2 working days after first-class
posting; £80 within 21 days or £160 within 28; a second notice within 3 years is £160 flat; unpaid
means prosecute or withdraw, reg 9). See attendance-law.md §3.1-§3.3. Court steps: orders.py.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ewo_desk.demo.marks import Register
from ewo_desk.demo.names import ParentSpec
from ewo_desk.demo.schoolyear import add_working_days
from ewo_desk.demo.writer import CaseBook, d, money
from ewo_desk.store.schema import LegalAction, ParentCarer

NTI_CONTENTS = (
    "attendance_record", "benefits_and_duty", "support_provided", "further_support",
    "clear_warning", "improvement_period", "sufficient_improvement", "early_pn_grounds",
)  # fmt: skip
SUFFICIENT = "No further unauthorised absence during the improvement period."
EARLY_PN = "Any further term-time holiday, or five more unauthorised sessions."
REQUIREMENTS = (
    "{name} to arrive by 8:45 every day",
    "parent to phone the school by 9:00 on any day of absence",
    "parent to attend every review meeting",
)
CONTRACT_SUPPORT = ("morning club place", "weekly key-adult check-in", "family hub referral")


def pct(r: Register, key: str, lo: date, hi: date) -> str:
    value = r.percent(key, lo, hi)
    return "not known (no register held for the period)" if value is None else f"{value}%"


def sessions(r: Register, key: str, lo: date, hi: date) -> str:
    """ "14 unauthorised sessions", or why the number is not known."""
    if not r.covers(key, lo):
        return "unauthorised sessions not known (the register for the period is not held here)"
    return f"{r.unauthorised(key, lo, hi)} unauthorised sessions"


def threshold_check(book: CaseBook, day: date, lo: date, hi: date) -> None:
    key = book.kid.key

    def text(r: Register) -> str:
        return (
            f"Threshold check: {sessions(r, key, lo, hi)} (G, N, O, U) in the 10 school weeks "
            f"{d(lo)} to {d(hi)}; the national threshold is 10. "
            f"Attendance in the period: {pct(r, key, lo, hi)}."
        )

    book.entry("attendance", day, text)


def attendance_line(book: CaseBook, day: date, lo: date, hi: date) -> None:
    key = book.kid.key

    def text(r: Register) -> str:
        n = sessions(r, key, lo, hi)
        return f"Attendance {pct(r, key, lo, hi)} from {d(lo)} to {d(hi)}; {n}."

    book.entry("attendance", day, text)


def contract(
    book: CaseBook,
    signed: date,
    status: str,
    *,
    reviews: tuple[tuple[date, str], ...] = (),
    broken_on: date | None = None,
) -> list[LegalAction]:
    """One contract per parent with parental responsibility the child lives with."""
    ends = signed + timedelta(weeks=12)
    requirements = [r.format(name=book.kid.name) for r in REQUIREMENTS]
    details: dict[str, Any] = {
        "requirements": requirements,
        "support": list(CONTRACT_SUPPORT),
        "signed_by_parent_on": signed,
        "signed_by_council_on": signed,
        "first_review_on": signed + timedelta(weeks=4),
        "reviews": [{"on": day, "outcome": outcome} for day, outcome in reviews],
    }
    if broken_on:
        details |= {
            "broken_on": broken_on,
            "broken_note": "Review meetings missed; attendance fell.",
        }
    parents = [p for p in book.kid.parents() if p[1].lives_with] or book.kid.parents()
    actions = [
        book.action("attendance_contract", parent, status, signed, ends=ends, prefix="AC",
                    outcome=status, details=details)
        for parent, _spec in parents
    ]  # fmt: skip
    first = actions[0]
    text = (
        f"Attendance contract meeting at {book.school} with {book.parent_names(parents)}, "
        f"{book.kid.name} and {book.contact}. Signed by the parent(s) and by {book.officer.name} "
        f"for the council; runs to {d(ends)}. Requirements: {'; '.join(requirements)}. "
        f"Support: {'; '.join(CONTRACT_SUPPORT)}."
    )
    book.entry("meeting", signed, text, hour=10, action=first)
    for day, outcome in reviews:
        book.entry("meeting", day, f"Contract review at {book.school}: {outcome}", action=first)
    if broken_on:
        text = (
            "Attendance contract recorded as broken: review meetings missed and attendance fell. "
            "Letter sent explaining this is evidence if a notice to improve or penalty notice "
            "follows."
        )
        book.entry("legal_step", broken_on, text, hour=11, action=first)
    return actions


def notice_to_improve(
    book: CaseBook,
    posted: date,
    weeks: int,
    status: str,
    *,
    threshold: tuple[date, date],
    outcome_on: date | None = None,
) -> list[LegalAction]:
    """A notice to each parent with parental responsibility, after the threshold check."""
    served = add_working_days(posted, 2)
    end = served + timedelta(weeks=weeks) - timedelta(days=1)
    threshold_check(book, posted - timedelta(days=1), *threshold)
    details: dict[str, Any] = {
        "delivery": "first_class_post",
        "served_on": served,
        "period_start": served,
        "period_end": end,
        "improvement_weeks": weeks,
        "sufficient_improvement": SUFFICIENT,
        "early_pn_grounds": EARLY_PN,
        "contents": list(NTI_CONTENTS),
    }
    if outcome_on:
        details["outcome_on"] = outcome_on
    actions = []
    for parent, spec in book.kid.parents():
        action = book.action("notice_to_improve", parent, status, posted, ends=end, posted=posted,
                             prefix="NTI", outcome=status, details=details)  # fmt: skip
        actions.append(action)
        text = (
            f"Notice to improve sent to {spec.given} {spec.family} by first-class post (deemed "
            f"served {d(served)}). Improvement period {d(served)} to {d(end)} ({weeks} weeks). "
            f"Sufficient improvement: {SUFFICIENT.lower()}"
        )
        book.entry("legal_step", posted, text, action=action)
    if outcome_on is None:
        title = f"Review the notice to improve: the period ends {d(end)}"
        rule = "Notice to improve: an improvement period of 3 to 6 weeks"
        book.task(title, end + timedelta(days=1), kind="deadline", rule=rule)
        return actions
    key = book.kid.key
    verdict = {
        "improved": "sufficient improvement; no penalty notice",
        "not_improved": "not sufficient; a penalty notice will be considered",
    }[status]

    def outcome(r: Register) -> str:
        n = sessions(r, key, served, end)
        return (
            f"Notice to improve: the improvement period ended {d(end)}. {n} in the period; "
            f"attendance {pct(r, key, served, end)}. Outcome: {verdict}."
        )

    book.entry("legal_step", outcome_on, outcome, hour=11, action=actions[0])
    return actions


def penalty_notice(
    book: CaseBook,
    parent: ParentCarer,
    spec: ParentSpec,
    posted: date,
    offence: tuple[date, date],
    *,
    status: str,
    sequence: int = 1,
    paid_after: int | None = None,
    previous: str = "",
    no_nti_reason: str = "",
    withdrawal: tuple[date, str, str] | None = None,
) -> LegalAction:
    """`paid_after`: days after service; `withdrawal`: (date, ground, note)."""
    served = add_working_days(posted, 2)
    pay_80_by, pay_by = served + timedelta(days=20), served + timedelta(days=27)
    lo, hi = offence
    issuer = book.ctx.world.pn_officer
    details: dict[str, Any] = {
        "sequence": sequence,
        "offence": "s444(1)",
        "offence_start": lo,
        "offence_end": hi,
        "delivery": "first_class_post",
        "served_on": served,
        "pay_by": pay_by,
        "issued_by": issuer.name,
        "payments": [],
    }
    if sequence == 1:
        details |= {"pay_80_by": pay_80_by, "amount_after_21_days_pence": 16000}
    if previous:
        details["previous_penalty_notice"] = previous
    if no_nti_reason:
        details["no_nti_reason"] = no_nti_reason
    paid_on = served + timedelta(days=paid_after) if paid_after is not None else None
    if paid_on:
        pence = 8000 if sequence == 1 and paid_on <= pay_80_by else 16000
        details["payments"] = [{"date": paid_on, "pence": pence}]
    if withdrawal:
        when, ground, note = withdrawal
        details |= {"withdrawn_on": when, "ground": ground, "withdrawal_note": note}
        details["notice_of_withdrawal_sent_on"] = when
    action = book.action("penalty_notice", parent, status, posted, ends=pay_by, posted=posted,
                         amount=8000 if sequence == 1 else 16000, prefix="PN", outcome=status,
                         reason=no_nti_reason, details=details)  # fmt: skip
    key, who, ref = book.kid.key, f"{spec.given} {spec.family}", action.reference
    if sequence == 1:
        terms = f"{money(8000)} if paid by {d(pay_80_by)}, {money(16000)} by {d(pay_by)}"
    else:
        terms = f"{money(16000)} by {d(pay_by)} (second notice in three years: no reduced amount)"

    def issued(r: Register) -> str:
        n = sessions(r, key, lo, hi)
        return (
            f"Penalty notice {ref} issued to {who} by {issuer.name} for {book.kid.name}'s absence "
            f"{d(lo)} to {d(hi)} ({n}). Sent first class; deemed served "
            f"{d(served)}. {terms}."
        )

    book.entry("legal_step", posted, issued, action=action, author=issuer)
    if paid_on:
        paid = money(details["payments"][0]["pence"])
        text = f"Penalty notice {ref}: {paid} received from {who}. Liability discharged."
        book.entry("legal_step", paid_on, text, hour=12, action=action)
    elif book.ctx.today > pay_by:
        text = (
            f"Penalty notice {ref}: no payment from {who} by {d(pay_by)}. The council must decide "
            "whether to prosecute for the original absence or withdraw the notice (reg 9)."
        )
        book.entry("legal_step", pay_by + timedelta(days=1), text, hour=10, action=action)
    else:
        title = f"Check payment of penalty notice {ref} ({who})"
        book.task(title, pay_by, kind="deadline", rule="Penalty notice: 21/28 days from service")
    if withdrawal:
        text = (
            f"Penalty notice {ref} withdrawn; written notice sent to {who}. Ground: "
            f"{withdrawal[1].replace('_', ' ')}. {withdrawal[2]}"
        )
        book.entry("legal_step", withdrawal[0], text, hour=11, action=action)
    return action
