"""Attendance speed on a generated whole-school file: 1,500 pupils x 380 sessions (570,000 marks).

Goals (issue 3): summary for all pupils from the CSV <= 3 s; threshold for all pupils <= 2 s.
Each figure is a median over several runs, printed with its ratio to a reference measured in the
same run: reading the file's bytes, decoding them and walking every row with the stdlib csv module
(the least any CSV import must do). Run: .venv/bin/python bench/bench_attendance.py [--runs N]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ewo_desk.domain.attendance import (  # noqa: E402
    ThresholdResult,
    penalty_threshold,
    summarise,
)
from ewo_desk.domain.attendance.upn import ALPHABET, check_letter  # noqa: E402
from ewo_desk.importers import read_import  # noqa: E402

PUPILS = 1500
SCHOOL_DAYS = 190  # 380 sessions
YEAR_START = datetime.date(2024, 9, 2)  # a Monday after the 2024 code set came in
HOLIDAY_WEEKS = {8, 16, 17, 23, 29, 30, 35}  # half-terms and holidays, by week of the year
ABSENCE_CODES = ["I", "I", "M", "C", "N", "O", "G", "U", "L", "B", "#"]


def school_dates() -> list[datetime.date]:
    days: list[datetime.date] = []
    day = YEAR_START
    while len(days) < SCHOOL_DAYS:
        week = (day - YEAR_START).days // 7
        if day.weekday() < 5 and week not in HOLIDAY_WEEKS:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def upn(serial: int) -> str:
    body = f"9992001{serial:05d}"  # the 12 characters after the check letter
    return check_letter(ALPHABET[0] + body) + body


def write_school_file(path: Path, seed: int = 2024) -> int:
    rng = random.Random(seed)
    dates = [d.isoformat() for d in school_dates()]
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["upn", "date", "session", "code", "surname", "forename", "urn"])
        for serial in range(PUPILS):
            pupil = upn(serial)
            absence_rate = rng.choice([0.01, 0.03, 0.06, 0.12, 0.3])
            for day in dates:
                for session, present in (("AM", "/"), ("PM", "\\")):
                    code = rng.choice(ABSENCE_CODES) if rng.random() < absence_rate else present
                    writer.writerow([pupil, day, session, code, f"Pupil{serial}", "Test", "199901"])
                    rows += 1
    return rows


def interleaved_medians(actions: list[Callable[[], object]], runs: int) -> list[float]:
    """Median seconds per action, running the actions in turn each round so that a busy spell on
    a shared machine lands on all of them alike."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for index, action in enumerate(actions):
            started = time.perf_counter()
            action()
            times[index].append(time.perf_counter() - started)
    return [statistics.median(t) for t in times]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="ewo-bench-") as folder:
        path = Path(folder) / "whole-school.csv"
        rows = write_school_file(path)
        size_mb = path.stat().st_size / 1e6
        print(f"generated {rows:,} marks for {PUPILS:,} pupils ({size_mb:.1f} MB)")
        assert rows == PUPILS * SCHOOL_DAYS * 2

        def reference() -> object:
            text = path.read_bytes().decode("utf-8")
            return sum(1 for _ in csv.reader(io.StringIO(text, newline="")))

        def summary_from_csv() -> object:
            parsed = read_import(path)
            return [summarise(r) for r in parsed.registers.values()]

        parsed = read_import(path)
        registers = list(parsed.registers.values())

        def threshold_all() -> list[ThresholdResult]:
            return [penalty_threshold(r) for r in registers]

        def threshold_from_csv() -> object:
            return [penalty_threshold(r) for r in read_import(path).registers.values()]

        met = sum(result.met for result in threshold_all())
        print(f"{met} of {PUPILS} pupils meet the penalty-notice threshold")
        labels: list[tuple[str, Callable[[], object], float | None]] = [
            ("reference: read, decode, stdlib csv.reader per row", reference, None),
            ("summary for all pupils, from the CSV", summary_from_csv, 3.0),
            ("  of which parsing the CSV", lambda: read_import(path), None),
            ("threshold for all pupils (parsed registers)", threshold_all, 2.0),
            ("threshold for all pupils, from the CSV", threshold_from_csv, None),
        ]
        medians = interleaved_medians([action for _, action, _ in labels], runs)
        base = medians[0]
        figures = [(label, m, goal) for (label, _, goal), m in zip(labels, medians, strict=True)]
    print(f"medians over {runs} runs")
    failed = False
    for label, seconds, goal in figures:
        verdict = ""
        if goal is not None:
            ok = seconds <= goal
            failed |= not ok
            verdict = f"  goal <= {goal:.0f} s: {'met' if ok else 'MISSED'}"
        print(f"{label:<52} {seconds:6.3f} s  {seconds / base:5.2f}x reference{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
