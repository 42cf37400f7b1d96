"""`ewo-desk attendance summary|threshold FILE`: figures straight from a register CSV or CTF file.

No vault and no Qt: the file is parsed (format told apart by content), the domain computes, and the
result is printed as JSON or as lines for a person. An officer-facing error goes to stderr with
exit code 2. Registered by ewo_desk/cli/__init__.py.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ewo_desk.cli.common import Commands
from ewo_desk.domain.attendance import (
    AttendanceFigures,
    PupilRegister,
    ThresholdResult,
    penalty_threshold,
    summarise,
)
from ewo_desk.errors import EwoDeskError
from ewo_desk.importers import ParsedImport, read_import

EXIT_OK = 0
EXIT_ERROR = 2


def register(command: Commands) -> None:
    add_attendance_commands(command.subparsers)


def add_attendance_commands(subparsers: argparse._SubParsersAction[Any]) -> None:
    attendance = subparsers.add_parser(
        "attendance",
        help="attendance figures and the penalty-notice threshold from a file (no vault needed)",
        description="Compute attendance from a register CSV or a Common Transfer File.",
    )
    commands = attendance.add_subparsers(
        dest="attendance_command", required=True, metavar="COMMAND"
    )

    summary = commands.add_parser(
        "summary",
        help="sessions, attendance %% and absence %% per pupil",
        description="Figures per pupil; --from and --to are inclusive.",
    )
    _file_and_pupil(summary)
    summary.add_argument("--from", dest="start", type=_iso_date, metavar="YYYY-MM-DD")
    summary.add_argument("--to", dest="end", type=_iso_date, metavar="YYYY-MM-DD")
    summary.set_defaults(func=run_summary)

    threshold = commands.add_parser(
        "threshold",
        help="whether each pupil meets the national penalty-notice threshold",
        description="10 unauthorised sessions (G, N, O, U) within 10 school weeks.",
    )
    _file_and_pupil(threshold)
    threshold.set_defaults(func=run_threshold)


def _file_and_pupil(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help="register CSV or CTF XML")
    parser.add_argument("--pupil", metavar="UPN", help="only this pupil")
    parser.add_argument("--json", action="store_true", help="print JSON")


def _iso_date(text: str) -> datetime.date:
    try:
        if len(text) == 10:
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{text!r} is not a date written as YYYY-MM-DD")


def run_summary(args: argparse.Namespace, _paths: object = None) -> int:
    if args.start and args.end and args.start > args.end:
        return _error("--from must be on or before --to")
    try:
        registers = _registers(args)
    except EwoDeskError as err:
        return _error(str(err))
    figures = [summarise(r, args.start, args.end) for r in registers]
    if args.json:
        _print_json([summary_json(f) for f in figures])
    else:
        for f in figures:
            print(
                f"{f.upn}  possible {f.possible}  attendance {_pct(f.attendance_pct)}  "
                f"absence {_pct(f.absence_pct)}  unauthorised {f.unauthorised}"
                f"{'  PERSISTENT' if f.persistent else ''}{'  SEVERE' if f.severe else ''}"
            )
    return EXIT_OK


def run_threshold(args: argparse.Namespace, _paths: object = None) -> int:
    try:
        registers = _registers(args)
    except EwoDeskError as err:
        return _error(str(err))
    results = [penalty_threshold(r) for r in registers]
    if args.json:
        _print_json([threshold_json(r) for r in results])
    else:
        for r in results:
            when = f"met on {r.met_on:%d/%m/%Y} {r.met_session}" if r.met_on else "not met"
            print(f"{r.upn}  {when}  ({r.unauthorised_in_window} in window)")
    return EXIT_OK


def summary_json(figures: AttendanceFigures) -> dict[str, Any]:
    return {
        "upn": figures.upn,
        "possible": figures.possible,
        "present": figures.present,
        "approved_activity": figures.approved_activity,
        "authorised": figures.authorised,
        "unauthorised": figures.unauthorised,
        "not_counted": figures.not_counted,
        "by_code": dict(figures.by_code),
        "attendance_pct": figures.attendance_pct,
        "absence_pct": figures.absence_pct,
        "persistent": figures.persistent,
        "severe": figures.severe,
    }


def threshold_json(result: ThresholdResult) -> dict[str, Any]:
    return {
        "upn": result.upn,
        "met": result.met,
        "met_on": None if result.met_on is None else result.met_on.isoformat(),
        "met_session": None if result.met_session is None else result.met_session.name,
        "unauthorised_in_window": result.unauthorised_in_window,
    }


def _registers(args: argparse.Namespace) -> list[PupilRegister]:
    # A register cannot hold a session that has not happened yet; the CLI may read the clock.
    parsed = read_import(args.file, not_after=datetime.date.today())
    _warn(parsed)
    if args.pupil is None:
        return list(parsed.registers.values())
    register = parsed.registers.get(args.pupil.strip().upper())
    if register is None:
        raise _NoSuchPupil(f"{parsed.file_name}: no session marks for pupil {args.pupil}.")
    return [register]


class _NoSuchPupil(EwoDeskError):
    pass


def _warn(parsed: ParsedImport) -> None:
    for warning in parsed.warnings:
        print(f"warning: {parsed.file_name}: {warning}", file=sys.stderr)
    unmarked = {t.upn for t in parsed.year_totals} - set(parsed.registers)
    if unmarked:
        print(
            f"warning: {parsed.file_name}: {len(unmarked)} pupil(s) have session totals but no "
            "session marks, so are not listed",
            file=sys.stderr,
        )


def _print_json(rows: Iterable[dict[str, Any]]) -> None:
    json.dump(list(rows), sys.stdout, indent=2)
    sys.stdout.write("\n")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def _error(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_ERROR
