"""What first-run set-up writes into a new caseload. Plain Python, no Qt; run off the GUI thread."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from ewo_desk.errors import EwoDeskError
from ewo_desk.store.schema import Council, Officer
from ewo_desk.store.vault import Vault

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Profile:
    officer_name: str
    team: str
    council_name: str
    service_name: str


def save_profile(vault: Vault, profile: Profile) -> None:
    """The officer who owns this caseload, and their council (one row, id 1)."""
    with vault.session() as session:
        officer = session.scalars(sa.select(Officer).where(Officer.is_vault_owner)).first()
        if officer is None:
            officer = Officer(name=profile.officer_name, is_vault_owner=True)
            session.add(officer)
        officer.name = profile.officer_name
        officer.team = profile.team
        council = session.get(Council, 1) or Council(id=1)
        council.name = profile.council_name
        council.service_name = profile.service_name
        session.add(council)


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
