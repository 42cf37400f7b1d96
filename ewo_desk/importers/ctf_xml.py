"""DfE Common Transfer File (CTF) XML: pupils, contacts, attendance totals and session marks.

Built from ctf-attendance.md. The XML is parsed with defusedxml and any DTD or entity is refused.
Element-name variants seen in the wild are accepted (`Sex`/`Gender`, `CTFversion`/`CTFVersion`,
`AttendanceStartDate`/`AttendStartDate`). Session-marks strings are decoded in ctf_marks, and a
pupil whose marks do not reconcile with the file's own counts makes the whole file refused.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml  # type: ignore[import-untyped]
import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped]

from ewo_desk.domain.attendance.marks import date_of_slot, session_of_slot
from ewo_desk.domain.attendance.register import PupilRegister
from ewo_desk.domain.attendance.upn import is_upn_shape, upn_check_letter_ok
from ewo_desk.domain.settings import Policy
from ewo_desk.importers.ctf_marks import MarksProblem, SessionCounts, decode_marks
from ewo_desk.importers.errors import DEFAULT_FIX, MalformedImport
from ewo_desk.importers.parsed import (
    CTF_XML,
    ImportedContact,
    ImportedPupil,
    ParsedImport,
    YearTotals,
    codes_in,
    iso_date,
    sha256_of,
)

IMPORTER_VERSION = "ctf-xml/1"
KNOWN_VERSIONS = range(17, 26)  # CTF 17 to CTF 25 (ctf-attendance.md scope)
_BOOLEANS = {"true": True, "false": False, "1": True, "0": False}
_XML_WRAP = re.compile(r"\r?\n[ \t]*")
_UNSAFE_FIX = "Ask the sender for the CTF exactly as their school software exported it."


def read_ctf(
    path: Path | str, *, not_after: datetime.date | None = None, policy: Policy | None = None
) -> ParsedImport:
    path = Path(path)
    return parse_ctf(path.read_bytes(), path.name, not_after=not_after, policy=policy)


def parse_ctf(
    data: bytes,
    file_name: str,
    *,
    not_after: datetime.date | None = None,
    policy: Policy | None = None,
) -> ParsedImport:
    """Parse a whole CTF, or raise MalformedImport. `not_after` (normally today) refuses marks
    dated later."""
    warnings: list[str] = []
    root = _parse_xml(data, file_name, warnings)
    return _Ctf(file_name, not_after, policy or Policy(), warnings).parse(root, sha256_of(data))


def _parse_xml(data: bytes, file_name: str, warnings: list[str]) -> Element:
    if not data.strip():
        raise MalformedImport(file_name, "the file is empty")
    source: bytes | str = data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 re-saved by an editor may still declare utf-8; the byte-order mark decides.
        try:
            source = data.decode("utf-16")
        except UnicodeDecodeError:
            raise MalformedImport(file_name, "the file is not valid UTF-16 text") from None
    try:
        root = _fromstring(source, file_name)
    except ParseError as err:
        line = err.position[0]
        if "invalid token" not in str(err) or _is_utf8(data):
            raise _xml_error(file_name, err) from None
        # Declared UTF-8 but written in Windows-1252 (names with accents): read it as that.
        try:
            root = _fromstring(data.decode("cp1252"), file_name)
        except (ParseError, UnicodeDecodeError):
            raise _xml_error(file_name, err) from None
        warnings.append(
            f"the file is not valid UTF-8 (first at line {line}); it was read as Windows-1252"
        )
    for element in root.iter():  # no real CTF has a namespace; strip one if it appears
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.split("}", 1)[1]
    return root


def _fromstring(data: bytes | str, file_name: str) -> Element:
    try:
        root: Element = SafeET.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException:
        raise MalformedImport(
            file_name,
            "the file declares a document type or XML entities, which EWO Desk refuses: a "
            "crafted file can use them to exhaust memory or read other files, and no real CTF "
            "has them",
            fix=_UNSAFE_FIX,
        ) from None
    except (LookupError, ValueError) as err:
        # expat hands the declared encoding to Python's codecs: an unknown or non-text codec
        # ("u-f-8", "hex", "utf-32") surfaces here, never as a ParseError.
        raise MalformedImport(
            file_name,
            f"the file declares a text encoding that cannot be read ({err})",
            fix="Export the file again from the school's MIS as UTF-8.",
        ) from None
    return root


def _xml_error(file_name: str, err: ParseError) -> MalformedImport:
    line = err.position[0]
    reason = str(err).split(":")[0]
    if reason in ("no element found", "unclosed token"):
        return MalformedImport(
            file_name, "the XML stops before it is complete: the file looks truncated", line=line
        )
    column = err.position[1] + 1
    return MalformedImport(file_name, f"the XML is broken at column {column}: {reason}", line=line)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _text(parent: Element, *names: str) -> str | None:
    """Stripped text of the first child named one of `names` (spelling variants); None if absent
    or empty."""
    for name in names:
        child = parent.find(name)
        if child is not None:
            value = (child.text or "").strip()
            return value or None
    return None


class _Ctf:
    def __init__(
        self,
        file_name: str,
        not_after: datetime.date | None,
        policy: Policy,
        warnings: list[str],
    ) -> None:
        self.file_name = file_name
        self.not_after = not_after
        self.policy = policy
        self.warnings = warnings

    def fail(self, element: str, problem: str, fix: str | None = None) -> MalformedImport:
        return MalformedImport(self.file_name, problem, element=element, fix=fix or DEFAULT_FIX)

    def parse(self, root: Element, sha256: str) -> ParsedImport:
        if root.tag == "ATfile":
            raise self.fail(
                "<ATfile>",
                "this is an Admissions Transfer File, not a Common Transfer File",
                fix="Import the CTF the school sends when the pupil joins or leaves.",
            )
        if root.tag != "CTfile":
            raise self.fail(
                f"<{root.tag}>", "this is not a Common Transfer File (the root is not <CTfile>)"
            )
        school_urn = self._header(root)
        pupils: list[ImportedPupil] = []
        contacts: list[ImportedContact] = []
        totals: list[YearTotals] = []
        registers: dict[str, PupilRegister] = {}
        seen: set[str] = set()
        for number, element in enumerate(root.iterfind("CTFpupilData/Pupil"), start=1):
            pupil = self._pupil(element, number)
            if pupil.upn in seen:
                raise self.fail(f"Pupil {number}", f"the UPN {pupil.upn} appears twice in the file")
            seen.add(pupil.upn)
            pupils.append(pupil)
            contacts.extend(self._contacts(element, pupil))
            by_slot = self._attendance(element, pupil, _where(number, pupil), totals)
            if by_slot:
                registers[pupil.upn] = PupilRegister.from_slots(pupil.upn, by_slot, self.policy)
        if not pupils:
            raise self.fail("CTFpupilData", "the file holds no pupils")
        return ParsedImport(
            file_name=self.file_name,
            sha256=sha256,
            format=CTF_XML,
            importer_version=IMPORTER_VERSION,
            school_urn=school_urn,
            code_set=codes_in(registers),
            pupils=tuple(sorted(pupils, key=lambda p: p.upn)),
            contacts=tuple(contacts),
            registers=dict(sorted(registers.items())),
            year_totals=tuple(totals),
            warnings=tuple(self.warnings),
        )

    def _header(self, root: Element) -> str | None:
        header = root.find("Header")
        if header is None:
            raise self.fail("Header", "the file has no Header")
        version = _text(header, "CTFversion", "CTFVersion")
        try:
            major = int(float(version or ""))
        except ValueError:
            major = None
        if major not in KNOWN_VERSIONS:
            self.warnings.append(f"CTF version {version!r} is outside the known range 17 to 25")
        if _text(header, "DocumentQualifier") == "partial":
            self.warnings.append("a partial CTF: missing contacts or attendance mean 'not sent'")
        source = header.find("SourceSchool")
        urn = None if source is None else _text(source, "URN")
        return None if urn is None or not urn.isdigit() else urn

    def _pupil(self, element: Element, number: int) -> ImportedPupil:
        upn = _text(element, "UPN")
        name = ", ".join(filter(None, (_text(element, "Surname"), _text(element, "Forename"))))
        where = f"Pupil {number}" + (f" ({name})" if name else "")
        if upn is None:
            raise self.fail(where, "the pupil has no UPN, and EWO Desk matches pupils by UPN")
        if not is_upn_shape(upn):
            raise self.fail(where, f"the UPN {upn!r} is not a UPN")
        if not upn_check_letter_ok(upn):
            self.warnings.append(f"{where}: the UPN {upn} fails its check letter")
        basic = element.find("BasicDetails")
        return ImportedPupil(
            upn=upn,
            surname=_text(element, "Surname"),
            forename=_text(element, "Forename"),
            date_of_birth=self._date(element, "DOB", where),
            sex=_text(element, "Sex", "Gender"),
            former_upn=None if basic is None else _text(basic, "FormerUPN"),
            address=_address(element.find("Address")),
        )

    def _date(self, parent: Element, name: str, where: str) -> datetime.date | None:
        text = _text(parent, name)
        if text is None:
            return None
        day = iso_date(text)
        if day is None:
            raise self.fail(f"{where}, {name}", f"{text!r} is not a date written as YYYY-MM-DD")
        return day

    def _int(self, parent: Element, name: str, where: str) -> int:
        text = _text(parent, name)
        if text is None or not _is_number(text):
            problem = "is missing" if text is None else f"is {text!r}, not a whole number"
            raise self.fail(f"{where}, {name}", f"the session count {problem}")
        return int(text)

    def _contacts(self, element: Element, pupil: ImportedPupil) -> Iterator[ImportedContact]:
        found = []
        for number, contact in enumerate(element.iterfind("Contacts/Contact"), start=1):
            where = f"Pupil {pupil.upn}, Contact {number}"
            order = _text(contact, "Order")
            if order is not None and not _is_number(order):
                raise self.fail(f"{where}, Order", f"{order!r} is not a whole number")
            responsibility = _text(contact, "Responsibility")
            flag = None  # absent: the file does not say (never read as "no")
            if responsibility is not None:
                flag = _BOOLEANS.get(responsibility.lower())
                if flag is None:
                    raise self.fail(
                        f"{where}, Responsibility", f"{responsibility!r} is not true or false"
                    )
            address_element = contact.find("Address")
            as_pupil = address_element is not None and (
                (_text(address_element, "AddressAsPupil") or "").lower() == "true"
            )
            found.append(
                ImportedContact(
                    pupil_upn=pupil.upn,
                    order=None if order is None else int(order),
                    title=_text(contact, "Title"),
                    surname=_text(contact, "Surname"),
                    forename=_text(contact, "Forename"),
                    relationship=_text(contact, "Relationship"),
                    parental_responsibility=flag,
                    address=pupil.address if as_pupil else _address(address_element),
                    phones=tuple(
                        (_text(phone, "TelephoneType") or "", number_text)
                        for phone in contact.iterfind("Phones/Phone")
                        if (number_text := _text(phone, "PhoneNo")) is not None
                    ),
                    email=_text(contact, "Email"),
                )
            )
        # Files need not list contacts in priority order.
        yield from sorted(found, key=lambda c: (c.order is None, c.order or 0))

    def _attendance(
        self, element: Element, pupil: ImportedPupil, where: str, totals: list[YearTotals]
    ) -> dict[int, str]:
        """Read every YearData block; return the pupil's decoded marks as slot -> code."""
        leaving = _leaving_dates(element)
        by_slot: dict[int, str] = {}
        source: dict[int, str] = {}  # slot -> block that gave it, for conflict messages
        for number, year_data in enumerate(element.iterfind("Attendance/YearData"), start=1):
            block_where = f"{where}, YearData {number}"
            year_text = _text(year_data, "Year")
            if year_text is None or not _is_number(year_text):
                raise self.fail(block_where, f"the Year {year_text!r} is not a year")
            urn = _text(year_data, "URN")
            block = YearTotals(
                upn=pupil.upn,
                year=int(year_text),
                lea=_text(year_data, "LEA") or "",
                estab=_text(year_data, "Estab") or "",
                urn=urn if urn is not None and urn.isdigit() else None,
                school_name=_text(year_data, "SchoolName"),
                possible=self._int(year_data, "SessionsPossible", block_where),
                attended=self._int(year_data, "SessionsAttended", block_where),
                authorised=self._int(year_data, "SessionsAuthorised", block_where),
                unauthorised=self._int(year_data, "SessionsUnauthorised", block_where),
            )
            block_where += f" ({block.year}, {block.lea}/{block.estab})"
            sessions = year_data.find("AttendSessions")
            decoded: dict[int, str] = {}
            if sessions is not None:
                leaving_date = leaving.get((block.lea, block.estab))
                decoded, alignment = self._marks(sessions, block, leaving_date, block_where)
                if alignment is not None:
                    block = replace(block, marks_alignment=alignment)
            totals.append(block)
            for slot, code in decoded.items():
                first = by_slot.setdefault(slot, code)
                if first != code:
                    raise self.fail(
                        block_where,
                        f"the marks give {code!r} for {date_of_slot(slot):%d/%m/%Y} "
                        f"{session_of_slot(slot)}, but {source[slot]} gives {first!r}",
                    )
                source.setdefault(slot, block_where)
        return by_slot

    def _marks(
        self,
        sessions: Element,
        block: YearTotals,
        leaving: datetime.date | None,
        where: str,
    ) -> tuple[dict[int, str], str | None]:
        start = self._date(sessions, "AttendanceStartDate", where) or self._date(
            sessions, "AttendStartDate", where
        )
        marks_element = sessions.find("AttendanceMarks")
        if marks_element is None:
            marks_element = sessions.find("AttendMarks")
        raw = "" if marks_element is None else (marks_element.text or "")
        string = _XML_WRAP.sub("", raw)
        if string != raw:
            self.warnings.append(f"{where}: line breaks inside the marks string were removed")
        if not string:
            return {}, None
        if start is None:
            raise self.fail(where, "the session marks have no start date, so cannot be dated")
        counts = SessionCounts(block.possible, block.attended, block.authorised, block.unauthorised)
        try:
            return decode_marks(
                string,
                start,
                block.year,
                counts,
                leaving=leaving,
                not_after=self.not_after,
                policy=self.policy,
            )
        except MarksProblem as problem:
            raise self.fail(where, problem.problem, problem.fix) from None


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _where(number: int, pupil: ImportedPupil) -> str:
    return f"Pupil {number} ({pupil.upn})"


def _leaving_dates(pupil: Element) -> dict[tuple[str, str], datetime.date]:
    """(LEA, Estab) -> leaving date, from SchoolHistory; unreadable dates are ignored."""
    found = {}
    for school in pupil.iterfind("SchoolHistory/School"):
        leaving = iso_date(_text(school, "LeavingDate") or "")
        if leaving is not None:
            found[(_text(school, "LEA") or "", _text(school, "Estab") or "")] = leaving
    return found


def _address(element: Element | None) -> tuple[str, ...]:
    if element is None:
        return ()
    lines: list[str] = []
    bs7666 = element.find("BS7666Address")
    parts: tuple[str, ...]
    if bs7666 is not None:
        parts = ("SAON", "PAON", "Street", "Locality", "Town", "AdministrativeArea", "PostTown")
    else:
        bs7666 = element.find("AddressLines")
        parts = tuple(f"AddressLine{n}" for n in range(1, 6))
    for part in parts:
        value = None if bs7666 is None else _text(bs7666, part)
        if value and value not in lines:  # PostTown often repeats Town
            lines.append(" ".join(value.split()))  # SIMS pads PAON/SAON with spaces
    for part in ("County", "PostCode"):
        value = _text(element, part)
        if value:
            lines.append(value)
    return tuple(lines)
