"""Entry point of the frozen app (PyInstaller runs this file; `ewo-desk` in a venv uses
`ewo_desk.cli:main` directly, and both end in the same `main`).

A windowed Windows build (`EWO Desk.exe`, no console) has `sys.stdout`/`sys.stderr` set to None:
anything printed, and a hard crash's traceback, would vanish. Here they go to
`<data folder>/logs/ewo-desk-console.log` instead. The console build (`ewo-desk.exe`, the CLI and
the one support asks for) and the Linux/macOS builds keep their terminal.
"""

from __future__ import annotations

import faulthandler
import sys


def _data_dir_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--data-dir" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--data-dir="):
            return arg.split("=", 1)[1]
    return None


def _redirect_missing_streams() -> None:
    if sys.stdout is not None and sys.stderr is not None:
        return
    from ewo_desk.paths import resolve_data_dir
    from ewo_desk.store.files import ensure_private_dir, restrict

    folder = ensure_private_dir(resolve_data_dir(_data_dir_from_argv(sys.argv[1:])).logs)
    logfile = folder / "ewo-desk-console.log"
    stream = open(logfile, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 (lives as long as the app)
    restrict(logfile)
    if sys.stdout is None:
        sys.stdout = stream
    if sys.stderr is None:
        sys.stderr = stream
    faulthandler.enable(stream)


def run() -> int:
    _redirect_missing_streams()
    if sys.stderr is not None and not faulthandler.is_enabled():
        faulthandler.enable()
    from ewo_desk.cli import main

    return main()


if __name__ == "__main__":
    raise SystemExit(run())
