"""Which prosecution a file is for when the case has several (the app's "For" list and the
command line's --prosecution), and what a supplement to a stored bundle would add."""

import json

import pytest

from ewo_desk.documents import generate_letter
from ewo_desk.documents.bundles import (
    BundleKind,
    build_bundle,
    build_supplement,
    bundle_options,
    supplement_options,
)
from ewo_desk.documents.errors import DocumentError
from tests.unit.bundles.builders import page_text, scanned_pdf, second_prosecution
from tests.unit.documents.builders import EXTRAS, TODAY


@pytest.fixture
def mother(vault, court):
    with vault.session() as session:
        return second_prosecution(session, court)


def particulars_text(doc):
    entries = json.loads(doc.source_data_json)["bundle"]["entries"]
    return page_text(doc.content, entries[0]["first_page"])  # the offence comes first


def test_the_prosecutions_are_offered_newest_first_with_what_each_allows(vault, court, mother):
    with vault.session() as session:
        options = bundle_options(session, court.ref, today=TODAY)
    assert [p.id for p in options.prosecutions] == [str(mother), str(court.prosecution_id)]
    hers, his = options.prosecutions
    assert hers.words == "Ms Siobhán Ó Briain, offence 03/09 to 20/11/2026, laid 23/11/2026"
    assert his.words == "Mr Łukasz Wiśniewski, offence 03/09 to 20/11/2026, not laid yet"
    # the default (no choice) is the newest, hers: open court, so no Single Justice pack
    assert options.kinds == hers.refusals
    assert "open court" in options.refusals(str(mother))[BundleKind.SJP]
    assert options.refusals(str(court.prosecution_id))[BundleKind.SJP] == ""


def test_the_chosen_prosecution_is_the_one_the_file_is_for(vault, court, mother):
    with vault.session() as session:
        his = build_bundle(
            session, court.ref, "sjp", today=TODAY, prosecution_id=court.prosecution_id
        )
        assert his.legal_action_id == court.prosecution_id
        assert his.title.endswith(" – Mr Łukasz Wiśniewski – C-2026-014")  # files told apart
        assert "Defendant Mr Łukasz Wiśniewski" in particulars_text(his)
        hers = build_bundle(session, court.ref, "prosecution", today=TODAY)
        assert hers.legal_action_id == mother
        assert hers.title.endswith(" – Ms Siobhán Ó Briain – C-2026-014")
        assert "Defendant Ms Siobhán Ó Briain" in particulars_text(hers)


def test_an_unknown_prosecution_names_the_ones_there_are(vault, court, mother):
    with vault.session() as session, pytest.raises(DocumentError) as raised:
        build_bundle(session, court.ref, "prosecution", today=TODAY, prosecution_id=999)
    message = str(raised.value)
    assert message.startswith("There is no prosecution 999 on C-2026-014; choose one of: ")
    assert f"{mother} (Ms Siobhán Ó Briain, offence" in message
    assert f"{court.prosecution_id} (Mr Łukasz Wiśniewski, offence" in message


def test_a_supplement_lists_what_is_new_and_a_signed_statement_is_no_exhibit(vault, court):
    with vault.session() as session:
        first = build_bundle(session, court.ref, "prosecution", today=TODAY)
        before = supplement_options(session, first.id, today=TODAY)
        assert before.new == () and before.kind is BundleKind.PROSECUTION
        assert before.page_count == first.page_count
        generate_letter(
            session,
            court.ref,
            "penalty_notice_withdrawal",
            parent_id=court.built.father_id,
            today=TODAY,
            extra_fields=EXTRAS["penalty_notice_withdrawal"],
        )
        options = supplement_options(session, first.id, today=TODAY)
        old = json.loads(first.source_data_json)["bundle"]["entries"]
        last_exhibit = max(int(e["exhibit"][3:]) for e in old if e["exhibit"])
        assert options.last_page == old[-1]["last_label"]
        ((exhibit, title),) = options.new
        assert exhibit == f"ZD/{last_exhibit + 1}" and title.startswith("Withdrawal")
        statement = ("Signed statement", scanned_pdf(1), "application/pdf", "statement")
        later = build_supplement(session, first.id, today=TODAY, attachments=[statement])
        added = json.loads(later.source_data_json)["bundle"]["entries"][len(old) :]
        assert [(e["title"], e["exhibit"]) for e in added] == [
            (title, exhibit),
            ("Signed statement", ""),
        ]
        with pytest.raises(DocumentError, match="use one of: exhibit, statement, certificate"):
            build_supplement(
                session,
                first.id,
                today=TODAY,
                attachments=[("Report", scanned_pdf(1), "application/pdf", "C")],
            )
