"""Compulsory school age: the prescribed day after the 5th birthday to the last Friday in June."""

from datetime import date

import pytest

from ewo_desk.domain.pathway import (
    StepKind,
    compulsory_school_age_ends,
    compulsory_school_age_starts,
    may_issue,
)

from ._builders import POLICY, case, child, ids


@pytest.mark.parametrize(
    "born, starts",
    [
        (date(2015, 1, 1), date(2020, 3, 31)),
        (date(2015, 3, 31), date(2020, 3, 31)),  # a birthday on a prescribed day counts
        (date(2015, 4, 1), date(2020, 8, 31)),
        (date(2015, 8, 31), date(2020, 8, 31)),
        (date(2015, 9, 1), date(2020, 12, 31)),
        (date(2015, 12, 31), date(2020, 12, 31)),
        (date(2012, 2, 29), date(2017, 3, 31)),  # fifth birthday taken as 1 March 2017
    ],
)
def test_start(born: date, starts: date) -> None:
    assert compulsory_school_age_starts(born) == starts


@pytest.mark.parametrize(
    "born, ends",
    [
        (date(2010, 9, 1), date(2027, 6, 25)),  # turns 16 in Sep 2026: school year 2026/27
        (date(2010, 8, 31), date(2026, 6, 26)),  # turns 16 in Aug 2026: school year 2025/26
        (date(2011, 7, 15), date(2027, 6, 25)),  # 16 after the leaving date: it ends before
        (date(2012, 2, 29), date(2028, 6, 30)),  # 16 on 29 February 2028
    ],
)
def test_end(born: date, ends: date) -> None:
    assert compulsory_school_age_ends(born) == ends


def test_edges_of_compulsory_school_age() -> None:
    kid = child(date_of_birth=date(2015, 4, 1))
    assert not kid.of_compulsory_school_age(date(2020, 8, 30))
    assert kid.of_compulsory_school_age(date(2020, 8, 31))
    assert kid.of_compulsory_school_age(date(2031, 6, 27))  # last Friday in June 2031
    assert not kid.of_compulsory_school_age(date(2031, 6, 28))


def test_no_penalty_notice_for_a_reception_child_below_compulsory_school_age() -> None:
    facts = case(kid=child(date_of_birth=date(2020, 1, 10), threshold_met_on=()))
    # Fifth birthday 10/01/2025: compulsory school age starts 31/03/2025.
    before = may_issue(StepKind.PENALTY_NOTICE, "p1", "c1", facts, date(2025, 3, 30), POLICY)
    on_day = may_issue(StepKind.PENALTY_NOTICE, "p1", "c1", facts, date(2025, 3, 31), POLICY)
    assert "child.compulsory_school_age" in ids(before) and not before.allowed
    assert "child.compulsory_school_age" not in ids(on_day) and on_day.allowed


def test_no_notice_after_compulsory_school_age_ends() -> None:
    facts = case(kid=child(date_of_birth=date(2010, 8, 31)))
    last = may_issue(StepKind.NOTICE_TO_IMPROVE, "p1", "c1", facts, date(2026, 6, 26), POLICY)
    after = may_issue(StepKind.NOTICE_TO_IMPROVE, "p1", "c1", facts, date(2026, 6, 27), POLICY)
    assert last.allowed
    assert not after.allowed and "child.compulsory_school_age" in ids(after)
