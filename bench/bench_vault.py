"""Unlock time, and 100,000 chronology rows through the store against a bare sqlcipher3
executemany of the same rows in the same run (goal: ratio <= 3).

    .venv/bin/python bench/bench_vault.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlcipher3

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import report, rounds, timed  # noqa: E402

os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

from ewo_desk.paths import DataPaths  # noqa: E402
from ewo_desk.store.bulk import insert_rows  # noqa: E402
from ewo_desk.store.keyslots import key_to_hex  # noqa: E402
from ewo_desk.store.schema import Case, Child, ChronologyEntry  # noqa: E402
from ewo_desk.store.vault import Vault  # noqa: E402

PASSPHRASE = "benchmark passphrase"
ROWS = 100_000


def make_rows(case_id: int) -> list[dict]:
    start = datetime(2025, 9, 1, 9, tzinfo=UTC)
    return [
        {
            "case_id": case_id,
            "kind": "note",
            "occurred_at": start + timedelta(minutes=i),
            "text": f"Phoned parent about attendance, call {i}; agreed a meeting at school.",
            "status": "final",
        }
        for i in range(ROWS)
    ]


def store_insert(root: Path) -> float:
    vault, _ = Vault.create(DataPaths(root), PASSPHRASE, use_keyring=False)
    with vault.session() as s:
        child = Child(given_names="Bench", family_name="Mark")
        s.add(child)
        s.flush()
        case = Case(ref="B-1", child_id=child.id, opened_on=datetime(2025, 9, 1).date())
        s.add(case)
        s.flush()
        case_id = case.id
    rows = make_rows(case_id)
    elapsed = timed(lambda: _bulk(vault, rows))
    vault.close()
    return elapsed


def _bulk(vault: Vault, rows: list[dict]) -> None:
    with vault.session() as s:
        insert_rows(s, ChronologyEntry.__table__, rows)


def bare_insert(root: Path) -> float:
    """The same rows, the same encrypted file settings, straight through the driver."""
    vault, _ = Vault.create(DataPaths(root), PASSPHRASE, use_keyring=False)
    key = key_to_hex(vault.slots.unlock_with_passphrase(PASSPHRASE))
    vault.close()
    conn = sqlcipher3.dbapi2.connect(str(root / "caseload.db"))
    conn.execute(f"PRAGMA key = \"x'{key}'\"")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(
        "INSERT INTO child (id, given_names, family_name, preferred_name, sex, year_group,"
        " send_support, ehcp, child_in_need, child_protection, looked_after,"
        " free_school_meals, early_help, young_carer, eal, interpreter_needed,"
        " social_worker, social_worker_phone, version, address_line1, address_line2,"
        " town, postcode, created_at, updated_at) VALUES (1,'B','M','','U','',"
        "0,0,0,0,0,0,0,0,0,0,'','',1,'','','','','','')"
    )
    conn.execute(
        "INSERT INTO case_file (id, ref, child_id, opened_on, closure_reason,"
        " referral_reason, referral_source, status, stage, version, created_at,"
        " updated_at) VALUES (1,'B-1',1,'2025-09-01','','','','open','support',1,'','')"
    )
    conn.commit()
    rows = [
        (
            1,
            r["kind"],
            r["occurred_at"].isoformat(timespec="microseconds"),
            r["text"],
            r["status"],
            r["occurred_at"].isoformat(),
            1,
        )
        for r in make_rows(1)
    ]

    def run() -> None:
        conn.executemany(
            "INSERT INTO chronology_entry (case_id, kind, occurred_at, text, status, created_at,"
            " version) VALUES (?,?,?,?,?,?,?)",
            rows,
        )
        conn.commit()

    elapsed = timed(run)
    conn.close()
    return elapsed


def unlock(root: Path) -> float:
    paths = DataPaths(root)
    if not paths.database.exists():
        Vault.create(paths, PASSPHRASE, use_keyring=False)[0].close()
    return timed(lambda: Vault.open_with_passphrase(paths, PASSPHRASE).close())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    n = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as tmp:
        counter = iter(range(10_000))

        def fresh() -> Path:
            return Path(tmp) / f"v{next(counter)}"

        unlock_root = Path(tmp) / "unlock"
        result = rounds(
            {
                "store": lambda: store_insert(fresh()),
                "bare": lambda: bare_insert(fresh()),
                "unlock": lambda: unlock(unlock_root),
            },
            n,
        )
    report(
        f"insert {ROWS:,} chronology rows through the store",
        result["store"],
        result["bare"],
        "ratio <= 3",
    )
    print(
        f"unlock (scrypt at the calibrated cost + key + open + schema check): "
        f"{result['unlock']:.3f} s (goal: about 0.5 s of KDF)"
    )


if __name__ == "__main__":
    main()
