"""A handful of cases with names from many scripts, for GUI tests and screenshots (all made up)."""

from __future__ import annotations

from datetime import date

from ewo_desk.store.schema import Case, Child, Council, Officer, School
from ewo_desk.store.vault import Vault

SCHOOLS = (
    ("100001", "Riverside Primary School", "Primary"),
    ("100002", "St Aidan's Church of England Academy", "Secondary"),
    ("100003", "Hollins Park Community College", "Secondary"),
)

# (ref, given, family, year, school index, stage, status, opened, postcode)
CASES = (
    ("EWO-2026-0001", "Zoë", "Dvořák", "7", 1, "notice_to_improve", "open", date(2026, 9, 15),
     "NB1 4QT"),
    ("EWO-2026-0002", "Thị Hoa", "Nguyễn", "R", 0, "support", "open", date(2026, 10, 2),
     "NB2 7LX"),
    ("EWO-2026-0003", "芳", "王", "10", 2, "penalty_notice", "open", date(2026, 3, 23),
     "NB3 1AA"),
    ("EWO-2026-0004", "محمد", "Al-Hassan", "9", 2, "attendance_contract", "open",
     date(2026, 1, 12), "NB3 9ZZ"),
    ("EWO-2026-0005", "Siobhán", "Ó Briain", "4", 0, "prosecution", "open", date(2025, 11, 4),
     "NB1 2CD"),
    ("EWO-2026-0006", "Oliver", "Smith", "11", 1, "support", "closed", date(2025, 9, 8),
     "NB4 5EF"),
)  # fmt: skip


def add_sample_cases(vault: Vault, officer: str = "Sam Okafor") -> int:
    with vault.session() as session:
        session.add(Officer(name=officer, is_vault_owner=True))
        session.add(Council(id=1, name="Northbridge Council"))
        schools = [School(urn=urn, name=name, phase=phase) for urn, name, phase in SCHOOLS]
        session.add_all(schools)
        session.flush()
        for ref, given, family, year, school, stage, status, opened, postcode in CASES:
            child = Child(
                given_names=given,
                family_name=family,
                year_group=year,
                school_id=schools[school].id,
                postcode=postcode,
                date_of_birth=date(2015, 5, 1),
            )
            session.add(child)
            session.flush()
            session.add(
                Case(
                    ref=ref,
                    child_id=child.id,
                    school_id=schools[school].id,
                    stage=stage,
                    status=status,
                    opened_on=opened,
                )
            )
    return len(CASES)
