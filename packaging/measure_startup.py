"""Start-up time of `ewo-desk` executables: median of N runs of `--version` and of `cases --json`
on a demo caseload (made in a temporary folder first), plus the bundle size.

    python packaging/measure_startup.py dist/ewo-desk/ewo-desk [.venv/bin/ewo-desk ...] [--runs 5]

Headless and isolated like the smoke test: offscreen Qt, the null keyring, a temporary data
folder. Wall-clock times of whole processes. The executables take turns within each round, so a
busy machine slows them alike: compare the ratios to the first one more than the seconds.
One warm-up run of each command is made first and discarded.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

COMMANDS = {"--version": ["--version"], "cases --json": ["cases", "--json"]}


def env_for(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "EWO_DESK_"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        EWO_DESK_DATA_DIR=str(data_dir),
        EWO_DESK_PASSPHRASE="start-up timing passphrase 9",
    )
    return env


def once(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def folder_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("executables", nargs="+")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        envs = {}
        for number, exe in enumerate(args.executables):
            envs[exe] = env_for(Path(tmp) / str(number) / "data")
            for setup in (["init"], ["demo"]):
                subprocess.run([exe, *setup], env=envs[exe], check=True, capture_output=True)
            for cmd in COMMANDS.values():
                once([exe, *cmd], envs[exe])  # warm-up
        times = {(exe, label): [] for exe in args.executables for label in COMMANDS}
        for _ in range(args.runs):
            for exe in args.executables:
                for label, cmd in COMMANDS.items():
                    times[exe, label].append(once([exe, *cmd], envs[exe]))
    first = args.executables[0]
    for exe in args.executables:
        print(exe)
        for label in COMMANDS:
            runs = times[exe, label]
            median = statistics.median(runs)
            ratio = median / statistics.median(times[first, label])
            print(
                f"  {label:<14} median {median:.3f} s  (min {min(runs):.3f}, max {max(runs):.3f},"
                f" {len(runs)} runs)  ratio {ratio:.2f}"
            )
        if (Path(exe).parent / "_internal").is_dir():
            print(f"  bundle         {folder_size(Path(exe).parent) / 1048576:.0f} MiB")


if __name__ == "__main__":
    main()
