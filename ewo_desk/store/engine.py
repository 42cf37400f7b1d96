"""The SQLCipher engine: a raw 256-bit key (no KDF per connection), checked on every connect.

SQLCipher accepts any key at `PRAGMA key` and only fails at the first page read, so each new
connection reads at once and a wrong key fails here, not in the middle of a query.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlcipher3
from sqlalchemy import event
from sqlalchemy.pool import QueuePool

from ewo_desk.errors import VaultError
from ewo_desk.store.keyslots import key_to_hex


def open_engine(path: str, key: bytes) -> sa.Engine:
    hex_key = key_to_hex(key)  # validated: only [0-9a-f]{64} ever reaches the pragma
    engine = sa.create_engine(
        f"sqlite:///{path}",
        module=sqlcipher3.dbapi2,
        poolclass=QueuePool,  # explicit: one worker thread plus the GUI thread at most
        pool_size=2,
        max_overflow=2,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA key = \"x'{hex_key}'\"")
            cursor.execute("PRAGMA cipher_log_level = NONE")
            cursor.execute("SELECT count(*) FROM sqlite_master")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")  # a saved note survives a power cut
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA temp_store = MEMORY")  # no temp files on disk
            cursor.execute("PRAGMA secure_delete = ON")
            cursor.execute("PRAGMA busy_timeout = 5000")
        finally:
            cursor.close()

    # Let SQLAlchemy's own transaction handling do BEGIN, so SAVEPOINTs and rollbacks behave.
    @event.listens_for(engine, "connect")
    def _no_implicit_begin(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN")

    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except sa.exc.DatabaseError as exc:
        engine.dispose()
        raise VaultError(
            "The caseload database could not be opened with its key: the file is damaged, or "
            "it belongs to a different key file. Nothing has been changed."
        ) from exc
    return engine


def cipher_version(engine: sa.Engine) -> str:
    with engine.connect() as conn:
        return str(conn.exec_driver_sql("PRAGMA cipher_version").scalar())
