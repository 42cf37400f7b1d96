"""ESO: s.447 consideration, consultation, one year, the extension window, reasons to the court."""

from datetime import date

import pytest

from ewo_desk.domain.pathway import (
    CourtDirection,
    EducationSupervisionOrder,
    EsoConsultation,
    EsoExtension,
    Severity,
    StepKind,
    check_action,
    may_issue,
)
from ewo_desk.domain.pathway.eso_rules import in_force_on, last_day_in_force
from ewo_desk.domain.pathway.periods import eso_extension_opens, eso_last_day

from ._builders import POLICY, case, child, considered, ids, messages

CONSULTED = EsoConsultation("k1", "c1", date(2025, 6, 2))
MADE = EducationSupervisionOrder("o1", "c1", date(2025, 6, 10), made_on=date(2025, 9, 1))


def ask(kind, facts, on):
    return may_issue(kind, "p1", "c1", facts, on, POLICY)


@pytest.mark.parametrize(
    "consulted_on, blocked",
    [(date(2025, 6, 1), False), (date(2025, 6, 2), False), (date(2025, 6, 3), True)],
)
def test_consultation_before_application(consulted_on: date, blocked: bool) -> None:
    facts = case(EsoConsultation("k1", "c1", consulted_on))
    decision = ask(StepKind.ESO_APPLICATION, facts, date(2025, 6, 2))
    assert ("eso.consultation" in ids(decision, Severity.BLOCK)) is blocked


def test_no_eso_for_a_child_in_care() -> None:
    facts = case(CONSULTED, kid=child(in_local_authority_care=True))
    assert "eso.not_in_care" in ids(ask(StepKind.ESO_APPLICATION, facts, date(2025, 6, 3)))


def test_not_while_an_order_is_in_force() -> None:
    facts = case(CONSULTED, MADE)
    assert "eso.in_force" in ids(
        ask(StepKind.ESO_APPLICATION, facts, date(2026, 8, 31)), Severity.BLOCK
    )
    assert "eso.in_force" not in ids(ask(StepKind.ESO_APPLICATION, facts, date(2026, 9, 1)))


def test_considered_needs_reasons() -> None:
    decision = check_action(
        considered(date(2025, 6, 1), reasons=" "), case(), date(2025, 6, 1), POLICY
    )
    assert "eso.considered" in ids(decision, Severity.BLOCK)


# --- duration and extension ---


def test_lasts_one_year_beginning_with_the_day_it_is_made() -> None:
    kid = child()
    assert eso_last_day(date(2025, 9, 1)) == date(2026, 8, 31)
    assert in_force_on(MADE, kid, date(2025, 9, 1))
    assert in_force_on(MADE, kid, date(2026, 8, 31))
    assert not in_force_on(MADE, kid, date(2026, 9, 1))
    assert not in_force_on(MADE, kid, date(2025, 8, 31))


def test_leap_day_order_ends_27_february() -> None:
    # One year beginning with 29/02/2028 is 365 days: the last is 27/02/2029.
    assert eso_last_day(date(2028, 2, 29)) == date(2029, 2, 27)
    assert eso_extension_opens(date(2029, 2, 27)) == date(2028, 11, 28)


def test_order_ends_when_compulsory_school_age_ends() -> None:
    kid = child(date_of_birth=date(2010, 8, 31))  # compulsory school age ends 26/06/2026
    assert last_day_in_force(MADE, kid) == date(2026, 6, 26)


@pytest.mark.parametrize(
    "on, blocked_by",
    [
        (date(2026, 5, 31), "eso.extension_window"),
        (date(2026, 6, 1), None),  # three months before it would expire on 01/09/2026
        (date(2026, 8, 31), None),
        (date(2026, 9, 1), "eso.in_force"),
    ],
)
def test_extension_window(on: date, blocked_by: str | None) -> None:
    decision = ask(StepKind.ESO_EXTENSION, case(CONSULTED, MADE), on)
    assert decision.target_id == "o1"
    if blocked_by is None:
        assert decision.allowed
    else:
        assert blocked_by in ids(decision, Severity.BLOCK)


@pytest.mark.parametrize("until, blocked", [(date(2029, 8, 31), False), (date(2029, 9, 1), True)])
def test_each_extension_is_at_most_three_years(until: date, blocked: bool) -> None:
    extension = EsoExtension(date(2026, 6, 1), date(2026, 7, 1), until)
    order = EducationSupervisionOrder(
        "o1", "c1", date(2025, 6, 10), made_on=date(2025, 9, 1), extensions=(extension,)
    )
    decision = check_action(
        order,
        case(CONSULTED, order, kid=child(date_of_birth=date(2016, 1, 1))),
        date(2026, 7, 1),
        POLICY,
    )
    assert ("eso.extension_length" in ids(decision)) is blocked


def test_extension_moves_the_end_and_discharge_ends_it() -> None:
    kid = child(date_of_birth=date(2016, 1, 1))
    extended = EducationSupervisionOrder(
        "o1",
        "c1",
        date(2025, 6, 10),
        made_on=date(2025, 9, 1),
        extensions=(EsoExtension(date(2026, 6, 1), date(2026, 7, 1), date(2027, 8, 31)),),
    )
    assert in_force_on(extended, kid, date(2027, 8, 31))
    discharged = EducationSupervisionOrder(
        "o1", "c1", date(2025, 6, 10), made_on=date(2025, 9, 1), discharged_on=date(2026, 1, 5)
    )
    assert in_force_on(discharged, kid, date(2026, 1, 4))
    assert not in_force_on(discharged, kid, date(2026, 1, 5))
    after = ask(StepKind.ESO_DISCHARGE, case(discharged, kid=kid), date(2026, 1, 6))
    assert "eso.in_force" in ids(after, Severity.BLOCK)


# --- the court directs an application (s.447(2)) ---


@pytest.mark.parametrize(
    "sent_on, late",
    [(date(2026, 4, 26), False), (date(2026, 4, 27), False), (date(2026, 4, 28), True)],
)
def test_reasons_to_the_court_within_8_weeks(sent_on: date, late: bool) -> None:
    facts = case(CourtDirection("d1", "c1", date(2026, 3, 2)))
    decision = ask(StepKind.ESO_REASONS_TO_COURT, facts, sent_on)
    assert decision.target_id == "d1"
    assert ("eso.court_direction_reasons" in ids(decision, Severity.WARN)) is late
    assert "27/04/2026" in messages(decision)


def test_court_may_set_its_own_period() -> None:
    facts = case(CourtDirection("d1", "c1", date(2026, 3, 2), reasons_due_days=28))
    decision = ask(StepKind.ESO_REASONS_TO_COURT, facts, date(2026, 3, 31))
    assert "eso.court_direction_reasons" in ids(decision, Severity.WARN)


def test_recorded_reasons_given_late_are_noted() -> None:
    direction = CourtDirection(
        "d1",
        "c1",
        date(2026, 3, 2),
        reasons_given_on=date(2026, 4, 28),
        reasons="Family engaging with support",
    )
    decision = check_action(direction, case(direction), date(2026, 5, 1), POLICY)
    assert "eso.court_direction_reasons" in ids(decision, Severity.WARN)
