from datetime import date

import pytest

from ewo_desk.domain.calendar import add_years
from ewo_desk.domain.retention import RetentionFacts, ordinal, retention
from ewo_desk.domain.settings import Policy

POLICY = Policy()


def facts(closed=date(2020, 7, 20), dob=date(2008, 3, 1), cp=False, ehcp=False, la=False):
    return RetentionFacts(closed, dob, cp, ehcp, la)


def test_open_case_never_due():
    assert retention(facts(closed=None), POLICY).due_on is None


def test_later_of_closure_plus_six_and_25th_birthday():
    # Closed 20/07/2020 -> 20/07/2026; 25th birthday 01/03/2033 is later.
    decision = retention(facts(), POLICY)
    assert decision.due_on == date(2033, 3, 1)
    assert "25th birthday" in decision.reason
    older = retention(facts(dob=date(1999, 1, 1)), POLICY)
    assert older.due_on == date(2026, 7, 20) and "6 years after closure" in older.reason


@pytest.mark.parametrize(
    ("today", "due"),
    [(date(2033, 2, 28), False), (date(2033, 3, 1), True), (date(2033, 3, 2), True)],
)
def test_due_edges(today, due):
    assert retention(facts(), POLICY).due(today) is due


def test_leap_day_birthday_falls_to_28_february():
    assert add_years(date(2008, 2, 29), 25) == date(2033, 2, 28)
    assert add_years(date(2008, 2, 29), 24) == date(2032, 2, 29)
    assert retention(facts(dob=date(2008, 2, 29)), POLICY).due_on == date(2033, 2, 28)


def test_ehcp_or_looked_after_keeps_longer():
    assert retention(facts(ehcp=True), POLICY).due_on == date(2043, 3, 1)
    assert retention(facts(la=True), POLICY).due_on == date(2043, 3, 1)


def test_child_protection_held_unless_policy_lifts_the_moratorium():
    assert retention(facts(cp=True), POLICY).due_on is None
    lifted = POLICY.with_changes(**{"retention.iicsa_moratorium": False})
    assert retention(facts(cp=True), lifted).due_on == date(2033, 3, 1)


def test_policy_periods():
    council = POLICY.with_changes(**{"retention.years_after_closure": 15})
    assert retention(facts(), council).due_on == date(2035, 7, 20)


def test_ordinals():
    assert [ordinal(n) for n in (1, 2, 3, 11, 12, 13, 21, 25, 35)] == [
        "1st",
        "2nd",
        "3rd",
        "11th",
        "12th",
        "13th",
        "21st",
        "25th",
        "35th",
    ]
