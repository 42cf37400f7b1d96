"""Report PDFs read back: every row is there, the header repeats, pages say "Page X of Y"."""

from datetime import date

from ewo_desk.documents.reports import pn_register_pdf, subject_access_pdf, targeting_pdf
from ewo_desk.domain.attendance.targeting import PupilContext, TargetingRow
from ewo_desk.domain.pathway_reports import penalty_notice_register
from ewo_desk.store.pathway import caseload_facts
from ewo_desk.store.policy import load_policy
from ewo_desk.store.subject_access import child_export, parent_export
from tests.unit.bundles.builders import pdf_reader
from tests.unit.documents.builders import TODAY

NAMES = ["Amelia Wiśniewska", "Oluwaseun Adébáyọ̀", "Siobhán Ó Briain", "Nguyễn Thị Hoa"]


def pages(content: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pdf_reader(content).pages]


def row(n: int) -> TargetingRow:
    return TargetingRow(
        upn=f"A1234567890{n:02d}",
        context=PupilContext(name=NAMES[n % 4], year_group="5", vulnerability_flags=("FSM",)),
        level=3,
        recent_attendance_pct=71.25,
        attendance_pct=80.0 + n / 10,
        absence_pct=20.0,
        possible=120,
        persistent=True,
        severe=False,
        holiday_trigger=n == 0,
        threshold_met=n < 2,
        threshold_met_on=date(2026, 11, 2) if n < 2 else None,
        unresolved_n=1,
    )


def test_the_targeting_list_has_every_row_on_landscape_pages_with_repeated_headers():
    rows = [row(n) for n in range(60)]
    content = targeting_pdf(
        rows,
        school="St Mary's",
        period=(date(2026, 9, 3), TODAY),
        council="Northbridge City Council",
    )
    text = pages(content)
    reader = pdf_reader(content)
    assert len(text) > 1
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages)
    for number, page in enumerate(text, start=1):
        assert f"Page {number} of {len(text)}" in page
        assert "UPN Name Year Level" in page  # the header row on every page
    everything = " ".join(text)
    for r in rows:
        assert r.upn in everything
    assert "Amelia Wiśniewska" in everything and "Nguyễn Thị Hoa" in everything
    assert "80.0%" in everything and "02/11/2026" in everything


def test_the_penalty_notice_register_lists_each_notice(vault, court):
    with vault.session() as session:
        register = penalty_notice_register(
            caseload_facts(session, TODAY), TODAY, load_policy(session)
        )
    content = pn_register_pdf(
        [r.as_dict() for r in register] * 40, council="Northbridge", today=TODAY
    )
    text = pages(content)
    assert len(text) > 1 and all("Case Notice Parent or carer" in p for p in text)
    everything = " ".join(text)
    assert everything.count("C-2026-014") == 40
    assert "Mr Łukasz Wiśniewski" in everything and "£80.00 by 15/12/2026" in everything
    assert f"Page {len(text)} of {len(text)}" in text[-1]


def test_a_subject_access_export_is_readable_and_flags_what_needs_review(vault, court):
    with vault.session() as session:
        child = child_export(session, court.ref, TODAY)
        parent = parent_export(session, court.built.father_id, TODAY)
    for export in (child, parent):
        text = " ".join(pages(subject_access_pdf(export, council="Northbridge", today=TODAY)))
        assert "Redaction review: Holds details of other people: review before release." in text
        assert "Redaction review: Free text written by officers" in text
        assert "marked for redaction review" in text
        assert "T09:" not in text  # dates printed for people, not as ISO strings
    text = " ".join(pages(subject_access_pdf(child, council="Northbridge", today=TODAY)))
    assert "Amelia Wiśniewska" in text and "10/09/2026 10:30" in text
    assert "Attendance marks" in text and "Documents" in text
