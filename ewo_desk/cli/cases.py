"""Cases, their notes, and attendance files imported into the caseload."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

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
    opened = command(
        "open-case",
        cmd_open_case,
        "open a new case from a referral (prints its reference)",
    )
    opened.epilog = (
        "Example: ewo-desk open-case --child-given Aisha --child-family Rahman --dob 2015-03-04 "
        "--school 100001 --source 'Riverside Primary School' --reason 'Attendance 71%' "
        "--parent 'Mrs|Farida|Rahman|Mother'. A child whose UPN is already held (e.g. from an "
        "attendance import) is that child, not a new one."
    )
    opened.add_argument("--child-given", required=True, help="the child's given names")
    opened.add_argument("--child-family", required=True, help="the child's family name")
    opened.add_argument("--preferred-name", default="", help="the name the child goes by")
    opened.add_argument("--dob", required=True, help="date of birth, YYYY-MM-DD")
    opened.add_argument("--sex", default="U", choices=("F", "M", "U"))
    opened.add_argument("--school", required=True, help="the school's URN")
    opened.add_argument("--school-name", default="", help="for a school not yet held")
    opened.add_argument("--upn", default="", help="the child's Unique Pupil Number")
    opened.add_argument("--year-group", default="", help="R, 1 to 14, N1 or N2")
    opened.add_argument("--address", default="", help="the child's first address line")
    opened.add_argument("--town", default="")
    opened.add_argument("--postcode", default="")
    opened.add_argument("--reason", default="", help="why the child was referred")
    opened.add_argument("--source", default="", help="who referred (a school, early help...)")
    opened.add_argument("--opened-on", help="the day the referral came, YYYY-MM-DD (today)")
    opened.add_argument(
        "--parent",
        action="append",
        default=[],
        metavar="'TITLE|GIVEN|FAMILY|RELATIONSHIP'",
        help="a new parent/carer living with the child, with parental responsibility "
        "(repeat for each; leave a part empty if not known, e.g. '|Sam|Lee|Father')",
    )
    opened.add_argument(
        "--existing-parent",
        action="append",
        default=[],
        metavar="'ID|RELATIONSHIP'",
        help="a parent/carer already held, e.g. a sibling's (the id `ewo-desk case REF --json` "
        "shows)",
    )
    closed = command("close-case", cmd_close_case, "close a case, with the reason")
    closed.add_argument("ref")
    closed.add_argument("--reason", required=True, help="why the case is closing")
    closed.add_argument("--closed-on", help="YYYY-MM-DD (today)")
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


def _day(text: str | None, what: str, default: date) -> date:
    from ewo_desk.errors import EwoDeskError

    if not text:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise EwoDeskError(f"{what} {text!r} is not a date: write it as YYYY-MM-DD.") from None


def _parents(args: argparse.Namespace) -> tuple[Any, ...]:
    from ewo_desk.errors import EwoDeskError
    from ewo_desk.store.referrals import ParentDetails

    parents = []
    for text in args.parent:
        parts = text.split("|")
        if len(parts) != 4:
            raise EwoDeskError(
                f"--parent {text!r}: give four parts, TITLE|GIVEN|FAMILY|RELATIONSHIP "
                "(leave a part empty if not known)."
            )
        title, given, family, relationship = (p.strip() for p in parts)
        parents.append(ParentDetails(title=title, given_names=given, family_name=family,
                                     relationship=relationship))  # fmt: skip
    for text in args.existing_parent:
        number, _bar, relationship = text.partition("|")
        if not number.strip().isdigit():
            raise EwoDeskError(f"--existing-parent {text!r}: start with the parent's id number.")
        parents.append(ParentDetails(existing_id=int(number), relationship=relationship.strip()))
    return tuple(parents)


def cmd_open_case(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.referrals import ChildDetails, Referral, SchoolChoice, open_case

    today = date.today()
    referral = Referral(
        child=ChildDetails(
            given_names=args.child_given,
            family_name=args.child_family,
            preferred_name=args.preferred_name,
            date_of_birth=_day(args.dob, "The date of birth", today),
            sex=args.sex,
            upn=args.upn,
            year_group=args.year_group,
            address_line1=args.address,
            town=args.town,
            postcode=args.postcode,
        ),
        school=SchoolChoice(urn=args.school, name=args.school_name),
        parents=_parents(args),
        referral_reason=args.reason,
        referral_source=args.source,
        opened_on=_day(args.opened_on, "The referral date", today),
    )
    # Checked before unlocking where it can be; the session block commits before we print.
    with unlock(args, paths) as vault, vault.session() as session:
        ref = open_case(session, referral, today)
    print(ref)
    return 0


def cmd_close_case(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.pathway import open_deadlines
    from ewo_desk.store.referrals import close_case

    today = date.today()
    closed_on = _day(args.closed_on, "The closing date", today)
    with unlock(args, paths) as vault, vault.session() as session:
        pending = open_deadlines(session, args.ref, today)
        close_case(session, args.ref, args.reason, closed_on, today=today)
    for deadline in pending:  # closed cases leave the work list: say what will not be reminded
        print(f"ewo-desk: warning: still open on the closed case: {deadline}", file=sys.stderr)
    print(f"Case {args.ref.strip().upper()} closed on {closed_on:%d/%m/%Y}.")
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
