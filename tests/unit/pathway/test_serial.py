"""Every record survives a trip through JSON unchanged; a wrong dict is refused with its field."""

import json
from datetime import date

import pytest

from ewo_desk.domain.pathway import (
    AttendanceContract,
    ContractReview,
    ContractStatus,
    CourtDirection,
    CourtResult,
    EducationSupervisionOrder,
    EsoConsultation,
    EsoExtension,
    EvidenceItem,
    InterviewStatus,
    InterviewUnderCaution,
    LegalAction,
    NtiFinding,
    NtiReview,
    Offence,
    ParentingOrder,
    Payment,
    Prosecution,
    ProsecutionOutcome,
    Route,
    SchoolAttendanceOrder,
    SupportOffer,
    SupportResponse,
    Withdrawal,
    WithdrawalGround,
    action_from_dict,
    action_to_dict,
)

from ._builders import considered, nti, pn

D = date(2026, 3, 2)
RECORDS: list[LegalAction] = [
    SupportOffer("s", None, "c1", D, "Early help", SupportResponse.DECLINED),
    AttendanceContract(
        "ac",
        "p1",
        "c1",
        D,
        ContractStatus.IN_FORCE,
        D,
        D,
        D,
        None,
        ("a", "b"),
        ("c",),
        D,
        (ContractReview(D, "fine", None),),
    ),
    nti("n", D, date(2026, 4, 20), reviews=(NtiReview(D, NtiFinding.EARLY_PN_GROUNDS, "x", D),)),
    pn(
        "p",
        D,
        payments=(Payment(D, 8000, D),),
        withdrawal=Withdrawal(D, WithdrawalGround.MATERIAL_ERRORS, "typo", D, None),
    ),
    considered(D),
    EsoConsultation("k", "c1", D),
    EducationSupervisionOrder(
        "o", "c1", D, D, None, (EsoExtension(D, D, D),), None, "", ("p1", "p2")
    ),
    CourtDirection("d", "c1", D, "p1", 28, D, "reasons"),
    InterviewUnderCaution("i", "p1", "c1", D, InterviewStatus.HELD, D, "audio-1"),
    Prosecution(
        "x",
        "p1",
        "c1",
        Offence.S444_1A,
        D,
        D,
        Route.OPEN_COURT,
        D,
        D,
        "p",
        D,
        "",
        frozenset({EvidenceItem.S9_STATEMENTS, EvidenceItem.VISIT_RECORDS}),
        ProsecutionOutcome(
            D, CourtResult.CONVICTED_AFTER_TRIAL, 100, 200, ParentingOrder(D, D, None)
        ),
    ),
    SchoolAttendanceOrder("sao", "c1", D, 15, ("p1",), D, "Hill School", D, None),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_round_trip_through_json(record: LegalAction) -> None:
    data = json.loads(json.dumps(action_to_dict(record)))
    assert action_from_dict(data) == record


def test_kind_and_plain_values() -> None:
    data = action_to_dict(RECORDS[3])
    assert data["kind"] == "penalty_notice"
    assert data["issued_on"] == "2026-03-02" and data["payments"][0]["amount_pence"] == 8000


@pytest.mark.parametrize(
    "change, field",
    [
        ({"issued_on": 20260302}, "issued_on"),
        ({"colour": "red"}, "colour"),
        ({"payments": {"paid_on": "2026-03-02"}}, "payments"),
        ({"offence_end": "not a date"}, "offence_end"),
        ({"delivery": "pigeon"}, "delivery"),
    ],
)
def test_a_dict_that_does_not_fit_is_refused(change: dict[str, object], field: str) -> None:
    data = {**action_to_dict(RECORDS[3]), **change}
    with pytest.raises(ValueError, match=field):
        action_from_dict(data)


def test_a_missing_field_is_named() -> None:
    data = action_to_dict(RECORDS[3])
    del data["offence_start"]
    with pytest.raises(ValueError, match="missing field.*offence_start"):
        action_from_dict(data)


def test_follow_up_kinds_have_no_record_of_their_own() -> None:
    with pytest.raises(ValueError):
        action_from_dict({"kind": "penalty_notice_payment"})
