from datetime import date

import pytest

from ewo_desk.domain.settings import Policy
from ewo_desk.domain.subject_access import response_due, statement


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2026, 11, 22), date(2026, 12, 22)),
        (date(2026, 1, 31), date(2026, 2, 28)),  # no 31 February: the month's last day
        (date(2028, 1, 31), date(2028, 2, 29)),  # leap year
        (date(2026, 12, 15), date(2027, 1, 15)),  # across the year end
        (date(2026, 3, 31), date(2026, 4, 30)),
    ],
)
def test_one_calendar_month(received, due):
    assert response_due(received) == due


def test_extension_is_two_further_months():
    assert response_due(date(2026, 11, 30), extended=True) == date(2027, 2, 28)


def test_statement_has_every_required_part_and_follows_policy():
    policy = Policy({"sar.recipients": "Only the school."})
    text = statement(policy, "Six years.")
    assert set(text) == {
        "purposes",
        "recipients",
        "retention",
        "rights",
        "source",
        "automated_decisions",
    }
    assert text["recipients"] == "Only the school." and "Information Commissioner" in text["rights"]
