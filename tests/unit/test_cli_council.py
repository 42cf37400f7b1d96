import json

import pytest

from ewo_desk.cli import main
from tests.conftest import PASSPHRASE

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture
def unlocked(vault, monkeypatch):
    vault.close()
    monkeypatch.setenv("EWO_DESK_PASSPHRASE", PASSPHRASE)


def test_council_and_officer_details_round_trip(unlocked, tmp_path, capsys):
    (tmp_path / "head.pdf").write_bytes(b"%PDF-1.4 minimal")
    (tmp_path / "sig.png").write_bytes(PNG)
    assert (
        main(
            [
                "council",
                "set",
                "--name",
                "Northbridge Borough Council",
                "--service-name",
                "Education Welfare Service",
                "--postcode",
                "NB1 1AA",
                "--letterhead",
                str(tmp_path / "head.pdf"),
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "officer",
                "--name",
                "Zoë Adeyemi",
                "--signature",
                str(tmp_path / "sig.png"),
                "--may-issue-penalty-notices",
                "yes",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["council", "show"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["council"]["name"] == "Northbridge Borough Council"
    assert shown["council"]["letterhead"] == "16 bytes"
    assert shown["officer"]["name"] == "Zoë Adeyemi"
    assert shown["officer"]["may_issue_penalty_notices"] is True


def test_wrong_picture_is_refused(unlocked, tmp_path, capsys):
    (tmp_path / "logo.gif").write_bytes(b"GIF89a....")
    assert main(["council", "set", "--logo", str(tmp_path / "logo.gif")]) == 2
    assert "PNG or JPEG" in capsys.readouterr().err
    assert main(["council", "set", "--logo", str(tmp_path / "missing.png")]) == 2
