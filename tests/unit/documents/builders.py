"""A realistic case built with the store models, the school's register imported for it, and the
values each letter template asks for (dates and words: never an attendance figure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from ewo_desk.importers.register_csv import parse_register_csv
from ewo_desk.store.marks import import_parsed
from ewo_desk.store.schema import (
    Case,
    Child,
    ChildParent,
    ChronologyEntry,
    Council,
    LegalAction,
    Officer,
    ParentCarer,
    School,
)

TODAY = date(2026, 11, 23)
REF = "C-2026-014"
UPN = "A123456789012"
REGISTER_FILE = "stmarys-register-2026-11-20.csv"
TERM = (date(2026, 9, 3), date(2026, 11, 20))  # the autumn term so far (half term 26-30 Oct)
HALF_TERM = (date(2026, 10, 26), date(2026, 10, 30))
# Every session that is not an ordinary "/" (AM) or "\" (PM) in the register below.
REGISTER_CODES = {
    # unauthorised: O (not authorised), G (holiday not authorised), N (no reason yet)
    ("2026-09-14", "AM"): "O",
    ("2026-09-14", "PM"): "O",
    ("2026-09-18", "AM"): "O",
    ("2026-09-18", "PM"): "O",
    ("2026-10-05", "AM"): "O",
    ("2026-10-05", "PM"): "O",
    ("2026-10-16", "AM"): "O",
    ("2026-10-16", "PM"): "O",
    ("2026-11-09", "AM"): "G",
    ("2026-11-09", "PM"): "G",
    ("2026-11-16", "AM"): "N",
    ("2026-11-20", "AM"): "U",
    # authorised: I (illness), M (medical appointment)
    ("2026-09-22", "AM"): "I",
    ("2026-09-22", "PM"): "I",
    ("2026-09-23", "AM"): "I",
    ("2026-09-23", "PM"): "I",
    ("2026-10-01", "AM"): "M",
    # approved educational activity (P: sporting activity), late before registers closed (L)
    ("2026-10-08", "PM"): "P",
    ("2026-10-07", "AM"): "L",
    # not a possible session: # (planned whole-school closure, an INSET day)
    ("2026-11-02", "AM"): "#",
    ("2026-11-02", "PM"): "#",
}


def school_days(start: date = TERM[0], end: date = TERM[1]) -> list[date]:
    days, day = [], start
    while day <= end:
        if day.weekday() < 5 and not HALF_TERM[0] <= day <= HALF_TERM[1]:
            days.append(day)
        day += timedelta(days=1)
    return days


def register_csv(codes: dict[tuple[str, str], str] | None = None, days=None, upn=UPN) -> bytes:
    """The school's register export for the child: one row per session mark."""
    codes = REGISTER_CODES if codes is None else codes
    rows = ["upn,date,session,code"]
    for day in school_days() if days is None else days:
        for session, usual in (("AM", "/"), ("PM", "\\")):
            rows.append(
                f"{upn},{day.isoformat()},{session},{codes.get((day.isoformat(), session), usual)}"
            )
    return ("\r\n".join(rows) + "\r\n").encode()


def import_register(session, data: bytes | None = None, name: str = REGISTER_FILE) -> int:
    """Parse a register CSV and store it as an import; its id."""
    parsed = parse_register_csv(register_csv() if data is None else data, name, not_after=TODAY)
    return import_parsed(session, parsed, TODAY).import_id


@dataclass(frozen=True)
class Built:
    ref: str
    mother_id: int
    father_id: int
    officer_id: int
    pn_action_id: int
    child_id: int = 0
    import_id: int | None = None  # the register import (None: built with marks=False)


def build_case(
    session,
    *,
    child_given="Amelia",
    child_family="Wiśniewska",
    father=("Mr", "Łukasz", "Wiśniewski"),
    mother=("Ms", "Siobhán", "Ó Briain"),
    council_name="Northbridge City Council",
    letterhead: bytes | None = None,
    logo: bytes | None = None,
    signature: bytes | None = None,
    chronology: int = 6,
    marks: bool = True,
) -> Built:
    session.add(
        Council(
            id=1,
            name=council_name,
            service_name="School Attendance Support Service",
            address_line1="Civic Centre, 1 Market Street",
            town="Northbridge",
            postcode="NB1 1AA",
            phone="01632 960 100",
            email="attendance@northbridge.example.gov.uk",
            letterhead=letterhead,
            logo=logo,
        )
    )
    officer = Officer(
        name="Zoë Dvořák",
        role="Education Welfare Officer",
        team="North Team",
        email="zoe.dvorak@northbridge.example.gov.uk",
        phone="01632 960 123",
        may_issue_penalty_notices=True,
        is_vault_owner=True,
        signature=signature,
    )
    school = School(
        urn="123456",
        name="St Mary's Church of England Primary School",
        phase="Primary",
        head_teacher="Mrs Nguyễn Thị Hoa",
        address_line1="Church Lane",
        town="Northbridge",
        postcode="NB2 3CD",
        phone="01632 960 555",
        email="office@stmarys.example.sch.uk",
    )
    session.add_all([officer, school])
    session.flush()
    child = Child(
        upn=UPN,
        given_names=child_given,
        family_name=child_family,
        date_of_birth=date(2016, 4, 3),
        sex="F",
        year_group="5",
        school_id=school.id,
        address_line1="12 Acacia Avenue",
        address_line2="Eastfield",
        town="Northbridge",
        postcode="NB4 5EF",
    )
    dad = ParentCarer(
        title=father[0],
        given_names=father[1],
        family_name=father[2],
        address_line1="12 Acacia Avenue",
        address_line2="Eastfield",
        town="Northbridge",
        postcode="NB4 5EF",
        phone_mobile="07700 900123",
        language="Polish",
        interpreter_needed=True,
    )
    mum = ParentCarer(
        title=mother[0],
        given_names=mother[1],
        family_name=mother[2],
        address_line1="Flat 3, 40 Harbour Road",
        town="Northbridge",
        postcode="NB7 8GH",
    )
    session.add_all([child, dad, mum])
    session.flush()
    session.add_all(
        [
            ChildParent(child_id=child.id, parent_id=dad.id, relationship_to_child="Father"),
            ChildParent(
                child_id=child.id,
                parent_id=mum.id,
                relationship_to_child="Mother",
                lives_with_child=False,
            ),
        ]
    )
    case = Case(
        ref=REF,
        child_id=child.id,
        school_id=school.id,
        officer_id=officer.id,
        opened_on=date(2026, 9, 8),
        referral_reason="Attendance 81% with 14 unauthorised "
        "sessions in the first six weeks of term.",
        referral_source="School",
        stage="notice_to_improve",
    )
    session.add(case)
    session.flush()
    notes = [
        (
            "school_visit",
            datetime(2026, 9, 10, 9, 30),
            "Met the attendance lead. Register shows "
            "14 unauthorised sessions since 3 September, mostly Mondays and Fridays.",
        ),
        (
            "home_visit",
            datetime(2026, 9, 15, 16, 0),
            "Home visit. Mr Wiśniewski present; Amelia "
            "seen. He said Amelia has stomach aches on school mornings. Advised a GP appointment "
            "and offered a meeting at school.",
        ),
        (
            "meeting",
            datetime(2026, 9, 24, 10, 0),
            "Attendance meeting at school with Mr "
            "Wiśniewski and a Polish interpreter. Attendance contract agreed and signed.",
        ),
        ("safeguarding", datetime(2026, 10, 1, 11, 0), "Confidential third-party information."),
        (
            "phone_call",
            datetime(2026, 10, 20, 14, 15),
            "Called Mr Wiśniewski: no answer. Left a "
            "voicemail asking him to call back about the contract review.",
        ),
        ("letter", datetime(2026, 11, 2, 9, 0), "Notice to improve sent by first-class post."),
    ][:chronology]
    for kind, when, text in notes:
        session.add(
            ChronologyEntry(
                case_id=case.id,
                kind=kind,
                text=text,
                occurred_at=when.replace(tzinfo=UTC),
                author_id=officer.id,
            )
        )
    pn = LegalAction(
        case_id=case.id,
        parent_id=dad.id,
        kind="penalty_notice",
        status="issued",
        started_on=date(2026, 11, 23),
        reference="PN-2026-0042",
        amount_pence=8000,
    )
    session.add(pn)
    session.flush()
    import_id = import_register(session) if marks else None
    return Built(REF, mum.id, dad.id, officer.id, pn.id, child.id, import_id)


EXTRAS = {
    "attendance_meeting_invitation": {
        "meeting_date": "2026-12-01",
        "meeting_time": "10:00 am",
        "meeting_place": "St Mary's Primary School, the family room",
    },
    "attendance_contract": {
        "contract_start": "2026-09-24",
        "contract_end": "2026-12-18",
        "review_date": "2026-10-22",
        "requirements": [
            "Make sure Amelia arrives at school by 8:45 am every day",
            "Book a GP appointment about Amelia's stomach aches by 2 October",
            "Phone the school office before 9:00 am on any day Amelia is ill",
        ],
        "support": [
            "A weekly check-in with the school's family support worker",
            "A Polish interpreter at every meeting",
            "A referral to the school nurse",
        ],
    },
    "attendance_contract_review": {
        # 47 days; the period before it is 19/08/2026-04/10/2026 (the term from 03/09)
        "contract_start": "2026-10-05",
        "review_date": "2026-11-20",
        "progress": "Amelia has arrived on time on most days, but there were four further "
        "unauthorised absences on Mondays.",
        "outcome": "change",
        "next_review": "2026-12-17",
        "agreed_changes": ["The family support worker will call on Monday mornings"],
    },
    "notice_to_improve": {
        "attendance_from": "2026-09-03",
        "attendance_to": "2026-10-30",
        "support_given": ["Home visit on 15/09/2026", "Attendance contract from 24/09/2026"],
        "support_offered": ["School nurse appointment (not yet taken up)", "Early help assessment"],
        "improvement_start": "2026-11-09",
        "improvement_end": "2026-12-18",
        "improvement_weeks": "6",
        "sufficient_improvement": "No further unauthorised absence during the improvement period.",
    },
    "penalty_notice": {
        "notice_number": "PN-2026-0042",
        "pn_sequence": "1",
        "issue_date": "2026-11-23",
        "offence_from": "2026-09-03",
        "offence_to": "2026-11-20",
    },
    "penalty_notice_withdrawal": {
        "notice_number": "PN-2026-0042",
        "issue_date": "2026-11-23",
        "withdrawal_ground": "material_errors",
        "refund": "80.00",
        "explanation": "The notice gave the wrong offence period.",
    },
    "interview_invitation": {
        "interview_date": "2026-12-08",
        "interview_time": "2:00 pm",
        "interview_place": "Civic Centre, 1 Market Street, Northbridge (reception, ground floor)",
        "offence_from": "2026-09-03",
        "offence_to": "2026-11-20",
        "reply_by": "2026-12-04",
    },
    "s566_certificate_request": {
        "period_from": "2026-09-03",
        "period_to": "2026-11-20",
        "return_by": "2026-12-04",
    },
    "s566_certificate": {
        "period_from": "2026-09-03",
        "period_to": "2026-11-20",
    },
    "s9_statement": {},
    "eso_consultation_letter": {
        "reasons": "Attendance has stayed below 80% despite an attendance contract and a notice "
        "to improve. Mr Wiśniewski engages with support but the absences continue.",
        "reply_by": "2026-12-11",
        "period_from": "2026-09-03",
        "period_to": "2026-11-20",
    },
    "case_summary": {},
}

PARENT_FOR = {name: "father" for name in EXTRAS} | {
    "s566_certificate_request": None,
    "s566_certificate": None,
    "s9_statement": None,
    "eso_consultation_letter": None,
    "case_summary": None,
}
