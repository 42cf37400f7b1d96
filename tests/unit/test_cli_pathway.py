import csv
import io
import json

import pytest

from ewo_desk.cli import main
from tests.conftest import PASSPHRASE


@pytest.fixture
def unlocked(vault, monkeypatch):
    vault.close()
    monkeypatch.setenv("EWO_DESK_PASSPHRASE", PASSPHRASE)


def test_policy_show_lists_every_setting_with_defaults(unlocked, capsys):
    assert main(["policy", "show"]) == 0
    settings = {s["key"]: s for s in json.loads(capsys.readouterr().out)}
    assert "retention.years_after_closure" in settings
    assert settings["retention.years_after_closure"]["value"] == 6
    assert any(key.startswith("attendance.") for key in settings)


def test_policy_file_is_validated_with_every_problem_named(unlocked, tmp_path, capsys):
    bad = tmp_path / "policy.json"
    bad.write_text(json.dumps({"retention.years_after_closure": "six", "no.such.thing": 1}))
    assert main(["policy", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "no.such.thing" in err and "retention.years_after_closure" in err
    assert main(["policy", "set", "--file", str(bad)]) == 2
    broken = tmp_path / "broken.json"
    broken.write_text("{ oops")
    assert main(["policy", "check", str(broken)]) == 2
    assert "line 1" in capsys.readouterr().err


def test_policy_set_then_show(unlocked, tmp_path, capsys):
    good = tmp_path / "policy.json"
    good.write_text(json.dumps({"retention.years_after_closure": 15}))
    assert main(["policy", "check", str(good)]) == 0
    assert main(["policy", "set", "--file", str(good)]) == 0
    capsys.readouterr()
    assert main(["policy", "show"]) == 0
    settings = {s["key"]: s for s in json.loads(capsys.readouterr().out)}
    assert settings["retention.years_after_closure"]["value"] == 15


def test_reports_on_an_empty_caseload(unlocked, capsys):
    assert main(["tasks", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["report", "prm", "--year", "2025", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["academic_year"] == "2025/26"
    assert all(v == 0 for k, v in figures.items() if k != "academic_year")
    assert main(["report", "prm", "--year", "2025", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and rows[0].keys() == {"measure", "count"}
