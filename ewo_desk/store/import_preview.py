"""A dry run of an import: what storing a parsed file WOULD change, worked out without writing.

The officer sees this before choosing to import. It reads the marks held (`marks.registers`) and
compares them pupil by pupil with the file through the rule the import itself reports with
(`marks.pupil_changes`), so the preview and the import's report agree. Nothing is written and no
write lock is taken, so previewing a whole-school file holds up no other work.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ewo_desk.domain.attendance import MarkChange, ThresholdResult
from ewo_desk.importers.parsed import ParsedImport
from ewo_desk.store.marks import pupil_changes, registers
from ewo_desk.store.policy import load_policy
from ewo_desk.store.schema import AttendanceImport, Case, Child, School

Progress = Callable[[int, int], None]  # (pupils done, pupils in the file)
_CHUNK = 500  # UPNs per IN (...) query: SQLite's variable limit is well above this


class Match(enum.Enum):
    """How a pupil in the file is matched to the caseload."""

    CASE = "matched to a case"
    CHILD = "in the caseload, no case"
    NEW = "new: added from the file"
    UNKNOWN = "unknown: the file gives no name"


@dataclass(frozen=True)
class PupilPreview:
    upn: str
    name: str  # from the caseload, else from the file, else ""
    match: Match
    case_refs: tuple[str, ...]  # open cases first
    marks: int
    new_marks: int  # sessions with no mark held before
    changed: int  # historic marks the file recodes


@dataclass(frozen=True)
class ImportPreview:
    parsed: ParsedImport
    school: str  # the school's name in the caseload, or its URN
    pupils: tuple[PupilPreview, ...]  # matched to cases first
    changed: tuple[MarkChange, ...]  # historic marks recoded, old -> new (old is never None)
    new_crossings: tuple[ThresholdResult, ...]
    refused: str  # why the import would be refused; "" when it would go ahead

    @property
    def marks(self) -> int:
        return sum(p.marks for p in self.pupils)

    @property
    def new_marks(self) -> int:
        return sum(p.new_marks for p in self.pupils)

    @property
    def unchanged(self) -> int:
        """Marks the file repeats exactly: stored again in the snapshot, changing nothing."""
        return self.marks - self.new_marks - len(self.changed)

    def count(self, match: Match) -> int:
        return sum(1 for p in self.pupils if p.match is match)


def preview_import(
    session: Session, parsed: ParsedImport, progress: Progress | None = None
) -> ImportPreview:
    """What `marks.import_parsed(session, parsed, ...)` would store and report, read-only."""
    upns = list(parsed.registers)
    children = _children(session, upns)
    refs = _case_refs(session, [child_id for child_id, _ in children.values()])
    held = registers(session, [child_id for child_id, _ in children.values()])
    policy = load_policy(session)
    details = {p.upn: p for p in parsed.pupils}
    pupils, changed, crossings = [], [], []
    step = max(1, len(upns) // 100)  # about a hundred progress reports, however big the file
    for done, upn in enumerate(upns, start=1):
        register = parsed.registers[upn]
        changes, crossing = pupil_changes(held.get(upn), register, policy)
        recoded = [c for c in changes if c.old is not None]
        changed.extend(recoded)
        if crossing is not None:
            crossings.append(crossing)
        child_id, name = children.get(upn, (None, ""))
        pupil = details.get(upn)
        if child_id is None:
            named = bool(pupil and pupil.surname)
            name = " ".join(n for n in (pupil.forename, pupil.surname) if n) if pupil else ""
            match = Match.NEW if named else Match.UNKNOWN
        else:
            match = Match.CASE if refs.get(child_id) else Match.CHILD
        new_marks = len(register) if upn not in held else len(changes) - len(recoded)
        pupils.append(
            PupilPreview(
                upn, name, match, refs.get(child_id, ()), len(register), new_marks, len(recoded)
            )
        )
        if progress is not None and (done % step == 0 or done == len(upns)):
            progress(done, len(upns))
    order = list(Match)
    pupils.sort(key=lambda p: (order.index(p.match), p.name.casefold(), p.upn))
    return ImportPreview(
        parsed=parsed,
        school=_school(session, parsed.school_urn),
        pupils=tuple(pupils),
        changed=tuple(changed),
        new_crossings=tuple(crossings),
        refused=_refusal(session, parsed, pupils),
    )


def _children(session: Session, upns: list[str]) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(upns), _CHUNK):
        rows = session.execute(
            sa.select(Child.upn, Child.id, Child.given_names, Child.family_name).where(
                Child.upn.in_(upns[start : start + _CHUNK])
            )
        )
        found.update(
            {upn: (child_id, f"{given} {family}") for upn, child_id, given, family in rows}
        )
    return found


def _case_refs(session: Session, child_ids: list[int]) -> dict[int, tuple[str, ...]]:
    refs: dict[int, list[str]] = {}
    for start in range(0, len(child_ids), _CHUNK):
        rows = session.execute(
            sa.select(Case.child_id, Case.ref)
            .where(Case.child_id.in_(child_ids[start : start + _CHUNK]))
            .order_by(Case.status != "open", Case.opened_on.desc())
        )
        for child_id, ref in rows:
            refs.setdefault(child_id, []).append(ref)
    return {child_id: tuple(found) for child_id, found in refs.items()}


def _school(session: Session, urn: str | None) -> str:
    if not urn:
        return "no school named in the file"
    name = session.scalar(sa.select(School.name).where(School.urn == urn))
    return f"{name} (URN {urn})" if name else f"URN {urn} (new to the caseload)"


def _refusal(session: Session, parsed: ParsedImport, pupils: list[PupilPreview]) -> str:
    """The reasons `import_parsed` would refuse the file, in the order it checks them."""
    earlier = session.scalars(
        sa.select(AttendanceImport).where(AttendanceImport.sha256 == parsed.sha256)
    ).first()
    if earlier is not None:
        return (
            f"This file was already imported on {earlier.imported_at:%d/%m/%Y} (as "
            f"{earlier.source_name}), so it would not be imported again."
        )
    nameless = [p.upn for p in pupils if p.match is Match.UNKNOWN]
    if nameless:
        listed = ", ".join(nameless[:10]) + (" …" if len(nameless) > 10 else "")
        return (
            f"{len(nameless)} pupil(s) are not in your caseload and the file gives no name for "
            f"them: {listed}. Add them first, or import a file with the pupils' names (a CTF, or "
            "a register export with surname and forename columns)."
        )
    return ""
