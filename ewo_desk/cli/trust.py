"""Subject access and retention."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from ewo_desk.cli.common import Commands, print_json, unlock
from ewo_desk.paths import DataPaths


def register(command: Commands) -> None:
    sar = command("sar", cmd_sar, "export everything held about one person (subject access)")
    who = sar.add_mutually_exclusive_group(required=True)
    who.add_argument("--case", help="the child of this case")
    who.add_argument("--parent", type=int, help="the parent/carer with this id")
    sar.add_argument("--json-out", required=True, help="write the machine-readable export here")
    sar.add_argument("--received", help="date the request was received (YYYY-MM-DD)")
    command.group("retention", "records due for deletion")
    review = command("retention review", cmd_retention_review, "closed cases due for deletion")
    review.add_argument("--json", action="store_true")
    delete = command("retention delete", cmd_retention_delete, "delete a case's records for good")
    delete.add_argument("ref")
    delete.add_argument("--reason", required=True, help="why (e.g. the schedule's rule)")


def cmd_sar(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store import audit
    from ewo_desk.store.subject_access import child_export, parent_export

    received = date.fromisoformat(args.received) if args.received else None
    with unlock(args, paths) as vault, vault.session() as session:
        if args.case:
            export = child_export(session, args.case, date.today(), received)
        else:
            export = parent_export(session, args.parent, date.today(), received)
        text = json.dumps(export, ensure_ascii=False, indent=2)
        Path(args.json_out).write_text(text, encoding="utf-8")
        audit.record(session, "export", "subject_access", args.case or args.parent)
    print(
        f"Subject access export written to {args.json_out}; respond by {export['respond_by']}. "
        "Review every item marked redaction_review before sending."
    )
    return 0


def cmd_retention_review(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.retention import review_list

    with unlock(args, paths) as vault, vault.reader() as session:
        rows = review_list(session, date.today())
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['ref']:<14} {row['reason']}")
        print(f"{len(rows)} cases due for deletion")
    return 0


def cmd_retention_delete(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.retention import compact, delete_case

    with unlock(args, paths) as vault:
        with vault.session() as session:
            counts = delete_case(session, args.ref, args.reason)
        compact(vault.engine)
    print(f"Deleted {args.ref.upper()}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    return 0
