from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ewo_desk.domain.attendance import CODES_FROM_2024, Mark, Session, group_by_pupil
from ewo_desk.domain.settings import Policy
from ewo_desk.errors import ImportError_
from ewo_desk.importers import REGISTER_CSV, MalformedImport, read_import
from ewo_desk.importers.parsed import sha256_of
from ewo_desk.importers.register_csv import parse_register_csv, read_register_csv
from tests.unit.attendance.builders import OTHER_UPN, UPN

DATA = Path(__file__).parents[2] / "data" / "attendance"
HEADER = "upn,date,session,code\n"


def parse(text: str, **kwargs):
    return parse_register_csv(text.encode("utf-8"), "register.csv", **kwargs)


def refused(text: str | bytes, **kwargs) -> MalformedImport:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(MalformedImport) as caught:
        parse_register_csv(data, "register.csv", **kwargs)
    assert isinstance(caught.value, ImportError_)
    assert str(caught.value).startswith("register.csv")
    assert str(caught.value).endswith("Nothing was imported.")
    return caught.value


def test_sample_file_with_bom_crlf_extra_columns_and_any_order():
    parsed = read_register_csv(DATA / "register_sample.csv")
    data = (DATA / "register_sample.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert parsed.format == REGISTER_CSV and parsed.importer_version.startswith("register-csv/")
    assert parsed.file_name == "register_sample.csv" and parsed.sha256 == sha256_of(data)
    assert parsed.school_urn == "199901"
    assert parsed.date_range == (date(2024, 2, 29), date(2024, 9, 3))
    assert parsed.code_set == {"/", "\\", "H", "C1", "N", "O", "G", "L", "U", "K", "Y1"}
    assert parsed.mark_count == 14  # 15 rows, one an identical repeat
    ellie = parsed.pupils[0]
    assert (ellie.upn, ellie.surname, ellie.forename, ellie.date_of_birth) == (
        UPN,
        "Ashdown",
        "Ellie",
        date(2014, 3, 9),
    )
    assert parsed.marks[:2] == (
        Mark(UPN, date(2024, 7, 15), Session.AM, "/"),
        Mark(UPN, date(2024, 7, 15), Session.PM, "\\"),
    )
    assert parsed.registers[UPN].code_on(date(2024, 9, 2), Session.PM) == "C1"
    assert parsed.contacts == () and parsed.warnings == ()


def test_marks_rows_and_registers_agree():
    parsed = read_import(DATA / "register_sample.csv")
    assert [(m.upn, m.date, m.session, m.code) for m in parsed.marks] == list(parsed.rows())
    assert group_by_pupil(parsed.marks) == dict(parsed.registers)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_line_ends_and_bom(newline, bom):
    text = bom + "UPN, Date, Session, Code" + newline + f"{UPN},2025-01-06,am,N" + newline
    assert parse(text).marks == (Mark(UPN, date(2025, 1, 6), Session.AM, "N"),)


def test_columns_in_any_order_and_blank_lines_ignored():
    parsed = parse(f"code,session,upn,date\n\n/,PM,{UPN},2025-01-06\n\n")
    assert parsed.marks == (Mark(UPN, date(2025, 1, 6), Session.PM, "/"),)


def test_a_pupil_with_no_detail_columns():
    parsed = parse(HEADER + f"{OTHER_UPN},2025-01-06,AM,/\n{UPN},2025-01-06,AM,/\n")
    assert [p.upn for p in parsed.pupils] == [UPN, OTHER_UPN]
    assert parsed.pupils[0].surname is None and parsed.school_urn is None


def test_failing_check_letter_is_a_warning():
    parsed = parse(HEADER + "A999200121001,2025-01-06,AM,/\n")
    assert parsed.warnings == ("line 2: the UPN A999200121001 fails its check letter",)


def test_several_urns_are_a_warning_not_a_school():
    parsed = parse(
        "upn,date,session,code,urn\n"
        f"{UPN},2025-01-06,AM,/,100001\n{OTHER_UPN},2025-01-06,AM,/,100002\n"
    )
    assert parsed.school_urn is None and "2 school URNs" in parsed.warnings[0]


# --- refusals ---------------------------------------------------------------------------------


def test_truncated_file():
    err = refused((DATA / "register_truncated.csv").read_bytes())
    assert err.line == 4 and "truncated" in str(err) and "2024-09-0" in str(err)


def test_truncated_mid_row_names_the_field_count():
    err = refused(HEADER + f"{UPN},2025-01-06,AM,/\n{UPN},2025-01-0")
    assert err.line == 3 and "2 fields but the header has 4" in err.problem
    assert "truncated" in err.problem


def test_row_with_too_few_fields_in_the_middle_is_not_called_truncated():
    err = refused(HEADER + f"{UPN},2025-01-06,AM\n{UPN},2025-01-07,AM,/\n")
    assert err.line == 2 and "truncated" not in err.problem


def test_unclosed_quote():
    err = refused(HEADER + f'{UPN},2025-01-06,AM,"/\n')
    assert "quoted field" in err.problem


def test_windows_1252_file():
    err = refused((HEADER + f"{UPN},2025-01-06,AM,/\n").encode() + "Zoë".encode("cp1252"))
    assert err.line == 3 and "not UTF-8" in str(err) and "CSV UTF-8" in str(err)


def test_utf16_file():
    err = refused((HEADER + f"{UPN},2025-01-06,AM,/\n").encode("utf-16"))
    assert "UTF-16" in str(err)


@pytest.mark.parametrize("content", ["", "\n\n", "\ufeff"])
def test_empty_file(content):
    assert "empty" in refused(content).problem


def test_header_only():
    assert "no marks" in refused(HEADER).problem


def test_missing_and_repeated_columns():
    assert "missing: session, code" in refused("upn,date\nx,y\n").problem
    assert "'date' twice" in refused("upn,date,session,code,date\n").problem


def test_duplicate_session_with_a_different_code_names_both_lines():
    err = refused(HEADER + f"{UPN},2025-01-06,AM,/\n{UPN},2025-01-07,AM,/\n{UPN},2025-01-06,am,N\n")
    assert err.line == 4
    assert "06/01/2025 AM: '/' (line 2) and 'N'" in err.problem


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-30", "'2025-02-30' is not a real date"),
        ("06/01/2025", "'06/01/2025' is not a real date"),
        ("20250106", "'20250106' is not a real date"),
        ("2025-W02-1", "is not a real date"),
        ("1998-12-31", "out of range"),
    ],
)
def test_malformed_or_out_of_range_dates(value, expected):
    err = refused(HEADER + f"{UPN},2025-01-06,AM,/\n{UPN},{value},AM,/\n")
    assert err.line == 3 and expected in err.problem


def test_dates_after_not_after_are_out_of_range():
    text = HEADER + f"{UPN},2025-01-06,AM,/\n{UPN},2025-01-07,AM,/\n"
    assert parse(text, not_after=date(2025, 1, 7)).last_date == date(2025, 1, 7)
    err = refused(text, not_after=date(2025, 1, 6))
    assert err.line == 3 and "07/01/2025 is out of range" in err.problem


@pytest.mark.parametrize("upn", ["C99920012100", "c999200121001", "", "C 999200121001"])
def test_malformed_upn(upn):
    err = refused(HEADER + f"{upn},2025-01-06,AM,/\n")
    assert err.line == 2 and "is not a UPN" in err.problem and repr(upn) in err.problem


@pytest.mark.parametrize("session", ["A", "AM PM", "", "1"])
def test_malformed_session(session):
    assert "is not AM or PM" in refused(HEADER + f"{UPN},2025-01-06,{session},/\n").problem


def test_unknown_code_names_line_code_and_code_set():
    err = refused(HEADER + f"{UPN},2025-01-06,AM,/\n{UPN},2025-01-06,PM,?\n")
    assert err.line == 3 and "'?' is not a register code" in err.problem
    assert "no code" in refused(HEADER + f"{UPN},2025-01-06,AM,\n").problem


def test_code_set_switches_between_18_and_19_august_2024():
    assert parse(HEADER + f"{UPN},2024-08-18,AM,H\n").code_set == {"H"}
    err = refused(HEADER + f"{UPN},2024-08-19,AM,H\n")
    assert "from 19/08/2024" in err.problem
    assert parse(HEADER + f"{UPN},2024-08-19,AM,K\n").code_set == {"K"}
    assert "before 19/08/2024" in refused(HEADER + f"{UPN},2024-08-18,AM,K\n").problem


def test_policy_reaches_the_code_check():
    parsed = parse(HEADER + f"{UPN},2025-01-06,AM,Q\n", policy=Policy())
    assert parsed.code_set == {"Q"}


def test_inconsistent_pupil_details():
    text = (
        "upn,date,session,code,dob\n"
        f"{UPN},2025-01-06,AM,/,2014-03-09\n{UPN},2025-01-06,PM,/,2014-03-10\n"
    )
    err = refused(text)
    assert err.line == 3 and "different date of birth here than on line 2" in err.problem


def test_details_differing_only_in_spaces_agree():
    text = (
        "upn,date,session,code,surname,forename\n"
        f"{UPN},2025-01-06,AM,/,Ashdown,Ellie\n{UPN},2025-01-06,PM,/,Ashdown ,Ellie\n"
    )
    assert parse(text).pupils[0].surname == "Ashdown"
    err = refused(text.replace("Ashdown ,Ellie", "Ashdown,Ellen"))
    assert "different forename here than on line 2" in err.problem


def test_bad_date_of_birth():
    err = refused(f"upn,date,session,code,dob\n{UPN},2025-01-06,AM,/,09/03/2014\n")
    assert err.line == 2 and "date of birth" in err.problem


def test_missing_file_through_read_import(tmp_path):
    with pytest.raises(MalformedImport, match="cannot be read"):
        read_import(tmp_path / "absent.csv")


# --- property: whatever we write, we read back -----------------------------------------------

CODES = sorted(CODES_FROM_2024)
UPNS = [UPN, OTHER_UPN, "A999200121002"]


@st.composite
def mark_sets(draw):
    keys = draw(
        st.sets(
            st.tuples(
                st.sampled_from(UPNS),
                st.dates(date(2024, 8, 19), date(2026, 7, 31)),
                st.sampled_from(list(Session)),
            ),
            min_size=1,
            max_size=40,
        )
    )
    return [Mark(u, d, s, draw(st.sampled_from(CODES))) for u, d, s in keys]


def quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\n\r') else cell


@given(
    mark_sets(),
    st.randoms(use_true_random=False),
    st.booleans(),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)
def test_round_trip(marks, rnd, bom, newline, repeat_one):
    rows = [[m.upn, m.date.isoformat(), m.session.name, m.code, "note, with comma"] for m in marks]
    if repeat_one:
        rows.append(list(rows[0]))
    rnd.shuffle(rows)
    lines = ["upn,date,session,code,comment"] + [",".join(quote(c) for c in r) for r in rows]
    data = (("\ufeff" if bom else "") + newline.join(lines) + newline).encode("utf-8")
    parsed = parse_register_csv(data, "r.csv")
    assert set(parsed.marks) == set(marks)
    assert len(parsed.marks) == len(marks)
    assert list(parsed.marks) == sorted(parsed.marks)
    assert parsed.code_set == {m.code for m in marks}


@given(mark_sets(), st.data())
def test_a_conflicting_repeat_is_always_refused(marks, data):
    victim = data.draw(st.sampled_from(marks))
    other = data.draw(st.sampled_from([c for c in CODES if c != victim.code]))
    lines = [HEADER.strip()] + [f"{m.upn},{m.date},{m.session.name},{m.code}" for m in marks]
    lines.append(f"{victim.upn},{victim.date},{victim.session.name},{other}")
    with pytest.raises(MalformedImport, match="two different codes"):
        parse_register_csv("\n".join(lines).encode(), "r.csv")
