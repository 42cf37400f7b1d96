"""`ewo-desk check`: is the caseload whole, encrypted as expected, and at the schema we know?"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from ewo_desk.store import migrate

if TYPE_CHECKING:
    from ewo_desk.store.vault import Vault

_CHECKS = (
    ("integrity_check", "integrity"),
    # SQLCipher checks every page's HMAC and lists those that fail; nothing if all pass.
    ("cipher_integrity_check", "encryption"),
    ("foreign_key_check", "links"),
)


def check(vault: Vault) -> list[str]:
    problems: list[str] = []
    with vault.engine.connect() as conn:
        for pragma, label in _CHECKS:
            try:
                rows = conn.exec_driver_sql(f"PRAGMA {pragma}").fetchall()
            except sa.exc.DatabaseError as exc:
                problems.append(f"{label}: the check could not finish ({exc.orig})")
                continue
            lines = [" ".join(str(v) for v in row) for row in rows]
            problems += [f"{label}: {line}" for line in lines if line != "ok"][:20]
    current, head = migrate.current_revision(vault.engine), migrate.head_revision()
    if current != head:
        problems.append(f"schema version {current} is not the current {head}")
    return problems
