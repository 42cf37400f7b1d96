"""The automatic backup: made when the newest one in the officer's chosen folder is old enough.

The app calls `run_if_due` from a timer off the GUI thread; `ewo-desk backup --scheduled` does the
same for an operating-system task. An unreachable folder (a network drive out of the office) is
an outcome, not an error: the next check tries again.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ewo_desk.domain.backup_schedule import BACKUP_FOLDER, backup_due, backup_name, to_delete
from ewo_desk.store.policy import load_policy

if TYPE_CHECKING:
    from ewo_desk.store.vault import Vault


@dataclass(frozen=True)
class ScheduledBackup:
    status: str  # "off", "unreachable", "not_due", "made"
    folder: Path | None = None
    made: Path | None = None
    deleted: tuple[str, ...] = ()

    def describe(self) -> str:
        return {
            "off": "Automatic backups are off (no folder is set in the policy: backup.folder).",
            "unreachable": f"The backup folder {self.folder} cannot be reached; will try again.",
            "not_due": f"The newest backup in {self.folder} is recent enough.",
            "made": f"Backup written to {self.made}.",
        }[self.status]


def run_if_due(vault: Vault, now: datetime | None = None) -> ScheduledBackup:
    """Back up into the policy's folder if the newest automatic backup there is old enough."""
    now = now or datetime.now(UTC)
    with vault.reader() as session:
        policy = load_policy(session)
    if not policy[BACKUP_FOLDER].strip():
        return ScheduledBackup("off")
    folder = Path(policy[BACKUP_FOLDER]).expanduser()
    vault_id = vault.slots.vault_id
    try:
        names = [p.name for p in folder.iterdir()] if folder.is_dir() else None
    except OSError:
        names = None
    if names is None:
        return ScheduledBackup("unreachable", folder)
    if not backup_due(names, vault_id, now, policy):
        return ScheduledBackup("not_due", folder)
    target = folder / backup_name(vault_id, now)
    vault.backup(target)  # all or nothing; a BackupError says what went wrong
    old = to_delete([*names, target.name], vault_id, policy)
    for name in old:
        with contextlib.suppress(OSError):  # a copy someone else holds open: next time
            (folder / name).unlink()
    return ScheduledBackup("made", folder, target, tuple(old))
