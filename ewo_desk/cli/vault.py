"""The caseload itself: create, fill with the demo, check, back up, restore, verify the trail."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ewo_desk.cli.common import Commands, read_passphrase, unlock
from ewo_desk.paths import DataPaths


def register(command: Commands) -> None:
    init = command("init", cmd_init, "create a new encrypted caseload")
    init.add_argument("--officer", default="", help="your name, as it appears on letters")
    init.add_argument("--council", default="", help="your council's name")
    init.add_argument(
        "--no-keyring", action="store_true", help="do not keep the key in the OS keyring"
    )
    command("demo", cmd_demo, "fill the caseload with a synthetic demo caseload")
    command("check", cmd_check, "check the caseload's integrity and schema version")
    backup = command("backup", cmd_backup, "write an encrypted backup of the caseload to a file")
    where = backup.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", help="the backup file to write")
    where.add_argument(
        "--scheduled",
        action="store_true",
        help="back up into the policy's folder (backup.folder) if the last one is old enough",
    )
    restore = command(
        "restore", cmd_restore, "restore a backup into an empty data folder (use --data-dir)"
    )
    restore.add_argument("file")
    command.group("audit", "the audit trail")
    command("audit verify", cmd_audit_verify, "check the audit trail's hash chain")


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
    if args.scheduled:
        from ewo_desk.store.scheduled_backup import run_if_due

        with unlock(args, paths) as vault:
            print(run_if_due(vault).describe())
        return 0
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
