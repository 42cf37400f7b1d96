"""Bundles made from a case in the vault: what goes in, in which order, with which references,
and what is kept (the PDF, its SHA-256, and every document's page range)."""

import hashlib
import json

import pytest
import sqlalchemy as sa

from ewo_desk.documents import generate_letter
from ewo_desk.documents.bundles import build_bundle, build_supplement, make_bundle
from ewo_desk.documents.bundles.gather import gather
from ewo_desk.documents.errors import DocumentError
from ewo_desk.documents.letters import document_warnings, reprint
from ewo_desk.domain import pathway as pw
from ewo_desk.store.policy import save_policy
from ewo_desk.store.schema import GeneratedDocument
from tests.unit.bundles.builders import court_case, page_text, pdf_reader, photo, scanned_pdf
from tests.unit.documents.builders import EXTRAS, TODAY

CERTIFICATE = (
    "Signed s.566 certificate",
    scanned_pdf(1, text="Signed certificate"),
    "application/pdf",
    "certificate",
)


def make(vault, court, kind, attachments=()):
    with vault.session() as session:
        doc = build_bundle(session, court.ref, kind, today=TODAY, attachments=attachments)
        session.expunge(doc)
    return doc


def manifest(doc):
    return json.loads(doc.source_data_json)["bundle"]


def index_text(doc):
    return " ".join(page_text(doc.content, i) for i in range(manifest(doc)["index_pages"]))


def test_a_prosecution_file_is_kept_with_its_fingerprint_and_page_ranges(vault, court):
    doc = make(vault, court, "prosecution", [CERTIFICATE])
    assert (
        doc.kind == "bundle_prosecution" and doc.sha256 == hashlib.sha256(doc.content).hexdigest()
    )
    assert reprint(doc) == doc.content
    record = manifest(doc)
    assert record["page_count"] == doc.page_count == len(pdf_reader(doc.content).pages)
    sections = [title for _key, title in record["sections"]]
    assert sections == [
        "Offence and case summary",
        "Witness statements (s.9 Criminal Justice Act 1967)",
        "Exhibits",
        "Certificate of attendance (s.566)",
        "Penalty notices and the three-year check",
        "Education supervision order considered (s.447)",
        "Unused material (CPIA 1996)",
    ]
    labels = pdf_reader(doc.content).page_labels
    for entry in record["entries"]:
        assert entry["pages"].split("–")[0] == labels[entry["first_page"]]
    stored = {e["source"].get("document_id") for e in record["entries"]}
    with vault.session() as session:
        letters = session.scalars(
            sa.select(GeneratedDocument.id).where(GeneratedDocument.kind == "notice_to_improve")
        ).all()
    assert set(letters) <= stored


def test_exhibits_are_referenced_with_the_officers_initials_in_date_order(vault, court):
    doc = make(vault, court, "prosecution")
    exhibits = [e for e in manifest(doc)["entries"] if e["exhibit"]]
    assert [e["exhibit"] for e in exhibits] == [f"ZD/{n}" for n in range(1, len(exhibits) + 1)]
    dates = [e["dated"] for e in exhibits]
    assert dates == sorted(dates)
    titles = " | ".join(e["title"] for e in exhibits)
    for wanted in ("Home visit record, 12/10/2026", "Note of meeting, 24/09/2026",
                   "Interview under caution: record", "Attendance contract",
                   "Notice to improve", "Penalty notice"):  # fmt: skip
        assert wanted in titles
    penalty = next(e for e in exhibits if e["kind"] == "penalty_notice")
    assert "with record of posting" in penalty["title"]
    last_page = penalty["first_page"] + penalty["page_count"] - 1
    posting = page_text(doc.content, last_page)
    assert "Record of posting" in posting and "Received (deemed) 25/11/2026" in posting
    assert "Exhibit ZD/" in posting  # every page of an exhibit carries its reference


def test_the_file_carries_the_offence_the_checks_and_the_unused_material(vault, court):
    doc = make(vault, court, "prosecution")
    text = " ".join(page_text(doc.content, i) for i in range(doc.page_count))
    assert "contrary to section 444(1) of the Education Act 1996" in text
    assert "Three-year check" in text and "PN-2026-0042" in text
    assert "1 penalty notice to Mr Łukasz Wiśniewski for Amelia Wiśniewska counted" in text
    assert "Decision not apply" in text  # the s.447 record
    assert "Schedule of unused material (CPIA 1996)" in text
    assert "Telephone call" in text and "may assist a defence of sickness" in text
    assert "Confidential third-party information" not in text  # safeguarding: never listed
    warnings = document_warnings(doc)
    assert any("sensitive material schedule" in w for w in warnings)
    assert any("s.566 certificate in the bundle is the pre-filled copy" in w for w in warnings)
    assert any("s.9 statement in the bundle is the draft" in w for w in warnings)
    signed = make(vault, court, "prosecution", [CERTIFICATE])
    assert not any("pre-filled" in w for w in document_warnings(signed))


def test_names_with_accents_print_throughout(vault, court):
    doc = make(vault, court, "prosecution")
    index = index_text(doc)
    for name in ("Mr Łukasz Wiśniewski", "Amelia Wiśniewska", "Zoë Dvořák"):
        assert name in index
    assert not any("cannot print" in w for w in document_warnings(doc))


def test_the_sjp_pack_serves_the_evidence_without_the_internal_records(vault, court):
    doc = make(vault, court, "sjp")
    index = index_text(doc)
    assert "Single Justice Procedure" in index
    assert "Unused material" not in index and "considered (s.447)" not in index
    text = " ".join(page_text(doc.content, i) for i in range(doc.page_count))
    assert "21 days from service" in text


def test_an_imprisonable_offence_cannot_have_an_sjp_pack(vault):
    with vault.session() as session:
        built = court_case(session, offence=pw.Offence.S444_1A, route=pw.Route.OPEN_COURT)
    with vault.session() as session, pytest.raises(DocumentError, match="prison"):
        build_bundle(session, built.ref, "sjp", today=TODAY)
    with vault.session() as session:
        assert build_bundle(session, built.ref, "prosecution", today=TODAY).page_count > 10


def test_a_case_without_a_prosecution_has_no_prosecution_file(vault):
    from tests.unit.documents.builders import build_case

    with vault.session() as session:
        ref = build_case(session).ref
    with vault.session() as session, pytest.raises(DocumentError, match="no prosecution"):
        build_bundle(session, ref, "prosecution", today=TODAY)


def test_the_family_bundle_is_sectioned_and_numbered_per_section(vault, court):
    application = ("ESO application", scanned_pdf(3, text="Application"), "application/pdf", "B")
    doc = make(
        vault,
        court,
        "eso",
        [application, ("Photo of the door note", photo(900, 1200), "image/jpeg")],
    )
    record = manifest(doc)
    assert [key for key, _title in record["sections"]] == ["A", "B", "C", "D", "E"]
    labels = pdf_reader(doc.content).page_labels
    assert "Section A" in labels and "A1" in labels and "B1" in labels and "E1" in labels
    firsts = {}
    for entry in record["entries"]:
        firsts.setdefault(entry["section"], entry["first_label"])
    assert firsts == {"A": "A1", "B": "B1", "C": "C1", "D": "D1", "E": "E1"}
    application_entry = next(e for e in record["entries"] if e["title"] == "ESO application")
    assert application_entry["pages"] == "B1–B3"
    assert not any("application form" in w for w in document_warnings(doc))


def test_the_family_bundle_warns_above_the_councils_page_limit(vault, court):
    with vault.session() as session:
        save_policy(session, {"bundles.eso_page_limit": 10})
    doc = make(vault, court, "eso")
    assert doc.page_count > 10
    assert any("more than the limit of 10" in w for w in document_warnings(doc))


def test_a_supplement_adds_new_letters_and_attachments_after_the_last_page(vault, court):
    first = make(vault, court, "prosecution", [CERTIFICATE])  # the stored s.566 left out
    with vault.session() as session:
        generate_letter(
            session,
            court.ref,
            "penalty_notice_withdrawal",
            parent_id=court.built.father_id,
            today=TODAY,
            extra_fields=EXTRAS["penalty_notice_withdrawal"],
        )
        later = build_supplement(
            session,
            first.id,
            today=TODAY,
            attachments=[("Returned envelope", photo(1200, 900), "image/jpeg")],
        )
        session.expunge(later)
    old, new = manifest(first), manifest(later)
    assert new["entries"][: len(old["entries"])] == [
        {**e, "first_page": e["first_page"] - old["index_pages"] + new["index_pages"]}
        for e in old["entries"]
    ]
    added = new["entries"][len(old["entries"]) :]
    last_old = int(old["entries"][-1]["last_label"])
    assert [e["first_label"] for e in added][0] == str(last_old + 1)
    exhibit_numbers = [int(e["exhibit"].split("/")[1]) for e in old["entries"] if e["exhibit"]]
    assert [e["exhibit"] for e in added] == [
        f"ZD/{max(exhibit_numbers) + 1}",
        f"ZD/{max(exhibit_numbers) + 2}",
    ]
    assert json.loads(later.source_data_json)["supplement_to"] == first.id
    with vault.session() as session, pytest.raises(DocumentError, match="Nothing new"):
        build_supplement(session, later.id, today=TODAY)


def test_the_pure_function_needs_no_vault(vault, court):
    with vault.session() as session:
        case = gather(session, court.ref, TODAY)
    built = make_bundle(case, "prosecution")
    assert built.page_count == len(pdf_reader(built.content).pages)
    with pytest.raises(DocumentError, match="no bundle kind"):
        make_bundle(case, "crown_court")


def test_an_attachment_for_a_place_the_bundle_lacks_is_an_error_not_left_out(vault, court):
    scan = scanned_pdf(1)
    with vault.session() as session, pytest.raises(DocumentError, match="use one of: A, B, C"):
        build_bundle(session, court.ref, "eso", today=TODAY,
                     attachments=[("Report", scan, "application/pdf", "F")])  # fmt: skip
    doc = make(vault, court, "eso", [("Report", scan, "application/pdf", "c")])
    assert any(e["title"] == "Report" and e["section"] == "C" for e in manifest(doc)["entries"])
