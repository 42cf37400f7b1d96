"""Opening a case from a referral and closing it: references, reuse, refusals, exact names."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from ewo_desk.domain.attendance.upn import check_letter
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.audit import verify
from ewo_desk.store.casework import case_detail
from ewo_desk.store.referrals import (
    ChildDetails,
    ParentDetails,
    Referral,
    ReferralProblems,
    SchoolChoice,
    close_case,
    next_ref,
    open_case,
)
from ewo_desk.store.retention import delete_case
from ewo_desk.store.schema import (
    AuditEntry,
    Case,
    Child,
    ChildParent,
    ChronologyEntry,
    Officer,
    ParentCarer,
    School,
)

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 10, 15, tzinfo=UTC)


def upn(digits: str) -> str:
    return check_letter("A" + digits) + digits


UPN = upn("873201400012")
RIVERSIDE = SchoolChoice(urn="100001")


@pytest.fixture
def held(vault):
    with vault.session() as s:
        s.add(Officer(name="Sam Okafor", is_vault_owner=True))
        s.add(School(urn="100001", name="Riverside Primary School"))
    return vault


def referral(
    given="Aisha",
    family="Rahman",
    dob=date(2015, 3, 4),
    *,
    upn_="",
    parents=(),
    school=RIVERSIDE,
    opened_on=date(2026, 11, 18),
    **child,
):
    return Referral(
        child=ChildDetails(given_names=given, family_name=family, date_of_birth=dob, upn=upn_,
                           **child),
        school=school,
        parents=tuple(parents),
        referral_reason="Attendance 71% this term; 14 unauthorised sessions.",
        referral_source="Riverside Primary School",
        opened_on=opened_on,
    )  # fmt: skip


def opened(vault, ref_referral, today=TODAY):
    with vault.session() as s:
        return open_case(s, ref_referral, today, now=NOW)


def counts(vault):
    with vault.reader() as s:
        tables = (Case, Child, ParentCarer, ChildParent, ChronologyEntry, School)
        return {t.__name__: s.scalar(sa.select(sa.func.count()).select_from(t)) for t in tables}


def test_a_case_is_opened_with_its_referral_in_the_chronology(held):
    mother = ParentDetails(title="Mrs", given_names="Farida", family_name="Rahman",
                           relationship="Mother", phone_mobile="07700 900123",
                           language="Bengali", interpreter_needed=True)  # fmt: skip
    ref = opened(held, referral(parents=[mother], address_line1="4 Elm Row", postcode="nb14qt",
                                year_group="Year 6", flags=frozenset({"eal", "ehcp"})))  # fmt: skip
    assert ref == "EWO-2026-0001"
    with held.reader() as s:
        detail = case_detail(s, ref, TODAY)
        case = s.scalars(sa.select(Case)).one()
        assert case.officer.name == "Sam Okafor" and case.status == "open"
        assert case.stage == "support"
    assert detail["school"]["name"] == "Riverside Primary School"
    assert detail["child"]["year_group"] == "6"
    assert detail["child"]["address"] == ["4 Elm Row", "NB1 4QT"]
    assert detail["child"]["flags"] == ["ehcp", "eal"]
    (parent,) = detail["parents"]
    assert parent["name"] == "Mrs Farida Rahman" and parent["relationship"] == "Mother"
    assert parent["address"] == ["4 Elm Row", "NB1 4QT"]  # "same as the child"
    assert parent["interpreter_needed"] and parent["parental_responsibility"]
    (entry,) = detail["chronology"]
    assert entry["kind"] == "referral" and entry["author"] == "Sam Okafor"
    assert entry["text"] == (
        "Referral received from Riverside Primary School: Attendance 71% this term; "
        "14 unauthorised sessions."
    )
    assert entry["occurred_at"].startswith("2026-11-18T09:00")  # dated the day received
    with held.reader() as s:
        trail = s.scalars(sa.select(AuditEntry.entity).where(AuditEntry.action == "create"))
        assert {"case_file", "child", "parent_carer", "child_parent",
                "chronology_entry"} <= set(trail)  # fmt: skip
        assert verify(s).ok


def test_refs_count_up_within_a_year_and_start_again_in_the_next(held):
    for day in (date(2025, 12, 30), date(2026, 1, 5), date(2026, 2, 1)):
        opened(held, referral(given=f"Child {day:%m%d}", opened_on=day))
    with held.reader() as s:
        assert sorted(s.scalars(sa.select(Case.ref))) == [
            "EWO-2025-0001", "EWO-2026-0001", "EWO-2026-0002"]  # fmt: skip
        assert next_ref(s, date(2026, 6, 1)) == "EWO-2026-0003"
        assert next_ref(s, date(2027, 1, 4)) == "EWO-2027-0001"


def test_refs_follow_the_highest_number_and_are_never_reused_after_a_deletion(held):
    with held.session() as s:  # as the demo numbers them, with a gap
        child = Child(given_names="Oliver", family_name="Smith", date_of_birth=date(2012, 1, 1))
        s.add(child)
        s.flush()
        s.add(Case(ref="EWO-2026-0040", child_id=child.id, opened_on=date(2026, 3, 1)))
    ref = opened(held, referral())
    assert ref == "EWO-2026-0041"
    with held.session() as s:
        close_case(s, ref, "Moved out of the area", date(2026, 11, 19), today=TODAY)
        delete_case(s, ref, "test: retention")
    with held.reader() as s:
        assert next_ref(s, date(2026, 11, 20)) == "EWO-2026-0042"


def test_a_child_already_held_by_upn_is_reused_not_duplicated(held):
    with held.session() as s:  # as an attendance import adds a pupil: a name and a UPN
        s.add(Child(upn=UPN, given_names="AISHA", family_name="RAHMAN",
                    date_of_birth=date(2015, 3, 4), child_in_need=True))  # fmt: skip
    ref = opened(held, referral(upn_=UPN.lower(), town="Northbridge"))
    with held.reader() as s:
        (child,) = s.scalars(sa.select(Child)).all()
        assert (child.given_names, child.family_name, child.town) == (
            "Aisha",
            "Rahman",
            "Northbridge",
        )
        assert child.child_in_need  # a flag already set is never cleared
        assert child.school.urn == "100001"
        assert s.scalars(sa.select(Case.child_id).where(Case.ref == ref)).one() == child.id


def test_a_child_with_an_open_case_is_refused_naming_that_case(held):
    first = opened(held, referral(upn_=UPN))
    before = counts(held)
    with pytest.raises(ReferralProblems, match=f"already has an open case, {first}"):
        opened(held, referral(upn_=UPN))
    assert counts(held) == before
    with held.session() as s:
        close_case(s, first, "Attendance improved", date(2026, 11, 19), today=TODAY)
    assert opened(held, referral(upn_=UPN)) == "EWO-2026-0002"  # a new referral later is fine


def test_the_same_referral_typed_twice_without_a_upn_is_caught(held):
    first = opened(held, referral())
    with pytest.raises(
        ReferralProblems, match=f"born 04/03/2015, already has an open case, {first}"
    ):
        opened(held, referral(given="aisha "))
    assert opened(held, referral(upn_=UPN)) == "EWO-2026-0002"  # a UPN says it is another child


def test_a_future_referral_date_and_a_missing_dob_are_refused_and_nothing_written(held):
    before = counts(held)
    with pytest.raises(ReferralProblems) as caught:
        opened(held, referral(dob=None, opened_on=date(2026, 11, 21)))
    text = str(caught.value)
    assert "date of birth" in text and "21/11/2026 is in the future" in text
    assert len(caught.value.problems) == 2
    assert counts(held) == before


@pytest.mark.parametrize(
    ("bad", "says"),
    [("A12345", "is not a UPN"), (UPN[1:] + "7", "is not a UPN"),
     (("B" if UPN[0] != "B" else "C") + UPN[1:], "fails its check letter")],
)  # fmt: skip
def test_a_bad_upn_is_refused(held, bad, says):
    before = counts(held)
    with pytest.raises(EwoDeskError, match=says):
        opened(held, referral(upn_=bad))
    assert counts(held) == before


def test_every_problem_is_named_at_once(held):
    with pytest.raises(ReferralProblems) as caught:
        opened(held, Referral(
            child=ChildDetails(given_names="", family_name="", date_of_birth=date(1990, 1, 1),
                               year_group="15", postcode="not a postcode"),
            school=SchoolChoice(urn="999999"),
            parents=(ParentDetails(given_names="Jo"), ParentDetails(existing_id=999)),
            opened_on=TODAY,
        ))  # fmt: skip
    problems = caught.value.problems
    assert len(problems) == 8, problems
    assert any("Check the year" in p for p in problems)
    assert any("give the school's name too" in p for p in problems)


def test_a_sibling_is_linked_to_the_parent_already_held(held):
    mother = ParentDetails(title="Ms", given_names="Thị Hoa", family_name="Nguyễn",
                           relationship="Mother")  # fmt: skip
    first = opened(held, referral(given="Mai", family="Nguyễn", parents=[mother]))
    with held.reader() as s:
        mother_id = s.scalars(sa.select(ParentCarer.id)).one()
    second = opened(held, referral(
        given="Anh", family="Nguyễn", dob=date(2012, 9, 9),
        school=SchoolChoice(urn="100002", name="Hollins Park Community College"),
        parents=[ParentDetails(existing_id=mother_id, relationship="Mother"),
                 ParentDetails(given_names="Minh", family_name="Trần", relationship="Father",
                               parental_responsibility=True, lives_with_child=False,
                               same_address_as_child=False, postcode="NB2 7LX")],
    ))  # fmt: skip
    with held.reader() as s:
        assert s.scalar(sa.select(sa.func.count(ParentCarer.id))) == 2  # the mother once
        detail = case_detail(s, second, TODAY)
        assert [p["name"] for p in detail["parents"]] == ["Ms Thị Hoa Nguyễn", "Minh Trần"]
        assert not detail["parents"][1]["lives_with_child"]
        assert detail["siblings"] == [
            {"name": "Mai Nguyễn", "school": "Riverside Primary School", "case": first}
        ]
        assert detail["school"]["urn"] == "100002"  # the new school was added
    with held.session() as s, pytest.raises(ReferralProblems, match="listed twice"):
        open_case(
            s,
            referral(
                given="Bao",
                family="Nguyễn",
                parents=[
                    ParentDetails(existing_id=mother_id),
                    ParentDetails(existing_id=mother_id),
                ],
            ),
            TODAY,
        )


def test_closing_a_case_and_refusing_to_close_it_twice(held):
    ref = opened(held, referral())
    with held.session() as s, pytest.raises(EwoDeskError, match="Say why"):
        close_case(s, ref, "  ", date(2026, 11, 19), today=TODAY)
    with held.session() as s, pytest.raises(EwoDeskError, match="before the case was opened"):
        close_case(s, ref, "Moved away", date(2026, 11, 1), today=TODAY)
    with held.session() as s:
        close_case(s, ref, "Attendance above 95% for a half term", date(2026, 11, 20),
                   today=TODAY)  # fmt: skip
    with held.reader() as s:
        detail = case_detail(s, ref, TODAY)
        case = s.scalars(sa.select(Case)).one()
        assert case.closure_reason == "Attendance above 95% for a half term"
    assert detail["status"] == "closed" and detail["closed_on"] == "2026-11-20"
    assert detail["chronology"][-1]["text"] == "Case closed: Attendance above 95% for a half term"
    with held.session() as s, pytest.raises(EwoDeskError, match="already closed on 20/11/2026"):
        close_case(s, ref, "Again", date(2026, 11, 20), today=TODAY)


@pytest.mark.parametrize(
    ("given", "family", "preferred"),
    [("عائشة", "رحمن", "Aisha"), ("Zoë", "Dvořák", ""), ("芳", "王", "Fang"),
     ("Siobhán", "Ó Briain", ""), ("Łukasz", "Wiśniewski-Nguyễn", "")],
)  # fmt: skip
def test_accents_and_non_latin_names_are_kept_exactly(held, given, family, preferred):
    parent = ParentDetails(given_names=given + "ٔ", family_name=family, relationship="Mother")
    ref = opened(held, referral(given=f"  {given} ", family=family, preferred_name=preferred,
                                parents=[parent]))  # fmt: skip
    with held.reader() as s:
        child = s.scalars(sa.select(Child)).one()
        assert (child.given_names, child.family_name, child.preferred_name) == (
            given, family, preferred)  # fmt: skip
        assert s.scalars(sa.select(ParentCarer.given_names)).one() == given + "ٔ"
        assert case_detail(s, ref, TODAY)["child"]["family_name"] == family
