"""Import a whole-school register (1,500 pupils x 380 sessions = 570,000 marks) into the vault,
against a bare sqlcipher3 executemany of the same rows into the same table, in the same run.
Goals: import <= 10 s, ratio <= 3.

    .venv/bin/python bench/bench_import.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
from pathlib import Path

import sqlcipher3

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import report, rounds, timed  # noqa: E402
from bench_attendance import write_school_file  # noqa: E402

os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from ewo_desk.importers import parse_import  # noqa: E402
from ewo_desk.paths import DataPaths  # noqa: E402
from ewo_desk.store import vault as vault_module  # noqa: E402
from ewo_desk.store.keyslots import ScryptCost, key_to_hex  # noqa: E402
from ewo_desk.store.marks import import_parsed  # noqa: E402
from ewo_desk.store.vault import Vault  # noqa: E402

PASSPHRASE = "benchmark passphrase"
TODAY = datetime.date(2026, 11, 22)


def store_import(root: Path, data: bytes) -> float:
    vault, _ = Vault.create(DataPaths(root), PASSPHRASE, use_keyring=False)

    def run() -> None:
        parsed = parse_import(data, "school.csv", not_after=TODAY)
        with vault.session() as s:
            import_parsed(s, parsed, TODAY)

    elapsed = timed(run)
    vault.close()
    return elapsed


def bare_import(root: Path, data: bytes) -> float:
    """The same marks as rows, straight into attendance_mark through the driver, with the same
    table, indexes and foreign-key checks; parsing the file is not in this figure."""
    vault, _ = Vault.create(DataPaths(root), PASSPHRASE, use_keyring=False)
    key = key_to_hex(vault.slots.unlock_with_passphrase(PASSPHRASE))
    vault.close()
    parsed = parse_import(data, "school.csv", not_after=TODAY)
    child_of = {upn: n + 1 for n, upn in enumerate(parsed.registers)}
    rows = [(1, child_of[upn], day.isoformat(), sess.name, code)
            for upn, day, sess, code in parsed.rows()]  # fmt: skip
    conn = sqlcipher3.dbapi2.connect(str(root / "caseload.db"))
    conn.execute(f"PRAGMA key = \"x'{key}'\"")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")  # the same checks the store's rows go through
    conn.executemany(
        "INSERT INTO child (id, upn, given_names, family_name, preferred_name, sex, year_group,"
        " send_support, ehcp, child_in_need, child_protection, looked_after, free_school_meals,"
        " early_help, young_carer, eal, interpreter_needed, social_worker, social_worker_phone,"
        " version, address_line1, address_line2, town, postcode, created_at, updated_at)"
        " VALUES (?,?,'P','T','','U','',0,0,0,0,0,0,0,0,0,0,'','',1,'','','','','','')",
        [(child_id, upn) for upn, child_id in child_of.items()],
    )
    conn.execute(
        "INSERT INTO attendance_import (id, source_name, sha256, file_format, "
        "importer_version, school_urn, code_set, mark_count, imported_at) "
        "VALUES (1, 'x', 'x', 'csv', 'x', '', '', 0, '')"
    )
    conn.commit()

    def run() -> None:
        conn.executemany(
            "INSERT INTO attendance_mark (import_id, child_id, date, session, code)"
            " VALUES (?,?,?,?,?)",
            rows,
        )
        conn.commit()

    elapsed = timed(run)
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    n = parser.parse_args().rounds
    vault_module.passphrase_cost = lambda: ScryptCost(n=1 << 12)  # unlock is not measured here
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "school.csv"
        marks = write_school_file(source)
        data = source.read_bytes()
        counter = iter(range(1000))

        def fresh() -> Path:
            return Path(tmp) / f"v{next(counter)}"

        result = rounds({"store": lambda: store_import(fresh(), data),
                         "bare": lambda: bare_import(fresh(), data)}, n)  # fmt: skip
    report(f"import {marks:,} marks (parse + snapshot + changes + threshold crossings)",
           result["store"], result["bare"], "<= 10 s and ratio <= 3")  # fmt: skip


if __name__ == "__main__":
    main()
