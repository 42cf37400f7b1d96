"""Attendance marks in the vault: imports as immutable snapshots, and the newest mark per session.

An import adds one AttendanceImport and its marks, in one transaction, or nothing. Marks are never
updated: figures read, for each session, the mark of the newest import that has one. What a new
import changes in history (old -> new) is reported, never silently applied.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ewo_desk import __version__
from ewo_desk.domain.attendance import (
    MarkChange,
    PupilRegister,
    ThresholdResult,
    changed_marks,
    newest_marks,
    penalty_threshold,
)
from ewo_desk.domain.attendance.marks import Session as RegisterSession
from ewo_desk.domain.attendance.marks import date_of_slot, session_of_slot, slot_of
from ewo_desk.domain.settings import Policy
from ewo_desk.errors import ImportError_
from ewo_desk.importers.parsed import ParsedImport
from ewo_desk.store import audit
from ewo_desk.store.bulk import bind_processor, insert_rows, insert_tuples
from ewo_desk.store.casework import current_officer
from ewo_desk.store.policy import load_policy
from ewo_desk.store.schema import AttendanceImport, AttendanceMark, Child, School


class AlreadyImported(ImportError_):
    pass


class UnknownPupils(ImportError_):
    pass


@dataclass
class ImportReport:
    import_id: int
    file_name: str
    marks: int
    pupils: int
    pupils_added: list[str] = field(default_factory=list)  # UPNs new to the caseload
    changed: list[MarkChange] = field(default_factory=list)  # historic marks recoded
    new_crossings: list[ThresholdResult] = field(default_factory=list)


def import_parsed(session: Session, parsed: ParsedImport, today: date) -> ImportReport:
    """Store a parsed file as a new snapshot. Raises (and writes nothing) if it cannot."""
    earlier = session.scalars(
        sa.select(AttendanceImport).where(AttendanceImport.sha256 == parsed.sha256)
    ).first()
    if earlier is not None:
        raise AlreadyImported(
            f"{parsed.file_name} was already imported on {earlier.imported_at:%d/%m/%Y} "
            f"(as {earlier.source_name}); nothing was imported again."
        )
    policy = load_policy(session)
    children, added = _children_for(session, parsed)
    before = registers(session, list(children.values()))
    snapshot = AttendanceImport(
        source_name=parsed.file_name,
        sha256=parsed.sha256,
        file_format=parsed.format,
        importer_version=f"{parsed.importer_version} / EWO Desk {__version__}",
        school_id=_school_id(session, parsed.school_urn),
        school_urn=parsed.school_urn or "",
        date_from=parsed.first_date,
        date_to=parsed.last_date,
        code_set=" ".join(sorted(parsed.code_set)),
        imported_by_id=(officer.id if (officer := current_officer(session)) else None),
    )
    session.add(snapshot)
    session.flush()
    count = insert_tuples(
        session,
        AttendanceMark.__table__,
        ["import_id", "child_id", "date", "session", "code"],
        _mark_rows(session, snapshot.id, children, parsed),
    )
    snapshot.mark_count = count
    report = ImportReport(snapshot.id, parsed.file_name, count, len(parsed.registers), added)
    for upn, register in parsed.registers.items():
        changes, crossing = pupil_changes(before.get(upn), register, policy)
        report.changed.extend(c for c in changes if c.old is not None)
        if crossing is not None:
            report.new_crossings.append(crossing)
    audit.record(
        session, "import", "attendance_import", snapshot.id,
        file=parsed.file_name, sha256=parsed.sha256, marks=count,
        changed=len(report.changed), new_crossings=len(report.new_crossings),
    )  # fmt: skip
    return report


def pupil_changes(
    held: PupilRegister | None, incoming: PupilRegister, policy: Policy | None = None
) -> tuple[tuple[MarkChange, ...], ThresholdResult | None]:
    """What one pupil's incoming marks do to the marks held: the sessions they add or recode
    (old None: no mark was held; () when nothing was held at all), and the penalty-notice
    threshold crossing they make that the held marks did not (None if none). Shared by
    import_parsed and store.import_preview, so a preview says what the import will report."""
    if held is None:
        now = penalty_threshold(incoming, policy)
        return (), (now if now.met else None)
    was = penalty_threshold(held, policy)
    now = penalty_threshold(newest_marks(held, incoming), policy)
    crossing = now if now.met and (not was.met or was.met_on != now.met_on) else None
    return changed_marks(held, incoming), crossing


def _mark_rows(
    session: Session, import_id: int, children: dict[str, int], parsed: ParsedImport
) -> Iterator[tuple[object, ...]]:
    """Rows in database form. A school file repeats the same few hundred sessions for every
    pupil, so each session's date is converted (by the column's own type) once, not per mark."""
    to_db = bind_processor(AttendanceMark.__table__.c.date, session) or (lambda value: value)
    sessions: dict[int, tuple[object, str]] = {}
    for upn, register in parsed.registers.items():
        child_id = children[upn]
        for slot, code in zip(register.slots, register.codes, strict=True):
            when = sessions.get(slot)
            if when is None:
                when = sessions[slot] = (to_db(date_of_slot(slot)), session_of_slot(slot).name)
            yield (import_id, child_id, when[0], when[1], code)


def registers(session: Session, child_ids: list[int] | None = None) -> dict[str, PupilRegister]:
    """The newest mark for every session of each child (all children if none are named)."""
    query = (
        sa.select(Child.upn, AttendanceMark.date, AttendanceMark.session, AttendanceMark.code)
        .join(Child, Child.id == AttendanceMark.child_id)
        .order_by(AttendanceMark.import_id)
    )
    if child_ids is not None:
        if not child_ids:
            return {}
        query = query.where(AttendanceMark.child_id.in_(child_ids))
    by_pupil: dict[str, dict[int, str]] = defaultdict(dict)
    for upn, day, session_name, code in session.execute(query):
        by_pupil[upn][slot_of(day, RegisterSession[session_name])] = code  # newest import wins
    return {
        upn: PupilRegister.from_slots(upn, slots, checked=True) for upn, slots in by_pupil.items()
    }


def mark_history(session: Session, child_id: int) -> list[dict[str, object]]:
    """Sessions whose mark differs between imports: what the school changed, and when we saw it."""
    rows = session.execute(
        sa.select(AttendanceMark.date, AttendanceMark.session, AttendanceMark.code,
                  AttendanceImport.source_name, AttendanceImport.imported_at)
        .join(AttendanceImport, AttendanceImport.id == AttendanceMark.import_id)
        .where(AttendanceMark.child_id == child_id)
        .order_by(AttendanceMark.date, AttendanceMark.session, AttendanceMark.import_id)
    ).all()  # fmt: skip
    history: list[dict[str, object]] = []
    previous: dict[tuple[date, str], str] = {}
    for day, session_name, code, source, imported_at in rows:
        old = previous.get((day, session_name))
        if old is not None and old != code:
            history.append(
                {
                    "date": day.isoformat(),
                    "session": session_name,
                    "old": old,
                    "new": code,
                    "file": source,
                    "imported_at": imported_at.isoformat(),
                }
            )
        previous[(day, session_name)] = code
    return history


def _children_for(session: Session, parsed: ParsedImport) -> tuple[dict[str, int], list[str]]:
    """Child ids by UPN; pupils new to the caseload are added from the file's own details."""
    upns = list(parsed.registers)
    known: dict[str, int] = {}
    for chunk in range(0, len(upns), 500):
        query = sa.select(Child.upn, Child.id).where(Child.upn.in_(upns[chunk : chunk + 500]))
        known.update({upn: child_id for upn, child_id in session.execute(query)})
    details = {p.upn: p for p in parsed.pupils}
    missing = [upn for upn in upns if upn not in known]
    nameless = [upn for upn in missing if not (details.get(upn) and details[upn].surname)]
    if nameless:
        listed = ", ".join(nameless[:10]) + (" …" if len(nameless) > 10 else "")
        raise UnknownPupils(
            f"{parsed.file_name}: {len(nameless)} pupil(s) are not in your caseload and the file "
            f"gives no name for them: {listed}. Add them first, or import a file with the "
            "pupils' names (a CTF, or a register export with surname and forename columns). "
            "Nothing was imported."
        )
    rows = []
    for upn in missing:
        pupil = details[upn]
        rows.append(
            {
                "upn": upn,
                "given_names": pupil.forename or "",
                "family_name": pupil.surname,
                "date_of_birth": pupil.date_of_birth,
                "sex": (pupil.sex or "U")[:1],
            }
        )
    if rows:
        insert_rows(session, Child.__table__, rows)
        query = sa.select(Child.upn, Child.id).where(Child.upn.in_(missing))
        known.update({upn: child_id for upn, child_id in session.execute(query)})
    return known, missing


def _school_id(session: Session, urn: str | None) -> int | None:
    if not urn:
        return None
    school = session.scalars(sa.select(School).where(School.urn == urn)).first()
    if school is None:
        school = School(urn=urn, name=f"School URN {urn}")
        session.add(school)
        session.flush()
    return school.id
