"""Attendance speed on a generated whole-school file: 1,500 pupils x 380 sessions (570,000 marks).

Goals (issue 3): summary for all pupils from the CSV <= 3 s; threshold for all pupils <= 2 s.
Each figure is a median over several runs, printed with its ratio to a reference measured in the
same run: reading the same CSV with the stdlib csv module into a list (the least any CSV import
can do). Run: .venv/bin/python bench/bench_attendance.py [--runs N]
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

from ewo_desk.domain.attendance import penalty_threshold, summarise  # noqa: E402
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


def median_time(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


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
            with path.open(encoding="utf-8", newline="") as handle:
                return list(csv.reader(io.StringIO(handle.read(), newline="")))

        def summary_from_csv() -> object:
            parsed = read_import(path)
            return [summarise(r) for r in parsed.registers.values()]

        parsed = read_import(path)
        registers = list(parsed.registers.values())

        def threshold_all() -> object:
            return [penalty_threshold(r) for r in registers]

        def threshold_from_csv() -> object:
            return [penalty_threshold(r) for r in read_import(path).registers.values()]

        met = sum(result.met for result in threshold_all())  # type: ignore[attr-defined]
        print(f"{met} of {PUPILS} pupils meet the penalty-notice threshold")
        base = median_time(reference, runs)
        figures = [
            ("reference: stdlib csv.reader, whole file to a list", base, None),
            ("summary for all pupils, from the CSV", median_time(summary_from_csv, runs), 3.0),
            ("  of which parsing the CSV", median_time(lambda: read_import(path), runs), None),
            ("threshold for all pupils (parsed registers)", median_time(threshold_all, runs), 2.0),
            ("threshold for all pupils, from the CSV", median_time(threshold_from_csv, runs), None),
        ]
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
