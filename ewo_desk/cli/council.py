"""Council and officer details for letters: `council show|set`, `officer set`."""

from __future__ import annotations

import argparse
from pathlib import Path

from ewo_desk.cli.common import Commands, print_json, unlock
from ewo_desk.errors import EwoDeskError
from ewo_desk.paths import DataPaths
from ewo_desk.store.settings_store import COUNCIL_FIELDS


def register(command: Commands) -> None:
    command.group("council", "the council's details, letterhead and logo")
    command("council show", cmd_council_show, "the council and officer details letters use")
    council = command("council set", cmd_council_set, "change the council's details")
    for name in COUNCIL_FIELDS:
        council.add_argument(f"--{name.replace('_', '-')}", dest=name)
    council.add_argument("--letterhead", help="a PDF (first page under page 1) or PNG/JPEG")
    council.add_argument("--logo", help="a PNG or JPEG logo")
    officer = command("officer", cmd_officer_set, "change your own details and signature")
    for name in ("name", "role", "team", "email", "phone"):
        officer.add_argument(f"--{name}", dest=name)
    officer.add_argument("--signature", help="a PNG or JPEG of your signature")
    officer.add_argument(
        "--may-issue-penalty-notices", choices=("yes", "no"), dest="may_issue_penalty_notices"
    )


def cmd_council_show(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.casework import current_officer
    from ewo_desk.store.policy import council

    with unlock(args, paths) as vault, vault.reader() as session:
        row, officer = council(session), current_officer(session)
        print_json({
            "council": {name: getattr(row, name) for name in COUNCIL_FIELDS}
            | {"letterhead": _size(row.letterhead), "logo": _size(row.logo)},
            "officer": None if officer is None else {
                "name": officer.name, "role": officer.role, "team": officer.team,
                "email": officer.email, "phone": officer.phone,
                "may_issue_penalty_notices": officer.may_issue_penalty_notices,
                "signature": _size(officer.signature),
            },
        })  # fmt: skip
    return 0


def cmd_council_set(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.settings_store import update_council

    changes = {n: getattr(args, n) for n in COUNCIL_FIELDS if getattr(args, n) is not None}
    files = {n: _read(getattr(args, n)) for n in ("letterhead", "logo") if getattr(args, n)}
    with unlock(args, paths) as vault, vault.session() as session:
        update_council(session, changes, files)
    print(f"Council details saved ({len(changes) + len(files)} changed).")
    return 0


def cmd_officer_set(args: argparse.Namespace, paths: DataPaths) -> int:
    from ewo_desk.store.settings_store import update_officer

    changes = {n: getattr(args, n) for n in ("name", "role", "team", "email", "phone")
               if getattr(args, n) is not None}  # fmt: skip
    if args.may_issue_penalty_notices:
        changes["may_issue_penalty_notices"] = args.may_issue_penalty_notices == "yes"
    signature = _read(args.signature) if args.signature else None
    with unlock(args, paths) as vault, vault.session() as session:
        update_officer(session, changes, signature)
    print("Your details are saved.")
    return 0


def _read(name: str) -> bytes:
    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise EwoDeskError(f"Cannot read {name}: {exc.strerror}.") from None


def _size(blob: bytes | None) -> str | None:
    return None if blob is None else f"{len(blob):,} bytes"
