"""The penalty-notice register and the parental-responsibility-measures figures."""

import json
from dataclasses import replace
from datetime import date

from ewo_desk.domain.pathway import (
    AttendanceContract,
    ContractStatus,
    CourtResult,
    EducationSupervisionOrder,
    Offence,
    ParentingOrder,
    Payment,
    Prosecution,
    ProsecutionOutcome,
    Route,
    Withdrawal,
    WithdrawalGround,
)
from ewo_desk.domain.pathway_reports import (
    academic_year,
    penalty_notice_register,
    prm_figures,
    prm_keys,
)

from ._builders import POLICY, case, child, considered, nti, pn

KID = child(date_of_birth=date(2016, 5, 10))
PAID = pn("a", date(2025, 9, 1), payments=(Payment(date(2025, 9, 10), 8000),))
WITHDRAWN = pn(
    "b",
    date(2025, 10, 6),
    parent_id="p2",
    withdrawal=Withdrawal(date(2025, 10, 8), WithdrawalGround.WRONG_RECIPIENT, "Wrong parent"),
)
UNPAID = pn("c", date(2025, 11, 3), parent_id="p2", offence_start=date(2025, 9, 15))
LAID = Prosecution(
    "x",
    "p2",
    "c1",
    Offence.S444_1,
    UNPAID.offence_start,
    UNPAID.offence_end,
    Route.SJP,
    date(2025, 12, 10),
    information_laid_on=date(2025, 12, 12),
    penalty_notice_id="c",
    outcome=ProsecutionOutcome(
        date(2026, 2, 2),
        CourtResult.CONVICTED_SJP,
        22000,
        10000,
        ParentingOrder(date(2026, 2, 2), date(2027, 2, 1)),
    ),
)
TODAY = date(2026, 3, 1)


def test_register_rows_hold_what_reg_20_requires() -> None:
    rows = penalty_notice_register([case(PAID, WITHDRAWN, UNPAID, LAID, kid=KID)], TODAY, POLICY)
    assert [r.notice_id for r in rows] == ["a", "b", "c"]
    paid, withdrawn, prosecuted = rows
    assert (paid.status, paid.paid_pence, paid.paid_on) == ("paid", 8000, date(2025, 9, 10))
    assert paid.payments == "2025-09-10 8000" and paid.received_on == date(2025, 9, 3)
    assert (withdrawn.status, withdrawn.withdrawal_ground) == ("withdrawn", "wrong_recipient")
    assert withdrawn.parent_name == "Jo"
    assert prosecuted.status == "prosecuted"
    assert prosecuted.information_laid_on == date(2025, 12, 12)
    assert prosecuted.prosecution_result == "convicted_sjp"
    assert prosecuted.prosecution_offence == "s.444(1)"


def test_register_rows_are_json_ready() -> None:
    rows = penalty_notice_register([case(PAID, kid=KID)], TODAY, POLICY)
    data = json.loads(json.dumps([r.as_dict() for r in rows]))
    assert data[0]["issued_on"] == "2025-09-01" and data[0]["full_pence"] == 16000


def test_academic_year() -> None:
    assert academic_year(2025) == (date(2025, 9, 1), date(2026, 8, 31))


def test_prm_figures_for_a_year() -> None:
    contract = AttendanceContract("ac", "p1", "c1", date(2025, 9, 15), ContractStatus.REFUSED)
    eso = EducationSupervisionOrder("o", "c1", date(2026, 1, 5), made_on=date(2026, 2, 1))
    facts = case(
        PAID,
        WITHDRAWN,
        UNPAID,
        LAID,
        contract,
        eso,
        considered(date(2025, 12, 1)),
        nti("n", date(2025, 9, 1), date(2025, 10, 20)),
        kid=KID,
    )
    figures = prm_figures([facts], 2025, TODAY, POLICY)
    assert list(figures) == prm_keys()
    assert figures["penalty_notices_issued"] == 3
    assert figures["penalty_notices_first"] == 3  # one per parent: b was withdrawn before c
    assert figures["penalty_notices_paid"] == figures["penalty_notices_paid_reduced"] == 1
    assert figures["penalty_notices_withdrawn_wrong_recipient"] == 1
    assert figures["penalty_notices_prosecuted"] == 1
    assert figures["notices_to_improve_issued"] == 1
    assert figures["attendance_contracts_offered"] == figures["attendance_contracts_refused"] == 1
    assert figures["eso_considered"] == 1
    assert figures["eso_applications"] == figures["esos_made"] == 1
    assert figures["prosecutions_laid"] == figures["prosecutions_laid_s444_1"] == 1
    assert figures["prosecution_outcomes_convicted_sjp"] == 1
    assert figures["parenting_orders"] == 1


def test_prm_year_boundaries() -> None:
    last_day = replace(PAID, id="a", issued_on=date(2025, 8, 31))
    first_day = replace(PAID, id="d", issued_on=date(2025, 9, 1), parent_id="p2")
    facts = case(last_day, first_day, kid=KID)
    assert prm_figures([facts], 2024, TODAY, POLICY)["penalty_notices_issued"] == 1
    assert prm_figures([facts], 2025, TODAY, POLICY)["penalty_notices_issued"] == 1
    assert set(prm_figures([], 2025, TODAY, POLICY).values()) == {0}
