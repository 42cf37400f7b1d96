"""Importers: files schools send -> `ParsedImport` snapshots. All or nothing: a parser returns a
complete snapshot or raises `MalformedImport`; it never returns part of a file.

Importing this package declares the importers' policy settings (ctf_marks).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from ewo_desk.domain.settings import Policy
from ewo_desk.importers.ctf_xml import parse_ctf
from ewo_desk.importers.errors import MalformedImport
from ewo_desk.importers.parsed import (
    CTF_XML,
    REGISTER_CSV,
    ImportedContact,
    ImportedPupil,
    ParsedImport,
    YearTotals,
)
from ewo_desk.importers.register_csv import parse_register_csv

__all__ = [
    "CTF_XML",
    "REGISTER_CSV",
    "ImportedContact",
    "ImportedPupil",
    "MalformedImport",
    "ParsedImport",
    "YearTotals",
    "detect_format",
    "parse_import",
    "read_import",
]

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def detect_format(data: bytes) -> str:
    """CTF_XML when the content starts like XML (after any byte-order mark), else REGISTER_CSV.
    The file name is not trusted: browsers rename repeat downloads."""
    head = data[:64]
    for bom in _BOMS:
        if head.startswith(bom):
            if bom != _BOMS[0]:  # UTF-16: look at the first character only
                text = data[len(bom) : len(bom) + 8].decode(
                    "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be", "ignore"
                )
                return CTF_XML if text.lstrip().startswith("<") else REGISTER_CSV
            head = head[len(bom) :]
    return CTF_XML if head.lstrip().startswith(b"<") else REGISTER_CSV


def parse_import(
    data: bytes,
    file_name: str,
    *,
    not_after: datetime.date | None = None,
    policy: Policy | None = None,
) -> ParsedImport:
    """Parse a register CSV or a CTF, told apart by content."""
    if detect_format(data) == CTF_XML:
        return parse_ctf(data, file_name, not_after=not_after, policy=policy)
    return parse_register_csv(data, file_name, not_after=not_after, policy=policy)


def read_import(
    path: Path | str, *, not_after: datetime.date | None = None, policy: Policy | None = None
) -> ParsedImport:
    """Read a file and parse it (see parse_import). A missing or unreadable file raises
    MalformedImport too, so callers have one error to show."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise MalformedImport(
            path.name,
            f"the file cannot be read ({err.strerror or err})",
            fix="Check the file's name and folder, then try again.",
        ) from None
    return parse_import(data, path.name, not_after=not_after, policy=policy)
