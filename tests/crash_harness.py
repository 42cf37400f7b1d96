"""Kill a writing process at random moments and check what survives (used by a test and a bench).

After every SIGKILL: the vault opens, `check` passes, the audit chain verifies, and every write
the writer acknowledged is there.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from ewo_desk.paths import DataPaths
from ewo_desk.store import audit
from ewo_desk.store.health import check
from ewo_desk.store.schema import Case, Child, ChronologyEntry
from ewo_desk.store.vault import Vault

WRITER = Path(__file__).with_name("crash_writer.py")


@dataclass
class CrashReport:
    kills: int = 0
    recoveries: int = 0
    acknowledged: int = 0
    lost: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def prepare(root: Path, passphrase: str) -> DataPaths:
    paths = DataPaths(root)
    vault, _ = Vault.create(paths, passphrase, use_keyring=False)
    with vault.session() as s:
        child = Child(given_names="Crash", family_name="Test")
        s.add(child)
        s.flush()
        s.add(Case(ref="CRASH-1", child_id=child.id, opened_on=date(2026, 9, 1)))
    vault.close()
    return paths


def run(paths: DataPaths, passphrase: str, kills: int, seed: int = 1) -> CrashReport:
    rng = random.Random(seed)
    report = CrashReport()
    all_notes: set[str] = set()
    all_batches: dict[str, int] = {}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for round_no in range(kills):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(paths.root), passphrase, "CRASH-1",
             str(round_no * 1_000_000)],
            stdout=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "READY":
            proc.kill()
            report.problems.append(f"round {round_no}: writer did not start")
            continue
        time.sleep(rng.uniform(0.0, 0.25))  # the harness's own timing, not a test wait
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        report.kills += 1
        notes, batches = _acknowledged(out)
        all_notes |= notes
        all_batches |= batches
        # After each kill: the vault opens and is whole, and this round's writes are all there.
        report.problems += _verify(paths, passphrase, notes, batches, report, full_check=False)
    # At the end: every write acknowledged in any round survived every later crash.
    report.problems += _verify(paths, passphrase, all_notes, all_batches, report, full_check=True)
    report.acknowledged = len(all_notes) + sum(all_batches.values())
    return report


def _acknowledged(out: str) -> tuple[set[str], dict[str, int]]:
    notes: set[str] = set()
    batches: dict[str, int] = {}
    for line in out.splitlines():
        parts = line.split()
        if parts[:2] == ["ACK", "note"]:
            notes.add(parts[2])
        elif parts[:2] == ["ACK", "batch"]:
            batches[parts[2]] = int(parts[3])
    return notes, batches


def _verify(paths, passphrase, notes, batches, report, full_check) -> list[str]:
    try:
        vault = Vault.open_with_passphrase(paths, passphrase)
    except Exception as exc:  # the whole point: any failure to open is a finding
        return [f"vault did not open: {exc}"]
    with vault:
        problems = check(vault) if full_check else _quick_check(vault)
        with vault.reader() as s:
            problems += audit.verify(s).problems if full_check else []
            wanted = sorted(notes)
            found: set[str] = set()
            for i in range(0, len(wanted), 500):
                found |= set(
                    s.scalars(
                        sa.select(ChronologyEntry.text).where(
                            ChronologyEntry.text.in_(wanted[i : i + 500])
                        )
                    )
                )
            report.lost += sorted(set(wanted) - found)
            for tag, count in batches.items():
                have = s.scalar(
                    sa.select(sa.func.count(ChronologyEntry.id)).where(
                        ChronologyEntry.text.like(f"{tag}-%")
                    )
                )
                if have != count:
                    report.lost.append(f"{tag}: {have} of {count}")
    if not full_check:
        report.recoveries += 1
    return problems


def _quick_check(vault: Vault) -> list[str]:
    with vault.engine.connect() as conn:
        result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
    return [] if result == "ok" else [f"quick_check: {result}"]
