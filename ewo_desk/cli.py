"""`ewo-desk` with no arguments starts the app; with a command it runs it here (no Qt import).

Exit codes: 0 done, 1 the check found a problem, 2 the officer's input or the vault stopped it.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ewo_desk import __version__, logs
from ewo_desk.errors import EwoDeskError, KeyringUnavailable, VaultError
from ewo_desk.paths import DataPaths, resolve_data_dir

ENV_PASSPHRASE = "EWO_DESK_PASSPHRASE"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths = resolve_data_dir(args.data_dir)
    logs.configure(paths)
    if args.command is None:
        from ewo_desk.ui.app import run_gui  # Qt only when the app is wanted

        return run_gui(paths, sys.argv[:1])
    try:
        result: int = args.func(args, paths)
        return result
    except EwoDeskError as error:
        print(f"ewo-desk: {error}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ewo-desk", description="EWO Desk casework")
    parser.add_argument("--version", action="version", version=f"EWO Desk {__version__}")
    parser.add_argument("--data-dir", help="data folder (default: your user data folder)")
    parser.add_argument("--passphrase-file", help="read the passphrase from this file")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, func: Callable[..., int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    init = command("init", cmd_init, "create a new encrypted caseload")
    init.add_argument("--officer", default="", help="your name, as it appears on letters")
    init.add_argument("--council", default="", help="your council's name")
    init.add_argument(
        "--no-keyring", action="store_true", help="do not keep the key in the OS keyring"
    )
    command("demo", cmd_demo, "fill the caseload with a synthetic demo caseload")
    cases = command("cases", cmd_cases, "list the cases")
    cases.add_argument("--json", action="store_true", help="print JSON")
    case = command("case", cmd_case, "everything about one case")
    case.add_argument("ref")
    case.add_argument("--json", action="store_true", help="print JSON")
    note = sub.add_parser("note", help="case notes").add_subparsers(
        dest="note_command", required=True
    )
    add = note.add_parser("add", help="add a note to a case's chronology")
    add.add_argument("ref")
    add.add_argument("--text", required=True)
    add.set_defaults(func=cmd_note_add)
    imported = command("import", cmd_import, "import a school's attendance file into the caseload")
    imported.add_argument("file", help="a register CSV or a Common Transfer File (XML)")
    command("check", cmd_check, "check the caseload's integrity and schema version")
    backup = command("backup", cmd_backup, "write an encrypted backup of the caseload to a file")
    backup.add_argument("--out", required=True, help="the backup file to write")
    restore = command(
        "restore", cmd_restore, "restore a backup into an empty data folder (use --data-dir)"
    )
    restore.add_argument("file")
    sar = command("sar", cmd_sar, "export everything held about one person (subject access)")
    who = sar.add_mutually_exclusive_group(required=True)
    who.add_argument("--case", help="the child of this case")
    who.add_argument("--parent", type=int, help="the parent/carer with this id")
    sar.add_argument("--json-out", required=True, help="write the machine-readable export here")
    sar.add_argument("--received", help="date the request was received (YYYY-MM-DD)")
    retention = sub.add_parser("retention", help="records due for deletion").add_subparsers(
        dest="retention_command", required=True
    )
    review = retention.add_parser("review", help="closed cases due for deletion")
    review.add_argument("--json", action="store_true")
    review.set_defaults(func=cmd_retention_review)
    delete = retention.add_parser("delete", help="delete a case's records for good")
    delete.add_argument("ref")
    delete.add_argument("--reason", required=True, help="why (e.g. the schedule's rule)")
    delete.set_defaults(func=cmd_retention_delete)
    audit = sub.add_parser("audit", help="the audit trail").add_subparsers(
        dest="audit_command", required=True
    )
    audit.add_parser("verify", help="check the audit trail's hash chain").set_defaults(
        func=cmd_audit_verify
    )
    _add_optional_commands(sub)
    return parser


def _add_optional_commands(sub: Any) -> None:
    """Commands that live in their own modules (attendance files, reports)."""
    try:
        from ewo_desk.cli_attendance import add_attendance_commands
    except ImportError:
        return
    add_attendance_commands(sub)


# --- unlocking --------------------------------------------------------------------------------


def read_passphrase(args: argparse.Namespace, prompt: str = "Passphrase: ") -> str:
    if args.passphrase_file:
        try:
            return Path(args.passphrase_file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise VaultError(f"Cannot read the passphrase file: {exc.strerror}.") from None
    if os.environ.get(ENV_PASSPHRASE):
        return os.environ[ENV_PASSPHRASE]
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise VaultError(
        f"A passphrase is needed: set {ENV_PASSPHRASE} or pass --passphrase-file FILE."
    )


def unlock(args: argparse.Namespace, paths: DataPaths) -> Any:
    """The keyring where council policy allows it, else the passphrase."""
    from ewo_desk.store.vault import Vault

    try:
        return Vault.open_with_keyring(paths)
    except KeyringUnavailable:
        return Vault.open_with_passphrase(paths, read_passphrase(args))


# --- commands ---------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.schema import Council, Officer
    from ewo_desk.store.vault import Vault

    passphrase = read_passphrase(args, "Choose a passphrase: ")
    vault, recovery_code = Vault.create(paths, passphrase, use_keyring=not args.no_keyring)
    with vault, vault.session() as session:
        session.add(Officer(name=args.officer or "Officer", is_vault_owner=True))
        session.add(Council(id=1, name=args.council))
    print(f"Created an encrypted caseload in {paths.root}")
    print(
        "Your recovery code (shown only this once; store it somewhere safe, away from this laptop):"
    )
    print(f"\n    {recovery_code}\n")
    return 0


def cmd_demo(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.demo import populate

    with unlock(args, paths) as vault, vault.session() as session:
        summary = populate(session, today=date.today())
    print(
        f"Demo caseload added: {summary.cases} cases, {summary.children} children, "
        f"{summary.schools} schools, {summary.marks} attendance marks."
    )
    return 0


def cmd_cases(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.casework import list_cases

    with unlock(args, paths) as vault, vault.reader() as session:
        rows = list_cases(session, date.today())
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            print(f"{row['ref']:<14} {row['child']:<32} {row['stage']:<28} {row['school']}")
        print(f"{len(rows)} cases")
    return 0


def cmd_case(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.casework import case_detail

    with unlock(args, paths) as vault, vault.reader() as session:
        detail = case_detail(session, args.ref, date.today())
    if args.json:
        _print_json(detail)
    else:
        child = detail["child"]
        print(f"{detail['ref']}: {child['given_names']} {child['family_name']} ({detail['stage']})")
        for entry in detail["chronology"]:
            print(f"  {entry['occurred_at'][:10]}  {entry['kind']:<12} {entry['text'][:60]}")
    return 0


def cmd_note_add(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.casework import add_note

    # The session block commits (synchronous=FULL, WAL) before we print and exit 0.
    with unlock(args, paths) as vault, vault.session() as session:
        entry = add_note(session, args.ref, args.text)
        entry_id = entry.id
    print(f"Note {entry_id} saved to {args.ref.upper()}.")
    return 0


def cmd_import(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.importers import read_import
    from ewo_desk.store.marks import import_parsed

    today = date.today()
    parsed = read_import(args.file, not_after=today)  # a bad file stops here, before unlocking
    with unlock(args, paths) as vault, vault.session() as session:
        report = import_parsed(session, parsed, today)
    print(
        f"Imported {report.file_name}: {report.marks} marks for {report.pupils} pupils "
        f"({len(report.pupils_added)} new to the caseload)."
    )
    if report.changed:
        print(f"{len(report.changed)} historic marks were changed by the school (old -> new):")
        for change in report.changed[:50]:
            print(
                f"  {change.upn} {change.date:%d/%m/%Y} {change.session}: "
                f"{change.old} -> {change.new}"
            )
    for crossing in report.new_crossings:
        print(
            f"New penalty-notice threshold crossing: {crossing.upn} on "
            f"{crossing.met_on:%d/%m/%Y} {crossing.met_session} "
            f"({crossing.unauthorised_in_window} unauthorised sessions in 10 school weeks)"
        )
    return 0


def cmd_check(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.health import check

    with unlock(args, paths) as vault:
        problems = check(vault)
    for problem in problems:
        print(f"PROBLEM: {problem}")
    if not problems:
        print("Caseload OK: integrity, encryption and schema version all check out.")
    return 1 if problems else 0


def cmd_backup(args: argparse.Namespace, paths: DataPaths) -> int:
    with unlock(args, paths) as vault:
        manifest = vault.backup(Path(args.out))
    print(
        f"Backup written to {args.out} (schema {manifest['schema']}). It opens only with your "
        "passphrase or recovery code."
    )
    return 0


def cmd_restore(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.backup import restore
    from ewo_desk.store.health import check

    manifest = restore(Path(args.file), paths)
    # Prove the round trip: the passphrase opens it and the checks pass.
    with unlock(args, paths) as vault:
        problems = check(vault)
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print(f"Restored the backup of {manifest['created_at']} into {paths.root}.")
    return 1 if problems else 0


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
        _print_json(rows)
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


def cmd_audit_verify(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store import audit

    with unlock(args, paths) as vault, vault.reader() as session:
        result = audit.verify(session)
    for problem in result.problems:
        print(f"PROBLEM: {problem}")
    print(
        f"Audit trail: {result.entries} entries, {result.redacted} redacted under retention, "
        f"{'intact' if result.ok else 'NOT intact'}."
    )
    return 0 if result.ok else 1


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
