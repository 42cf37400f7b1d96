"""A case whose child has register marks in the vault, for the attendance screen tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from ewo_desk.domain.attendance import PupilRegister
from ewo_desk.importers.register_csv import parse_register_csv
from ewo_desk.store.marks import import_parsed
from ewo_desk.store.schema import AttendanceImport, AttendanceMark, AuditEntry, Case, Child
from ewo_desk.ui import worker
from tests.unit.attendance.builders import PRESENT_WEEK, UPN, weeks

TODAY = date(2026, 10, 16)  # a Friday
REF = "EWO-2026-0001"
FIRST_MONDAY = date(2026, 9, 7)
# Six school weeks: present, a holiday not authorised, mixed, illness, N codes, present.
AUTUMN = weeks(
    FIRST_MONDAY,
    PRESENT_WEEK,
    "G" * 10,
    "/\\/\\GG/\\MM",
    "/\\II/\\/\\/\\",
    "NN/\\/\\OO/\\",
    "/\\/\\/\\/\\##",
)


def csv_bytes(register: PupilRegister) -> bytes:
    rows = "".join(
        f"{m.upn},{m.date.isoformat()},{m.session.name},{m.code},Dvořák,Zoë\n"
        for m in register.marks()
    )
    return ("upn,date,session,code,surname,forename\n" + rows).encode()


def write_csv(folder: Path, name: str, register: PupilRegister) -> Path:
    path = folder / name
    path.write_bytes(csv_bytes(register))
    return path


def store(vault, register: PupilRegister, name: str = "autumn.csv"):
    parsed = parse_register_csv(csv_bytes(register), name, not_after=TODAY)
    with vault.session() as session:
        return import_parsed(session, parsed, TODAY)


def add_case(vault) -> None:
    with vault.session() as session:
        child = Child(upn=UPN, given_names="Zoë", family_name="Dvořák")
        session.add(child)
        session.flush()
        session.add(Case(ref=REF, child_id=child.id, opened_on=date(2026, 9, 1)))


def stored_counts(vault) -> list[int]:
    with vault.reader() as session:
        return [
            session.scalar(sa.select(sa.func.count()).select_from(table))
            for table in (AttendanceImport, AttendanceMark, Child, AuditEntry)
        ]


@pytest.fixture(autouse=True)
def no_work_left_running(qtbot, vault):
    """Every background job reports before the vault closes."""
    yield
    qtbot.waitUntil(lambda: not worker.busy(), timeout=10_000)
