"""The caseload table's rows and figures: the same facts as list_cases, the domain's figures and
the pathway work list, read in bulk."""

from collections import Counter
from datetime import date

import pytest

from ewo_desk.demo import populate
from ewo_desk.domain.attendance import attendance_level, summarise
from ewo_desk.domain.calendar import school_year_start
from ewo_desk.domain.worklist import work_list
from ewo_desk.importers.register_csv import parse_register_csv
from ewo_desk.store.caseload import (
    caseload,
    caseload_figures,
    caseload_rows,
    no_figures,
    overdue_counts,
    registers_by_child,
)
from ewo_desk.store.casework import list_cases
from ewo_desk.store.marks import import_parsed, registers
from ewo_desk.store.pathway import caseload_facts, caseload_work_list
from ewo_desk.store.policy import load_policy
from ewo_desk.store.schema import Case, Child, ChildParent, ParentCarer
from tests.gui.sample_cases import add_sample_cases

TODAY = date(2026, 11, 22)
UPN = "A123456789012"


@pytest.fixture
def demo(vault):
    with vault.session() as s:
        populate(s, today=TODAY)
    return vault


def test_rows_keep_every_list_cases_key_and_order(vault):
    add_sample_cases(vault)
    with vault.session() as s:
        zoe = s.query(Child).filter_by(family_name="Dvořák").one()
        zoe.address_line1, zoe.town = "12 Tannery Lane", "Northbridge"
        s.add_all([
            ParentCarer(id=1, title="Mrs", given_names="Markéta", family_name="Dvořáková"),
            ParentCarer(id=2, given_names="Tomáš", family_name="Dvořák"),
        ])  # fmt: skip
        s.flush()
        s.add_all(
            [ChildParent(child_id=zoe.id, parent_id=1), ChildParent(child_id=zoe.id, parent_id=2)]
        )
    with vault.reader() as s:
        listed = list_cases(s, TODAY)
        rows = caseload_rows(s, TODAY)
    assert [r["ref"] for r in rows] == [r["ref"] for r in listed]
    for row, old in zip(rows, listed, strict=True):
        assert {k: row[k] for k in old} == old
    zoe = next(r for r in rows if r["ref"] == "EWO-2026-0001")
    assert zoe["parents"] == ["Mrs Markéta Dvořáková", "Tomáš Dvořák"]
    assert zoe["address"] == "12 Tannery Lane, Northbridge, NB1 4QT"
    other = next(r for r in rows if r["ref"] == "EWO-2026-0002")
    assert other["parents"] == [] and other["address"] == "NB2 7LX"


def test_empty_caseload(vault):
    with vault.reader() as s:
        assert caseload_rows(s, TODAY) == []
        assert caseload_figures(s, TODAY) == {}
        assert registers_by_child(s) == {}
        assert overdue_counts(s, TODAY) == {}


def test_registers_by_child_are_the_stores_registers(demo):
    with demo.reader() as s:
        by_upn = registers(s)
        by_child = registers_by_child(s)
        ids = list(by_child)[:3]
        assert registers_by_child(s, ids) == {i: by_child[i] for i in ids}
        assert registers_by_child(s, []) == {}
    assert len(by_child) == len(by_upn) > 20
    for register in by_child.values():
        assert by_upn[register.upn] == register


def test_the_newest_import_wins(vault):
    with vault.session() as s:
        child = Child(upn=UPN, given_names="Łukasz", family_name="Wiśniewski",
                      date_of_birth=date(2014, 5, 10))  # fmt: skip
        s.add(child)
        s.flush()
        s.add(Case(ref="C-1", child_id=child.id, opened_on=date(2026, 9, 7)))
    for n, code in enumerate(("/", "O")):
        text = f"upn,date,session,code\n{UPN},2026-11-16,AM,{code}\n{UPN},2026-11-16,PM,/\n"
        parsed = parse_register_csv(text.encode(), f"r{n}.csv")
        with vault.session() as s:
            import_parsed(s, parsed, TODAY)
    with vault.reader() as s:
        (register,) = registers_by_child(s).values()
        figures = caseload_figures(s, TODAY)["C-1"]
    assert register.codes == ("O", "/")
    assert figures["attendance_pct"] == 50.0 and figures["possible"] == 2
    assert figures["persistent"] and figures["severe"]


def test_figures_are_the_domains_on_the_demo_caseload(demo):
    with demo.reader() as s:
        policy = load_policy(s)
        figures = caseload_figures(s, TODAY)
        held = registers(s)
        listed = list_cases(s, TODAY)
        # the reference: the work list from every open case's facts, read case by case
        work = [
            i.as_dict() for i in work_list(caseload_facts(s, TODAY, open_only=True), TODAY, policy)
        ]
        assert caseload_work_list(s, TODAY) == work  # the fast reading gives the same list
    overdue = Counter(item["case_ref"] for item in work if item["status"] == "overdue")
    assert sum(overdue.values()) >= 1  # the demo has something overdue
    assert set(figures) == {row["ref"] for row in listed}
    levels = set()
    for row in listed:
        got = figures[row["ref"]]
        assert got["overdue"] == overdue.get(row["ref"], 0), row["ref"]
        register = held.get(row["upn"] or "")
        if register is None:
            assert {k: got[k] for k in got if k != "overdue"} == {
                k: v for k, v in no_figures().items() if k != "overdue"
            }
            continue
        year = summarise(register, school_year_start(TODAY), TODAY, policy)
        assert got["attendance_pct"] == year.attendance_pct
        assert (got["persistent"], got["severe"]) == (year.persistent, year.severe)
        assert got["level"] == attendance_level(register, TODAY, policy).level
        levels.add(got["level"])
    assert len(levels) >= 2  # the demo spreads its pupils over the levels


def test_closed_cases_have_nothing_overdue_and_caseload_merges_both(demo):
    with demo.session() as s:
        refs = overdue_counts(s, TODAY)
        assert refs
        ref = next(iter(refs))
        s.query(Case).filter_by(ref=ref).one().status = "closed"
    with demo.reader() as s:
        assert ref not in overdue_counts(s, TODAY)
        rows = caseload(s, TODAY)
    row = next(r for r in rows if r["ref"] == ref)
    assert row["overdue"] == 0 and "attendance_pct" in row and row["parents"]
