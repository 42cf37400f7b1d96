"""Slow first-run work (the demo caseload). Plain Python, no Qt; run off the GUI thread.

The officer's and council's details are saved by `store.settings_store.save_profile`.
"""

from __future__ import annotations

import importlib
import logging
from datetime import date

from ewo_desk.errors import EwoDeskError
from ewo_desk.store.vault import Vault

log = logging.getLogger(__name__)


def load_demo(vault: Vault, today: date) -> str:
    """Fill the caseload with the made-up demo families; returns a sentence saying what was added.

    The demo is written in one unit of work: if it fails, nothing of it is kept.
    """
    try:
        populate = importlib.import_module("ewo_desk.demo").populate
    except (ImportError, AttributeError) as exc:
        log.warning("demo caseload unavailable: %s", type(exc).__name__)
        raise EwoDeskError(
            "The demo caseload is not part of this copy of EWO Desk, so it was not loaded. "
            "Your own caseload is ready."
        ) from None
    try:
        with vault.session() as session:
            summary = populate(session, today=today)
    except EwoDeskError:
        raise
    except Exception as exc:
        log.exception("demo caseload failed")
        raise EwoDeskError(
            f"The demo caseload could not be loaded ({type(exc).__name__}); nothing of it was "
            "kept. Your own caseload is ready. Click Finish to continue without the demo."
        ) from None
    cases = getattr(summary, "cases", None)
    return f"Demo caseload added: {cases} cases." if cases is not None else "Demo caseload added."
