"""`ewo-desk bundle` through its own parser (the lead adds it to cli/__init__.py AREAS)."""

import argparse
import json

import pytest
import sqlalchemy as sa

from ewo_desk.cli.bundles import add_bundle_command
from ewo_desk.documents.errors import DocumentError
from ewo_desk.store.schema import AuditEntry, GeneratedDocument
from ewo_desk.store.vault import Vault
from tests.conftest import PASSPHRASE
from tests.unit.bundles.builders import court_case, pdf_reader, scanned_pdf


def run(paths, argv):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    add_bundle_command(sub, lambda args, p: Vault.open_with_passphrase(p, PASSPHRASE))
    args = parser.parse_args(argv)
    return args.func(args, paths)


@pytest.fixture
def built(paths):
    vault, _code = Vault.create(paths, PASSPHRASE, use_keyring=False)
    with vault, vault.session() as session:
        return court_case(session)


def test_bundle_writes_the_pdf_keeps_a_copy_and_records_the_export(paths, built, tmp_path, capsys):
    scan = tmp_path / "signed_s566_certificate.pdf"
    scan.write_bytes(scanned_pdf(1, text="Signed"))
    letter = tmp_path / "school-letter.pdf"
    letter.write_bytes(scanned_pdf(2, rotate=90))
    out = tmp_path / "file.pdf"
    code = run(
        paths,
        [
            "bundle",
            built.ref,
            "--kind",
            "prosecution",
            "--out",
            str(out),
            "--attach",
            str(letter),
            "--attach-to",
            "certificate",
            str(scan),
        ],
    )
    assert code == 0
    printed = capsys.readouterr()
    assert "pages written to" in printed.out
    assert "sensitive material schedule" in printed.err  # warnings go to stderr
    content = out.read_bytes()
    vault = Vault.open_with_passphrase(paths, PASSPHRASE)
    with vault, vault.session() as session:
        doc = session.scalars(
            sa.select(GeneratedDocument).where(GeneratedDocument.kind == "bundle_prosecution")
        ).one()
        assert bytes(doc.content) == content
        entries = json.loads(doc.source_data_json)["bundle"]["entries"]
        exports = session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "export")).all()
        assert any(e.entity_id == str(doc.id) for e in exports)
    titles = {e["title"]: e for e in entries}
    assert titles["signed s566 certificate"]["section"] == "certificate"
    assert titles["school letter"]["exhibit"].startswith("ZD/")
    assert len(pdf_reader(content).pages) == doc.page_count


def test_a_supplement_through_the_command(paths, built, tmp_path):
    out = tmp_path / "eso.pdf"
    assert run(paths, ["bundle", built.ref, "--kind", "eso", "--out", str(out)]) == 0
    vault = Vault.open_with_passphrase(paths, PASSPHRASE)
    with vault, vault.session() as session:
        first = session.scalars(
            sa.select(GeneratedDocument.id).where(GeneratedDocument.kind == "bundle_eso")
        ).one()
    extra = tmp_path / "late_report.pdf"
    extra.write_bytes(scanned_pdf(1))
    later = tmp_path / "eso-2.pdf"
    argv = [
        "bundle",
        built.ref,
        "--supplement",
        str(first),
        "--attach",
        str(extra),
        "--out",
        str(later),
    ]
    assert run(paths, argv) == 0
    before, after = pdf_reader(out.read_bytes()), pdf_reader(later.read_bytes())
    assert after.page_labels[-1] == "E" + str(int(before.page_labels[-1][1:]) + 1)


def test_missing_attachment_and_missing_kind_are_errors_the_officer_can_fix(paths, built, tmp_path):
    out = str(tmp_path / "x.pdf")
    with pytest.raises(DocumentError, match="Cannot read the attachment"):
        run(paths, ["bundle", built.ref, "--kind", "eso", "--out", out, "--attach", "nope.pdf"])
    with pytest.raises(DocumentError, match="Say which bundle"):
        run(paths, ["bundle", built.ref, "--out", out])
