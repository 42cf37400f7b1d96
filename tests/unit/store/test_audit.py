import json
from datetime import date

import pytest
import sqlalchemy as sa

from ewo_desk.cli import main
from ewo_desk.store import audit
from ewo_desk.store.schema import AuditEntry, Child, Officer
from tests.conftest import PASSPHRASE


def entries(vault):
    with vault.reader() as s:
        return s.scalars(sa.select(AuditEntry).order_by(AuditEntry.seq)).all()


@pytest.fixture
def child_id(vault):
    with vault.session() as s:
        s.add(Officer(name="Officer Ade", is_vault_owner=True))
        child = Child(given_names="Zoë", family_name="Dvořák", date_of_birth=date(2015, 2, 28))
        s.add(child)
        s.flush()
        return child.id


def test_create_update_delete_are_recorded_with_before_and_after(vault, child_id):
    with vault.session() as s:
        s.get(Child, child_id).given_names = "Zoe"
    with vault.session() as s:
        s.delete(s.get(Child, child_id))
    log = entries(vault)
    assert [(e.action, e.entity) for e in log] == [
        ("create", "officer"),
        ("create", "child"),
        ("update", "child"),
        ("delete", "child"),
    ]
    update = json.loads(log[2].payload)
    assert update["before"]["given_names"] == "Zoë" and update["after"]["given_names"] == "Zoe"
    assert json.loads(log[1].payload)["after"]["date_of_birth"] == "2015-02-28"
    assert log[0].entity_id == "1" and log[2].officer_id == 1
    with vault.reader() as s:
        assert audit.verify(s).ok


def test_a_failed_transaction_leaves_no_audit_entry(vault, child_id):
    before = len(entries(vault))
    with pytest.raises(RuntimeError), vault.session() as s:
        s.get(Child, child_id).family_name = "Changed"
        s.flush()
        raise RuntimeError("power cut")
    assert len(entries(vault)) == before


def test_explicit_events(vault, child_id):
    with vault.session() as s:
        audit.record(s, "export", "generated_document", 7, path_kind="pdf")
    assert entries(vault)[-1].action == "export"


def test_database_refuses_to_alter_or_delete_entries(vault, child_id):
    for sql in (
        "DELETE FROM audit_entry WHERE seq = 1",
        "UPDATE audit_entry SET action = 'create' WHERE seq = 2",
        "UPDATE audit_entry SET payload = '{}' WHERE seq = 2",
    ):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"), vault.engine.begin() as c:
            c.exec_driver_sql(sql)


def test_redaction_keeps_the_chain(vault, child_id):
    with vault.engine.begin() as c:
        c.exec_driver_sql("UPDATE audit_entry SET payload = NULL WHERE seq = 2")
    with vault.reader() as s:
        result = audit.verify(s)
    assert result.ok and result.redacted == 1


def _tamper(vault, *sql):
    """Someone with the key and a SQLite shell: drops the guards and edits the trail."""
    with vault.engine.begin() as c:
        c.exec_driver_sql("DROP TRIGGER audit_entry_no_delete")
        c.exec_driver_sql("DROP TRIGGER audit_entry_redact_only")
        for statement in sql:
            c.exec_driver_sql(statement)
    with vault.reader() as s:
        return audit.verify(s).problems


@pytest.fixture
def longer_trail(vault, child_id):
    for name in ("A", "B", "C"):
        with vault.session() as s:
            s.get(Child, child_id).preferred_name = name
    return vault


def test_altered_payload_detected(longer_trail):
    problems = _tamper(
        longer_trail, "UPDATE audit_entry SET payload = replace(payload, 'B', 'X') WHERE seq = 4"
    )
    assert problems == ["entry 4: its recorded values were altered"]


def test_altered_details_detected(longer_trail):
    problems = _tamper(longer_trail, "UPDATE audit_entry SET officer_id = 99 WHERE seq = 3")
    assert problems == ["entry 3: its details were altered"]


def test_deleted_entry_detected(longer_trail):
    problems = _tamper(longer_trail, "DELETE FROM audit_entry WHERE seq = 3")
    assert any("missing" in p for p in problems)


def test_reordered_entries_detected(longer_trail):
    problems = _tamper(
        longer_trail,
        "UPDATE audit_entry SET seq = 100 WHERE seq = 3",
        "UPDATE audit_entry SET seq = 3 WHERE seq = 4",
        "UPDATE audit_entry SET seq = 4 WHERE seq = 100",
    )
    assert any("reordered" in p for p in problems)


def test_cli_audit_verify(vault, child_id, paths, monkeypatch, capsys):
    vault.close()
    monkeypatch.setenv("EWO_DESK_PASSPHRASE", PASSPHRASE)
    assert main(["audit", "verify"]) == 0
    assert "2 entries" in capsys.readouterr().out  # the officer and the child
