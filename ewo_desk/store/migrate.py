"""Schema migrations on the open, keyed database: back up first, refuse a newer database.

The scripts ship inside the package (`migrations/`), located from this file at run time, so a
frozen build finds them too as long as they are collected as data.
"""

from __future__ import annotations

import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ewo_desk.errors import NewerDatabase, VaultError
from ewo_desk.store.files import ensure_private_dir, restrict

SCRIPTS = Path(__file__).with_name("migrations")
log = logging.getLogger(__name__)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: sa.Engine, database: Path, backups: Path, target: str = "head") -> Path | None:
    """Bring the schema to `target`. Returns the backup made first, if the database had data."""
    scripts = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
    if current is not None and current not in {rev.revision for rev in scripts.walk_revisions()}:
        raise NewerDatabase(
            "This caseload was saved by a newer version of EWO Desk, so this version cannot open "
            "it safely. Install the latest version of EWO Desk; the caseload is unchanged."
        )
    wanted = scripts.get_current_head() if target == "head" else target
    if current == wanted:
        return None
    backup = _backup(engine, database, backups, current) if current is not None else None
    config = alembic_config()
    # Batch migrations recreate tables; foreign keys must be off for that, outside a transaction.
    with engine.connect() as conn:
        raw = conn.connection.driver_connection  # no SQLAlchemy transaction begun yet
        raw.execute("PRAGMA foreign_keys = OFF")
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, target)
            conn.commit()
            problems = raw.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
    if problems:
        raise VaultError(
            f"The database upgrade left {len(problems)} broken links. Restore the backup {backup}."
        )
    log.info("schema migrated from %s to %s", current, wanted)
    return backup


def _backup(engine: sa.Engine, database: Path, backups: Path, revision: str) -> Path:
    """Copy the encrypted file as it is (same key), after folding the WAL into it."""
    ensure_private_dir(backups)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = backups / f"caseload-before-migration-{revision}-{stamp}.db"
        shutil.copyfile(database, target)
    restrict(target)
    return target
