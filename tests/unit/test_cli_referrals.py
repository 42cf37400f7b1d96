"""`ewo-desk open-case` and `ewo-desk close-case`: the ref printed, refusals on stderr, exit 2."""

import json
from datetime import date, timedelta

import pytest

from ewo_desk.cli import main
from ewo_desk.domain.attendance.upn import check_letter
from ewo_desk.store.schema import Officer, School
from tests.conftest import PASSPHRASE

YEAR = date.today().year
BASE = ["open-case", "--child-given", "Aisha", "--child-family", "Rahman", "--dob", "2015-03-04",
        "--school", "100001"]  # fmt: skip


@pytest.fixture
def unlocked(vault, monkeypatch):
    with vault.session() as s:
        s.add(Officer(name="Sam Okafor", is_vault_owner=True))
        s.add(School(urn="100001", name="Riverside Primary School"))
    vault.close()
    monkeypatch.setenv("EWO_DESK_PASSPHRASE", PASSPHRASE)


def case_json(ref, capsys):
    capsys.readouterr()
    assert main(["case", ref, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_open_case_prints_the_new_ref_and_case_reads_it_back(unlocked, capsys):
    args = [*BASE, "--upn", "", "--year-group", "6", "--source", "Riverside Primary School",
            "--reason", "Attendance 71% this term", "--postcode", "nb1 4qt",
            "--parent", "Mrs|Farida|Rahman|Mother", "--parent", "|Imran|Rahman|Father"]  # fmt: skip
    assert main(args) == 0
    assert capsys.readouterr().out == f"EWO-{YEAR}-0001\n"
    detail = case_json(f"EWO-{YEAR}-0001", capsys)
    assert detail["referral_source"] == "Riverside Primary School"
    assert [p["name"] for p in detail["parents"]] == ["Mrs Farida Rahman", "Imran Rahman"]
    assert detail["chronology"][0]["text"] == (
        "Referral received from Riverside Primary School: Attendance 71% this term"
    )
    assert main([*BASE[:2], "عائشة", *BASE[5:], "--child-family", "رحمن"]) == 0
    assert capsys.readouterr().out == f"EWO-{YEAR}-0002\n"
    assert case_json(f"EWO-{YEAR}-0002", capsys)["child"]["given_names"] == "عائشة"


def test_a_sibling_shares_a_parent_by_id(unlocked, capsys):
    assert main([*BASE, "--parent", "Ms|Farida|Rahman|Mother"]) == 0
    first = capsys.readouterr().out.strip()
    mother_id = case_json(first, capsys)["parents"][0]["id"]
    sibling = ["open-case", "--child-given", "Yusuf", "--child-family", "Rahman", "--dob",
               "2012-06-01", "--school", "100002", "--school-name", "Hollins Park College",
               "--existing-parent", f"{mother_id}|Mother"]  # fmt: skip
    assert main(sibling) == 0
    second = capsys.readouterr().out.strip()
    detail = case_json(second, capsys)
    assert detail["parents"][0]["id"] == mother_id
    assert detail["siblings"][0]["case"] == first


def test_problems_go_to_stderr_with_exit_2_and_nothing_is_opened(unlocked, capsys):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert main([*BASE, "--upn", "A12345", "--opened-on", tomorrow]) == 2
    err = capsys.readouterr().err
    assert "is not a UPN" in err and "is in the future" in err
    assert main([*BASE[:-2], "--dob", "04/03/2015", "--school", "100001"]) == 2
    assert "is not a date: write it as YYYY-MM-DD" in capsys.readouterr().err
    assert main([*BASE, "--parent", "Mrs Rahman"]) == 2
    assert "four parts" in capsys.readouterr().err
    assert main(["cases", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_second_open_case_for_the_same_child_is_refused(unlocked, capsys):
    upn = ["--upn", check_letter("A873201400012") + "873201400012"]
    assert main([*BASE, *upn]) == 0
    first = capsys.readouterr().out.strip()
    assert main([*BASE, *upn]) == 2
    assert f"already has an open case, {first}" in capsys.readouterr().err


def test_close_case(unlocked, capsys):
    assert main(BASE) == 0
    ref = capsys.readouterr().out.strip()
    assert main(["close-case", ref.lower(), "--reason", "Attendance improved"]) == 0
    assert capsys.readouterr().out == f"Case {ref} closed on {date.today():%d/%m/%Y}.\n"
    detail = case_json(ref, capsys)
    assert detail["status"] == "closed"
    assert detail["chronology"][-1]["text"] == "Case closed: Attendance improved"
    assert main(["close-case", ref, "--reason", "Again"]) == 2
    assert "already closed" in capsys.readouterr().err
    assert main(["close-case", "EWO-1999-0001", "--reason", "x"]) == 2
    assert "There is no case" in capsys.readouterr().err


def test_case_ref_still_works_beside_the_new_commands(unlocked, capsys):
    assert main(BASE) == 0
    ref = capsys.readouterr().out.strip()
    assert main(["case", ref]) == 0
    assert capsys.readouterr().out.startswith(f"{ref}: Aisha Rahman (support)")


def test_close_case_warns_of_the_deadlines_left_open(vault, monkeypatch, capsys):
    vault.close()
    monkeypatch.setenv("EWO_DESK_PASSPHRASE", PASSPHRASE)
    assert main(["demo"]) == 0
    capsys.readouterr()
    assert main(["close-case", "EWO-2026-0017", "--reason", "Moved away"]) == 0
    out = capsys.readouterr()
    assert "still open on the closed case: Review the attendance contract" in out.err
    assert "closed on" in out.out
