"""Cases, their notes, and attendance files imported into the caseload."""

from __future__ import annotations

import argparse
from datetime import date

from ewo_desk.cli.common import Commands, print_json, unlock
from ewo_desk.paths import DataPaths


def register(command: Commands) -> None:
    cases = command("cases", cmd_cases, "list the cases")
    cases.add_argument("--json", action="store_true", help="print JSON")
    case = command("case", cmd_case, "everything about one case")
    case.add_argument("ref")
    case.add_argument("--json", action="store_true", help="print JSON")
    command.group("note", "case notes")
    add = command("note add", cmd_note_add, "add a note to a case's chronology")
    add.add_argument("ref")
    add.add_argument("--text", required=True)
    imported = command("import", cmd_import, "import a school's attendance file into the caseload")
    imported.add_argument("file", help="a register CSV or a Common Transfer File (XML)")


def cmd_cases(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.casework import list_cases

    with unlock(args, paths) as vault, vault.reader() as session:
        rows = list_cases(session, date.today())
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['ref']:<14} {row['child']:<32} {row['stage']:<28} {row['school']}")
        print(f"{len(rows)} cases")
    return 0


def cmd_case(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.errors import EwoDeskError
    from ewo_desk.store.casework import case_detail
    from ewo_desk.store.pathway import pathway_view

    today = date.today()
    with unlock(args, paths) as vault, vault.reader() as session:
        detail = case_detail(session, args.ref, today)
        try:
            detail["pathway"] = pathway_view(session, args.ref, today)
        except EwoDeskError as problem:  # e.g. no date of birth yet: say so, show the rest
            detail["pathway"] = {"problem": str(problem)}
    if args.json:
        print_json(detail)
    else:
        child = detail["child"]
        print(f"{detail['ref']}: {child['given_names']} {child['family_name']} ({detail['stage']})")
        for parent in detail["pathway"].get("parents", []):
            step = parent["step"]["label"] if parent["step"] else "no step yet"
            print(f"  {parent['name']}: {step}")
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
