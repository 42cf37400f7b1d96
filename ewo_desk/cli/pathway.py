"""The legal pathway across the caseload: the work list, the records the law requires, and the
council policy that sets the pathway's labels and periods."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from pathlib import Path

from ewo_desk.cli.common import Commands, print_json, unlock
from ewo_desk.errors import EwoDeskError
from ewo_desk.paths import DataPaths


def register(command: Commands) -> None:
    tasks = command("tasks", cmd_tasks, "what is due, overdue and coming up across the caseload")
    tasks.add_argument("--json", action="store_true", help="print JSON")
    command.group("report", "records and returns the law requires")
    register_ = command("report pn-register", cmd_pn_register, "the penalty-notice register")
    register_.add_argument("--csv", dest="csv_out", help="write CSV to this file (default: screen)")
    prm = command("report prm", cmd_prm, "parental-responsibility-measures figures for a year")
    prm.add_argument("--year", type=int, required=True, help="academic year starting (e.g. 2025)")
    prm.add_argument("--json", action="store_true", help="print JSON")
    prm.add_argument("--csv", action="store_true", help="print CSV")
    command.group("policy", "the council's policy settings")
    command("policy show", cmd_policy_show, "every setting, its value and its default")
    check = command("policy check", cmd_policy_check, "check a policy file without saving it")
    check.add_argument("file")
    set_ = command("policy set", cmd_policy_set, "check a policy file and make it the policy")
    set_.add_argument("--file", required=True)


def cmd_tasks(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.pathway import caseload_work_list

    with unlock(args, paths) as vault, vault.reader() as session:
        items = caseload_work_list(session, date.today())
    if args.json:
        print_json(items)
        return 0
    for item in items:
        print(
            f"{item['status']:<10} {item['due_on_display']}  {item['case_ref']:<14} {item['title']}"
        )
    print(f"{len(items)} items")
    return 0


def cmd_pn_register(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.domain.pathway_reports import penalty_notice_register
    from ewo_desk.store.pathway import caseload_facts
    from ewo_desk.store.policy import load_policy

    today = date.today()
    with unlock(args, paths) as vault, vault.reader() as session:
        rows = [r.as_dict() for r in penalty_notice_register(
            caseload_facts(session, today), today, load_policy(session))]  # fmt: skip
    if not args.csv_out:
        _write_csv(rows, sys.stdout)
        return 0
    with open(args.csv_out, "w", newline="", encoding="utf-8") as out:
        _write_csv(rows, out)
    print(f"{len(rows)} penalty notices written to {args.csv_out}")
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
        _write_csv([{"measure": k, "count": v} for k, v in figures.items()], sys.stdout)
    elif args.json:
        print_json({"academic_year": f"{args.year}/{(args.year + 1) % 100:02d}", **figures})
    else:
        for key, value in figures.items():
            print(f"{key:<48} {value:>6}")
    return 0


def cmd_policy_show(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.policy import describe, load_policy

    with unlock(args, paths) as vault, vault.reader() as session:
        print_json(describe(load_policy(session)))
    return 0


def cmd_policy_check(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.policy import validate

    validate(_read_policy_file(args.file))
    print(f"{args.file}: the policy is valid.")
    return 0


def cmd_policy_set(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.policy import save_policy

    overrides = _read_policy_file(args.file)
    with unlock(args, paths) as vault, vault.session() as session:
        save_policy(session, overrides)
    print(f"Policy saved: {len(overrides)} settings differ from the defaults.")
    return 0


def _read_policy_file(name: str) -> dict[str, object]:
    try:
        data: dict[str, object] = json.loads(Path(name).read_text(encoding="utf-8"))
    except OSError as exc:
        raise EwoDeskError(f"Cannot read {name}: {exc.strerror}.") from None
    except json.JSONDecodeError as exc:
        raise EwoDeskError(f"{name} is not valid JSON: line {exc.lineno}: {exc.msg}.") from None
    return data


def _write_csv(rows: list[dict[str, object]], out: object) -> None:
    if not rows:
        return
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))  # type: ignore[arg-type]
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})


def _cell(value: object) -> object:
    """Neutralise text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
