from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ewo_desk.domain.attendance import CODES_FROM_2024, Mark, PupilRegister, Session, summarise
from ewo_desk.domain.settings import Policy
from ewo_desk.importers import CTF_XML, REGISTER_CSV, MalformedImport, detect_format, parse_import
from ewo_desk.importers.ctf_marks import MARKS_ALIGNMENT, NO_MARK_CHARACTERS, split_tokens
from ewo_desk.importers.ctf_xml import parse_ctf, read_ctf
from tests.unit.attendance.builders import OTHER_UPN, UPN
from tests.unit.attendance.ctf_builders import contact, ctf, pupil, year_data

DATA = Path(__file__).parents[2] / "data" / "attendance"
WEEK = "/\\/\\/\\/\\/\\####"  # Monday to Friday present, then the weekend as fillers
MON = date(2025, 9, 1)


def parse(xml: str | bytes, **kwargs):
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    return parse_ctf(data, "transfer.xml", **kwargs)


def refused(xml: str | bytes, **kwargs) -> MalformedImport:
    with pytest.raises(MalformedImport) as caught:
        parse(xml, **kwargs)
    assert str(caught.value).startswith("transfer.xml")
    assert str(caught.value).endswith("Nothing was imported.")
    return caught.value


# --- the annotated example in ctf-attendance.md §3 ------------------------------------------


@pytest.fixture(scope="module")
def example():
    return read_ctf(DATA / "ctf_example.xml")


def test_example_header_and_pupils(example):
    assert example.format == CTF_XML and example.importer_version.startswith("ctf-xml/")
    assert example.school_urn == "199901"
    assert [(p.upn, p.surname, p.sex, p.date_of_birth) for p in example.pupils] == [
        (UPN, "Ashdown", "F", date(2014, 3, 9)),
        (OTHER_UPN, "Okafor", "M", date(2013, 11, 30)),
    ]
    assert example.pupils[1].former_upn == "Z99920032500A"
    assert example.pupils[0].address == ("14", "Example Road", "Exampleton", "XX1 1XX")
    assert example.warnings == ()


def test_example_contacts_sorted_by_priority_with_responsibility(example):
    ellie = [c for c in example.contacts if c.pupil_upn == UPN]
    assert [(c.order, c.forename, c.parental_responsibility) for c in ellie] == [
        (1, "Claire", True),
        (2, "Mark", True),
    ]
    assert ellie[0].address == example.pupils[0].address  # AddressAsPupil
    assert ellie[0].phones == (("M", "07700900456"), ("H", "01632 960789"))
    assert ellie[1].address[:2] == ("Flat 3", "Harbour House")
    dennis = [c for c in example.contacts if c.pupil_upn == OTHER_UPN][1]
    assert (dennis.parental_responsibility, dennis.relationship, dennis.address) == (
        False,
        "OTH",
        (),
    )


def test_example_year_data_several_years_and_schools(example):
    blocks = [(t.upn, t.year, t.estab, t.possible, t.marks_alignment) for t in example.year_totals]
    assert blocks == [
        (UPN, 2024, "2001", 378, None),
        (UPN, 2025, "2001", 74, "calendar"),
        (OTHER_UPN, 2024, "2003", 380, None),
        (OTHER_UPN, 2025, "2003", 16, None),
        (OTHER_UPN, 2025, "2001", 56, "calendar"),
    ]


def test_example_marks_decode_and_reconcile(example):
    ellie = example.registers[UPN]
    assert ellie.code_on(date(2025, 9, 11), Session.AM) == "L"
    assert ellie.code_on(date(2025, 10, 14), Session.AM) == "U"
    assert ellie.code_on(date(2025, 10, 17), Session.PM) == "#"  # INSET day kept
    assert ellie.code_on(date(2025, 9, 6), Session.AM) is None  # weekend filler dropped
    assert ellie.code_on(date(2025, 10, 22), Session.PM) == "O"
    f = summarise(ellie)
    assert (f.possible, f.attended, f.authorised, f.unauthorised) == (74, 69, 3, 2)
    sam = example.registers[OTHER_UPN]
    assert sam.first_date == date(2025, 9, 15)
    assert sam.code_on(date(2025, 10, 2), Session.PM) == "Q"
    assert [sam.code_on(date(2025, 10, d), s) for d in (20, 21) for s in Session] == ["G"] * 4
    assert example.date_range == (date(2025, 9, 3), date(2025, 10, 24))


# --- unsafe, broken and foreign XML -------------------------------------------------------------


@pytest.mark.parametrize("name", ["ctf_entity_expansion.xml", "ctf_external_entity.xml"])
def test_entities_and_doctypes_are_refused(name):
    with pytest.raises(MalformedImport) as caught:
        parse_import((DATA / name).read_bytes(), name)
    assert "entities" in str(caught.value) and name in str(caught.value)


def test_truncated_xml():
    whole = (DATA / "ctf_example.xml").read_text()
    err = refused(whole[: len(whole) // 2])
    assert "truncated" in err.problem and err.line and err.line > 100


def test_not_well_formed():
    err = refused(ctf(pupil()).replace("<Surname>Ashdown</Surname>", "<Surname>A & B</Surname>"))
    assert err.line == 14 and "not well-formed (invalid token)" in err.problem


def test_windows_1252_bytes_are_read_with_a_warning():
    xml = ctf(pupil(surname="Zoë")).encode("cp1252")
    parsed = parse(xml)
    assert parsed.pupils[0].surname == "Zoë"
    assert "Windows-1252" in parsed.warnings[0]


def test_utf16_and_bom_files_parse():
    assert parse(ctf(pupil()).encode("utf-16")).pupils[0].upn == UPN
    text = ctf(pupil()).replace('encoding="utf-8"', 'encoding="utf-16"')
    assert parse(text.encode("utf-16")).pupils[0].upn == UPN
    assert parse(b"\xef\xbb\xbf" + ctf(pupil()).encode()).pupils[0].upn == UPN


@pytest.mark.parametrize("encoding", ["u-f-8", "hex", "utf-32", "idna"])
def test_unreadable_declared_encoding_is_refused(encoding):
    xml = ctf(pupil()).replace('encoding="utf-8"', f'encoding="{encoding}"')
    assert 'encoding="utf-8"' in ctf(pupil())
    assert "text encoding" in refused(xml.encode()).problem


def test_empty_file():
    assert "empty" in refused(b"  \n").problem


def test_admissions_file_and_other_roots():
    assert "Admissions Transfer File" in refused(ctf(pupil(), root="ATfile")).problem
    assert "not a Common Transfer File" in refused("<Report/>").problem


def test_namespace_is_stripped():
    xml = ctf(pupil()).replace("<CTfile>", '<CTfile xmlns="urn:example:ctf">')
    assert parse(xml).pupils[0].upn == UPN


def test_gender_and_capitalised_version_variants():
    xml = ctf(pupil(sex="<Gender>M</Gender>")).replace("CTFversion", "CTFVersion")
    parsed = parse(xml)
    assert parsed.pupils[0].sex == "M" and parsed.warnings == ()


def test_unknown_version_and_partial_files_warn():
    xml = ctf(pupil()).replace("25.0", "26.0").replace(">full<", ">partial<")
    warnings = parse(xml).warnings
    assert any("'26.0'" in w for w in warnings) and any("partial" in w for w in warnings)


# --- pupils and contacts ----------------------------------------------------------------------


def test_no_pupils():
    assert "no pupils" in refused(ctf()).problem


def test_pupil_without_upn_is_refused_by_position_and_name():
    err = refused(ctf(pupil(), pupil(None, surname="Hale")))
    assert err.element == "Pupil 2 (Hale, Ellie)" and "no UPN" in err.problem


def test_malformed_and_duplicate_upns():
    assert "is not a UPN" in refused(ctf(pupil("C99920012100"))).problem
    assert "appears twice" in refused(ctf(pupil(), pupil())).problem


def test_check_letter_failure_is_a_warning():
    assert "check letter" in parse(ctf(pupil("A999200121001"))).warnings[0]


def test_dates_must_be_iso():
    err = refused(ctf(pupil(dob="09/03/2014")))
    assert err.element.endswith("DOB") and "YYYY-MM-DD" in err.problem


def test_missing_responsibility_is_unknown_not_false():
    xml = ctf(pupil(extra=f"<Contacts>{contact('2', None)}{contact('1', 'false')}</Contacts>"))
    flags = [(c.order, c.parental_responsibility) for c in parse(xml).contacts]
    assert flags == [(1, False), (2, None)]


@pytest.mark.parametrize(("order", "flag"), [("first", "true"), ("1", "Y")])
def test_bad_contact_fields(order, flag):
    err = refused(ctf(pupil(extra=f"<Contacts>{contact(order, flag)}</Contacts>")))
    assert "Contact 1" in err.element


# --- attendance blocks and the marks string ----------------------------------------------------


def three_weeks():
    """Three school weeks from a Monday as a calendar-day string (21 days, 42 characters)."""
    return WEEK * 3


def test_school_days_strings_are_recognised():
    marks = "/\\/\\/\\/\\/\\" + "OO/\\/\\/\\/\\"  # ten weekdays, no weekend positions
    parsed = parse(ctf(pupil(UPN, year_data(2025, (20, 18, 0, 2), MON, marks))))
    reg = parsed.registers[UPN]
    assert reg.code_on(date(2025, 9, 8), Session.AM) == "O"  # the second Monday, not Saturday
    assert parsed.year_totals[0].marks_alignment == "school-days"


def test_alignment_is_a_setting():
    marks = "/\\/\\/\\/\\/\\" + "OO/\\/\\/\\/\\"
    xml = ctf(pupil(UPN, year_data(2025, (20, 18, 0, 2), MON, marks)))
    forced = parse(xml, policy=Policy({MARKS_ALIGNMENT.key: "calendar"}))
    assert forced.registers[UPN].code_on(date(2025, 9, 6), Session.AM) == "O"  # a Saturday
    with pytest.raises(ValueError, match="ctf.marks_alignment"):
        parse(xml, policy=Policy({MARKS_ALIGNMENT.key: "weekly"}))


def test_no_mark_characters_are_a_setting():
    marks = "/-" + "/\\/\\/\\/\\"
    xml = ctf(pupil(UPN, year_data(2025, (9, 9, 0, 0), MON, marks)))
    assert len(parse(xml).registers[UPN]) == 9
    assert (
        "'-' is not a register code"
        in refused(xml, policy=Policy({NO_MARK_CHARACTERS.key: " "})).problem
    )


def test_marks_that_do_not_reconcile_refuse_the_pupil():
    xml = ctf(pupil(UPN, year_data(2025, (31, 30, 0, 1), MON, three_weeks())))
    err = refused(xml)
    assert err.element.startswith(f"Pupil 1 ({UPN}), YearData 1 (2025, 999/2001)")
    assert "do not match the file's own totals" in err.problem
    assert "30, 30, 0, 0" in err.problem and "31, 30, 0, 1" in err.problem
    assert "register CSV" in str(err)


def test_attended_includes_approved_activity():
    marks = "B\\" + "/\\/\\/\\/\\" + "##"
    assert parse(ctf(pupil(UPN, year_data(2025, (10, 10, 0, 0), MON, marks)))).registers


def test_two_character_codes_are_one_session():
    assert split_tokens("C1/Y7\\J1C2CY") == ["C1", "/", "Y7", "\\", "J1", "C2", "C", "Y"]
    marks = "C1\\" + "Y1Y1" + "/\\/\\/\\" + "##"
    parsed = parse(ctf(pupil(UPN, year_data(2025, (8, 7, 1, 0), MON, marks))))
    assert parsed.registers[UPN].code_on(MON, Session.AM) == "C1"
    assert parsed.code_set >= {"C1", "Y1"}


def test_codes_follow_the_code_set_of_their_date():
    # Before 19 Aug 2024 Y1 did not exist; from it, a bare Y is not a code.
    old = ctf(pupil(UPN, year_data(2023, (0, 0, 0, 0), date(2023, 9, 4), "Y1")))
    assert "'Y1' is not a register code" in refused(old).problem
    new = ctf(pupil(UPN, year_data(2025, (0, 0, 0, 0), MON, "YY")))
    assert "'Y' is not a register code in the set in force from 19/08/2024" in refused(new).problem
    fine = ctf(pupil(UPN, year_data(2023, (0, 0, 0, 0), date(2023, 9, 4), "YY")))
    assert parse(fine).code_set == {"Y"}


def test_marks_are_cut_at_the_leaving_date():
    history = (
        "<SchoolHistory><School><LEA>999</LEA><Estab>2001</Estab>"
        "<LeavingDate>2025-09-10</LeavingDate></School></SchoolHistory>"
    )
    xml = ctf(pupil(UPN, year_data(2025, (16, 16, 0, 0), MON, three_weeks()), extra=history))
    reg = parse(xml).registers[UPN]
    assert reg.last_date == date(2025, 9, 10) and len(reg) == 16  # Mon 1 to Wed 10
    # The cut happens before reconciling: 3 weeks of counts would not match now.
    counted = ctf(pupil(UPN, year_data(2025, (30, 30, 0, 0), MON, three_weeks()), extra=history))
    assert "do not match" in refused(counted).problem


def test_marks_outside_their_academic_year_are_out_of_range():
    err = refused(ctf(pupil(UPN, year_data(2024, (30, 30, 0, 0), MON, three_weeks()))))
    assert "outside the academic year 2024/25" in err.problem
    late = year_data(2024, (2, 2, 0, 0), date(2025, 8, 29), "/\\")
    assert parse(ctf(pupil(UPN, late))).last_date == date(2025, 8, 29)
    too_late = year_data(2024, (2, 2, 0, 0), date(2025, 9, 1), "/\\")
    assert "out of range" in refused(ctf(pupil(UPN, too_late))).problem


def test_marks_after_not_after_are_out_of_range():
    xml = ctf(pupil(UPN, year_data(2025, (30, 30, 0, 0), MON, three_weeks())))
    assert parse(xml, not_after=date(2025, 9, 19)).last_date == date(2025, 9, 19)
    err = refused(xml, not_after=date(2025, 9, 18))
    assert "19/09/2025" in err.problem and "out of range" in err.problem


def test_start_date_variants_and_missing_start():
    variant = year_data(2025, (2, 2, 0, 0), MON, "/\\", start_element="AttendStartDate")
    assert len(parse(ctf(pupil(UPN, variant))).registers[UPN]) == 2
    no_start = year_data(2025, (2, 2, 0, 0), None, "/\\")
    assert "no start date" in refused(ctf(pupil(UPN, no_start))).problem
    no_marks = year_data(2025, (2, 2, 0, 0), MON, "")
    parsed = parse(ctf(pupil(UPN, no_marks)))
    assert parsed.registers == {} and parsed.year_totals[0].possible == 2


def test_line_breaks_inside_the_marks_are_removed_with_a_warning():
    wrapped = WEEK + "\n        " + WEEK
    parsed = parse(ctf(pupil(UPN, year_data(2025, (20, 20, 0, 0), MON, wrapped))))
    assert len(parsed.registers[UPN]) == 20 and "line breaks" in parsed.warnings[0]


def test_bad_counts():
    xml = ctf(pupil(UPN, year_data(2025, (30, 30, 0, 0)))).replace(">30<", ">thirty<", 1)
    err = refused(xml)
    assert err.element.endswith("SessionsPossible") and "'thirty'" in err.problem


def test_blocks_that_disagree_about_a_session_are_refused():
    first = year_data(2025, (10, 10, 0, 0), MON, WEEK)
    same = year_data(2025, (10, 10, 0, 0), MON, WEEK, estab="2003")
    assert len(parse(ctf(pupil(UPN, first, same))).registers[UPN]) == 10
    other = year_data(2025, (10, 9, 0, 1), MON, "O\\/\\/\\/\\/\\##", estab="2003")
    err = refused(ctf(pupil(UPN, first, other)))
    assert "YearData 2" in err.element and "01/09/2025 AM" in err.problem
    assert "YearData 1" in err.problem


def test_format_is_detected_from_content():
    assert detect_format(b"upn,date,session,code\n") == REGISTER_CSV
    assert detect_format(b"\xef\xbb\xbf<?xml version='1.0'?><CTfile/>") == CTF_XML
    assert detect_format("<CTfile/>".encode("utf-16")) == CTF_XML
    assert detect_format("upn,date".encode("utf-16")) == REGISTER_CSV
    assert detect_format(b"\n  <CTfile/>") == CTF_XML
    assert parse_import((DATA / "ctf_example.xml").read_bytes(), "x.csv").format == CTF_XML


# --- property: encode marks as a vendor would, read them back -----------------------------------

WEEKDAY_CODES = sorted(CODES_FROM_2024)


@st.composite
def year_of_marks(draw):
    start = date(2025, 9, 1) + timedelta(days=draw(st.integers(0, 60)))
    days = draw(st.integers(1, 120))
    found = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        for session in Session:
            code = draw(st.sampled_from(WEEKDAY_CODES + ["-"]))
            if code != "-":
                found.append(Mark(UPN, day, session, code))
    return start, days, found


def calendar_string(start: date, days: int, marks: list[Mark]) -> str:
    by_key = {(m.date, m.session): m.code for m in marks}
    out = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        for session in Session:
            default = "#" if day.weekday() >= 5 else "-"
            out.append(by_key.get((day, session), default))
    return "".join(out)


@settings(max_examples=150)
@given(year_of_marks())
def test_round_trip_through_a_calendar_marks_string(case):
    start, days, marks = case
    expected = PupilRegister.from_marks(UPN, marks)
    f = summarise(expected)
    counts = (f.possible, f.attended, f.authorised, f.unauthorised)
    xml = ctf(pupil(UPN, year_data(2025, counts, start, calendar_string(start, days, marks))))
    parsed = parse(xml)
    assert parsed.registers.get(UPN, PupilRegister(UPN, (), ())) == expected
