"""The demo's legal actions are real pathway records, and the pathway's rules allow every one.

Each row holds a domain record exactly as `store.pathway.record_step` would store it; the app's
pathway view answers for every case; and every record, checked with `pathway.check_action` as of
its own date against the rest of its case, breaks no rule (warnings are allowed: an officer reads
them and goes on). Run for two dates so that term dates and half-terms fall differently.
"""

import json
from collections import defaultdict
from datetime import date

import pytest
import sqlalchemy as sa

from ewo_desk.demo import populate
from ewo_desk.domain import pathway as pw
from ewo_desk.domain.calendar import add_years
from ewo_desk.domain.pathway.record_check import RECORD_KINDS
from ewo_desk.store.pathway import case_facts, pathway_view
from ewo_desk.store.policy import load_policy
from ewo_desk.store.schema import Case, LegalAction

DATES = (date(2026, 11, 22), date(2026, 3, 3))
WG = pw.WithdrawalGround


@pytest.mark.parametrize("today", DATES, ids=str)
def test_the_demo_pathway_is_complete_and_lawful(vault, today):
    """One caseload per date (populating is the slow part), every check on it."""
    with vault.session() as s:
        populate(s, today=today)
    with vault.reader() as session:
        rows = session.scalars(sa.select(LegalAction).order_by(LegalAction.id)).all()
        cases = {c.id: c for c in session.scalars(sa.select(Case))}
        every_row_holds_its_record_as_the_store_keeps_it(rows)
        records_cite_the_rows_of_the_records_they_follow(rows)
        the_pathway_view_answers_for_every_case(session, cases, today)
        no_stored_step_breaks_a_rule_as_of_its_own_date(session, rows, cases, today)
        the_stories_cover_every_step(rows)


def every_row_holds_its_record_as_the_store_keeps_it(rows):
    assert rows
    kinds = set()
    for row in rows:
        record = pw.action_from_dict(json.loads(row.details_json))
        assert row.details_json == json.dumps(pw.action_to_dict(record), sort_keys=True)
        assert record.id == str(row.id)
        assert row.kind == pw.kind_of(record).value
        parent_id = getattr(record, "parent_id", None)
        assert row.parent_id == (int(parent_id) if parent_id else None)
        assert row.started_on == pw.action_date(record)
        assert row.posted_on == getattr(record, "posted_on", None)
        kinds.add(pw.kind_of(record))
    assert kinds == set(RECORD_KINDS.values())


def records_cite_the_rows_of_the_records_they_follow(rows):
    by_id = {str(r.id): r for r in rows}
    cited = 0
    for row in rows:
        record = pw.action_from_dict(json.loads(row.details_json))
        if isinstance(record, pw.Prosecution) and record.penalty_notice_id:
            notice = by_id[record.penalty_notice_id]
            assert notice.kind == "penalty_notice" and notice.case_id == row.case_id
            assert notice.parent_id == row.parent_id
            cited += 1
    assert cited >= 3


def the_pathway_view_answers_for_every_case(session, cases, today):
    for case in cases.values():
        view = pathway_view(session, case.ref, today)
        assert {"parents", "deadlines"} <= set(view)


def no_stored_step_breaks_a_rule_as_of_its_own_date(session, rows, cases, today):
    """Each record against the rest of its case (`check_action` leaves the record itself out),
    dated its own day, so no rule is softened to a warning for being recorded late."""
    policy = load_policy(session)
    facts = {case_id: case_facts(session, case, today) for case_id, case in cases.items()}
    blocked = []
    for row in rows:
        record = pw.action_from_dict(json.loads(row.details_json))
        on = pw.action_date(record)
        assert on <= today
        decision = pw.check_action(record, facts[row.case_id], on, policy)
        blocked += [
            f"{cases[row.case_id].ref} {row.kind} #{row.id} ({on}): {r.message}"
            for r in decision.by_severity(pw.Severity.BLOCK)
        ]
    assert not blocked, "\n".join(blocked)


def the_stories_cover_every_step(rows):
    records = [pw.action_from_dict(json.loads(row.details_json)) for row in rows]
    of = defaultdict(list)
    for record in records:
        of[type(record)].append(record)
    contracts = of[pw.AttendanceContract]
    assert any(c.status is pw.ContractStatus.IN_FORCE and not c.reviews for c in contracts)
    assert any(c.status is pw.ContractStatus.IN_FORCE and c.reviews for c in contracts)
    assert any(c.status is pw.ContractStatus.BROKEN for c in contracts)
    outcomes = {n.outcome().finding if n.outcome() else None for n in of[pw.NoticeToImprove]}
    assert outcomes == {None, pw.NtiFinding.SUFFICIENT_IMPROVEMENT, pw.NtiFinding.NOT_IMPROVED}

    notices = of[pw.PenaltyNotice]
    assert {p.amount_pence for n in notices for p in n.payments} == {8000, 16000}
    grounds = {n.withdrawal.ground for n in notices if n.withdrawal}
    assert grounds == {WG.MATERIAL_ERRORS, WG.UNPAID_NOT_PROSECUTED}
    second = [
        b
        for a in notices
        for b in notices
        if (a.parent_id, a.child_id) == (b.parent_id, b.child_id)
        and a.issued_on < b.issued_on <= add_years(a.issued_on, 3)
        and not a.withdrawal
    ]
    assert second and all(not n.payments or n.payments[0].amount_pence == 16000 for n in second)
    prosecuted = {p.penalty_notice_id for p in of[pw.Prosecution]}
    unpaid = [n for n in notices if not n.payments and not n.withdrawal]
    assert any(n.id in prosecuted for n in unpaid) and any(n.id not in prosecuted for n in unpaid)
    assert any(n.no_nti_reason for n in notices)

    assert {c.decision for c in of[pw.EsoConsidered]} == set(pw.EsoDecision)
    assert all(c.reasons for c in of[pw.EsoConsidered])
    assert {bool(c.response) for c in of[pw.EsoConsultation]} == {True, False}
    orders = of[pw.EducationSupervisionOrder]
    assert any(o.made_on is None for o in orders) and any(o.made_on for o in orders)
    assert any(o.extensions for o in orders)
    assert of[pw.CourtDirection]
    assert {i.status for i in of[pw.InterviewUnderCaution]} == set(pw.InterviewStatus)
    prosecutions = of[pw.Prosecution]
    assert {(p.offence, p.route) for p in prosecutions} == {
        (pw.Offence.S444_1, pw.Route.SJP),
        (pw.Offence.S444_1A, pw.Route.OPEN_COURT),
    }
    assert any(p.outcome is None for p in prosecutions)
    convictions = [p.outcome for p in prosecutions if p.outcome]
    assert all(o.result.is_conviction for o in convictions)
    assert any(o.parenting_order for o in convictions) and any(
        not o.parenting_order for o in convictions
    )
    saos = of[pw.SchoolAttendanceOrder]
    assert any(s.order_served_on for s in saos) and any(not s.order_served_on for s in saos)
