"""Correcting a child's and a parent's details once a case is open: validated with the
referral's own checks, refused on a stale version, audited, and told in the chronology in words."""

import json
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from ewo_desk.domain.attendance.upn import check_letter
from ewo_desk.store.audit import verify
from ewo_desk.store.people import (
    EditConflict,
    PeopleProblems,
    update_child,
    update_link,
    update_parent,
)
from ewo_desk.store.referrals import (
    ChildDetails,
    ParentDetails,
    Referral,
    SchoolChoice,
    close_case,
    open_case,
)
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


def _open(session, given, family, *, upn_="", parents=()):
    return open_case(
        session,
        Referral(
            child=ChildDetails(given_names=given, family_name=family,
                               date_of_birth=date(2015, 3, 4), upn=upn_,
                               address_line1="4 Elm Row", postcode="NB1 4QT"),
            school=SchoolChoice(urn="100001"),
            parents=tuple(parents),
            opened_on=date(2026, 11, 18),
            referral_reason="Attendance 71%.",
        ),
        TODAY,
        now=NOW,
    )  # fmt: skip


@pytest.fixture
def family(vault):
    """Aisha (open case) and her brother Idris (closed case), sharing their mother."""
    mother = ParentDetails(title="Mrs", given_names="Farida", family_name="Rahman",
                           relationship="Mother", phone_mobile="07700 900123")  # fmt: skip
    with vault.session() as s:
        s.add(Officer(name="Sam Okafor", is_vault_owner=True))
        s.add(School(urn="100001", name="Riverside Primary School"))
        s.flush()
        aisha_ref = _open(s, "Aisha", "Rahman", upn_=upn("873201400012"), parents=[mother])
        farida = s.scalars(sa.select(ParentCarer)).one()
        idris_ref = _open(
            s,
            "Idris",
            "Rahman",
            upn_=upn("873201400013"),
            parents=[ParentDetails(existing_id=farida.id, relationship="Mother")],
        )
        close_case(s, idris_ref, "Moved school", TODAY, today=TODAY)
    with vault.reader() as s:
        aisha = s.scalars(sa.select(Child).where(Child.given_names == "Aisha")).one()
        idris = s.scalars(sa.select(Child).where(Child.given_names == "Idris")).one()
        farida = s.scalars(sa.select(ParentCarer)).one()
        return {
            "vault": vault, "aisha": aisha.id, "idris": idris.id, "farida": farida.id,
            "aisha_ref": aisha_ref, "idris_ref": idris_ref,
        }  # fmt: skip


def notes(vault, ref):
    with vault.reader() as s:
        return list(
            s.scalars(
                sa.select(ChronologyEntry.text)
                .join(Case, Case.id == ChronologyEntry.case_id)
                .where(Case.ref == ref, ChronologyEntry.kind == "note")
                .order_by(ChronologyEntry.id)
            )
        )


def version(vault, cls, id_):
    with vault.reader() as s:
        return s.get(cls, id_).version


def test_a_parents_new_address_phone_and_safety_note_round_trip(family):
    vault, farida = family["vault"], family["farida"]
    with vault.session() as s:
        words = update_parent(
            s, farida,
            {"address_line1": "12 Mill Lane", "town": "Northbridge", "postcode": "nb2 7ab",
             "phone_mobile": "07700 900456", "safety_notes": "Do not visit alone."},
            expected_version=1,
        )  # fmt: skip
    assert words == ["address and mobile phone changed", "safety note added"]
    with vault.reader() as s:
        parent = s.get(ParentCarer, farida)
        assert parent.address_lines() == ["12 Mill Lane", "Northbridge", "NB2 7AB"]
        assert parent.phone_mobile == "07700 900456"
        assert parent.safety_notes == "Do not visit alone."
        assert parent.version == 2
    (note,) = notes(vault, family["aisha_ref"])
    assert note == (
        "Mother (Mrs Farida Rahman): address and mobile phone changed; safety note added."
    )
    assert "07700 900123" not in note and "Elm Row" not in note  # never the old values
    assert notes(vault, family["idris_ref"]) == [
        "Case closed: Moved school"
    ]  # closed cases are left alone


def test_a_child_and_their_link_round_trip(family):
    vault = family["vault"]
    with vault.session() as s:
        words = update_child(s, family["aisha"],
                             {"year_group": "Year 7", "ehcp": True, "postcode": "NB3 1AA"},
                             expected_version=1, today=TODAY)  # fmt: skip
        assert words == ["year group and address changed", "EHCP now recorded"]
        link_words = update_link(
            s,
            family["aisha"],
            family["farida"],
            {"parental_responsibility": False, "relationship": "Step-mother"},
        )
    assert link_words == ["relationship to the child changed",
                          "parental responsibility no longer recorded"]  # fmt: skip
    with vault.reader() as s:
        child = s.get(Child, family["aisha"])
        assert (child.year_group, child.ehcp, child.postcode, child.version) == (
            "7",
            True,
            "NB3 1AA",
            2,
        )
        link = s.get(ChildParent, (family["aisha"], family["farida"]))
        assert link.relationship_to_child == "Step-mother" and not link.parental_responsibility
    assert notes(vault, family["aisha_ref"]) == [
        "Aisha Rahman's details corrected: year group and address changed; EHCP now recorded.",
        "Step-mother (Mrs Farida Rahman): relationship to the child changed; parental "
        "responsibility no longer recorded.",
    ]


def test_nothing_changed_writes_nothing(family):
    vault = family["vault"]
    with vault.session() as s:
        assert update_parent(s, family["farida"], {"phone_mobile": " 07700 900123 "},
                             expected_version=1) == []  # fmt: skip
    assert version(vault, ParentCarer, family["farida"]) == 1
    assert notes(vault, family["aisha_ref"]) == []


def test_a_bad_postcode_is_named_and_nothing_is_written(family):
    vault = family["vault"]
    with vault.reader() as s:
        audit_before = s.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
    with pytest.raises(PeopleProblems) as raised, vault.session() as s:
        update_parent(s, family["farida"],
                      {"postcode": "NOT A CODE", "email": "farida at example", "given_names": "F"},
                      expected_version=1)  # fmt: skip
    assert raised.value.problems == [
        "Mrs F Rahman's email 'farida at example' is not an email address.",
        "Mrs F Rahman's postcode 'NOT A CODE' is not a UK postcode.",
    ]
    assert "Nothing was saved" in str(raised.value)
    with pytest.raises(PeopleProblems) as raised, vault.session() as s:
        update_child(s, family["aisha"], {"postcode": "ZZ", "year_group": "Year 20"},
                     expected_version=1, today=TODAY)  # fmt: skip
    assert "The child's postcode 'ZZ' is not a UK postcode." in raised.value.problems
    assert any("'Year 20' is not a year group" in p for p in raised.value.problems)
    with vault.reader() as s:
        assert s.get(ParentCarer, family["farida"]).postcode == "NB1 4QT"
        assert s.get(ParentCarer, family["farida"]).given_names == "Farida"
        assert s.get(Child, family["aisha"]).year_group == ""
        assert s.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == audit_before
    assert version(vault, ParentCarer, family["farida"]) == 1
    assert notes(vault, family["aisha_ref"]) == []


def test_only_known_fields_of_the_right_kind_are_taken(family):
    vault = family["vault"]
    with pytest.raises(PeopleProblems) as raised, vault.session() as s:
        update_parent(s, family["farida"], {"version": 9, "id": 4, "interpreter_needed": "yes"},
                      expected_version=1)  # fmt: skip
    assert raised.value.problems == [  # every problem named, not just the first
        "Not a detail that can be changed here: id, version.",
        "Interpreter need must be yes or no.",
    ]
    with pytest.raises(PeopleProblems) as raised, vault.session() as s:
        update_child(s, family["aisha"], {"date_of_birth": "04/03/2015", "ehcp": 1},
                     expected_version=1)  # fmt: skip
    assert raised.value.problems == ["Date of birth must be a date.", "EHCP must be yes or no."]
    with pytest.raises(PeopleProblems), vault.session() as s:
        update_link(s, family["aisha"], family["farida"], {"lives_with_child": "no"})


def test_a_version_that_moved_on_is_refused_never_overwritten(family):
    vault, farida = family["vault"], family["farida"]
    opened_at = version(vault, ParentCarer, farida)  # the form opens here
    with vault.session() as s:  # meanwhile, another form saves
        update_parent(s, farida, {"phone_mobile": "07700 900999"}, expected_version=opened_at)
    with pytest.raises(EditConflict) as raised, vault.session() as s:
        update_parent(s, farida, {"phone_mobile": "07700 900111"}, expected_version=opened_at)
    assert "changed since you opened it; close and open it again" in str(raised.value)
    with vault.reader() as s:
        assert s.get(ParentCarer, farida).phone_mobile == "07700 900999"
    with pytest.raises(EditConflict), vault.session() as s:
        update_child(s, family["aisha"], {"town": "Northbridge"}, expected_version=7)


def test_a_upn_held_for_another_child_is_refused(family):
    vault = family["vault"]
    idris_upn = upn("873201400013")
    with pytest.raises(PeopleProblems) as raised, vault.session() as s:
        update_child(s, family["aisha"], {"upn": idris_upn.lower()}, expected_version=1,
                     today=TODAY)  # fmt: skip
    (problem,) = raised.value.problems
    assert f"The UPN {idris_upn} is already held for another child, Idris Rahman." in problem
    bad = "A" + upn("873201400099")[1:] if upn("873201400099")[0] != "A" else "B873201400099"
    with pytest.raises(PeopleProblems) as raised, vault.session() as s:
        update_child(s, family["aisha"], {"upn": bad}, expected_version=1, today=TODAY)
    assert "fails its check letter" in raised.value.problems[0]
    with vault.reader() as s:
        assert s.get(Child, family["aisha"]).upn == upn("873201400012")
    with vault.session() as s:  # cleared: no UPN, stored as none (not a blank that would clash)
        update_child(s, family["aisha"], {"upn": ""}, expected_version=1, today=TODAY)
    with vault.reader() as s:
        assert s.get(Child, family["aisha"]).upn is None


def test_the_audit_holds_the_before_and_after(family):
    vault, farida = family["vault"], family["farida"]
    with vault.session() as s:
        update_parent(s, farida, {"phone_mobile": "07700 900456", "safety_notes": "Dog."},
                      expected_version=1)  # fmt: skip
    with vault.reader() as s:
        entry = s.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.entity == "parent_carer", AuditEntry.action == "update",
                   AuditEntry.entity_id == str(farida))
        ).one()  # fmt: skip
        payload = json.loads(entry.payload)
        assert payload["before"]["phone_mobile"] == "07700 900123"
        assert payload["after"]["phone_mobile"] == "07700 900456"
        assert (payload["before"]["safety_notes"], payload["after"]["safety_notes"]) == ("", "Dog.")
        assert "Dog." not in next(iter(notes(vault, family["aisha_ref"])))  # the words only
        assert verify(s).ok
