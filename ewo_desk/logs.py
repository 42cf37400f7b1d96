"""Logging to a private file in the data folder. Messages carry ids and counts, never names, notes
or keys: the log is outside the encrypted database."""

from __future__ import annotations

import logging
import logging.handlers

from ewo_desk.paths import DataPaths
from ewo_desk.store.files import ensure_private_dir, restrict


def configure(paths: DataPaths, verbose: bool = False) -> None:
    folder = ensure_private_dir(paths.logs)
    logfile = folder / "ewo-desk.log"
    handler = logging.handlers.RotatingFileHandler(
        logfile, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_ewo_desk", False)]:
        root.removeHandler(old)
        old.close()
    handler._ewo_desk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    restrict(logfile)
