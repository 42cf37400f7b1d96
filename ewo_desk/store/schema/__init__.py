"""The case data model as SQLAlchemy tables. Import from here; each area lives in its own module."""

from ewo_desk.store.schema.attendance import AttendanceImport, AttendanceMark
from ewo_desk.store.schema.audit import AuditEntry
from ewo_desk.store.schema.base import Base
from ewo_desk.store.schema.cases import (
    Case,
    ChronologyEntry,
    ChronologyRevision,
    HomeVisit,
    Task,
)
from ewo_desk.store.schema.documents import GeneratedDocument
from ewo_desk.store.schema.legal import LegalAction
from ewo_desk.store.schema.people import (
    Child,
    ChildParent,
    Council,
    Officer,
    ParentCarer,
    School,
    SchoolContact,
)

__all__ = [
    "AttendanceImport",
    "AttendanceMark",
    "AuditEntry",
    "Base",
    "Case",
    "Child",
    "ChildParent",
    "ChronologyEntry",
    "ChronologyRevision",
    "Council",
    "GeneratedDocument",
    "HomeVisit",
    "LegalAction",
    "Officer",
    "ParentCarer",
    "School",
    "SchoolContact",
    "Task",
]
