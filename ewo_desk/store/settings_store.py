"""Council and officer details that letters carry: names, addresses, letterhead, logo, signature.

Pictures and PDFs are checked for what they are before they are stored, so a wrong file is
refused now with a clear message rather than failing later in the middle of a letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from ewo_desk.errors import EwoDeskError
from ewo_desk.store.casework import current_officer
from ewo_desk.store.policy import council
from ewo_desk.store.schema import Council, Officer

COUNCIL_FIELDS = ("name", "service_name", "address_line1", "address_line2", "town", "postcode",
                  "phone", "email")  # fmt: skip
OFFICER_FIELDS = ("name", "role", "team", "email", "phone", "may_issue_penalty_notices")
MAX_PICTURE_BYTES = 5_000_000
# What each picture may be: a letterhead can be a PDF page, the others are drawn as images.
PICTURE_KINDS = {"letterhead": ("pdf", "png", "jpeg"), "logo": ("png", "jpeg"),
                 "signature": ("png", "jpeg")}  # fmt: skip


@dataclass(frozen=True)
class Profile:
    """What first-run set-up asks: who owns this caseload, and for which council."""

    officer_name: str
    team: str
    council_name: str
    service_name: str


def save_profile(session: Session, profile: Profile) -> None:
    """The officer who owns this caseload, and their council (one row, id 1)."""
    update_officer(session, {"name": profile.officer_name, "team": profile.team}, None)
    update_council(
        session, {"name": profile.council_name, "service_name": profile.service_name}, {}
    )


def picture_kind(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return "unknown"


def update_council(session: Session, changes: dict[str, Any], files: dict[str, bytes]) -> Council:
    row = council(session)
    for name, value in changes.items():
        if name not in COUNCIL_FIELDS:
            raise ValueError(f"not a council field: {name}")
        setattr(row, name, value)
    for name, data in files.items():
        if name not in ("letterhead", "logo"):
            raise ValueError(f"not a council picture: {name}")
        setattr(row, name, check_picture(name, data))
    return row


def update_officer(session: Session, changes: dict[str, Any], signature: bytes | None) -> Officer:
    officer = current_officer(session)
    if officer is None:
        officer = Officer(name=changes.get("name") or "Officer", is_vault_owner=True)
        session.add(officer)
    for name, value in changes.items():
        if name not in OFFICER_FIELDS:
            raise ValueError(f"not an officer field: {name}")
        setattr(officer, name, value)
    if signature is not None:
        officer.signature = check_picture("signature", signature)
    session.flush()
    return officer


def check_picture(what: str, data: bytes) -> bytes:
    """The file's bytes if it is the kind of picture `what` (letterhead, logo, signature) takes."""
    allowed = PICTURE_KINDS[what]
    kind = picture_kind(data)
    if kind not in allowed:
        raise EwoDeskError(
            f"The {what} must be a {' or '.join(a.upper() for a in allowed)} file; this file is "
            "not one. Nothing was changed."
        )
    if len(data) > MAX_PICTURE_BYTES:
        raise EwoDeskError(f"The {what} file is over 5 MB. Use a smaller picture.")
    return data
