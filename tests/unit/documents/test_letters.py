"""Every shipped letter, read back from the PDF: contents, page numbering, names, storage."""

import hashlib
import json
from datetime import date

import pytest
import sqlalchemy as sa

from ewo_desk.documents import (
    DocumentError,
    TemplateError,
    document_warnings,
    generate_letter,
    list_templates,
    render_letter,
    reprint,
)
from ewo_desk.store.schema import ChronologyEntry, GeneratedDocument
from tests.unit.documents.builders import EXTRAS, PARENT_FOR, TODAY, build_case
from tests.unit.documents.conftest import pdf_pages, pdf_text

SHIPPED = sorted(EXTRAS)


def make(vault, case, name, parent="father", extra=None, **kwargs):
    parent_id = {"father": case.father_id, "mother": case.mother_id, None: None}[parent]
    with vault.session() as session:
        doc = generate_letter(
            session,
            case.ref,
            name,
            parent_id=parent_id,
            today=TODAY,
            extra_fields=EXTRAS[name] if extra is None else extra,
            **kwargs,
        )
        session.expunge(doc)
    return doc


def test_the_shipped_set_is_complete():
    names = {t.name for t in list_templates()}
    assert names == set(SHIPPED)
    for info in list_templates():
        assert info.title and info.source == "shipped" and info.needs


@pytest.mark.parametrize("name", SHIPPED)
def test_every_template_prints_page_x_of_y_and_the_reference(vault, case, name):
    doc = make(vault, case, name, parent=PARENT_FOR[name])
    pages = pdf_pages(doc.content)
    assert doc.page_count == len(pages) >= 1
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Ref: C-2026-014" in text
    assert "??" not in pdf_text(doc.content)  # no mangled characters


REQUIRED = {
    "attendance_meeting_invitation": [
        "Dear Mr Wiśniewski",
        "01/12/2026",
        "10:00 am",
        "family room",
        "section 7",
        "interpreter (Polish)",
    ],
    "attendance_contract": [
        "Anti-social Behaviour Act 2003, section 19",
        "I, Mr Łukasz Wiśniewski, agree to comply",
        "24/09/2026 to 18/12/2026",
        "Northbridge City Council agrees to provide, or arrange",
        "arrives at school by 8:45 am",
        "A Polish interpreter at every meeting",
        "22/10/2026",
        "section 19(8)",
        "parent or carer",
        "for Northbridge City Council",
    ],
    "attendance_contract_review": [
        # before: 44 possible, 4 unauthorised + 5 authorised -> 35/44; since: 60 sessions less
        # 2 INSET = 58 possible, 8 unauthorised -> 50/58
        "(19/08/2026 to 04/10/2026) 79.5%",
        "(05/10/2026 to 20/11/2026) 86.2%",
        "following changes",
        "Monday mornings",
        "17/12/2026",
    ],
    "interview_invitation": [
        "not under arrest",
        "free to leave",
        "free and independent legal advice",
        "You do not have to say anything. But it may harm your defence if you do not mention "
        "when questioned something which you later rely on in court. Anything you do say may be "
        "given in evidence.",
        "Code of Practice C",
        "08/12/2026",
        "2:00 pm",
        "section 444",
    ],
    "s566_certificate_request": [
        "Dear Mrs Nguyễn Thị Hoa",
        "section 566(1)(c)",
        "03/09/2026 to 20/11/2026",
        "04/12/2026",
        "parental responsibility",
        "signed by you",
    ],
    "s566_certificate": [
        "Education Act 1996, section 566(1)(c)",
        "Amelia Wiśniewska",
        "03/04/2016",
        "registered pupil of compulsory school age at St Mary's",
        "102 84 1 5 12 83.3%",  # possible, present, approved activity, authorised, unauthorised
        "Figures from the school's register: stmarys-register-2026-11-20.csv, imported",
        "14/09/2026 AM",
        "16/10/2026 PM",
        "Mr Łukasz Wiśniewski",
        "Ms Siobhán Ó Briain",
        "Flat 3, 40 Harbour Road",
        "extracted from the attendance register",
        "is true",
        "Head teacher (or acting head teacher), Mrs Nguyễn Thị Hoa",
        "Signed",
        "Date",
    ],
    "eso_consultation_letter": [
        "Section 36(8)",
        "section 447",
        "Children's Social Care",
        "cannot be made for a child in the council's care",
        "11/12/2026",
        "OFFICIAL-SENSITIVE",
        "Ms Siobhán Ó Briain",
    ],
    "case_summary": [
        "Case summary: Amelia Wiśniewska",
        "C-2026-014",
        "Penalty notice",
        "PN-2026-0042",
        "Home visit",
        "OFFICIAL-SENSITIVE",
        "Zoë Dvořák",
    ],
    "penalty_notice_withdrawal": [
        "withdrawn",
        "PN-2026-0042",
        "contains material errors",
        "£80.00",
        "refunded",
    ],
}


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_required_contents(vault, case, name):
    text = pdf_text(make(vault, case, name, parent=PARENT_FOR[name]).content)
    for phrase in REQUIRED[name]:
        assert phrase in text, phrase


def test_notice_to_improve_has_all_eight_contents(vault, case):
    text = pdf_text(make(vault, case, "notice_to_improve").content)
    eight = [
        # 1. attendance record and details of the offences
        (
            "1. Amelia's attendance record and the offence",
            "Period 03/09/2026 to 30/10/2026",
            "Sessions possible 74",
            "Unauthorised absence 8 sessions",
            "82.4%",
            "Figures from the school's register: stmarys-register-2026-11-20.csv",
            "Monday 14/09/2026 AM and PM",
            "section 444(1)",
        ),
        # 2. benefits of regular attendance, and the parent's duty under s.7
        (
            "2. Why regular attendance matters, and your legal duty",
            "section 7 of the Education Act 1996",
        ),
        # 3. support provided so far
        ("3. The support provided so far", "Home visit on 15/09/2026"),
        # 4. further support, including support offered before but not taken up
        ("4. The further support on offer", "not yet been taken up", "Early help assessment"),
        # 5. a clear warning of a penalty notice or prosecution
        ("5. Warning", "a penalty notice may be issued to you", "prosecuting you"),
        # 6. an improvement period of 3 to 6 weeks
        ("6. The improvement period", "6 school weeks", "09/11/2026", "18/12/2026"),
        # 7. what sufficient improvement looks like
        ("7. What sufficient improvement means", "No further unauthorised absence"),
        # 8. grounds for a penalty notice before the period ends
        (
            "8. When a penalty notice may be issued before the improvement period ends",
            "we will tell you first",
        ),
    ]
    for phrases in eight:
        for phrase in phrases:
            assert phrase in text, phrase


def test_notice_to_improve_refuses_a_period_outside_three_to_six_weeks(vault, case):
    extra = {**EXTRAS["notice_to_improve"], "improvement_weeks": "8"}
    with pytest.raises(TemplateError, match="between 3 and 6") as caught:
        make(vault, case, "notice_to_improve", extra=extra)
    assert caught.value.template == "notice_to_improve.txt" and caught.value.line


def test_first_penalty_notice_particulars(vault, case):
    text = pdf_text(make(vault, case, "penalty_notice").content)
    particulars = [
        "Mr Łukasz Wiśniewski, 12 Acacia Avenue",  # (a) recipient and address
        "Amelia Wiśniewska, date of birth 03/04/2016, 12 Acacia Avenue",  # (b) child, address
        "St Mary's Church of England Primary School",  # (b) school
        "Zoë Dvořák, Education Welfare Officer",  # (c) issuing officer
        "03/09/2026 to 20/11/2026",
        "Date of issue 23/11/2026",  # (d) period, date of issue
        "£80.00 if paid within 21 days; otherwise £160.00 if paid within 28 days",  # (e)
        "Civic Centre, 1 Market Street",  # (f) council address for payment
        "by telephoning 01632 960 100",
        "cheque",  # (g) methods of payment
        "within 21 days beginning with the day you receive this notice",  # (h)
        "no proceedings will be brought against you",  # (i) payment discharges liability
        "section 444(1A)",
        "will decide whether to prosecute you",  # (j) consequences of non-payment
        "ought not to have been issued",
        "ought not to have been issued to you",  # (k)
        "contains material errors",
        "PN-2026-0042",
        "part payments and instalments are not",
    ]
    for phrase in particulars:
        assert phrase in text, phrase


def test_second_penalty_notice_is_160_within_28_days_with_no_reduction(vault, case):
    extra = {**EXTRAS["penalty_notice"], "pn_sequence": 2}
    text = pdf_text(make(vault, case, "penalty_notice", extra=extra).content)
    assert "£160.00 if paid within 28 days" in text
    assert "£80.00" not in text and "no reduced amount" in text


def test_no_third_penalty_notice(vault, case):
    extra = {**EXTRAS["penalty_notice"], "pn_sequence": 3}
    with pytest.raises(TemplateError, match="third penalty notice cannot be issued"):
        make(vault, case, "penalty_notice", extra=extra)


def test_s9_statement_counts_its_pages_and_every_page_has_a_signature_line(vault):
    with vault.session() as session:
        built = build_case(session)
        case_id = session.scalar(sa.select(ChronologyEntry.case_id))
        for day in range(1, 29):
            session.add(
                ChronologyEntry(
                    case_id=case_id,
                    kind="note",
                    occurred_at=TODAY_AT(day),
                    text=f"Entry {day}: telephoned the school about attendance this week. " * 3,
                )
            )
    doc = make(vault, built, "s9_statement", parent=None)
    pages = pdf_pages(doc.content)
    total = len(pages)
    assert total >= 2
    assert f"This statement (consisting of {total} pages each signed by me)" in pages[0]
    assert (
        "This statement is true to the best of my knowledge and belief and I make it knowing "
        "that, if it is tendered in evidence, I shall be liable to prosecution if I have "
        "wilfully stated in it anything which I know to be false or do not believe to be true."
    ) in pages[0]
    for number, text in enumerate(pages, start=1):
        assert "Signature:" in text and "Signature witnessed by:" in text
        assert f"Page {number} of {total}" in text
    whole = " ".join(pages)
    assert "Statement of Zoë Dvořák" in whole and "Over 18" in whole
    assert "Confidential third-party information" not in whole  # safeguarding left out


def TODAY_AT(day):  # noqa: N802
    from datetime import UTC, datetime

    return datetime(2026, 10, day, 9, 0, tzinfo=UTC)


def test_names_in_european_scripts_print_as_written(vault, case):
    texts = [
        pdf_text(make(vault, case, "s566_certificate", parent=None).content),
        pdf_text(make(vault, case, "attendance_meeting_invitation").content),
    ]
    whole = " ".join(texts)
    for name in (
        "Łukasz Wiśniewski",
        "Siobhán Ó Briain",
        "Zoë Dvořák",
        "Nguyễn Thị Hoa",
        "Amelia Wiśniewska",
    ):
        assert name in whole, name


def test_decomposed_accents_are_composed_before_printing(vault):
    with vault.session() as session:
        built = build_case(session, father=("Mr", "Łukasz", "Nguye\u0302\u0303n"))
    text = pdf_text(make(vault, built, "attendance_meeting_invitation").content)
    assert "Dear Mr Nguyễn" in text


def test_a_missing_glyph_is_marked_and_reported(vault):
    with vault.session() as session:
        built = build_case(session, child_given="ሀና", child_family="Li")  # Ethiopic: no font
    doc = make(vault, built, "attendance_meeting_invitation")
    text = pdf_text(doc.content)
    assert "[?U+1200][?U+1293] Li" in text
    warnings = document_warnings(doc)
    assert any("U+1200" in w and "ሀና" in w for w in warnings)
    assert any("U+1293" in w for w in warnings)


def test_a_missing_glyph_is_drawn_in_red(vault):
    with vault.session() as session:
        built = build_case(session, child_given="ሀና")
    doc = make(vault, built, "attendance_meeting_invitation")
    import io

    from pypdf import PdfReader

    stream = PdfReader(io.BytesIO(doc.content)).pages[0].get_contents().get_data()
    assert b".752941 0 0 rg" in stream  # #C00000, the marker colour


def test_markup_in_a_name_is_printed_not_obeyed(vault):
    nasty = ("", "**Bob** <b>x</b> & *y*", "| Smith | - # [signature]")
    with vault.session() as session:
        built = build_case(session, father=nasty)
    text = pdf_text(make(vault, built, "penalty_notice").content)
    assert "**Bob** <b>x</b> & *y* | Smith | - # [signature]" in text


def test_stored_with_sha256_and_source_data_and_reprint_is_identical(vault, case):
    doc = make(vault, case, "penalty_notice")
    assert doc.sha256 == hashlib.sha256(doc.content).hexdigest()
    with vault.reader() as session:
        stored = session.get(GeneratedDocument, doc.id)
        assert reprint(stored) == doc.content
        assert stored.kind == "penalty_notice" and stored.template == "penalty_notice"
        assert stored.parent_id == case.father_id and stored.page_count == doc.page_count
        assert stored.created_by_id == case.officer_id
        source = json.loads(stored.source_data_json)
    assert source["fields"]["parent"]["name"] == "Mr Łukasz Wiśniewski"
    assert source["fields"]["penalty"]["first_reduced"] == {"pence": 8000}
    assert source["fields"]["issue_date"] == "2026-11-23"
    assert source["extra_fields"]["notice_number"] == "PN-2026-0042"
    assert len(source["template_sha256"]) == 64


def test_same_data_makes_the_same_bytes(vault, case):
    first = make(vault, case, "notice_to_improve")
    second = make(vault, case, "notice_to_improve")
    assert first.content == second.content and first.sha256 == second.sha256


def test_reprint_refuses_a_copy_that_no_longer_matches(vault, case):
    doc = make(vault, case, "attendance_meeting_invitation")
    doc.content = doc.content.replace(b"%%EOF", b"%%EOX")
    with pytest.raises(DocumentError, match="does not match"):
        reprint(doc)


def test_render_without_storing(vault, case):
    with vault.reader() as session:
        letter = render_letter(session, case.ref, "s9_statement", today=date(2026, 11, 23))
        assert session.scalar(sa.select(sa.func.count(GeneratedDocument.id))) == 0
    assert letter.content.startswith(b"%PDF") and letter.page_count >= 1


def test_a_letter_for_a_parent_needs_a_parent(vault, case):
    with pytest.raises(TemplateError, match="--parent") as caught:
        make(vault, case, "attendance_meeting_invitation", parent=None)
    assert caught.value.template == "attendance_meeting_invitation.txt"


def test_a_parent_of_another_case_is_refused(vault, case):
    with vault.session() as session, pytest.raises(DocumentError, match="not linked"):
        generate_letter(
            session,
            case.ref,
            "penalty_notice",
            parent_id=999,
            today=TODAY,
            extra_fields=EXTRAS["penalty_notice"],
        )


def test_the_legal_step_chooses_the_parent(vault, case):
    doc = make(vault, case, "penalty_notice", parent=None, legal_action_id=case.pn_action_id)
    assert doc.legal_action_id == case.pn_action_id and doc.parent_id == case.father_id
