import csv
import io
from datetime import date

import pytest

from ewo_desk.domain.attendance import PupilContext, targeting_list, write_targeting_csv
from tests.unit.attendance.builders import OTHER_UPN, PRESENT_WEEK, UPN, weeks

MONDAY = date(2025, 1, 6)
AS_OF = date(2025, 1, 31)
THIRD_UPN = "A999200121002"


def school():
    return [
        weeks(MONDAY, PRESENT_WEEK, PRESENT_WEEK, PRESENT_WEEK, PRESENT_WEEK, upn=UPN),
        # 50 % attendance with 12 unauthorised sessions: level 3, severe, threshold met.
        weeks(MONDAY, "OOOOOOOOOO", "OO/\\/\\/\\/\\", "IIIIIIII/\\", PRESENT_WEEK, upn=OTHER_UPN),
        # 85 %: level 2, persistent; an N open for more than 5 school days.
        weeks(
            MONDAY,
            "N\\/\\/\\/\\/\\",
            "II/\\/\\/\\/\\",
            "II/\\/\\/\\/\\",
            "I\\/\\/\\/\\/\\",
            upn=THIRD_UPN,
        ),
    ]


def test_rows_bring_the_measures_together_most_concerning_first():
    context = {
        OTHER_UPN: PupilContext("Sam Okafor", "7", ("young carer",), ("Ellie Okafor (Y3)",)),
    }
    rows = targeting_list(school(), MONDAY, AS_OF, context)
    assert [r.upn for r in rows] == [OTHER_UPN, THIRD_UPN, UPN]
    worst, middle, best = rows
    assert (worst.level, worst.severe, worst.persistent, worst.threshold_met) == (
        3,
        True,
        True,
        True,
    )
    assert worst.threshold_met_on == date(2025, 1, 10)
    assert worst.context.vulnerability_flags == ("young carer",)
    assert (middle.level, middle.persistent, middle.severe, middle.unresolved_n) == (
        2,
        True,
        False,
        1,
    )
    assert middle.recent_attendance_pct == 85.0
    assert (best.level, best.persistent, best.threshold_met, best.context.name) == (
        1,
        False,
        False,
        "",
    )


def test_threshold_looks_only_at_marks_up_to_as_of():
    rows = targeting_list(school(), MONDAY, date(2025, 1, 9), {})
    assert not next(r for r in rows if r.upn == OTHER_UPN).threshold_met  # 8 by Thursday


def test_period_must_not_end_before_it_starts():
    with pytest.raises(ValueError):
        targeting_list(school(), AS_OF, MONDAY)


def test_csv_has_a_header_iso_dates_and_no_formulas():
    context = {UPN: PupilContext('=HYPERLINK("x")', "9", ("EHCP", "CP plan"), ("@sib", "-a"))}
    out = io.StringIO()
    write_targeting_csv(targeting_list(school(), MONDAY, AS_OF, context), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["upn"] for r in rows] == [OTHER_UPN, THIRD_UPN, UPN]
    assert rows[0]["threshold_met_on"] == "2025-01-10"
    assert rows[0]["severe_absence"] == "yes" and rows[2]["severe_absence"] == "no"
    assert rows[1]["recent_attendance_pct"] == "85.0" and rows[1]["unresolved_n_codes"] == "1"
    assert rows[2]["name"] == '\'=HYPERLINK("x")'
    assert rows[2]["vulnerability_flags"] == "EHCP; CP plan"
    assert rows[2]["siblings"] == "'@sib; -a"
    assert out.getvalue().startswith("upn,name,year_group,level,")
