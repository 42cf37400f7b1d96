"""`ewo-desk` with no arguments starts the app; with a command it runs it here (no Qt import).

Exit codes: 0 done, 1 the check found a problem, 2 the officer's input or the vault stopped it.
Each area's commands live in their own module and register themselves here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ewo_desk import __version__, logs
from ewo_desk.cli import (
    attendance,
    bundles,
    cases,
    council,
    letters,
    pathway,
    reports,
    trust,
    vault,
)
from ewo_desk.cli.common import Commands
from ewo_desk.errors import EwoDeskError
from ewo_desk.paths import resolve_data_dir

AREAS = (vault, council, cases, pathway, reports, letters, bundles, trust, attendance)


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
    except BrokenPipeError:  # `ewo-desk cases | head`: the reader stopped; not an error
        sys.stdout = None  # type: ignore[assignment]  # nothing more to flush at exit
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ewo-desk", description="EWO Desk casework")
    parser.add_argument("--version", action="version", version=f"EWO Desk {__version__}")
    parser.add_argument("--data-dir", help="data folder (default: your user data folder)")
    parser.add_argument("--passphrase-file", help="read the passphrase from this file")
    command = Commands(parser.add_subparsers(dest="command", metavar="COMMAND"))
    for area in AREAS:
        area.register(command)
    return parser
