"""The pathway on a real vault: facts from the store, records kept whole, steps guarded."""

from datetime import date

import pytest
import sqlalchemy as sa

from ewo_desk.domain import pathway as pw
from ewo_desk.importers.register_csv import parse_register_csv
from ewo_desk.store.marks import import_parsed
from ewo_desk.store.pathway import StepBlocked, case_facts, pathway_view, record_step
from ewo_desk.store.schema import (
    Case,
    Child,
    ChildParent,
    ChronologyEntry,
    LegalAction,
    ParentCarer,
    School,
)

TODAY = date(2026, 11, 22)
UPN = "A123456789012"


@pytest.fixture
def case(vault):
    with vault.session() as s:
        school = School(urn="100001", name="Northbridge Primary", establishment_type="maintained")
        child = Child(upn=UPN, given_names="Łukasz", family_name="Wiśniewski",
                      date_of_birth=date(2014, 5, 10), school=school)
        mum = ParentCarer(given_names="Anna", family_name="Wiśniewska")
        s.add_all([school, child, mum])
        s.flush()
        s.add(ChildParent(child_id=child.id, parent_id=mum.id))
        s.add(Case(ref="PW-1", child_id=child.id, school_id=school.id, opened_on=date(2026, 9, 7)))
        rows = "".join(f"{UPN},2026-10-{d:02d},{p},G\n" for d in range(5, 10) for p in ("AM", "PM"))
        present = "".join(
            f"{UPN},2026-11-{d:02d},{p},/\n" for d in range(2, 7) for p in ("AM", "PM")
        )
        parsed = parse_register_csv(("upn,date,session,code\n" + rows + present).encode(),
                                    "reg.csv", not_after=TODAY)
        import_parsed(s, parsed, TODAY)
        return {"child": str(child.id), "mum": str(mum.id)}


def nti(ids, issued=date(2026, 10, 12), **changes):
    fields = dict(
        id="new", parent_id=ids["mum"], child_id=ids["child"], issued_on=issued,
        period_start=issued, period_end=date(2026, 11, 20), contents=frozenset(pw.NtiContent),
        posted_on=issued,
    )  # fmt: skip
    return pw.NoticeToImprove(**{**fields, **changes})


def test_facts_come_from_the_vault(vault, case):
    with vault.reader() as s:
        facts = case_facts(s, s.scalars(sa.select(Case)).one(), TODAY)
    child = facts.children[0]
    assert child.threshold_met_on == (date(2026, 10, 9),)
    assert len(child.unauthorised_sessions) == 10
    assert child.school_kind is pw.SchoolKind.MAINTAINED
    assert [p.name for p in facts.parents] == ["Anna Wiśniewska"]


def test_recording_a_step_keeps_the_record_whole(vault, case):
    with vault.session() as s:
        row, decision = record_step(s, "PW-1", nti(case), TODAY)
        assert decision.allowed
    with vault.reader() as s:
        stored = s.get(LegalAction, row.id)
        record = pw.action_from_dict(__import__("json").loads(stored.details_json))
        assert record.id == str(row.id) and record.contents == frozenset(pw.NtiContent)
        assert stored.kind == "notice_to_improve" and stored.parent_id == int(case["mum"])
        assert s.get(Case, 1).stage == "notice_to_improve"
        steps = sa.select(ChronologyEntry).where(ChronologyEntry.kind == "legal_step")
        entry = s.scalars(steps).one()
        assert entry.legal_action_id == row.id and "recorded (12/10/2026)" in entry.text


def test_view_shows_step_next_actions_and_deadlines(vault, case):
    with vault.session() as s:
        record_step(s, "PW-1", nti(case), TODAY)
    with vault.reader() as s:
        view = pathway_view(s, "pw-1", TODAY)
    [mum] = view["parents"]
    assert mum["step"]["kind"] == "notice_to_improve"
    assert any(d["step"] == "penalty_notice" for d in mum["next_allowed"] + mum["blocked"])
    assert all(d["reasons"] is not None for d in mum["blocked"])


def test_a_blocked_step_is_refused_unless_the_officer_says_why(vault, case):
    with vault.session() as s:
        s.scalars(sa.select(School)).one().penalty_notices_apply = False  # an independent school
    notice = pw.PenaltyNotice(
        id="new", parent_id=case["mum"], child_id=case["child"], issued_on=TODAY,
        offence_start=date(2026, 10, 5), offence_end=date(2026, 10, 9), posted_on=TODAY,
        no_nti_reason="term-time holiday",
    )  # fmt: skip
    with pytest.raises(StepBlocked) as refused, vault.session() as s:
        record_step(s, "PW-1", notice, TODAY)
    assert "independent" in str(refused.value).lower() or "school" in str(refused.value).lower()
    with vault.reader() as s:
        assert s.scalar(sa.select(sa.func.count(LegalAction.id))) == 0
    with vault.session() as s:
        row, decision = record_step(s, "PW-1", notice, TODAY, override_reason="Ruled maintained")
        assert row.reason == "Ruled maintained" and not decision.allowed
    with vault.reader() as s:
        text = s.scalars(sa.select(ChronologyEntry.text)).one()
        assert "because: Ruled maintained" in text
