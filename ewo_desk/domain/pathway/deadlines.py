"""Every date a case's legal history says something is due, with the rule that sets it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ewo_desk.domain.pathway import policy as P
from ewo_desk.domain.pathway import rules as R
from ewo_desk.domain.pathway.court_records import (
    CourtDirection,
    EducationSupervisionOrder,
    Prosecution,
    SchoolAttendanceOrder,
)
from ewo_desk.domain.pathway.eso_rules import uncapped_last_day
from ewo_desk.domain.pathway.facts import CaseFacts
from ewo_desk.domain.pathway.formatting import fmt_date
from ewo_desk.domain.pathway.nti_rules import nti_progress
from ewo_desk.domain.pathway.penalty_terms import (
    PnStatus,
    notice_status,
    notice_terms,
    prosecution_for,
)
from ewo_desk.domain.pathway.periods import (
    eso_extension_opens,
    eso_reasons_due,
    prosecution_limit,
    sao_notice_ends,
)
from ewo_desk.domain.pathway.records import (
    AttendanceContract,
    ContractStatus,
    Delivery,
    NoticeToImprove,
    PenaltyNotice,
)
from ewo_desk.domain.pathway.rules import Rule
from ewo_desk.domain.settings import Policy


@dataclass(frozen=True)
class Deadline:
    due_on: date
    title: str
    rule: Rule
    case_ref: str
    child_id: str
    parent_id: str | None
    action_id: str | None
    opens_on: date | None = None  # can be acted on from this day; None: from the due day
    reminders: tuple[date, ...] = ()  # days it is brought to the officer's attention early
    hard: bool = False  # a limit in law: missing it loses the case

    @property
    def starts_on(self) -> date:
        return self.opens_on or self.due_on


def case_deadlines(case: CaseFacts, today: date, policy: Policy) -> list[Deadline]:
    """What is still to be done on this case, however far off, in date order."""
    found: list[Deadline] = []
    for action in case.history:
        if isinstance(action, AttendanceContract):
            found += _contract(case, action, policy)
        elif isinstance(action, NoticeToImprove):
            found += _nti(case, action, today)
        elif isinstance(action, PenaltyNotice):
            found += _penalty_notice(case, action, today, policy)
        elif isinstance(action, Prosecution) and action.information_laid_on is None:
            found.append(
                _limit(
                    case, action.parent_id, action.child_id, action.id, action.offence_end, policy
                )
            )
        elif isinstance(action, EducationSupervisionOrder):
            found += _eso(case, action)
        elif isinstance(action, CourtDirection):
            found += _direction(case, action)
        elif isinstance(action, SchoolAttendanceOrder):
            found += _sao(case, action)
    return sorted(_one_limit_per_absence(found), key=lambda d: (d.due_on, d.title))


def _contract(case: CaseFacts, c: AttendanceContract, policy: Policy) -> list[Deadline]:
    if c.status is not ContractStatus.IN_FORCE or c.starts_on is None:
        return []
    label = policy[P.CONTRACT_LABEL]
    held = [r.held_on for r in c.reviews]
    last_held = max(held) if held else None
    planned = [d for d in [c.first_review_on, *(r.next_review_on for r in c.reviews)] if d]
    upcoming = [d for d in planned if last_held is None or d > last_held]
    due = (
        min(upcoming)
        if upcoming
        else (last_held or c.starts_on) + timedelta(weeks=policy[P.CONTRACT_REVIEW_WEEKS_MAX])
    )
    items = [
        Deadline(
            due,
            f"Review the {label}",
            R.CONTRACT_REVIEW,
            case.case_ref,
            c.child_id,
            c.parent_id,
            c.id,
        )
    ]
    if c.ends_on is not None:
        items.append(
            Deadline(
                c.ends_on,
                f"The {label} ends: record how it went",
                R.CONTRACT_EVIDENCE,
                case.case_ref,
                c.child_id,
                c.parent_id,
                c.id,
            )
        )
    return items


def _nti(case: CaseFacts, nti: NoticeToImprove, today: date) -> list[Deadline]:
    if nti.outcome() is not None:
        return []
    items = [
        Deadline(
            nti.period_end,
            "Record the notice to improve's outcome: sufficient improvement, or not",
            R.NTI_CHECK,
            case.case_ref,
            nti.child_id,
            nti.parent_id,
            nti.id,
        )
    ]
    checked_today = any(r.on == today for r in nti.reviews)
    if nti.period_start <= today <= nti.period_end and not checked_today:
        progress = nti_progress(nti, case.child(nti.child_id), today)
        items.append(
            Deadline(
                today,
                f"Check the new marks (notice to improve): {progress.sessions_since_start} "
                "unauthorised session(s) so far in the improvement period",
                R.NTI_CHECK,
                case.case_ref,
                nti.child_id,
                nti.parent_id,
                nti.id,
            )
        )
    return items


def _penalty_notice(
    case: CaseFacts, pn: PenaltyNotice, today: date, policy: Policy
) -> list[Deadline]:
    status = notice_status(pn, case, today, policy)
    items: list[Deadline] = []
    if status is PnStatus.WITHDRAWN:
        w = pn.withdrawal
        if w and pn.paid_pence() and w.refunded_on is None:
            items.append(
                Deadline(
                    w.withdrawn_on,
                    "Refund the payment on the withdrawn notice",
                    R.PN_WITHDRAWAL,
                    case.case_ref,
                    pn.child_id,
                    pn.parent_id,
                    pn.id,
                )
            )
        return items
    if status in (PnStatus.PAID, PnStatus.PROSECUTED):
        return items
    if pn.posted_on is None and pn.delivery is Delivery.FIRST_CLASS_POST:
        items.append(
            Deadline(
                pn.issued_on,
                "Record the date the penalty notice was posted",
                R.PN_POSTING,
                case.case_ref,
                pn.child_id,
                pn.parent_id,
                pn.id,
            )
        )
    terms = notice_terms(pn, case, policy)
    expired = terms.full_until + timedelta(days=1)
    items.append(
        Deadline(
            terms.full_until + timedelta(days=policy[P.PN_DECISION_DAYS]),
            f"Penalty notice unpaid after {fmt_date(terms.full_until)}: prosecute or withdraw",
            R.PN_EXPIRY,
            case.case_ref,
            pn.child_id,
            pn.parent_id,
            pn.id,
            opens_on=expired,
        )
    )
    if prosecution_for(pn, case) is None:
        items.append(_limit(case, pn.parent_id, pn.child_id, pn.id, pn.offence_end, policy))
    return items


def _limit(
    case: CaseFacts,
    parent_id: str,
    child_id: str,
    action_id: str,
    offence_end: date,
    policy: Policy,
) -> Deadline:
    limit = prosecution_limit(offence_end)
    return Deadline(
        limit,
        f"Last day to lay an information for absence up to {fmt_date(offence_end)} "
        "(six-month limit)",
        R.PROSECUTION_TIME_LIMIT,
        case.case_ref,
        child_id,
        parent_id,
        action_id,
        reminders=tuple(limit - timedelta(weeks=w) for w in P.reminder_weeks(policy)),
        hard=True,
    )


def _one_limit_per_absence(items: list[Deadline]) -> list[Deadline]:
    """A notice and the prosecution file that follows it share one six-month limit."""
    seen: set[tuple[str | None, str, date]] = set()
    kept = []
    for item in items:
        if item.rule is R.PROSECUTION_TIME_LIMIT:
            key = (item.parent_id, item.child_id, item.due_on)
            if key in seen:
                continue
            seen.add(key)
        kept.append(item)
    return kept


def _eso(case: CaseFacts, order: EducationSupervisionOrder) -> list[Deadline]:
    last = uncapped_last_day(order)
    if last is None or order.discharged_on is not None:
        return []
    child = case.child(order.child_id)
    if last >= child.csa_ends:
        return []  # it ends with compulsory school age; nothing to extend
    return [
        Deadline(
            last,
            f"The ESO ends {fmt_date(last)}: decide whether to apply to extend it",
            R.ESO_EXTENSION_WINDOW,
            case.case_ref,
            order.child_id,
            None,
            order.id,
            opens_on=eso_extension_opens(last),
        )
    ]


def _direction(case: CaseFacts, direction: CourtDirection) -> list[Deadline]:
    if direction.reasons_given_on is not None:
        return []
    applied = [
        o
        for o in case.actions(EducationSupervisionOrder, direction.child_id)
        if o.applied_on >= direction.directed_on
    ]
    if applied:
        return []
    return [
        Deadline(
            eso_reasons_due(direction.directed_on, direction.reasons_due_days),
            "The court directed an ESO application: apply, or give the court reasons",
            R.ESO_COURT_DIRECTION,
            case.case_ref,
            direction.child_id,
            direction.parent_id,
            direction.id,
            opens_on=direction.directed_on,
            hard=True,
        )
    ]


def _sao(case: CaseFacts, sao: SchoolAttendanceOrder) -> list[Deadline]:
    if sao.order_served_on is not None or sao.revoked_on is not None:
        return []
    after = sao_notice_ends(sao.notice_served_on, sao.notice_days) + timedelta(days=1)
    return [
        Deadline(
            after,
            "The s.437(1) notice period is over: decide whether to serve a school attendance order",
            R.SAO_AFTER_NOTICE,
            case.case_ref,
            sao.child_id,
            None,
            sao.id,
        )
    ]
