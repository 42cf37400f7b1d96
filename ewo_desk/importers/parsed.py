"""What every importer returns: a complete, immutable snapshot of one file, or nothing at all."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from ewo_desk.domain.attendance.marks import Mark, Session, date_of_slot, session_of_slot
from ewo_desk.domain.attendance.register import PupilRegister

REGISTER_CSV = "register-csv"
CTF_XML = "ctf-xml"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ImportedPupil:
    upn: str
    surname: str | None = None
    forename: str | None = None
    date_of_birth: datetime.date | None = None
    sex: str | None = None  # as written in the file ("M", "F", ...)
    former_upn: str | None = None
    address: tuple[str, ...] = ()  # address lines, postcode last


@dataclass(frozen=True)
class ImportedContact:
    pupil_upn: str
    order: int | None  # contact priority, 1 first
    title: str | None
    surname: str | None
    forename: str | None
    relationship: str | None  # CBDS code as written, e.g. PAM, PAF, OTH
    parental_responsibility: bool | None  # None: the file does not say
    address: tuple[str, ...] = ()  # the pupil's address when the file says "as pupil"
    phones: tuple[tuple[str, str], ...] = ()  # (type as written, number as written)
    email: str | None = None


@dataclass(frozen=True)
class YearTotals:
    """A CTF `YearData` block: one school's session counts for one academic year."""

    upn: str
    year: int  # the calendar year in which the academic year starts
    lea: str
    estab: str
    urn: str | None
    school_name: str | None
    possible: int
    attended: int
    authorised: int
    unauthorised: int
    # "calendar" or "school-days" when the block's marks string was decoded, else None.
    marks_alignment: str | None = None


@dataclass(frozen=True)
class ParsedImport:
    file_name: str
    sha256: str
    format: str  # REGISTER_CSV or CTF_XML
    importer_version: str
    school_urn: str | None
    code_set: frozenset[str]  # every code that occurs in the marks
    pupils: tuple[ImportedPupil, ...]
    contacts: tuple[ImportedContact, ...]
    registers: Mapping[str, PupilRegister]  # by UPN; a pupil may have no marks
    year_totals: tuple[YearTotals, ...] = ()
    warnings: tuple[str, ...] = ()
    first_date: datetime.date | None = field(init=False)
    last_date: datetime.date | None = field(init=False)

    def __post_init__(self) -> None:
        firsts = [r.slots[0] for r in self.registers.values() if r.slots]
        lasts = [r.slots[-1] for r in self.registers.values() if r.slots]
        object.__setattr__(self, "first_date", date_of_slot(min(firsts)) if firsts else None)
        object.__setattr__(self, "last_date", date_of_slot(max(lasts)) if lasts else None)
        object.__setattr__(self, "registers", MappingProxyType(dict(self.registers)))

    @property
    def date_range(self) -> tuple[datetime.date, datetime.date] | None:
        if self.first_date is None or self.last_date is None:
            return None
        return self.first_date, self.last_date

    @property
    def mark_count(self) -> int:
        return sum(len(r) for r in self.registers.values())

    @cached_property
    def marks(self) -> tuple[Mark, ...]:
        """Every mark, by pupil then register order. Built on first use: a whole-school file
        holds over half a million, so fast paths read `registers` or `rows()` instead."""
        return tuple(mark for register in self.registers.values() for mark in register.marks())

    def rows(self) -> Iterator[tuple[str, datetime.date, Session, str]]:
        """(upn, date, session, code) per mark, without building Mark objects."""
        for upn, register in self.registers.items():
            for slot, code in zip(register.slots, register.codes, strict=True):
                yield upn, date_of_slot(slot), session_of_slot(slot), code


def iso_date(text: str) -> datetime.date | None:
    """A real date written exactly YYYY-MM-DD, else None (fromisoformat alone also takes
    20250106 and 2025-W02-1)."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def codes_in(registers: Mapping[str, PupilRegister]) -> frozenset[str]:
    found: set[str] = set()
    for register in registers.values():
        found.update(register.codes)
    return frozenset(found)
