"""The legal pathway across the caseload: the work list, and the council policy that sets the
pathway's labels and periods. The registers and returns are in reports.py."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from ewo_desk.cli.common import Commands, print_json, unlock
from ewo_desk.errors import EwoDeskError
from ewo_desk.paths import DataPaths


def register(command: Commands) -> None:
    tasks = command("tasks", cmd_tasks, "what is due, overdue and coming up across the caseload")
    tasks.add_argument("--json", action="store_true", help="print JSON")
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
