"""Opening a case from a referral, and closing a case. No Qt: the app and the CLI both call this.

`open_case` checks the whole referral first and names every problem in plain words
(`ReferralProblems`); only a referral with no problem writes anything, and then the child (new,
or the one already held with that UPN, e.g. from an attendance import), the school if new, the
parents/carers and their links, the case and its first chronology entry are written in the
caller's one transaction. The audit trail records every row through its after-flush hook.

Case references are "EWO-<year opened>-<number>", numbered afresh each year as the demo does.
A reference is never given twice, even after retention deletes a case: each one handed out is
also recorded in the audit trail (entity "case_ref"), which retention never deletes or redacts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ewo_desk.domain.attendance.upn import is_upn_shape, upn_check_letter_ok
from ewo_desk.domain.calendar import london_date, london_datetime
from ewo_desk.domain.casework import CaseStatus, ChronologyKind, RecordStatus, Sex, age_on
from ewo_desk.domain.pathway.formatting import fmt_date
from ewo_desk.errors import EwoDeskError
from ewo_desk.store import audit
from ewo_desk.store.casework import case_by_ref, current_officer
from ewo_desk.store.schema import (
    AuditEntry,
    Case,
    Child,
    ChildParent,
    ChronologyEntry,
    ParentCarer,
    School,
)
from ewo_desk.store.schema.base import utcnow

REF_PREFIX = "EWO"
_REF = re.compile(rf"{REF_PREFIX}-(\d{{4}})-(\d+)")
REF_ENTITY = "case_ref"  # audit entries that remember every reference handed out
YEAR_GROUPS = ("N1", "N2", "R", *(str(n) for n in range(1, 15)))
_POSTCODE = re.compile(r"(GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})")
_URN = re.compile(r"[0-9]{6,8}")
OLDEST_AGE = 25  # an EHCP can run to 25; an older child is a mistyped year
YOUNGEST_AGE = 2
REFERRAL_HOUR = time(9, 0)  # the chronology time of a referral dated an earlier day


@dataclass(frozen=True)
class ChildDetails:
    given_names: str
    family_name: str
    date_of_birth: date | None  # required: the pathway's ages and deadlines need it
    preferred_name: str = ""
    sex: str = Sex.UNKNOWN.value  # "F", "M" or "U"
    upn: str = ""  # optional; a UPN already held means that child, not a new one
    year_group: str = ""  # "R", "1".."14", "N1", "N2"
    address_line1: str = ""
    address_line2: str = ""
    town: str = ""
    postcode: str = ""
    flags: frozenset[str] = frozenset()  # names from Child.FLAGS, e.g. "ehcp"


@dataclass(frozen=True)
class SchoolChoice:
    """A school held (by id, or by URN), or a new one (URN and name)."""

    school_id: int | None = None
    urn: str = ""
    name: str = ""  # only for a school not yet held


@dataclass(frozen=True)
class ParentDetails:
    """A parent/carer: one already held (`existing_id`, e.g. a sibling's parent) or a new one.

    For an existing parent only the link is taken from here (relationship, parental
    responsibility, lives with the child); their own details stay as held."""

    given_names: str = ""
    family_name: str = ""
    title: str = ""
    relationship: str = ""  # to the child: "Mother", "Grandmother (kinship carer)"...
    parental_responsibility: bool = True
    lives_with_child: bool = True
    existing_id: int | None = None
    same_address_as_child: bool = True
    address_line1: str = ""
    address_line2: str = ""
    town: str = ""
    postcode: str = ""
    phone_mobile: str = ""
    phone_other: str = ""
    email: str = ""
    language: str = "English"
    interpreter_needed: bool = False
    safety_notes: str = ""


@dataclass(frozen=True)
class Referral:
    child: ChildDetails
    school: SchoolChoice
    opened_on: date
    parents: tuple[ParentDetails, ...] = ()
    referral_reason: str = ""
    referral_source: str = ""  # who referred: "Riverside Primary School", "Early help"...


class ReferralProblems(EwoDeskError):
    """The referral cannot be opened as a case; nothing was written."""

    def __init__(self, problems: list[str], what: str = "The case was not opened") -> None:
        if len(problems) == 1:
            super().__init__(f"{problems[0]} {what}.")
        else:
            super().__init__(f"{what}:\n- " + "\n- ".join(problems))
        self.problems = problems


# --- what the referral form offers ------------------------------------------------------------


def schools_held(session: Session) -> list[dict[str, Any]]:
    """Every school in the caseload, by name: id, URN and name."""
    rows = session.execute(sa.select(School.id, School.urn, School.name).order_by(School.name))
    return [{"id": id_, "urn": urn, "name": name} for id_, urn, name in rows]


def parents_held(session: Session) -> list[dict[str, Any]]:
    """Every parent/carer held, with the children they are linked to: a sibling's parent is
    chosen from these (by id) rather than typed again."""
    children: dict[int, list[str]] = {}
    for parent_id, given, family in session.execute(
        sa.select(ChildParent.parent_id, Child.given_names, Child.family_name)
        .join(Child, Child.id == ChildParent.child_id)
        .order_by(Child.date_of_birth)
    ):
        children.setdefault(parent_id, []).append(f"{given} {family}")
    parents = session.scalars(
        sa.select(ParentCarer).order_by(ParentCarer.family_name, ParentCarer.given_names)
    )
    return [
        {
            "id": parent.id,
            "name": parent.full_name,
            "address": ", ".join(parent.address_lines()),
            "children": children.get(parent.id, []),
        }
        for parent in parents
    ]


# --- references ---------------------------------------------------------------------------------


def next_ref(session: Session, opened_on: date) -> str:
    """The next reference for a case opened on `opened_on`: its year, one past the highest number
    ever used that year (by a case held, or one deleted since)."""
    year = opened_on.year
    pattern = f"{REF_PREFIX}-{year}-%"
    used = list(session.scalars(sa.select(Case.ref).where(Case.ref.like(pattern))))
    used += session.scalars(
        sa.select(AuditEntry.entity_id).where(
            AuditEntry.entity == REF_ENTITY, AuditEntry.entity_id.like(pattern)
        )
    )
    numbers = [int(m.group(2)) for ref in used if (m := _REF.fullmatch(ref))]
    return f"{REF_PREFIX}-{year}-{max(numbers, default=0) + 1:04d}"


# --- opening ------------------------------------------------------------------------------------


def open_case(
    session: Session, referral: Referral, today: date, *, now: datetime | None = None
) -> str:
    """Open a case from a referral; its reference. Everything or nothing (ReferralProblems)."""
    now = now or utcnow()
    problems: list[str] = []
    child_in = referral.child
    upn = normalise_upn(child_in.upn)
    held = _held_child(session, upn) if upn else None
    check_child(child_in, upn, held, referral.opened_on, today, problems)
    if held is not None:
        open_ref = session.scalars(
            sa.select(Case.ref).where(
                Case.child_id == held.id, Case.status == CaseStatus.OPEN.value
            )
        ).first()
        if open_ref:
            problems.append(
                f"{held.full_name} (UPN {upn}) already has an open case, {open_ref}. Add this "
                f"referral to {open_ref} as a note, or close {open_ref} first."
            )
    elif not upn and child_in.date_of_birth is not None:
        twin = _open_case_for_same_child(session, child_in)
        if twin is not None:
            problems.append(
                f"{child_in.given_names.strip()} {child_in.family_name.strip()}, born "
                f"{fmt_date(child_in.date_of_birth)}, already has an open case, {twin}. Add this "
                f"referral to {twin} as a note; if this is a different child, give their UPN."
            )
    school = _school(session, referral.school, problems)
    parents = _parents(session, referral.parents, held, problems)
    check_text("The referral source", referral.referral_source, 100, problems)
    if referral.opened_on > today:
        problems.append(
            f"The referral date {fmt_date(referral.opened_on)} is in the future. Use the day "
            "the referral was received (today or earlier)."
        )
    if problems:
        raise ReferralProblems(problems)

    child = held if held is not None else Child(given_names="", family_name="")
    _fill_child(child, child_in, upn, school)
    if held is None:
        session.add(child)
    if school is not None and school.id is None:
        session.add(school)
    session.flush()
    linked = {link.parent_id: link for link in child.parent_links}
    for parent_in, parent in parents:
        if parent is None:
            parent = _new_parent(parent_in, child)
            session.add(parent)
            session.flush()
        link = linked.get(parent.id)
        if link is None:
            link = ChildParent(child_id=child.id, parent_id=parent.id)
            session.add(link)
        link.relationship_to_child = parent_in.relationship.strip()
        link.parental_responsibility = parent_in.parental_responsibility
        link.lives_with_child = parent_in.lives_with_child
    officer = current_officer(session)
    ref = next_ref(session, referral.opened_on)
    case = Case(
        ref=ref,
        child_id=child.id,
        school_id=child.school_id,
        officer_id=officer.id if officer else None,
        opened_on=referral.opened_on,
        referral_reason=referral.referral_reason.strip(),
        referral_source=referral.referral_source.strip(),
        status=CaseStatus.OPEN.value,
    )
    session.add(case)
    try:
        session.flush()
    except sa.exc.IntegrityError as error:  # another window took the same number just now
        raise EwoDeskError(
            f"The reference {ref} was taken while this case was being opened. Nothing was "
            "saved; open the case again."
        ) from error
    session.add(
        ChronologyEntry(
            case_id=case.id,
            kind=ChronologyKind.REFERRAL.value,
            occurred_at=_dated(referral.opened_on, now),
            text=referral_text(referral.referral_source, referral.referral_reason),
            author_id=officer.id if officer else None,
            status=RecordStatus.FINAL.value,
        )
    )
    audit.record(session, "allocate", REF_ENTITY, ref, case_file=case.id)
    session.flush()
    return ref


def referral_text(source: str, reason: str) -> str:
    source, reason = " ".join(source.split()), reason.strip()
    head = f"Referral received from {source}" if source else "Referral received"
    return f"{head}: {reason}" if reason else f"{head}."


def normalise_upn(text: str) -> str:
    return "".join(text.split()).upper()


def normalise_postcode(text: str) -> str:
    compact = "".join(text.split()).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def normalise_year_group(text: str) -> str:
    value = text.strip().upper()
    if value in ("RECEPTION", "REC"):
        return "R"
    for prefix in ("YEAR ", "YEAR", "Y"):
        if value.startswith(prefix) and value[len(prefix) :].strip().isdigit():
            return str(int(value[len(prefix) :]))
    return str(int(value)) if value.isdigit() else value


def _open_case_for_same_child(session: Session, child: ChildDetails) -> str | None:
    """The open case of a child held with the same names and date of birth (no UPN given, so
    this is how a referral typed twice is caught)."""
    rows = session.execute(
        sa.select(Case.ref, Child.given_names, Child.family_name)
        .join(Child, Child.id == Case.child_id)
        .where(Case.status == CaseStatus.OPEN.value, Child.date_of_birth == child.date_of_birth)
    )
    wanted = (child.given_names.strip().casefold(), child.family_name.strip().casefold())
    for ref, given, family in rows:
        if (given.strip().casefold(), family.strip().casefold()) == wanted:
            return str(ref)
    return None


def _held_child(session: Session, upn: str) -> Child | None:
    return session.scalars(sa.select(Child).where(Child.upn == upn)).first()


def check_child(
    child: ChildDetails,
    upn: str,
    held: Child | None,
    opened_on: date,
    today: date,
    problems: list[str],
) -> None:
    if not child.given_names.strip():
        problems.append("Give the child's first name (given names).")
    if not child.family_name.strip():
        problems.append("Give the child's family name (surname).")
    check_text("The child's given names", child.given_names, 200, problems)
    check_text("The child's family name", child.family_name, 200, problems)
    check_text("The child's preferred name", child.preferred_name, 200, problems)
    dob = child.date_of_birth
    if dob is None:
        problems.append(
            "Give the child's date of birth: the legal pathway needs the child's age "
            "(compulsory school age) and the deadlines that follow from it."
        )
    elif dob > today:
        problems.append(f"The date of birth {fmt_date(dob)} is in the future.")
    elif dob >= opened_on or not YOUNGEST_AGE <= age_on(dob, opened_on) <= OLDEST_AGE:
        problems.append(
            f"The date of birth {fmt_date(dob)} makes the child {age_on(dob, opened_on)} when "
            f"referred on {fmt_date(opened_on)}. Check the year."
        )
    elif held is not None and held.date_of_birth and held.date_of_birth != dob:
        problems.append(
            f"The UPN {upn} is held for {held.full_name}, born {fmt_date(held.date_of_birth)}, "
            f"not {fmt_date(dob)}. Check the UPN and the date of birth."
        )
    if upn and held is None:
        if not is_upn_shape(upn):
            problems.append(
                f"{upn!r} is not a UPN: a UPN is 13 characters, a letter, 11 digits, then a "
                "digit or a letter. Check it, or leave it blank if you do not know it."
            )
        elif not upn_check_letter_ok(upn):
            problems.append(
                f"The UPN {upn} fails its check letter, so a character is probably mistyped. "
                "Check it against the school's record, or leave it blank."
            )
    if child.sex not in {s.value for s in Sex}:
        problems.append(f"Sex must be F, M or U (unknown), not {child.sex!r}.")
    year = normalise_year_group(child.year_group)
    if year and year not in YEAR_GROUPS:
        problems.append(
            f"{child.year_group!r} is not a year group: use R for reception, 1 to 14, or N1/N2."
        )
    unknown = sorted(set(child.flags) - set(Child.FLAGS))
    if unknown:
        problems.append(f"Unknown flags: {', '.join(unknown)}.")
    check_address("The child's", child.address_line1, child.address_line2, child.town,
                  child.postcode, problems)  # fmt: skip


def check_address(
    whose: str, line1: str, line2: str, town: str, postcode: str, problems: list[str]
) -> None:
    check_text(f"{whose} address line 1", line1, 200, problems)
    check_text(f"{whose} address line 2", line2, 200, problems)
    check_text(f"{whose} town", town, 100, problems)
    code = normalise_postcode(postcode)
    if code and not _POSTCODE.fullmatch(code):
        problems.append(f"{whose} postcode {postcode.strip()!r} is not a UK postcode.")


def check_text(what: str, text: str, limit: int, problems: list[str]) -> None:
    if len(text.strip()) > limit:
        problems.append(f"{what} is too long: at most {limit} characters.")


def _school(session: Session, choice: SchoolChoice, problems: list[str]) -> School | None:
    if choice.school_id is not None:
        school = session.get(School, choice.school_id)
        if school is None:
            problems.append("The school chosen is no longer in the caseload. Choose it again.")
        return school
    urn = choice.urn.strip()
    if not urn:
        problems.append("Choose the child's school, or give a new school's URN and name.")
        return None
    if not (urn.isascii() and _URN.fullmatch(urn)):
        problems.append(
            f"{urn!r} is not a school URN: a URN is 6 digits (Get Information about Schools)."
        )
        return None
    school = session.scalars(sa.select(School).where(School.urn == urn)).first()
    if school is not None:
        return school
    name = " ".join(choice.name.split())
    if not name:
        problems.append(f"No school with URN {urn} is held yet: give the school's name too.")
        return None
    check_text("The school's name", name, 200, problems)
    return School(urn=urn, name=name)


def _parents(
    session: Session,
    given: tuple[ParentDetails, ...],
    held: Child | None,
    problems: list[str],
) -> list[tuple[ParentDetails, ParentCarer | None]]:
    found: list[tuple[ParentDetails, ParentCarer | None]] = []
    seen: set[int] = set()
    for number, parent in enumerate(given, start=1):
        who = f"Parent/carer {number}"
        if parent.existing_id is not None:
            existing = session.get(ParentCarer, parent.existing_id)
            if existing is None:
                problems.append(f"{who}: that parent/carer is no longer held. Choose again.")
            elif existing.id in seen:
                problems.append(f"{existing.full_name} is listed twice.")
            else:
                seen.add(existing.id)
            found.append((parent, existing))
        else:
            who = check_parent(parent, who, problems)
            found.append((parent, None))
        check_text(f"{who}: the relationship", parent.relationship, 60, problems)
    return found


def check_parent(parent: ParentDetails, who: str, problems: list[str]) -> str:
    """Name every problem with a parent/carer's own details (not the relationship); the name
    the problems used for them (`who` when they have no name yet)."""
    if not parent.family_name.strip():
        problems.append(f"{who}: give their family name (surname).")
    who = " ".join(p for p in (parent.title, parent.given_names, parent.family_name)
                   if p.strip()) or who  # fmt: skip
    for what, text, limit in (
        ("title", parent.title, 20), ("given names", parent.given_names, 200),
        ("family name", parent.family_name, 200), ("mobile", parent.phone_mobile, 40),
        ("other phone", parent.phone_other, 40), ("email", parent.email, 200),
        ("language", parent.language, 60),
    ):  # fmt: skip
        check_text(f"{who}'s {what}", text, limit, problems)
    email = parent.email.strip()
    if email and ("@" not in email or " " in email):
        problems.append(f"{who}'s email {email!r} is not an email address.")
    if parent.same_address_as_child and not parent.lives_with_child:
        problems.append(
            f"{who} does not live with the child: give their own address (or leave "
            'it blank), not "same as the child".'
        )
    if not parent.same_address_as_child:
        check_address(f"{who}'s", parent.address_line1, parent.address_line2,
                      parent.town, parent.postcode, problems)  # fmt: skip
    return who


def _fill_child(child: Child, given: ChildDetails, upn: str, school: School | None) -> None:
    """A new child gets every detail; a child already held (e.g. from an import) gets what the
    referral says, keeps what it leaves blank, and keeps every flag already set."""
    values = {
        "given_names": given.given_names.strip(),
        "family_name": given.family_name.strip(),
        "preferred_name": given.preferred_name.strip(),
        "date_of_birth": given.date_of_birth,
        "year_group": normalise_year_group(given.year_group),
        "address_line1": given.address_line1.strip(),
        "address_line2": given.address_line2.strip(),
        "town": given.town.strip(),
        "postcode": normalise_postcode(given.postcode),
    }
    for name, value in values.items():
        if value or getattr(child, name) in (None, ""):
            setattr(child, name, value)
    if given.sex != Sex.UNKNOWN.value or not child.sex:
        child.sex = given.sex
    if upn:
        child.upn = upn
    if school is not None:
        child.school = school
    for flag in given.flags:
        setattr(child, flag, True)


def _new_parent(given: ParentDetails, child: Child) -> ParentCarer:
    source: ParentDetails | Child = child if given.same_address_as_child else given
    return ParentCarer(
        title=given.title.strip(),
        given_names=given.given_names.strip(),
        family_name=given.family_name.strip(),
        address_line1=source.address_line1.strip(),
        address_line2=source.address_line2.strip(),
        town=source.town.strip(),
        postcode=normalise_postcode(source.postcode),
        phone_mobile=given.phone_mobile.strip(),
        phone_other=given.phone_other.strip(),
        email=given.email.strip(),
        language=given.language.strip() or "English",
        interpreter_needed=given.interpreter_needed,
        safety_notes=given.safety_notes.strip(),
    )


def _dated(day: date, now: datetime) -> datetime:
    """A referral received today is timed now; an earlier one at the start of that working day."""
    return now if london_date(now) == day else london_datetime(day, REFERRAL_HOUR)


# --- closing ------------------------------------------------------------------------------------


def close_case(
    session: Session, ref: str, reason: str, closed_on: date, *, today: date | None = None
) -> None:
    """Close an open case with the reason, and say so in its chronology."""
    case = case_by_ref(session, ref)
    today = today or london_date(utcnow())
    problems = []
    if case.status == CaseStatus.CLOSED.value:
        closed = f" on {fmt_date(case.closed_on)}" if case.closed_on else ""
        problems.append(f"Case {case.ref} is already closed{closed}.")
    if not reason.strip():
        problems.append("Say why the case is closing (e.g. attendance improved, moved away).")
    if closed_on > today:
        problems.append(f"The closing date {fmt_date(closed_on)} is in the future.")
    elif closed_on < case.opened_on:
        problems.append(
            f"The closing date {fmt_date(closed_on)} is before the case was opened "
            f"({fmt_date(case.opened_on)})."
        )
    if problems:
        raise ReferralProblems(problems, f"Case {case.ref} was not closed")
    case.status = CaseStatus.CLOSED.value
    case.closed_on = closed_on
    case.closure_reason = reason.strip()
    officer = current_officer(session)
    session.add(
        ChronologyEntry(
            case_id=case.id,
            kind=ChronologyKind.NOTE.value,
            occurred_at=_dated(closed_on, utcnow()),
            text=f"Case closed: {reason.strip()}",
            author_id=officer.id if officer else None,
            status=RecordStatus.FINAL.value,
        )
    )
    session.flush()


__all__ = [
    "ChildDetails",
    "ParentDetails",
    "Referral",
    "ReferralProblems",
    "SchoolChoice",
    "check_address",
    "check_child",
    "check_parent",
    "check_text",
    "close_case",
    "next_ref",
    "normalise_postcode",
    "normalise_upn",
    "normalise_year_group",
    "open_case",
    "parents_held",
    "referral_text",
    "schools_held",
]
