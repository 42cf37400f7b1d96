"""Letters print attendance figures computed from the imported register, never typed in, and cite
the import they came from (issue 3: "An officer must never type an attendance percentage")."""

import json
from datetime import date
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from ewo_desk.documents import DocumentError, TemplateError, generate_letter, render_letter
from ewo_desk.documents.attendance_fields import before
from ewo_desk.domain.attendance import UNAUTHORISED_CODES, summarise
from ewo_desk.store.marks import registers
from ewo_desk.store.schema import AttendanceImport, GeneratedDocument
from tests.unit.documents.builders import (
    EXTRAS,
    REGISTER_FILE,
    TODAY,
    UPN,
    build_case,
    import_register,
)
from tests.unit.documents.conftest import pdf_text

LONDON = ZoneInfo("Europe/London")
FIGURE_LETTERS = {
    # template: (parent, the asks that choose the period)
    "notice_to_improve": ("father", ("attendance_from", "attendance_to")),
    "s566_certificate": (None, ("period_from", "period_to")),
    "penalty_notice": ("father", ("offence_from", "offence_to")),
}


def make(vault, built, name, extra=None, parent="default", **kwargs):
    if parent == "default":
        parent = FIGURE_LETTERS.get(name, ("father",))[0]
    parent_id = built.father_id if parent == "father" else None
    with vault.session() as session:
        doc = generate_letter(
            session,
            built.ref,
            name,
            parent_id=parent_id,
            today=TODAY,
            extra_fields=EXTRAS[name] if extra is None else extra,
            **kwargs,
        )
        session.expunge(doc)
    return doc


def stored(vault):
    with vault.reader() as session:
        return session.scalar(sa.select(sa.func.count(GeneratedDocument.id)))


def expected(vault, built, start, end):
    """What the attendance domain itself says for the period, from the vault's marks."""
    with vault.reader() as session:
        register = registers(session, [built.child_id])[UPN]
    figures = summarise(register, start, end)
    unauthorised = [
        f"{m.date:%d/%m/%Y} {m.session.name}"
        for m in register.between(start, end).marks()
        if m.code in UNAUTHORISED_CODES
    ]
    return figures, unauthorised


def snapshot(vault, import_id):
    with vault.reader() as session:
        row = session.get(AttendanceImport, import_id)
        imported_on = row.imported_at.astimezone(LONDON).date()
        return row.source_name, row.sha256, imported_on


def citation(vault, import_id):
    name, sha, on = snapshot(vault, import_id)
    return f"{name}, imported {on:%d/%m/%Y}, SHA-256 {sha[:12]}"


def period_of(name, extra=None):
    extra = EXTRAS[name] if extra is None else extra
    first, last = FIGURE_LETTERS[name][1]
    return date.fromisoformat(extra[first]), date.fromisoformat(extra[last])


@pytest.mark.parametrize("name", sorted(FIGURE_LETTERS))
def test_figures_are_the_registers_and_the_letter_cites_its_snapshot(vault, case, name):
    doc = make(vault, case, name)
    text = pdf_text(doc.content)
    start, end = period_of(name)
    figures, unauthorised = expected(vault, case, start, end)
    assert figures.unauthorised > 0 and unauthorised
    period = f"{start:%d/%m/%Y} to {end:%d/%m/%Y}"
    pct = f"{figures.attendance_pct:.1f}%"
    if name == "notice_to_improve":
        for phrase in (
            f"Period {period}",
            f"Sessions possible {figures.possible}",
            f"Sessions attended {figures.attended}",
            f"Authorised absence {figures.authorised} sessions",
            f"Unauthorised absence {figures.unauthorised} sessions",
            f"Attendance {pct}",
        ):
            assert phrase in text, phrase
    elif name == "s566_certificate":
        row = (
            f"{figures.possible} {figures.present} {figures.approved_activity} "
            f"{figures.authorised} {figures.unauthorised} {pct}"
        )
        assert f"for the period {period}" in text and row in text
        for session in unauthorised:
            assert session in text, session
    else:
        assert f"{period}: {figures.unauthorised} sessions of unauthorised absence" in text
        assert f"with {figures.unauthorised} sessions (mornings or afternoons)" in text
    assert f"Figures from the school's register: {citation(vault, case.import_id)}" in text
    _name, sha, _on = snapshot(vault, case.import_id)
    assert REGISTER_FILE in text and sha[:12] in text

    assert doc.attendance_import_id == case.import_id
    record = json.loads(doc.source_data_json)
    held = record["attendance"]
    assert (held["from"], held["to"]) == (start.isoformat(), end.isoformat())
    assert held["possible"] == figures.possible and held["present"] == figures.present
    assert held["approved_activity"] == figures.approved_activity
    assert held["authorised"] == figures.authorised
    assert held["unauthorised"] == figures.unauthorised
    assert held["attendance_pct"] == figures.attendance_pct
    assert held["by_code"] == dict(figures.by_code)
    assert held["import_id"] == case.import_id and held["imports"][0]["sha256"] == sha
    assert held["citation"] == citation(vault, case.import_id)
    assert record["fields"]["attendance"]["possible"] == figures.possible
    assert record["fields"]["attendance"]["percent"] == figures.attendance_pct


def test_the_register_file_holds_what_the_letters_say(vault, case):
    """The test data, counted by hand, so the comparisons above are not vacuous."""
    figures, unauthorised = expected(vault, case, date(2026, 9, 3), date(2026, 11, 20))
    assert (figures.possible, figures.present, figures.approved_activity) == (102, 84, 1)
    assert (figures.authorised, figures.unauthorised, figures.not_counted) == (5, 12, 2)
    assert f"{figures.attendance_pct:.1f}%" == "83.3%" and len(unauthorised) == 12


def test_a_reprint_is_identical_and_keeps_its_figures(vault, case):
    first = make(vault, case, "s566_certificate")
    second = make(vault, case, "s566_certificate")
    assert first.content == second.content and first.sha256 == second.sha256
    with vault.reader() as session:
        again = session.get(GeneratedDocument, first.id)
        assert again.attendance_import_id == case.import_id
        assert json.loads(again.source_data_json)["attendance"]["possible"] == 102


OLD_FIGURE_ASKS = [
    ("notice_to_improve", "possible_sessions", "74"),
    ("notice_to_improve", "attended_sessions", "58"),
    ("notice_to_improve", "unauthorised_sessions", "14"),
    ("notice_to_improve", "attendance_percent", "78.4"),
    ("s566_certificate", "possible_sessions", "114"),
    ("s566_certificate", "present_sessions", "88"),
    ("s566_certificate", "authorised_sessions", "8"),
    ("s566_certificate", "unauthorised_sessions", "18"),
    ("s566_certificate", "attendance_percent", "77.2"),
    ("s566_certificate", "unauthorised_dates", ["14/09/2026 AM"]),
    ("penalty_notice", "unauthorised_sessions", "18"),
    ("attendance_meeting_invitation", "attendance_percent", "81.3"),
    ("eso_consultation_letter", "attendance_percent", "77.2"),
    ("case_summary", "attendance_percent", "77.2"),
    ("notice_to_improve", "attendance", {"percent": "99.0"}),
    ("s566_certificate", "attendance.percent", "99.0"),
]


@pytest.mark.parametrize(("name", "field", "value"), OLD_FIGURE_ASKS)
def test_a_typed_figure_is_refused(vault, case, name, field, value):
    parent = {"s566_certificate": None, "eso_consultation_letter": None, "case_summary": None}
    with pytest.raises(TemplateError, match=f"it does not ask for {field}") as caught:
        make(
            vault,
            case,
            name,
            extra={**EXTRAS[name], field: value},
            parent=parent.get(name, "father"),
        )
    assert caught.value.template == f"{name}.txt"
    assert stored(vault) == 0


@pytest.mark.parametrize("name", sorted(FIGURE_LETTERS))
def test_no_marks_for_the_period_stops_the_letter_and_stores_nothing(vault, name):
    with vault.session() as session:
        built = build_case(session, marks=False)
    with pytest.raises(DocumentError) as caught:
        make(vault, built, name)
    start, end = period_of(name)
    assert str(caught.value) == (
        f"No attendance marks for {start:%d/%m/%Y}–{end:%d/%m/%Y} are held for this child; "
        "import the school's register first."
    )
    assert stored(vault) == 0


def test_marks_held_only_for_another_period_are_no_marks(vault, case):
    extra = {"period_from": "2025-09-01", "period_to": "2025-12-19"}
    with pytest.raises(DocumentError, match="No attendance marks for 01/09/2025–19/12/2025"):
        make(vault, case, "s566_certificate", extra=extra)
    assert stored(vault) == 0


def test_a_period_of_closure_days_only_has_no_percentage(vault, case):
    extra = {"period_from": "2026-11-02", "period_to": "2026-11-02"}  # an INSET day: '#'
    with pytest.raises(DocumentError, match="no possible sessions"):
        make(vault, case, "s566_certificate", extra=extra)
    assert stored(vault) == 0


def test_no_penalty_notice_without_unauthorised_absence_in_the_period(vault, case):
    extra = {**EXTRAS["penalty_notice"], "offence_from": "2026-09-21", "offence_to": "2026-10-02"}
    with pytest.raises(TemplateError, match="record no unauthorised absence"):
        make(vault, case, "penalty_notice", extra=extra)
    assert stored(vault) == 0


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 10, 5), date(2026, 11, 20), (date(2026, 8, 19), date(2026, 10, 4))),
        (date(2026, 10, 5), date(2026, 10, 5), (date(2026, 10, 4), date(2026, 10, 4))),
        (date(2028, 3, 1), date(2028, 3, 1), (date(2028, 2, 29), date(2028, 2, 29))),
        (date(2027, 3, 1), date(2027, 3, 7), (date(2027, 2, 22), date(2027, 2, 28))),
    ],
)
def test_the_period_before_is_as_long_and_ends_the_day_before(start, end, expected):
    assert before(start, end) == expected


def test_contract_review_compares_with_the_period_before_and_records_both(vault, case):
    extra = {**EXTRAS["attendance_contract_review"]}
    letter = make(vault, case, "attendance_contract_review", extra=extra, parent="father")
    record = json.loads(letter.source_data_json)
    assert record["attendance"]["from"] == "2026-10-05"
    assert record["attendance_before"]["to"] == "2026-10-04"
    assert (record["attendance_before"]["possible"], record["attendance"]["possible"]) == (44, 58)


def test_contract_review_stops_when_nothing_is_held_before_the_contract(vault, case):
    extra = {**EXTRAS["attendance_contract_review"], "contract_start": "2026-09-03"}
    with pytest.raises(DocumentError, match="No attendance marks for 16/06/2026–02/09/2026"):
        make(vault, case, "attendance_contract_review", extra=extra, parent="father")
    assert stored(vault) == 0


def test_a_period_that_ends_before_it_starts_names_the_ask(vault, case):
    extra = {"period_from": "2026-11-20", "period_to": "2026-09-03"}
    with pytest.raises(TemplateError, match="period_to .*before period_from") as caught:
        make(vault, case, "s566_certificate", extra=extra)
    assert caught.value.line and stored(vault) == 0


def test_the_notice_to_improve_defaults_to_the_school_year_to_date(vault, case):
    extra = {
        k: v
        for k, v in EXTRAS["notice_to_improve"].items()
        if k not in ("attendance_from", "attendance_to")
    }
    text = pdf_text(make(vault, case, "notice_to_improve", extra=extra).content)
    figures, _ = expected(vault, case, date(2026, 9, 1), TODAY)
    assert "Period 01/09/2026 to 23/11/2026" in text
    assert f"Sessions possible {figures.possible}" in text
    assert f"Attendance {figures.attendance_pct:.1f}%" in text


def test_the_newest_import_wins_and_every_import_used_is_cited(vault, case):
    recoded = b"upn,date,session,code\n" + f"{UPN},2026-11-16,AM,I\n".encode()  # N resolved
    with vault.session() as session:
        newer = import_register(session, recoded, "stmarys-n-codes-resolved.csv")
    doc = make(vault, case, "penalty_notice")
    text = pdf_text(doc.content)
    figures, _ = expected(vault, case, date(2026, 9, 3), date(2026, 11, 20))
    assert figures.unauthorised == 11  # one N now authorised
    assert "11 sessions of unauthorised absence" in text
    both = f"{citation(vault, newer)}; {citation(vault, case.import_id)}"  # newest first
    assert f"Figures from the school's register: {both}" in text
    assert doc.attendance_import_id == newer

    # A letter whose period the newer file does not reach cites only the older one.
    extra = {"period_from": "2026-09-03", "period_to": "2026-10-30"}
    older = make(vault, case, "s566_certificate", extra=extra)
    assert older.attendance_import_id == case.import_id
    older_text = pdf_text(older.content)
    assert citation(vault, case.import_id) in older_text
    assert "stmarys-n-codes-resolved.csv" not in older_text


def test_a_letter_that_may_show_attendance_shows_it_or_leaves_it_out(vault, case):
    doc = make(vault, case, "attendance_meeting_invitation")
    text = pdf_text(doc.content)
    figures, _ = expected(vault, case, date(2026, 9, 1), TODAY)
    assert f"from 01/09/2026 to 23/11/2026 was {figures.attendance_pct:.1f}%" in text
    assert citation(vault, case.import_id) in text
    assert doc.attendance_import_id == case.import_id

    extra = {**EXTRAS["attendance_meeting_invitation"], "period_to": "2026-08-31"}
    none = make(vault, case, "attendance_meeting_invitation", extra=extra)  # last school year
    assert "attendance from" not in pdf_text(none.content)
    assert none.attendance_import_id is None


def test_case_summary_and_eso_letter_print_the_computed_figure(vault, case):
    figures, _ = expected(vault, case, date(2026, 9, 3), date(2026, 11, 20))
    eso = pdf_text(make(vault, case, "eso_consultation_letter", parent=None).content)
    assert f"{figures.attendance_pct:.1f}% from 03/09/2026 to 20/11/2026, with 12 sessions" in eso
    assert citation(vault, case.import_id) in eso
    summary = pdf_text(make(vault, case, "case_summary", parent=None).content)
    year, _ = expected(vault, case, date(2026, 9, 1), TODAY)
    assert f"{year.attendance_pct:.1f}% from 01/09/2026 to 23/11/2026" in summary


def test_a_letter_without_figures_keeps_no_snapshot(vault, case):
    doc = make(vault, case, "attendance_contract")
    assert doc.attendance_import_id is None
    record = json.loads(doc.source_data_json)
    assert "attendance" not in record and "attendance" not in record["fields"]


def test_an_ask_may_not_take_the_attendance_group_name(vault, case, tmp_path):
    folder = tmp_path / "council"
    folder.mkdir()
    (folder / "own.txt").write_text(
        "---\ntitle: Own\nto: parent\nneeds: parent.salutation\nasks: attendance (percent)\n---\n"
        "{{ parent.salutation }}\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match="already a merge field"):
        make(vault, case, "own", extra={"attendance": "90"}, template_dir=folder)


def test_a_council_template_using_figures_it_does_not_list_is_told_to_list_them(
    vault, case, tmp_path
):
    folder = tmp_path / "council"
    folder.mkdir()
    (folder / "own.txt").write_text(
        "---\ntitle: Own\nto: parent\nneeds: parent.salutation\n---\n"
        "{{ parent.salutation }}\n{{ attendance.percent }}\n",
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match="it uses attendance.percent, which the header"):
        make(vault, case, "own", extra={}, template_dir=folder)


def test_preview_does_not_store_but_carries_the_snapshot(vault, case):
    with vault.reader() as session:
        letter = render_letter(
            session,
            case.ref,
            "s566_certificate",
            today=TODAY,
            extra_fields=EXTRAS["s566_certificate"],
        )
        assert session.scalar(sa.select(sa.func.count(GeneratedDocument.id))) == 0
    assert letter.attendance_import_id == case.import_id
