"""Crash safety: SIGKILL a writer (notes and bulk batches) hundreds of times at random moments.

Prints kills, recoveries, acknowledged writes and acknowledged writes lost (goal: 0).

    .venv/bin/python bench/bench_crash.py [--kills 300]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ewo_desk.store import vault  # noqa: E402
from ewo_desk.store.keyslots import ScryptCost  # noqa: E402
from tests.crash_harness import prepare, run  # noqa: E402

PASSPHRASE = "crash harness passphrase"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    # Each round unlocks twice; the KDF is not what is under test here.
    vault.passphrase_cost = lambda: ScryptCost(n=1 << 12)
    with tempfile.TemporaryDirectory() as tmp:
        paths = prepare(Path(tmp) / "vault", PASSPHRASE)
        started = time.perf_counter()
        report = run(paths, PASSPHRASE, args.kills, args.seed)
        elapsed = time.perf_counter() - started
    print(
        f"kills: {report.kills}, recoveries: {report.recoveries}, "
        f"acknowledged writes: {report.acknowledged}, acknowledged writes lost: "
        f"{len(report.lost)}, problems: {len(report.problems)} ({elapsed:.0f} s)"
    )
    for item in (report.lost + report.problems)[:20]:
        print("  ", item)
    raise SystemExit(1 if report.lost or report.problems else 0)


if __name__ == "__main__":
    main()
