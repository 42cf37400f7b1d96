"""The canonical register CSV: one row per session mark.

Header `upn,date,session,code` (any column order, any case), ISO dates, `AM`/`PM`. Other columns
are allowed; pupil names, date of birth, sex and the school URN are kept when present. Rows may come
in any order. UTF-8 with or without a byte-order mark, LF or CRLF line ends.

The loop is written for whole-school files (half a million rows): each distinct date, session,
code and UPN is checked once and remembered, and marks go straight into per-pupil slot maps.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Mapping
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from ewo_desk.domain.attendance.codes import NEW_CODES_FROM, UnknownCode, category_table
from ewo_desk.domain.attendance.marks import Session
from ewo_desk.domain.attendance.register import PupilRegister
from ewo_desk.domain.attendance.upn import is_upn_shape, upn_check_letter_ok
from ewo_desk.domain.settings import Policy
from ewo_desk.importers.errors import MalformedImport
from ewo_desk.importers.parsed import (
    REGISTER_CSV,
    ImportedPupil,
    ParsedImport,
    codes_in,
    iso_date,
    sha256_of,
)

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

IMPORTER_VERSION = "register-csv/1"
# UPNs began in 1999, so no register keyed by UPN can hold an earlier mark.
EARLIEST_MARK_DATE = datetime.date(1999, 1, 1)
REQUIRED_COLUMNS = ("upn", "date", "session", "code")
# Optional columns kept for the pupil record, with the header names schools' exports use.
DETAIL_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "surname": ("surname", "last_name", "family_name", "legal_surname"),
    "forename": ("forename", "first_name", "given_name", "legal_forename"),
    "date_of_birth": ("dob", "date_of_birth", "birth_date"),
    "sex": ("sex", "gender"),
}
URN_COLUMNS = ("urn", "school_urn")
_UTF8_BOM = b"\xef\xbb\xbf"


def read_register_csv(
    path: Path | str, *, not_after: datetime.date | None = None, policy: Policy | None = None
) -> ParsedImport:
    path = Path(path)
    return parse_register_csv(path.read_bytes(), path.name, not_after=not_after, policy=policy)


def parse_register_csv(
    data: bytes,
    file_name: str,
    *,
    not_after: datetime.date | None = None,
    policy: Policy | None = None,
) -> ParsedImport:
    """Parse a whole register CSV, or raise MalformedImport. `not_after` (normally today) refuses
    marks dated later: a register cannot record a session that has not happened."""
    text = _decode(data, file_name)
    return _Parser(text, file_name, not_after, policy).parse(sha256_of(data))


def _decode(data: bytes, file_name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MalformedImport(
            file_name,
            "the file is saved as UTF-16 text, not UTF-8",
            line=1,
            fix="Save it from the spreadsheet as 'CSV UTF-8' and import it again.",
        )
    body = data[len(_UTF8_BOM) :] if data.startswith(_UTF8_BOM) else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        line = body.count(b"\n", 0, err.start) + 1
        raise MalformedImport(
            file_name,
            f"the file is not UTF-8 text (byte 0x{body[err.start]:02X} cannot be read); it was "
            "probably saved as ANSI or Windows-1252",
            line=line,
            fix="Save it from the spreadsheet as 'CSV UTF-8' and import it again.",
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise MalformedImport(file_name, "the file holds binary data, not CSV text", line=line)
    return text


class _Parser:
    def __init__(
        self,
        text: str,
        file_name: str,
        not_after: datetime.date | None,
        policy: Policy | None,
    ) -> None:
        self.text = text
        self.file_name = file_name
        self.not_after = not_after
        self.policy = policy
        self.warnings: list[str] = []
        self.detail_fields: list[str] = []  # the DETAIL_COLUMNS this file has, in that order
        self.columns: dict[str, int] = {}  # field -> index, from the header
        self.header_line = 1
        self.width = 0

    def fail(self, line: int, problem: str) -> MalformedImport:
        if self._is_unterminated_last_line(line):
            problem += (
                " (this is the last line and it does not end with a line break, so the file "
                "looks truncated)"
            )
        return MalformedImport(self.file_name, problem, line=line)

    def _is_unterminated_last_line(self, line: int) -> bool:
        if self.text.endswith(("\n", "\r")):
            return False
        return line == len(io.StringIO(self.text, newline="").readlines())

    def _reader(self) -> CsvReader:
        return csv.reader(io.StringIO(self.text, newline=""), strict=True, skipinitialspace=True)

    def parse(self, sha256: str) -> ParsedImport:
        reader = self._reader()
        try:
            header = next(reader, None)
            while header is not None and not any(cell.strip() for cell in header):
                header = next(reader, None)
            if header is None:
                raise MalformedImport(self.file_name, "the file is empty", line=1)
            self.header_line, self.width = reader.line_num, len(header)
            self.columns = self._columns(header, reader.line_num)
            slot_maps, details, urns = self._rows(reader, self.columns, self.width)
        except csv.Error as err:
            raise self.fail(
                reader.line_num, f"the CSV cannot be read ({err}); a quoted field may not be closed"
            ) from None
        registers = {
            upn: PupilRegister.from_slots(upn, slot_map, checked=True)
            for upn, slot_map in sorted(slot_maps.items())
        }
        if not registers:
            raise MalformedImport(self.file_name, "the file has a header but no marks", line=2)
        school_urn = None
        urns.discard("")
        if len(urns) == 1:
            school_urn = next(iter(urns))
        elif len(urns) > 1:
            self.warnings.append(
                f"the file names {len(urns)} school URNs: {', '.join(sorted(urns))}"
            )
        return ParsedImport(
            file_name=self.file_name,
            sha256=sha256,
            format=REGISTER_CSV,
            importer_version=IMPORTER_VERSION,
            school_urn=school_urn,
            code_set=codes_in(registers),
            pupils=tuple(self._pupil(upn, details.get(upn)) for upn in registers),
            contacts=(),
            registers=registers,
            warnings=tuple(self.warnings),
        )

    def _columns(self, header: list[str], line: int) -> dict[str, int]:
        names = [cell.strip().lstrip("\ufeff").lower() for cell in header]
        seen: set[str] = set()
        for name in names:
            if name and name in seen:
                raise self.fail(line, f"the header has the column {name!r} twice")
            seen.add(name)
        missing = [c for c in REQUIRED_COLUMNS if c not in seen]
        if missing:
            raise self.fail(
                line,
                f"the header must name the columns upn, date, session and code; "
                f"missing: {', '.join(missing)}",
            )
        columns = {name: names.index(name) for name in REQUIRED_COLUMNS}
        for field, aliases in DETAIL_COLUMNS.items():
            for alias in aliases:
                if alias in seen:
                    columns[field] = names.index(alias)
                    self.detail_fields.append(field)
                    break
        for alias in URN_COLUMNS:
            if alias in seen:
                columns["urn"] = names.index(alias)
                break
        return columns

    def _rows(
        self, reader: CsvReader, columns: dict[str, int], width: int
    ) -> tuple[dict[str, dict[int, str]], dict[str, tuple[int, tuple[str, ...]]], set[str]]:
        required = itemgetter(*(columns[c] for c in REQUIRED_COLUMNS))
        detail_fields = self.detail_fields
        detail_values = _tuple_getter([columns[f] for f in detail_fields])
        i_urn = columns.get("urn")
        switch = NEW_CODES_FROM.toordinal()  # first date of the 2024 code set
        old_codes, new_codes = category_table(False, self.policy), category_table(True, self.policy)
        ordinals: dict[str, int] = {}
        sessions: dict[str, int] = {"AM": 0, "PM": 1}
        slot_maps: dict[str, dict[int, str]] = {}
        details: dict[str, tuple[int, tuple[str, ...]]] = {}  # upn -> (first line, raw cells)
        urns: set[str] = set()

        for row in reader:
            if len(row) != width:
                if not row or not any(cell.strip() for cell in row):
                    continue  # blank line
                shown = ",".join(row)
                shown = shown if len(shown) <= 60 else shown[:57] + "..."
                raise self.fail(
                    reader.line_num,
                    f"the row {shown!r} has {len(row)} fields but the header has {width}",
                )
            upn, day_text, session_text, code = required(row)
            ordinal = ordinals.get(day_text)
            if ordinal is None:
                ordinal = ordinals[day_text] = self._date(day_text, reader.line_num)
            session = sessions.get(session_text)
            if session is None:
                session = sessions[session_text] = self._session(session_text, reader.line_num)
            if code not in (new_codes if ordinal >= switch else old_codes):
                raise self.fail(reader.line_num, _unknown_code(code, ordinal))
            slot_map = slot_maps.get(upn)
            if slot_map is None:
                slot_map = slot_maps[upn] = self._new_pupil(upn, reader.line_num)
            slot = ordinal * 2 + session
            first = slot_map.setdefault(slot, code)
            if first != code:
                raise self._duplicate(upn, slot, first, code, reader.line_num)
            if detail_values is not None:
                values = detail_values(row)
                known = details.setdefault(upn, (reader.line_num, values))
                if known[1] != values and _cells(known[1]) != _cells(values):
                    raise self._inconsistent(upn, known, _cells(values), reader.line_num)
            if i_urn is not None:
                urns.add(row[i_urn].strip())
        return slot_maps, details, urns

    def _date(self, text: str, line: int) -> int:
        day = iso_date(text)
        if day is None:
            raise self.fail(line, f"the date {text!r} is not a real date written as YYYY-MM-DD")
        if day < EARLIEST_MARK_DATE:
            raise self.fail(line, f"the date {day:%d/%m/%Y} is out of range (before 1999)")
        if self.not_after is not None and day > self.not_after:
            raise self.fail(
                line,
                f"the date {day:%d/%m/%Y} is out of range: it is after {self.not_after:%d/%m/%Y}, "
                "so the session cannot have been registered yet",
            )
        return day.toordinal()

    def _session(self, text: str, line: int) -> int:
        try:
            return int(Session.parse(text))
        except ValueError:
            raise self.fail(line, f"the session {text!r} is not AM or PM") from None

    def _new_pupil(self, upn: str, line: int) -> dict[int, str]:
        if not is_upn_shape(upn):
            raise self.fail(
                line,
                f"the UPN {upn!r} is not a UPN (13 characters: a letter, 11 digits, then a digit "
                "or letter)",
            )
        if not upn_check_letter_ok(upn):
            self.warnings.append(f"line {line}: the UPN {upn} fails its check letter")
        return {}

    def _duplicate(self, upn: str, slot: int, first: str, code: str, line: int) -> MalformedImport:
        day = datetime.date.fromordinal(slot >> 1)
        session = Session(slot & 1)
        i_upn, i_date, i_session = (self.columns[c] for c in ("upn", "date", "session"))
        earlier = self._first_line(
            lambda row: (
                row[i_upn] == upn
                and row[i_date] == day.isoformat()
                and row[i_session].strip().upper() == session.name
            )
        )
        return self.fail(
            line,
            f"pupil {upn} has two different codes for {day:%d/%m/%Y} {session}: {first!r} "
            f"(line {earlier}) and {code!r}",
        )

    def _inconsistent(
        self, upn: str, known: tuple[int, tuple[str, ...]], values: tuple[str, ...], line: int
    ) -> MalformedImport:
        first = _cells(known[1])
        field = next(f for f, a, b in zip(self.detail_fields, first, values, strict=True) if a != b)
        label = field.replace("_", " ")
        return self.fail(line, f"pupil {upn} has a different {label} here than on line {known[0]}")

    def _first_line(self, matches: Callable[[list[str]], bool]) -> int | None:
        """Line number of the first data row that `matches` (used only to word an error)."""
        reader = self._reader()
        for row in reader:
            if reader.line_num > self.header_line and len(row) == self.width and matches(row):
                return reader.line_num
        return None

    def _pupil(self, upn: str, found: tuple[int, tuple[str, ...]] | None) -> ImportedPupil:
        if found is None:
            return ImportedPupil(upn)
        line = found[0]
        fields = dict(zip(self.detail_fields, _cells(found[1]), strict=True))
        dob_text = fields.get("date_of_birth") or ""
        dob = iso_date(dob_text) if dob_text else None
        if dob_text and dob is None:
            raise self.fail(
                line, f"pupil {upn}'s date of birth {dob_text!r} is not a date as YYYY-MM-DD"
            )
        return ImportedPupil(
            upn,
            surname=fields.get("surname") or None,
            forename=fields.get("forename") or None,
            date_of_birth=dob,
            sex=fields.get("sex") or None,
        )


def _tuple_getter(indexes: list[int]) -> Callable[[list[str]], tuple[str, ...]] | None:
    """A fast getter of these cells as a tuple (itemgetter gives a bare value for one index)."""
    if not indexes:
        return None
    if len(indexes) == 1:
        index = indexes[0]
        return lambda row: (row[index],)
    return itemgetter(*indexes)


def _cells(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in values)


def _unknown_code(code: str, ordinal: int) -> str:
    day = datetime.date.fromordinal(ordinal)
    if not code.strip():
        return f"the row has no code (session on {day:%d/%m/%Y})"
    return str(UnknownCode(code, day))
