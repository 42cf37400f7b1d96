"""What the attendance tab reads from the vault for one case, in one go (no Qt, no figures).

The register is the newest mark per session (`store.marks.registers`), exactly what letters and
the CLI count; the widgets pass it to the domain's functions for every number they show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ewo_desk.domain.attendance import PupilRegister
from ewo_desk.domain.settings import Policy
from ewo_desk.store.casework import case_by_ref
from ewo_desk.store.marks import mark_history, registers
from ewo_desk.store.policy import load_policy
from ewo_desk.store.schema import AttendanceImport, AttendanceMark, Officer, School


@dataclass(frozen=True)
class HistoricChange:
    """A mark an import recoded: the school changed its register after an earlier export."""

    day: date
    session: str  # "AM" / "PM"
    old: str
    new: str


@dataclass(frozen=True)
class SnapshotRow:
    """One import that holds marks for this pupil, with the marks it changed."""

    id: int
    file: str
    school: str
    date_from: date | None
    date_to: date | None
    imported_by: str
    imported_at: datetime
    sha256: str
    marks: int  # this pupil's marks in the snapshot
    changes: tuple[HistoricChange, ...]


@dataclass(frozen=True)
class PupilAttendance:
    ref: str
    name: str
    upn: str
    register: PupilRegister
    policy: Policy
    snapshots: tuple[SnapshotRow, ...]  # newest first


def load_pupil_attendance(session: Session, ref: str) -> PupilAttendance:
    case = case_by_ref(session, ref)
    child = case.child
    upn = child.upn or ""
    register = registers(session, [child.id]).get(upn) or PupilRegister(upn, (), ())
    return PupilAttendance(
        ref=case.ref,
        name=child.full_name,
        upn=upn,
        register=register,
        policy=load_policy(session),
        snapshots=_snapshots(session, child.id),
    )


def _snapshots(session: Session, child_id: int) -> tuple[SnapshotRow, ...]:
    changes: dict[tuple[str, str], list[HistoricChange]] = {}
    for row in mark_history(session, child_id):
        change = HistoricChange(
            date.fromisoformat(str(row["date"])), str(row["session"]), str(row["old"]),
            str(row["new"]),
        )  # fmt: skip
        changes.setdefault((str(row["file"]), str(row["imported_at"])), []).append(change)
    rows = session.execute(
        sa.select(AttendanceImport, School.name, Officer.name, sa.func.count(AttendanceMark.id))
        .join(AttendanceMark, AttendanceMark.import_id == AttendanceImport.id)
        .outerjoin(School, School.id == AttendanceImport.school_id)
        .outerjoin(Officer, Officer.id == AttendanceImport.imported_by_id)
        .where(AttendanceMark.child_id == child_id)
        .group_by(AttendanceImport.id)
        .order_by(AttendanceImport.id.desc())
    )
    return tuple(
        SnapshotRow(
            id=snapshot.id,
            file=snapshot.source_name,
            school=school or (f"URN {snapshot.school_urn}" if snapshot.school_urn else ""),
            date_from=snapshot.date_from,
            date_to=snapshot.date_to,
            imported_by=officer or "",
            imported_at=snapshot.imported_at,
            sha256=snapshot.sha256,
            marks=count,
            changes=tuple(
                changes.get((snapshot.source_name, snapshot.imported_at.isoformat()), ())
            ),
        )
        for snapshot, school, officer, count in rows
    )
