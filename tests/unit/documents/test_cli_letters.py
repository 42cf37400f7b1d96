"""`ewo-desk letter` and `ewo-desk letters` through their own parser (the lead wires cli.py)."""

import argparse
import json

import pytest
import sqlalchemy as sa

from ewo_desk.cli.letters import add_letter_commands, parse_values
from ewo_desk.documents import DocumentError
from ewo_desk.store.schema import AuditEntry, GeneratedDocument
from ewo_desk.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.unit.documents.builders import REGISTER_FILE, build_case
from tests.unit.documents.conftest import pdf_text


def run(paths, argv):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    add_letter_commands(sub, lambda args, p: Vault.open_with_passphrase(p, PASSPHRASE))
    args = parser.parse_args(argv)
    return args.func(args, paths)


@pytest.fixture
def built(paths):
    vault, _code = Vault.create(paths, PASSPHRASE, use_keyring=False)
    with vault, vault.session() as session:
        return build_case(session)


def test_letter_writes_the_pdf_and_keeps_a_copy(paths, built, tmp_path, capsys):
    out = tmp_path / "pn.pdf"
    code = run(
        paths,
        [
            "letter",
            built.ref.lower(),
            "penalty_notice",
            "--parent",
            str(built.father_id),
            "--set",
            "notice_number=PN-2026-0042",
            "--set",
            "pn_sequence=1",
            "--set",
            "issue_date=2026-11-23",
            "--set",
            "offence_from=2026-09-03",
            "--set",
            "offence_to=20/11/2026",
            "--out",
            str(out),
        ],
    )
    assert code == 0
    assert "Penalty notice – Mr Łukasz Wiśniewski: 3 pages written to" in capsys.readouterr().out
    text = pdf_text(out.read_bytes())
    assert "£80.00" in text and "Friday 18/09/2026 AM and PM" in text  # from the register
    assert "12 sessions of unauthorised absence" in text and REGISTER_FILE in text
    with Vault.open_with_passphrase(paths, PASSPHRASE) as vault, vault.reader() as session:
        doc = session.scalars(sa.select(GeneratedDocument)).one()
        assert doc.content == out.read_bytes()
        export = session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "export")).one()
        assert json.loads(export.payload)["sha256"] == doc.sha256


def test_letter_error_writes_nothing(paths, built, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(DocumentError, match="meeting_date"):
        run(
            paths,
            [
                "letter",
                built.ref,
                "attendance_meeting_invitation",
                "--parent",
                str(built.father_id),
                "--out",
                str(out),
            ],
        )
    assert not out.exists()
    with Vault.open_with_passphrase(paths, PASSPHRASE) as vault, vault.reader() as session:
        assert session.scalar(sa.select(sa.func.count(GeneratedDocument.id))) == 0


def test_letters_lists_templates(paths, capsys):
    assert run(paths, ["letters"]) == 0
    out = capsys.readouterr().out
    assert "notice_to_improve" in out and "12 templates" in out
    assert run(paths, ["letters", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    pn = next(r for r in rows if r["name"] == "penalty_notice")
    assert {"name": "pn_sequence", "type": "number", "optional": False, "choices": []} in pn["asks"]


def test_set_values():
    assert parse_values(["a=1", "b=x=y", "a=2"]) == {"a": ["1", "2"], "b": "x=y"}
    with pytest.raises(DocumentError, match="NAME=VALUE"):
        parse_values(["oops"])
