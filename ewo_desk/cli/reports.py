"""Registers, returns and lists across the caseload: the penalty-notice register, the PRM figures
and a school's targeting list, on screen, as CSV or as PDF. A file written is an export of
personal data, so it is recorded in the audit trail."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ewo_desk.cli.common import Commands, print_json, unlock, write_whole
from ewo_desk.paths import DataPaths


def register(command: Commands) -> None:
    command.group("report", "records and returns the law requires, and targeting lists")
    register_ = command("report pn-register", cmd_pn_register, "the penalty-notice register")
    register_.add_argument("--csv", dest="csv_out", help="write CSV to this file (default: screen)")
    register_.add_argument("--pdf", dest="pdf_out", help="write a printable PDF to this file")
    prm = command("report prm", cmd_prm, "parental-responsibility-measures figures for a year")
    prm.add_argument("--year", type=int, required=True, help="academic year starting (e.g. 2025)")
    prm.add_argument("--json", action="store_true", help="print JSON")
    prm.add_argument("--csv", action="store_true", help="print CSV")
    targeting = command(
        "report targeting", cmd_targeting, "one school's targeting list, most concerning first"
    )
    targeting.add_argument("school", help="the school's URN, or its name or part of it")
    targeting.add_argument("--from", dest="start", help="period start (default: 1 September)")
    targeting.add_argument("--to", dest="end", help="period end and as-of date (default: today)")
    targeting.add_argument("--csv", dest="csv_out", help="write CSV to this file")
    targeting.add_argument("--pdf", dest="pdf_out", help="write a printable PDF to this file")


def cmd_pn_register(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.domain.pathway_reports import penalty_notice_register
    from ewo_desk.store.pathway import caseload_facts
    from ewo_desk.store.policy import council, load_policy

    today = date.today()
    with unlock(args, paths) as vault, vault.session() as session:
        rows = [r.as_dict() for r in penalty_notice_register(
            caseload_facts(session, today), today, load_policy(session))]  # fmt: skip
        council_name = council(session).name
        if args.pdf_out:
            from ewo_desk.documents.reports import pn_register_pdf

            pdf = pn_register_pdf(rows, council=council_name, today=today)
            _export(session, Path(args.pdf_out), pdf, "pn_register", len(rows))
        if args.csv_out:
            _export(session, Path(args.csv_out), _csv(rows), "pn_register", len(rows))
    if not (args.csv_out or args.pdf_out):
        sys.stdout.write(_csv(rows).decode())
        return 0
    for out in (args.csv_out, args.pdf_out):
        if out:
            print(f"{len(rows)} penalty notices written to {out}")
    return 0


def cmd_prm(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.domain.pathway_reports import prm_figures
    from ewo_desk.store.pathway import caseload_facts
    from ewo_desk.store.policy import load_policy

    today = date.today()
    with unlock(args, paths) as vault, vault.reader() as session:
        figures = prm_figures(
            caseload_facts(session, today), args.year, today, load_policy(session)
        )
    if args.csv:
        sys.stdout.write(_csv([{"measure": k, "count": v} for k, v in figures.items()]).decode())
    elif args.json:
        print_json({"academic_year": f"{args.year}/{(args.year + 1) % 100:02d}", **figures})
    else:
        for key, value in figures.items():
            print(f"{key:<48} {value:>6}")
    return 0


def cmd_targeting(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.domain.attendance.targeting import write_targeting_csv
    from ewo_desk.domain.calendar import school_year_start
    from ewo_desk.store.policy import council
    from ewo_desk.store.targeting import find_school, school_targeting

    end = _day(args.end, "--to") if args.end else date.today()
    start = _day(args.start, "--from") if args.start else school_year_start(end)
    if start > end:
        from ewo_desk.errors import EwoDeskError

        raise EwoDeskError("--from is after --to; the period must start on or before its end.")
    with unlock(args, paths) as vault, vault.session() as session:
        school = find_school(session, args.school)
        rows = school_targeting(session, school, start, end)
        if args.pdf_out:
            from ewo_desk.documents.reports import targeting_pdf

            pdf = targeting_pdf(
                rows, school=school.name, period=(start, end), council=council(session).name
            )
            _export(session, Path(args.pdf_out), pdf, "targeting_list", len(rows))
        if args.csv_out:
            text = io.StringIO(newline="")
            write_targeting_csv(rows, text)
            csv_bytes = text.getvalue().encode()
            _export(session, Path(args.csv_out), csv_bytes, "targeting_list", len(rows))
        school_name = school.name
    if not (args.csv_out or args.pdf_out):
        print(f"{school_name}: {start:%d/%m/%Y} to {end:%d/%m/%Y}, most concerning first")
        for row in rows:
            pct = "—" if row.attendance_pct is None else f"{row.attendance_pct:.1f}%"
            flags = " ".join(
                f for f, on in (("SA", row.severe), ("PA", row.persistent),
                                ("threshold", row.threshold_met)) if on  # fmt: skip
            )
            level = f"L{row.level}" if row.level else "  "
            print(f"{level} {pct:>7}  {row.context.name:<32} {row.context.year_group:<9} {flags}")
    written = "".join(f"; written to {out}" for out in (args.csv_out, args.pdf_out) if out)
    print(f"{len(rows)} pupils{written}")
    return 0


def _day(text: str, option: str) -> date:
    from ewo_desk.errors import EwoDeskError

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise EwoDeskError(f"{option} {text!r} is not a date; write it as YYYY-MM-DD.") from None


def _export(session: Any, out: Path, content: bytes, what: str, rows: int) -> None:
    """Write the file whole (or not at all) and record the export in the audit trail."""
    from ewo_desk.store import audit

    write_whole(out.expanduser(), content)
    audit.record(session, "export", what, "", file=str(out.expanduser().resolve()), rows=rows)


def _csv(rows: list[dict[str, object]]) -> bytes:
    out = io.StringIO(newline="")
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue().encode()


def _cell(value: object) -> object:
    """Neutralise text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
