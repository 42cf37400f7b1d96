"""`ewo-desk bundle REF --kind prosecution|sjp|eso --out FILE.pdf [--attach FILE ...]`.

Making a bundle keeps it in the caseload (with its SHA-256 and the page range of every document)
and exports the PDF to --out: an explicit export, recorded in the audit trail. `--supplement ID`
adds what is new to a stored bundle after its last page, so earlier page references stay valid.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ewo_desk.cli.common import Commands, unlock
from ewo_desk.documents.errors import DocumentError

if TYPE_CHECKING:
    from ewo_desk.documents.bundles.model import Attachment

Unlock = Callable[[argparse.Namespace, Any], Any]
KINDS = ("prosecution", "sjp", "eso")


def register(command: Commands) -> None:
    add_bundle_command(command.subparsers, unlock)


def add_bundle_command(subparsers: argparse._SubParsersAction[Any], unlock: Unlock) -> None:
    parser = subparsers.add_parser(
        "bundle",
        help="make a court bundle for a case as a PDF (a copy is kept in the caseload)",
        description="Make the prosecution file (s.444), the Single Justice Procedure pack, or the "
        "family court bundle for an education supervision order, from the case's letters and "
        "records and the files you attach. The index is checked against the finished PDF.",
    )
    parser.add_argument("ref", metavar="REF", help="the case reference")
    parser.add_argument("--kind", choices=KINDS, default=None, help="which bundle to make")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    parser.add_argument(
        "--attach",
        action="append",
        default=[],
        metavar="FILE",
        help="a scanned PDF or a picture (JPEG, PNG, TIFF) to include; repeat for each file. "
        "It goes with the exhibits (prosecution) or in section E (family bundle)",
    )
    parser.add_argument(
        "--attach-to",
        action="append",
        nargs=2,
        default=[],
        metavar=("PLACE", "FILE"),
        help="a file for a given place: statement, certificate or exhibit in a prosecution file; "
        "a section letter A-E in a family bundle",
    )
    parser.add_argument(
        "--prosecution", type=int, metavar="ID", help="the prosecution step, if there are several"
    )
    parser.add_argument(
        "--supplement",
        type=int,
        metavar="DOC_ID",
        help="add pages to this stored bundle instead of making a new one",
    )
    parser.set_defaults(func=lambda args, paths: run_bundle(args, paths, unlock))


def read_attachments(args: argparse.Namespace) -> list[Attachment]:
    from ewo_desk.documents.bundles.model import Attachment

    items = [("", name) for name in args.attach] + [(p, f) for p, f in args.attach_to]
    return [Attachment.from_file(Path(name).expanduser(), place) for place, name in items]


def run_bundle(args: argparse.Namespace, paths: Any, unlock: Unlock) -> int:
    from ewo_desk.documents.bundles import build_bundle, build_supplement
    from ewo_desk.documents.letters import document_warnings, reprint
    from ewo_desk.documents.stored import record_export, write_pdf

    if args.supplement is None and args.kind is None:
        raise DocumentError("Say which bundle to make: --kind prosecution, sjp or eso.")
    out = Path(args.out).expanduser()
    if not out.parent.is_dir():
        raise DocumentError(
            f"The folder {out.parent} does not exist; choose where to save the PDF with --out."
        )
    attachments = read_attachments(args)
    with unlock(args, paths) as vault, vault.session() as session:
        if args.supplement is not None:
            document = build_supplement(
                session, args.supplement, today=date.today(), attachments=attachments
            )
            made_for = json.loads(document.source_data_json).get("case", "")
            if made_for != args.ref.strip().upper():  # rolled back with the session
                raise DocumentError(
                    f"Bundle {args.supplement} belongs to {made_for}, not {args.ref}."
                )
        else:
            document = build_bundle(
                session,
                args.ref,
                args.kind,
                today=date.today(),
                attachments=attachments,
                prosecution_id=args.prosecution,
            )
        content = reprint(document)
        record_export(session, document, out)
        summary = (document.id, document.title, document.page_count, document.sha256)
        warnings = document_warnings(document)
    write_pdf(out, content, "bundle")
    doc_id, title, pages, sha = summary
    for warning in warnings:
        print(f"ewo-desk: warning: {warning}", file=sys.stderr)
    print(
        f"{title}: {pages} pages written to {out} "
        f"(kept in the caseload as document {doc_id}, SHA-256 {sha[:16]}…)."
    )
    return 0
