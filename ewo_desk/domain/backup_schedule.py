"""When the app makes a backup by itself, where it puts it, and how many it keeps.

The folder is the officer's choice (often a network drive that is only reachable in the office),
so a backup that cannot be written is retried at the next check rather than reported as an error
every few minutes. Names carry the caseload's id, so officers can share one folder safely.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from ewo_desk.domain.settings import Policy, setting

BACKUP_FOLDER = setting(
    "backup.folder",
    "",
    "Folder for automatic backups",
    "Where EWO Desk writes an encrypted backup of the caseload by itself, such as a network "
    "drive. Empty: no automatic backups (use File → Back up now, or `ewo-desk backup`).",
)
BACKUP_EVERY_HOURS = setting(
    "backup.every_hours",
    24,
    "Hours between automatic backups",
    "A new backup is made when the newest one in the folder is at least this old, 1 to 168.",
)
BACKUP_KEEP = setting(
    "backup.keep",
    10,
    "Automatic backups to keep",
    "The oldest of this caseload's automatic backups in the folder are deleted beyond this "
    "number, 1 to 100. Backups made by hand are never deleted.",
)
SUFFIX = ".ewo-backup"
_STAMP = "%Y%m%d-%H%M%S"


def backup_name(vault_id: str, now: datetime) -> str:
    """`ewo-desk-<first 8 of the vault id>-<UTC time>.ewo-backup`: sortable, no personal data."""
    return f"ewo-desk-{vault_id[:8]}-{now.astimezone(UTC).strftime(_STAMP)}{SUFFIX}"


def made_at(name: str, vault_id: str) -> datetime | None:
    """When an automatic backup of this caseload was made, from its name; None if it is not one."""
    prefix = f"ewo-desk-{vault_id[:8]}-"
    if not (name.startswith(prefix) and name.endswith(SUFFIX)):
        return None
    try:
        stamp = datetime.strptime(name[len(prefix) : -len(SUFFIX)], _STAMP)
    except ValueError:
        return None
    return stamp.replace(tzinfo=UTC)


def backup_due(names: Iterable[str], vault_id: str, now: datetime, policy: Policy) -> bool:
    times = [t for t in (made_at(n, vault_id) for n in names) if t is not None]
    return not times or now - max(times) >= timedelta(hours=policy[BACKUP_EVERY_HOURS])


def to_delete(names: Iterable[str], vault_id: str, policy: Policy) -> list[str]:
    """This caseload's automatic backups beyond the newest `backup.keep`, oldest first."""
    ours = sorted((t, n) for n in names if (t := made_at(n, vault_id)) is not None)
    extra = len(ours) - policy[BACKUP_KEEP]
    return [n for _, n in ours[:extra]] if extra > 0 else []


def check_backup_policy(policy: Policy) -> list[str]:
    every, keep = policy[BACKUP_EVERY_HOURS], policy[BACKUP_KEEP]
    problems = []
    if not 1 <= every <= 168:
        problems.append(f"Automatic backups: every 1 to 168 hours, not {every}.")
    if not 1 <= keep <= 100:
        problems.append(f"Automatic backups: keep 1 to 100, not {keep}.")
    return problems
