"""The `attendance` commands, through an ArgumentParser built here as cli.py will build it."""

import argparse
import json
from pathlib import Path

import pytest

from ewo_desk.cli.attendance import add_attendance_commands
from tests.unit.attendance.builders import OTHER_UPN, UPN

DATA = Path(__file__).parents[2] / "data" / "attendance"
SAMPLE_CSV = str(DATA / "register_sample.csv")
SAMPLE_CTF = str(DATA / "ctf_example.xml")
SUMMARY_KEYS = {
    "upn", "possible", "present", "approved_activity", "authorised", "unauthorised",
    "not_counted", "by_code", "attendance_pct", "absence_pct", "persistent", "severe",
}  # fmt: skip


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="ewo-desk")
    sub = parser.add_subparsers(dest="command")
    add_attendance_commands(sub)
    args = parser.parse_args(argv)
    return args.func(args)


def run_json(capsys, *argv: str):
    assert run(*argv, "--json") == 0
    out = capsys.readouterr()
    return json.loads(out.out)


def test_summary_of_a_csv(capsys):
    rows = run_json(capsys, "attendance", "summary", SAMPLE_CSV)
    assert [r["upn"] for r in rows] == [UPN, OTHER_UPN]
    ellie = rows[0]
    assert set(ellie) == SUMMARY_KEYS
    assert ellie["possible"] == 8 and ellie["present"] == 3 and ellie["authorised"] == 3
    assert ellie["unauthorised"] == 2 and ellie["not_counted"] == 0
    assert ellie["by_code"] == {"/": 2, "\\": 1, "H": 2, "C1": 1, "N": 1, "O": 1}
    assert ellie["attendance_pct"] == 37.5 and ellie["absence_pct"] == 62.5
    assert ellie["persistent"] is True and ellie["severe"] is True
    sam = rows[1]
    assert (sam["present"], sam["approved_activity"], sam["unauthorised"]) == (1, 1, 3)
    assert sam["not_counted"] == 1 and sam["possible"] == 5


def test_summary_from_and_to_are_inclusive(capsys):
    rows = run_json(
        capsys, "attendance", "summary", SAMPLE_CSV, "--pupil", OTHER_UPN,
        "--from", "2024-02-29", "--to", "2024-02-29",
    )  # fmt: skip
    assert rows == [
        {
            "upn": OTHER_UPN, "possible": 2, "present": 0, "approved_activity": 0,
            "authorised": 0, "unauthorised": 2, "not_counted": 0, "by_code": {"G": 2},
            "attendance_pct": 0.0, "absence_pct": 100.0, "persistent": True, "severe": True,
        }
    ]  # fmt: skip


def test_summary_with_nothing_possible_gives_nulls(capsys):
    rows = run_json(capsys, "attendance", "summary", SAMPLE_CSV, "--from", "2030-01-01")
    assert all(r["attendance_pct"] is None and r["absence_pct"] is None for r in rows)
    assert all(r["persistent"] is False for r in rows)


def test_summary_of_a_ctf_detected_by_content(capsys, tmp_path):
    renamed = tmp_path / "transfer (1).csv"
    renamed.write_bytes(Path(SAMPLE_CTF).read_bytes())
    rows = run_json(capsys, "attendance", "summary", str(renamed))
    assert [(r["upn"], r["possible"], r["attendance_pct"]) for r in rows] == [
        (UPN, 74, 69 / 74 * 100),
        (OTHER_UPN, 56, 51 / 56 * 100),
    ]


def test_threshold(capsys, tmp_path):
    csv_file = tmp_path / "register.csv"
    lines = ["upn,date,session,code"]
    lines += [f"{UPN},2025-01-{d:02d},{s},O" for d in (6, 7, 8, 9, 10) for s in ("AM", "PM")]
    lines += [f"{OTHER_UPN},2025-01-06,AM,O"]
    csv_file.write_text("\n".join(lines) + "\n")
    rows = run_json(capsys, "attendance", "threshold", str(csv_file))
    assert rows == [
        {"upn": UPN, "met": True, "met_on": "2025-01-10", "met_session": "PM",
         "unauthorised_in_window": 10},
        {"upn": OTHER_UPN, "met": False, "met_on": None, "met_session": None,
         "unauthorised_in_window": 1},
    ]  # fmt: skip


def test_text_output(capsys):
    assert run("attendance", "threshold", SAMPLE_CTF) == 0
    assert f"{UPN}  not met  (2 in window)" in capsys.readouterr().out
    assert run("attendance", "summary", SAMPLE_CSV, "--pupil", UPN) == 0
    assert "attendance 37.5%" in capsys.readouterr().out


def test_malformed_file_prints_the_officer_message_and_exits_2(capsys):
    assert run("attendance", "summary", str(DATA / "register_truncated.csv"), "--json") == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.startswith("register_truncated.csv, line 4:") and "truncated" in out.err
    assert run("attendance", "threshold", str(DATA / "ctf_entity_expansion.xml")) == 2
    assert "entities" in capsys.readouterr().err


def test_missing_file_and_unknown_pupil_exit_2(capsys, tmp_path):
    assert run("attendance", "summary", str(tmp_path / "none.csv")) == 2
    assert "cannot be read" in capsys.readouterr().err
    assert run("attendance", "threshold", SAMPLE_CSV, "--pupil", "A999200121002") == 2
    assert "no session marks for pupil A999200121002" in capsys.readouterr().err


def test_from_after_to_exits_2(capsys):
    argv = ("attendance", "summary", SAMPLE_CSV, "--from", "2025-01-02", "--to", "2025-01-01")
    assert run(*argv) == 2
    assert "--from" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["2025-1-1", "01/01/2025", "20250101"])
def test_dates_must_be_iso(capsys, value):
    with pytest.raises(SystemExit) as caught:
        run("attendance", "summary", SAMPLE_CSV, "--from", value)
    assert caught.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_attendance_needs_a_command(capsys):
    with pytest.raises(SystemExit) as caught:
        run("attendance")
    assert caught.value.code == 2


def test_warnings_go_to_stderr_and_keep_stdout_json(capsys, tmp_path):
    csv_file = tmp_path / "register.csv"
    csv_file.write_text("upn,date,session,code\nA999200121001,2025-01-06,AM,/\n")
    rows = run_json(capsys, "attendance", "summary", str(csv_file))
    assert rows[0]["upn"] == "A999200121001"
    run("attendance", "summary", str(csv_file))
    assert "check letter" in capsys.readouterr().err
