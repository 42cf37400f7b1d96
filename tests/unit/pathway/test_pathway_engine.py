"""The engine's contract: verdicts, back-dating, next steps, stage, declarations and purity."""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from ewo_desk.domain.pathway import (
    RULES,
    SPECS,
    Payment,
    Severity,
    StepKind,
    Verdict,
    check_action,
    check_pathway_policy,
    current_stage,
    may_issue,
    next_actions,
    step_label,
)
from ewo_desk.domain.pathway.policy import CONTRACT_LABEL, NTI_WEEKS_MIN, PN_PERIOD_STARTS
from ewo_desk.domain.settings import Policy

from ._builders import POLICY, SUPPORT, case, considered, ids, messages, pn

TODAY = date(2025, 6, 2)


def test_verdicts() -> None:
    facts = case(SUPPORT)
    assert may_issue(StepKind.SUPPORT, "p1", "c1", facts, TODAY, POLICY).verdict is Verdict.ALLOWED
    warned = may_issue(StepKind.PENALTY_NOTICE, "p1", "c1", facts, TODAY, POLICY)
    assert warned.verdict is Verdict.ALLOWED_WITH_WARNINGS and warned.allowed
    blocked = may_issue(StepKind.PENALTY_NOTICE, None, "c1", facts, TODAY, POLICY)
    assert blocked.verdict is Verdict.BLOCKED and not blocked.allowed


def test_every_reason_names_its_rule_and_source_section() -> None:
    decision = may_issue(StepKind.PENALTY_NOTICE, "p1", "c1", case(), TODAY, POLICY)
    for reason in decision.reasons:
        assert re.match(r"attendance-law\.md §\d", reason.rule.source), reason.rule
    for rule in RULES.values():
        assert re.match(r"attendance-law\.md §\d", rule.source), rule


def test_a_past_step_that_broke_a_rule_is_kept_with_a_note() -> None:
    facts = case(pn("a", date(2024, 9, 2)), pn("b", date(2025, 3, 3)))
    today = may_issue(StepKind.PENALTY_NOTICE, "p1", "c1", facts, TODAY, POLICY, on=TODAY)
    yesterday = may_issue(
        StepKind.PENALTY_NOTICE, "p1", "c1", facts, TODAY, POLICY, on=date(2025, 6, 1)
    )
    assert today.verdict is Verdict.BLOCKED and not today.back_dated
    assert yesterday.allowed and yesterday.back_dated
    assert "pn.two_in_three_years" in ids(yesterday, Severity.WARN)
    assert "Recorded as taken on 01/06/2025, before today. It broke this rule" in messages(
        yesterday
    )


def test_a_past_step_with_nothing_to_act_on_stays_blocked() -> None:
    past = date(2025, 5, 1)
    no_notice = may_issue(StepKind.PN_PAYMENT, "p1", "c1", case(), TODAY, POLICY, on=past)
    no_parent = may_issue(StepKind.PENALTY_NOTICE, None, "c1", case(), TODAY, POLICY, on=past)
    assert no_notice.verdict is Verdict.BLOCKED and "step.target" in ids(no_notice)
    assert no_parent.verdict is Verdict.BLOCKED and "step.parent_named" in ids(no_parent)


def test_back_dating_is_judged_per_event() -> None:
    # A notice issued months ago, with a withdrawal recorded today on a ground that is not yet open.
    from ewo_desk.domain.pathway import Withdrawal, WithdrawalGround

    w = Withdrawal(TODAY, WithdrawalGround.UNPAID_NOT_PROSECUTED)
    notice = pn("a", date(2025, 5, 28), withdrawal=w)
    decision = check_action(notice, case(SUPPORT, notice), TODAY, POLICY)
    assert "pn.withdrawal" in ids(decision, Severity.BLOCK)


def test_next_actions_on_a_new_case() -> None:
    nxt = next_actions("p1", "c1", case(SUPPORT), TODAY, POLICY)
    allowed = {d.step for d in nxt.allowed}
    assert {
        StepKind.SUPPORT,
        StepKind.ATTENDANCE_CONTRACT,
        StepKind.NOTICE_TO_IMPROVE,
        StepKind.PENALTY_NOTICE,
    } <= allowed
    # Follow-ups with nothing to act on are left out, not listed as blocked.
    everything = allowed | {d.step for d in nxt.blocked}
    assert StepKind.PN_PAYMENT not in everything and StepKind.ESO_EXTENSION not in everything


def test_next_actions_after_two_notices_block_a_third_and_offer_the_alternatives() -> None:
    first = pn("a", date(2024, 9, 2), payments=(Payment(date(2024, 9, 10), 8000),))
    facts = case(SUPPORT, first, pn("b", date(2025, 5, 20)))
    nxt = next_actions("p1", "c1", facts, TODAY, POLICY)
    blocked = {d.step: d for d in nxt.blocked}
    assert "pn.two_in_three_years" in ids(blocked[StepKind.PENALTY_NOTICE])
    allowed = {d.step: d for d in nxt.allowed}
    assert StepKind.ESO_CONSIDERED in allowed
    assert allowed[StepKind.PN_PAYMENT].target_id == "b"
    assert StepKind.PROSECUTION in blocked  # the s.447 decision is not recorded yet
    with_eso = case(SUPPORT, first, pn("b", date(2025, 5, 20)), considered(TODAY))
    assert "eso.considered" not in ids(
        may_issue(StepKind.PROSECUTION, "p1", "c1", with_eso, TODAY, POLICY)
    )


def test_current_stage_per_parent() -> None:
    facts = case(SUPPORT, pn("a", date(2025, 5, 20)))
    stage = current_stage("p1", "c1", facts, TODAY, POLICY)
    assert stage is not None and stage.kind is StepKind.PENALTY_NOTICE
    assert stage.status == "awaiting_payment"
    assert current_stage("p2", "c1", facts, TODAY, POLICY) is None


def test_decisions_serialise_to_json() -> None:
    decision = may_issue(StepKind.PENALTY_NOTICE, "p1", "c1", case(), TODAY, POLICY)
    data = json.loads(json.dumps(decision.as_dict()))
    assert data["verdict"] == "allowed_with_warnings"
    assert {"rule", "source", "severity", "message"} <= set(data["reasons"][0])


# --- declarations ---


def test_every_step_is_declared_with_what_it_needs_records_and_allows() -> None:
    assert set(SPECS) == set(StepKind)
    for spec in SPECS.values():
        assert spec.label and spec.must_record, spec.kind
        for rule in spec.preconditions:
            assert rule.id in RULES
        for nxt in spec.allows_next:
            assert nxt in SPECS
    assert SPECS[StepKind.NOTICE_TO_IMPROVE].documents == ("notice_to_improve",)
    assert SPECS[StepKind.PENALTY_NOTICE].documents == ("penalty_notice",)


def test_stage_label_follows_policy() -> None:
    policy = Policy({CONTRACT_LABEL.key: "parenting contract"})
    assert step_label(StepKind.ATTENDANCE_CONTRACT, policy) == "Parenting contract"
    assert step_label(StepKind.ATTENDANCE_CONTRACT, POLICY) == "Attendance contract"


def test_policy_check() -> None:
    assert check_pathway_policy(POLICY) == []
    bad = Policy({NTI_WEEKS_MIN.key: 7, PN_PERIOD_STARTS.key: "posting"})
    problems = check_pathway_policy(bad)
    assert len(problems) == 2
    assert any("receipt" in p for p in problems)


# --- purity: no clock, no GUI, no database, no PDF in the domain ---

DOMAIN = Path(__file__).resolve().parents[3] / "ewo_desk" / "domain"
MINE = [
    DOMAIN / "calendar.py",
    DOMAIN / "worklist.py",
    DOMAIN / "pathway_reports.py",
    *sorted((DOMAIN / "pathway").glob("*.py")),
]


@pytest.mark.parametrize("path", MINE, ids=lambda p: p.name)
def test_domain_module_is_pure(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    for forbidden in (
        "date.today(",
        "datetime.now(",
        "datetime.utcnow(",
        "time.time(",
        "PySide6",
        "sqlalchemy",
        "reportlab",
        "open(",
    ):
        assert forbidden not in source, f"{path.name} uses {forbidden}"
