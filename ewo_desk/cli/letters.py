"""`ewo-desk letter REF TEMPLATE --out FILE.pdf` and `ewo-desk letters`.

Wired into ewo_desk/cli.py by `add_letter_commands(sub, unlock)`. Making a letter stores it in the
caseload (with its SHA-256 and the data it was made from) and exports the PDF to --out: an
explicit export, recorded in the audit trail. Errors an officer can fix exit with code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from ewo_desk.cli.common import Commands, unlock
from ewo_desk.documents.errors import DocumentError

Unlock = Callable[[argparse.Namespace, Any], Any]


def register(command: Commands) -> None:
    add_letter_commands(command.subparsers, unlock)


def add_letter_commands(subparsers: argparse._SubParsersAction[Any], unlock: Unlock) -> None:
    letter = subparsers.add_parser(
        "letter",
        help="make a letter for a case as a PDF (a copy is kept in the caseload)",
        description="Make a letter from a template for a case, keep it in the caseload with its "
        "fingerprint, and write the PDF to --out. `ewo-desk letters` lists the templates and "
        "the values each one asks for.",
    )
    letter.add_argument("ref", metavar="REF", help="the case reference")
    letter.add_argument(
        "template", metavar="TEMPLATE", help="the template name, e.g. notice_to_improve"
    )
    letter.add_argument(
        "--parent",
        type=int,
        metavar="ID",
        help="the parent or carer the letter is for (ids: `ewo-desk case REF --json`)",
    )
    letter.add_argument(
        "--action", type=int, metavar="ID", help="the legal step the letter belongs to"
    )
    letter.add_argument(
        "--set",
        dest="values",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a value the template asks for; repeat it "
        "for each value (dates as YYYY-MM-DD; list items separated by ';')",
    )
    letter.add_argument(
        "--templates",
        metavar="DIR",
        help="the council's own template folder; "
        "its files replace the shipped templates of the same name",
    )
    letter.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    letter.set_defaults(func=lambda args, paths: run_letter(args, paths, unlock))

    letters = subparsers.add_parser(
        "letters",
        help="list the letter templates and what each one needs",
        description="The letter templates, with the merge fields and values each one needs.",
    )
    letters.add_argument("--templates", metavar="DIR", help="the council's own template folder")
    letters.add_argument("--json", action="store_true", help="print JSON")
    letters.set_defaults(func=run_letters)


def parse_values(items: list[str]) -> dict[str, Any]:
    """--set name=value pairs; a name given twice becomes a list."""
    values: dict[str, Any] = {}
    for item in items:
        name, eq, value = item.partition("=")
        name = name.strip()
        if not eq or not name:
            raise DocumentError(
                f"--set {item!r}: write it as NAME=VALUE, e.g. --set meeting_date=2026-12-01."
            )
        if name in values:
            previous = values[name]
            values[name] = [*(previous if isinstance(previous, list) else [previous]), value]
        else:
            values[name] = value
    return values


def run_letter(args: argparse.Namespace, paths: Any, unlock: Unlock) -> int:
    from ewo_desk.documents.letters import document_warnings, generate_letter, reprint
    from ewo_desk.documents.stored import record_export, write_pdf

    out = Path(args.out).expanduser()
    if not out.parent.is_dir():
        raise DocumentError(
            f"The folder {out.parent} does not exist; choose where to save the PDF with --out."
        )
    extra = parse_values(args.values)
    with unlock(args, paths) as vault, vault.session() as session:
        document = generate_letter(
            session,
            args.ref,
            args.template,
            today=date.today(),
            parent_id=args.parent,
            extra_fields=extra,
            legal_action_id=args.action,
            template_dir=Path(args.templates).expanduser() if args.templates else None,
        )
        content = reprint(document)
        record_export(session, document, out)
        summary = (
            document.id,
            document.title,
            document.page_count,
            document.sha256,
            document_warnings(document),
        )
    write_pdf(out, content, "letter")
    doc_id, title, pages, sha, warnings = summary
    for warning in warnings:
        print(f"ewo-desk: warning: {warning}", file=sys.stderr)
    print(
        f"{title}: {pages} page{'s' if pages != 1 else ''} written to {out} "
        f"(kept in the caseload as document {doc_id}, SHA-256 {sha[:16]}…)."
    )
    return 0


def run_letters(args: argparse.Namespace, paths: Any) -> int:
    from ewo_desk.documents.letters import list_templates

    templates = list_templates(Path(args.templates).expanduser() if args.templates else None)
    if args.json:
        rows = [
            {
                "name": t.name,
                "title": t.title,
                "kind": t.kind,
                "to": t.to,
                "source": t.source,
                "description": t.description,
                "needs": list(t.needs),
                "optional": list(t.optional),
                "asks": [
                    {
                        "name": a.name,
                        "type": a.type,
                        "optional": a.optional,
                        "choices": list(a.choices),
                    }
                    for a in t.asks
                ],
            }
            for t in templates
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for t in templates:
        source = "" if t.source == "shipped" else f"  [{t.source}]"
        print(f"{t.name:<32} {t.title}{source}")
        if t.asks:
            print(f"{'':<32} asks: {', '.join(a.describe() for a in t.asks)}")
    print(f"{len(templates)} templates")
    return 0
