"""Automatic backups: due by the newest one in the folder, pruned to the policy's number, never
touching other caseloads' or hand-made backups, and quiet when the folder is out of reach."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from ewo_desk.domain.backup_schedule import (
    BACKUP_EVERY_HOURS,
    backup_due,
    backup_name,
    made_at,
    to_delete,
)
from ewo_desk.domain.settings import Policy
from ewo_desk.errors import EwoDeskError
from ewo_desk.paths import DataPaths
from ewo_desk.store.backup import restore
from ewo_desk.store.policy import save_policy
from ewo_desk.store.scheduled_backup import run_if_due
from ewo_desk.store.vault import Vault
from tests.conftest import PASSPHRASE

VAULT_ID = "3f2a9c0b-1d4e-4c11-9a55-0d7e2b6c1a90"
NOON = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def names(*ages_in_hours: float, vault_id: str = VAULT_ID) -> list[str]:
    return [backup_name(vault_id, NOON - timedelta(hours=h)) for h in ages_in_hours]


def test_the_name_holds_the_caseload_and_the_utc_time_and_reads_back():
    summer = datetime(2026, 7, 1, 10, 30, 5, tzinfo=ZoneInfo("Europe/London"))  # BST: 09:30 UTC
    name = backup_name(VAULT_ID, summer)
    assert name == "ewo-desk-3f2a9c0b-20260701-093005.ewo-backup"
    assert made_at(name, VAULT_ID) == summer
    assert made_at(name, "ffffffff-0000") is None
    assert made_at("ewo-desk-3f2a9c0b-2026-notadate.ewo-backup", VAULT_ID) is None


@pytest.mark.parametrize(
    ("age_hours", "due"), [(23.99, False), (24, True), (24.01, True)]
)
def test_due_the_moment_the_newest_is_as_old_as_the_interval(age_hours, due):
    assert backup_due(names(age_hours, 100), VAULT_ID, NOON, Policy()) is due


def test_due_with_no_backup_of_this_caseload_even_if_others_are_there():
    others = names(0, vault_id="aaaaaaaa-other")
    assert backup_due(["notes.txt", *others], VAULT_ID, NOON, Policy())


def test_the_interval_is_policy():
    policy = Policy({BACKUP_EVERY_HOURS.key: 4})
    assert backup_due(names(4), VAULT_ID, NOON, policy)
    assert not backup_due(names(3), VAULT_ID, NOON, policy)


def test_pruning_keeps_the_newest_and_only_touches_this_caseloads_automatic_backups():
    ours = names(*range(12))  # 12 backups, 0..11 hours old
    other = names(50, vault_id="aaaaaaaa-other")
    deleted = to_delete([*ours, *other, "by-hand.ewo-backup"], VAULT_ID, Policy())
    assert deleted == [ours[11], ours[10]]  # default keep 10: the two oldest, oldest first


def test_off_unreachable_not_due_and_made(vault, tmp_path):
    assert run_if_due(vault, NOON).status == "off"
    folder = tmp_path / "share"
    with vault.session() as s:
        save_policy(s, {"backup.folder": str(folder), "backup.keep": 2})
    assert run_if_due(vault, NOON).status == "unreachable"  # the drive is not mounted
    folder.mkdir()
    made = [run_if_due(vault, NOON + timedelta(days=d)) for d in range(3)]
    assert [m.status for m in made] == ["made"] * 3
    assert made[2].deleted == (made[0].made.name,)
    assert sorted(p.name for p in folder.iterdir()) == [made[1].made.name, made[2].made.name]
    assert run_if_due(vault, NOON + timedelta(days=2, hours=1)).status == "not_due"


def test_an_automatic_backup_restores_and_opens_with_the_passphrase(vault, tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    with vault.session() as s:
        save_policy(s, {"backup.folder": str(folder)})
    made = run_if_due(vault, NOON).made
    elsewhere = DataPaths(tmp_path / "restored")
    restore(made, elsewhere)
    with Vault.open_with_passphrase(elsewhere, PASSPHRASE) as copy:
        assert copy.slots.vault_id == vault.slots.vault_id


def test_a_bad_policy_value_is_named(vault):
    with vault.session() as s, pytest.raises(EwoDeskError, match="every 1 to 168 hours, not 0"):
        save_policy(s, {"backup.every_hours": 0})
