"""Subject access and retention."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from ewo_desk.cli.common import Commands, print_json, unlock, write_whole
from ewo_desk.errors import EwoDeskError
from ewo_desk.paths import DataPaths


def register(command: Commands) -> None:
    sar = command("sar", cmd_sar, "export everything held about one person (subject access)")
    who = sar.add_mutually_exclusive_group(required=True)
    who.add_argument("--case", help="the child of this case")
    who.add_argument("--parent", type=int, help="the parent/carer with this id")
    sar.add_argument("--json-out", help="write the machine-readable export here")
    sar.add_argument("--pdf-out", help="write the readable export (PDF) here")
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

    if not (args.json_out or args.pdf_out):
        raise EwoDeskError("Say where to write the export: --json-out FILE, --pdf-out FILE.")
    received = date.fromisoformat(args.received) if args.received else None
    today = date.today()
    with unlock(args, paths) as vault, vault.session() as session:
        if args.case:
            export = child_export(session, args.case, today, received)
        else:
            export = parent_export(session, args.parent, today, received)
        files: list[tuple[str, bytes]] = []
        if args.json_out:
            text = json.dumps(export, ensure_ascii=False, indent=2)
            files.append((args.json_out, text.encode("utf-8")))
        if args.pdf_out:
            from ewo_desk.documents.reports import subject_access_pdf
            from ewo_desk.store.policy import council

            pdf = subject_access_pdf(export, council=council(session).name, today=today)
            files.append((args.pdf_out, pdf))
        for name, content in files:
            write_whole(Path(name).expanduser(), content)
            audit.record(
                session, "export", "subject_access", args.case or args.parent, file=str(name)
            )
    written = " and ".join(name for name, _ in files)
    print(
        f"Subject access export written to {written}; respond by {export['respond_by']}. "
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
