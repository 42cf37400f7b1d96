"""The demo caseload: what `ewo-desk demo` writes into an empty caseload."""

import json
import unicodedata
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from time import perf_counter
from zoneinfo import ZoneInfo

import holidays
import pytest
import sqlalchemy as sa

from ewo_desk.demo import DemoSummary, populate
from ewo_desk.domain import pathway as pw
from ewo_desk.domain.pathway.periods import prosecution_limit
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.schema import (
    AttendanceImport,
    AttendanceMark,
    Base,
    Case,
    Child,
    ChildParent,
    ChronologyEntry,
    HomeVisit,
    LegalAction,
    ParentCarer,
    School,
    Task,
)
from ewo_desk.store.schema.base import utcnow

TODAY = date(2026, 11, 22)  # a Sunday, ten weeks into the 2026-27 school year
KINDS = {
    "support", "attendance_contract", "notice_to_improve", "penalty_notice", "eso_considered",
    "eso_consultation", "eso_application", "eso_court_direction", "interview_under_caution",
    "prosecution", "sao_notice",
}  # fmt: skip
STAGES = {
    "support", "attendance_contract", "notice_to_improve", "penalty_notice", "eso_consultation",
    "eso_application", "eso_extension", "interview_under_caution", "prosecution",
    "prosecution_outcome", "parenting_order", "sao_notice", "school_attendance_order",
}  # fmt: skip
UNAUTHORISED = {"G", "N", "O", "U"}
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def demo(vault) -> DemoSummary:
    with vault.session() as s:
        return populate(s, today=TODAY)


def test_fills_an_empty_caseload_quickly_then_refuses_a_second_time(vault):
    started = perf_counter()
    with vault.session() as s:
        summary = populate(s, today=TODAY)
    assert perf_counter() - started < 5  # about 0.5 s on a laptop; generous for CI
    with vault.reader() as s:
        count = lambda model: s.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
        assert summary.cases == count(Case) >= 35
        assert summary.children == count(Child)
        assert summary.schools == count(School) and 6 <= summary.schools <= 8
        assert summary.parents == count(ParentCarer)
        assert summary.marks == count(AttendanceMark) > 10_000
        assert summary.visits == count(HomeVisit)
        assert summary.entries == count(ChronologyEntry)
    with pytest.raises(EwoDeskError, match="already holds cases"), vault.session() as s:
        populate(s, today=TODAY)
    with vault.reader() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Case)) == summary.cases


def test_every_step_of_the_pathway_and_the_family_situations(vault, demo):
    with vault.reader() as s:
        actions = s.scalars(sa.select(LegalAction)).all()
        cases = s.scalars(sa.select(Case)).all()
        assert {a.kind for a in actions} == KINDS
        assert {c.stage for c in cases} >= STAGES
        assert {c.status for c in cases} == {"open", "closed"}
        by_kind = defaultdict(set)
        for a in actions:
            by_kind[a.kind].add(a.status)
        # The mirrored status columns the lists and letters show.
        assert {"signed", "reviewed", "broken"} <= by_kind["attendance_contract"]
        assert {"issued", "improved", "not_improved"} <= by_kind["notice_to_improve"]
        assert {"issued", "paid", "unpaid", "withdrawn"} <= by_kind["penalty_notice"]
        assert {"declined", "apply"} <= by_kind["eso_considered"]
        assert {"awaiting_reply", "replied"} <= by_kind["eso_consultation"]
        assert {"applied", "extended"} <= by_kind["eso_application"]
        assert {"invited", "held", "declined", "no_reply"} <= by_kind["interview_under_caution"]
        assert {"laid", "convicted"} <= by_kind["prosecution"]
        assert {"notice_served", "served"} <= by_kind["sao_notice"]
        records = [pw.action_from_dict(json.loads(a.details_json)) for a in actions]
        routes = {r.route for r in records if isinstance(r, pw.Prosecution)}
        assert routes == {pw.Route.SJP, pw.Route.OPEN_COURT}
        paid = {
            p.amount_pence for r in records if isinstance(r, pw.PenaltyNotice) for p in r.payments
        }
        assert paid == {8000, 16000}
        shown = {a.amount_pence for a in actions if a.kind == "penalty_notice"}
        assert shown == {8000, 16000}  # the amount a notice asks for: £160 for a second notice
        references = [a.reference for a in actions if a.reference]
        assert len(references) == len(set(references))
        assert all(a.reference.startswith("NB/PN/") for a in actions if a.kind == "penalty_notice")

        links = s.scalars(sa.select(ChildParent)).all()
        children = {c.id: c for c in s.scalars(sa.select(Child))}
        parents = {p.id: p for p in s.scalars(sa.select(ParentCarer))}
        schools_by_parent = defaultdict(set)
        for link in links:
            schools_by_parent[link.parent_id].add(children[link.child_id].school_id)
        assert any(len(schools - {None}) >= 2 for schools in schools_by_parent.values())

        per_child = defaultdict(list)
        for link in links:
            per_child[link.child_id].append(link)
        separated = [
            ls
            for ls in per_child.values()
            if any(x.lives_with_child and x.parental_responsibility for x in ls)
            and any(not x.lives_with_child and x.parental_responsibility for x in ls)
        ]
        assert separated
        for ls in separated:
            homes = {
                (parents[x.parent_id].address_line1, parents[x.parent_id].postcode) for x in ls
            }
            assert len(homes) >= 2
        step_parents = [x for x in links if not x.parental_responsibility and x.lives_with_child]
        assert any(x.relationship_to_child == "Step-father" for x in step_parents)
        assert any("Do not visit alone" in p.safety_notes for p in parents.values())
        assert any(p.interpreter_needed for p in parents.values())
        for flag in Child.FLAGS:
            assert any(getattr(c, flag) for c in children.values()), flag
        assert all(c.social_worker for c in children.values() if c.looked_after)

        independent = s.scalars(sa.select(School).where(~School.penalty_notices_apply)).all()
        assert len(independent) == 1 and "independent" in independent[0].establishment_type
        assert all(len(school.urn) == 6 and school.urn.isdigit() for school in s.scalars(
            sa.select(School)))  # fmt: skip

        names = [n for c in children.values() for n in (c.given_names, c.family_name,
                 c.preferred_name)] + [n for p in parents.values() for n in (p.given_names,
                 p.family_name)]  # fmt: skip
        letters = {ch for n in names for ch in n if ch.isalpha() and not ch.isascii()}
        scripts = {unicodedata.name(ch).split()[0] for ch in letters}
        assert "LATIN" in scripts and scripts - {"LATIN"}  # accents and a non-Latin script
        written = set(demo.names)
        assert {f"{c.given_names} {c.family_name}" for c in children.values()} <= written
        assert {c.preferred_name for c in children.values()} - {""} <= written
        assert {f"{p.given_names} {p.family_name}" for p in parents.values()} <= written


def test_chronology_visits_and_tasks(vault, demo):
    end_of_today = datetime.combine(TODAY + timedelta(days=1), time(0), tzinfo=LONDON)
    with vault.reader() as s:
        entries = s.scalars(sa.select(ChronologyEntry)).all()
        visits = s.scalars(sa.select(HomeVisit)).all()
        tasks = s.scalars(sa.select(Task)).all()
    assert all(e.occurred_at.tzinfo is not None and e.occurred_at < end_of_today for e in entries)
    assert {e.kind for e in entries} >= {"note", "phone_call", "meeting", "letter", "legal_step"}
    assert any(e.status == "draft" for e in entries)
    outcomes = {v.outcome for v in visits}
    assert {"seen", "no_answer", "card_left", "refused_entry", "moved_away"} <= outcomes
    assert any(v.status == "draft" for v in visits)
    assert any(v.child_voice for v in visits)
    assert any(v.safeguarding_concern and v.safeguarding_procedure_followed for v in visits)
    assert any(t.status == "open" and t.due_on and t.due_on < TODAY for t in tasks)
    assert any(t.due_on and t.due_on > TODAY for t in tasks)
    assert all(e.occurred_at <= utcnow() for e in entries)


def test_marks_fall_on_school_days_and_back_every_notice(vault, demo):
    with vault.reader() as s:
        marks = s.execute(
            sa.select(AttendanceMark.child_id, AttendanceMark.date, AttendanceMark.code)
        ).all()
        imports = s.scalars(sa.select(AttendanceImport)).all()
        actions = s.scalars(sa.select(LegalAction)).all()
        cases = s.scalars(sa.select(Case)).all()
        counted = s.execute(
            sa.select(AttendanceMark.import_id, sa.func.count()).group_by(AttendanceMark.import_id)
        ).all()
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(2025, 2028))
    days = {m.date for m in marks}
    assert all(day.weekday() < 5 and day not in bank and day <= TODAY for day in days)
    assert min(days) <= date(2026, 1, 5)  # a full school year is held, not just this term
    assert {c.child_id for c in cases} == {m.child_id for m in marks}
    codes = {m.code for m in marks}
    assert {"/", "\\", "I", "O", "G", "N", "#"} <= codes
    assert dict(counted) == {i.id: i.mark_count for i in imports}
    assert len({i.school_id for i in imports}) == demo.schools
    for record in imports:
        assert len(record.sha256) == 64 and record.source_name.startswith(
            f"demo-{record.school_urn}"
        )
        assert record.file_format == "csv" and record.code_set == "2024"

    by_child = defaultdict(list)
    for m in marks:
        by_child[m.child_id].append(m)
    case_child = {c.id: c.child_id for c in cases}
    for action in actions:
        record = pw.action_from_dict(json.loads(action.details_json))
        if not isinstance(record, pw.PenaltyNotice | pw.Prosecution):
            continue
        lo, hi = record.offence_start, record.offence_end
        held = by_child[case_child[action.case_id]]
        misprinted = (
            isinstance(record, pw.PenaltyNotice)
            and record.withdrawal is not None
            and (record.withdrawal.ground is pw.WithdrawalGround.MATERIAL_ERRORS)
        )  # the dates printed in error need not match the register
        if min(m.date for m in held) <= lo and not misprinted:
            unauthorised = sum(1 for m in held if lo <= m.date <= hi and m.code in UNAUTHORISED)
            assert unauthorised >= 10, (action.reference, unauthorised)
        if isinstance(record, pw.Prosecution):
            laid = record.information_laid_on
            assert laid is not None and hi < laid <= prosecution_limit(hi)


def _dump(session):
    skip = {"created_at", "updated_at"}
    rows = []
    for table in Base.metadata.sorted_tables:
        if table.name in ("audit_entry", "chronology_revision"):
            continue
        columns = [c for c in table.c if c.name not in skip]
        rows.append(sorted(map(tuple, session.execute(sa.select(*columns)).all()), key=repr))
    return rows


def test_the_same_seed_gives_the_same_caseload(vault):
    dumps = []
    for seed in (7, 7, 8):
        session = vault.reader()
        try:
            populate(session, today=TODAY, seed=seed)
            dumps.append(_dump(session))
        finally:
            session.rollback()
            session.close()
    assert dumps[0] == dumps[1]
    assert dumps[0] != dumps[2]
