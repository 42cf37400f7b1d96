"""Records the law asks councils to keep, as rows and figures (no files written here).

(a) The penalty-notice register (2007 Regs reg 20, attendance-law.md §3.3 "Records the LA must
    keep"): each notice, payments and their dates, withdrawal and its ground, prosecution.
(b) The figures for the DfE's annual parental-responsibility-measures return for one academic
    year (1 September to 31 August). The DfE's own field names are not in the law reference, so
    the keys here are ours; the CLI maps them to the return's columns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import date

from ewo_desk.domain.pathway.court_records import (
    CourtDirection,
    CourtResult,
    EducationSupervisionOrder,
    EsoConsidered,
    Offence,
    Prosecution,
    SchoolAttendanceOrder,
)
from ewo_desk.domain.pathway.facts import CaseFacts
from ewo_desk.domain.pathway.penalty_terms import (
    PnStatus,
    notice_status,
    notice_terms,
    paid_on,
    prosecution_for,
)
from ewo_desk.domain.pathway.records import (
    AttendanceContract,
    ContractStatus,
    NoticeToImprove,
    PenaltyNotice,
    WithdrawalGround,
)
from ewo_desk.domain.settings import Policy

Cell = str | int | bool | None


@dataclass(frozen=True)
class PnRegisterRow:
    case_ref: str
    notice_id: str
    parent_id: str
    parent_name: str
    child_id: str
    child_name: str
    issuer_role: str
    issued_on: date
    offence_start: date
    offence_end: date
    delivery: str
    posted_on: date | None
    received_on: date  # deemed receipt when posted
    sequence: int  # 1 or 2 in the 3-year count; 0 before 19 Aug 2024
    reduced_pence: int | None
    reduced_until: date | None
    full_pence: int
    full_until: date
    payments: str  # "2025-01-02 8000; ..." (date and pence of each payment not refunded)
    paid_pence: int
    paid_on: date | None  # the day it was paid in full
    status: str
    withdrawn_on: date | None
    withdrawal_ground: str | None
    withdrawal_note: str
    prosecution_id: str | None
    information_laid_on: date | None
    prosecution_offence: str | None
    prosecution_result: str | None

    def as_dict(self) -> dict[str, Cell]:
        """JSON/CSV-ready: dates as ISO 8601, money as integer pence."""
        return {
            key: value.isoformat() if isinstance(value, date) else value
            for key, value in asdict(self).items()
        }


def penalty_notice_register(
    caseload: Iterable[CaseFacts], today: date, policy: Policy
) -> list[PnRegisterRow]:
    """Every penalty notice on the caseload, in order of issue, as it stands today."""
    rows = []
    for case in caseload:
        for pn in case.history:
            if not isinstance(pn, PenaltyNotice):
                continue
            terms = notice_terms(pn, case, policy)
            parent = case.parent(pn.parent_id)
            prosecution = prosecution_for(pn, case)
            laid = prosecution if prosecution and prosecution.information_laid_on else None
            w = pn.withdrawal
            rows.append(
                PnRegisterRow(
                    case_ref=case.case_ref,
                    notice_id=pn.id,
                    parent_id=pn.parent_id,
                    parent_name=parent.name if parent else "",
                    child_id=pn.child_id,
                    child_name=case.child(pn.child_id).name,
                    issuer_role=pn.issuer_role,
                    issued_on=pn.issued_on,
                    offence_start=pn.offence_start,
                    offence_end=pn.offence_end,
                    delivery=pn.delivery.value,
                    posted_on=pn.posted_on,
                    received_on=terms.receipt_on,
                    sequence=terms.sequence,
                    reduced_pence=terms.reduced_pence,
                    reduced_until=terms.reduced_until,
                    full_pence=terms.full_pence,
                    full_until=terms.full_until,
                    payments="; ".join(
                        f"{p.paid_on.isoformat()} {p.amount_pence}"
                        for p in sorted(pn.payments, key=lambda p: p.paid_on)
                        if p.refunded_on is None
                    ),
                    paid_pence=pn.paid_pence(),
                    paid_on=paid_on(pn, terms),
                    status=notice_status(pn, case, today, policy).value,
                    withdrawn_on=w.withdrawn_on if w else None,
                    withdrawal_ground=w.ground.value if w else None,
                    withdrawal_note=w.note if w else "",
                    prosecution_id=laid.id if laid else None,
                    information_laid_on=laid.information_laid_on if laid else None,
                    prosecution_offence=laid.offence.label if laid else None,
                    prosecution_result=(
                        laid.outcome.result.value if laid and laid.outcome else None
                    ),
                )
            )
    return sorted(rows, key=lambda r: (r.issued_on, r.case_ref, r.notice_id))


def academic_year(start_year: int) -> tuple[date, date]:
    """1 September `start_year` to 31 August the year after ("2025" is 2025/26)."""
    return date(start_year, 9, 1), date(start_year + 1, 8, 31)


def prm_figures(
    caseload: Iterable[CaseFacts], start_year: int, today: date, policy: Policy
) -> dict[str, int]:
    """Parental-responsibility-measures figures for one academic year.

    Notices are counted by date of issue, with their outcome as it stands `today`; contracts by
    the date offered; ESO steps, prosecutions and outcomes by the date each happened.
    """
    first, last = academic_year(start_year)

    def in_year(day: date | None) -> bool:
        return day is not None and first <= day <= last

    c: Counter[str] = Counter()
    for case in caseload:
        for action in case.history:
            if isinstance(action, PenaltyNotice) and in_year(action.issued_on):
                _count_notice(c, action, case, today, policy)
            elif isinstance(action, NoticeToImprove) and in_year(action.issued_on):
                c["notices_to_improve_issued"] += 1
            elif isinstance(action, AttendanceContract) and in_year(action.offered_on):
                c["attendance_contracts_offered"] += 1
                signed = action.status in (
                    ContractStatus.IN_FORCE,
                    ContractStatus.BROKEN,
                    ContractStatus.COMPLETED,
                )
                c["attendance_contracts_agreed"] += signed
                c["attendance_contracts_refused"] += action.status is ContractStatus.REFUSED
                c["attendance_contracts_broken"] += action.status is ContractStatus.BROKEN
            elif isinstance(action, EsoConsidered) and in_year(action.decided_on):
                c["eso_considered"] += 1
            elif isinstance(action, EducationSupervisionOrder):
                c["eso_applications"] += in_year(action.applied_on)
                c["esos_made"] += in_year(action.made_on)
                c["esos_refused"] += in_year(action.refused_on)
                c["eso_extensions"] += sum(in_year(e.granted_on) for e in action.extensions)
                c["esos_discharged"] += in_year(action.discharged_on)
            elif isinstance(action, CourtDirection) and in_year(action.directed_on):
                c["eso_court_directions"] += 1
            elif isinstance(action, Prosecution):
                _count_prosecution(c, action, in_year)
            elif isinstance(action, SchoolAttendanceOrder):
                c["sao_notices_served"] += in_year(action.notice_served_on)
                c["school_attendance_orders_served"] += in_year(action.order_served_on)
    return {key: c[key] for key in prm_keys()}


def _count_notice(
    c: Counter[str], pn: PenaltyNotice, case: CaseFacts, today: date, policy: Policy
) -> None:
    terms = notice_terms(pn, case, policy)
    c["penalty_notices_issued"] += 1
    c[
        {
            0: "penalty_notices_before_framework",
            1: "penalty_notices_first",
            2: "penalty_notices_second",
        }[min(terms.sequence, 2)]
    ] += 1
    status = notice_status(pn, case, today, policy)
    settled = paid_on(pn, terms)
    if status is PnStatus.PAID and settled is not None:
        c["penalty_notices_paid"] += 1
        early = terms.reduced_until is not None and settled <= terms.reduced_until
        c["penalty_notices_paid_reduced" if early else "penalty_notices_paid_full"] += 1
    elif status is PnStatus.WITHDRAWN and pn.withdrawal is not None:
        c["penalty_notices_withdrawn"] += 1
        c[f"penalty_notices_withdrawn_{pn.withdrawal.ground.value}"] += 1
    elif status is PnStatus.PROSECUTED:
        c["penalty_notices_prosecuted"] += 1
    elif status is PnStatus.EXPIRED_UNPAID:
        c["penalty_notices_unpaid_awaiting_decision"] += 1
    else:
        c["penalty_notices_awaiting_payment"] += 1


def _count_prosecution(
    c: Counter[str], p: Prosecution, in_year: Callable[[date | None], bool]
) -> None:
    if in_year(p.information_laid_on):
        c["prosecutions_laid"] += 1
        c[f"prosecutions_laid_{p.offence.value}"] += 1
        c[f"prosecutions_laid_{p.route.value}"] += 1
    if p.outcome is not None and in_year(p.outcome.decided_on):
        c[f"prosecution_outcomes_{p.outcome.result.value}"] += 1
        c["parenting_orders"] += p.outcome.parenting_order is not None


def prm_keys() -> list[str]:
    """Every figure, in the order the report shows them (zero when nothing happened)."""
    return [
        "penalty_notices_issued",
        "penalty_notices_first",
        "penalty_notices_second",
        "penalty_notices_before_framework",
        "penalty_notices_paid",
        "penalty_notices_paid_reduced",
        "penalty_notices_paid_full",
        "penalty_notices_withdrawn",
        *(f"penalty_notices_withdrawn_{g.value}" for g in WithdrawalGround),
        "penalty_notices_prosecuted",
        "penalty_notices_unpaid_awaiting_decision",
        "penalty_notices_awaiting_payment",
        "notices_to_improve_issued",
        "attendance_contracts_offered",
        "attendance_contracts_agreed",
        "attendance_contracts_refused",
        "attendance_contracts_broken",
        "eso_considered",
        "eso_applications",
        "esos_made",
        "esos_refused",
        "eso_extensions",
        "esos_discharged",
        "eso_court_directions",
        "prosecutions_laid",
        *(f"prosecutions_laid_{o.value}" for o in Offence),
        "prosecutions_laid_single_justice_procedure",
        "prosecutions_laid_open_court",
        *(f"prosecution_outcomes_{r.value}" for r in CourtResult),
        "parenting_orders",
        "sao_notices_served",
        "school_attendance_orders_served",
    ]
