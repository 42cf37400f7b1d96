"""The council, its officers, the schools and the families of the demo caseload, as ORM objects."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ewo_desk.demo import names
from ewo_desk.demo.names import ChildSpec, Household, ParentSpec
from ewo_desk.demo.schoolyear import academic_year
from ewo_desk.store.schema import (
    Child,
    ChildParent,
    Council,
    Officer,
    ParentCarer,
    School,
    SchoolContact,
)

UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"  # as ewo_desk.domain.attendance.upn
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # letters used in the inward code


@dataclass
class Family:
    household: Household
    address: dict[str, str]
    parents: list[tuple[ParentCarer, ParentSpec]] = field(default_factory=list)


@dataclass
class Kid:
    key: str
    child: Child
    spec: ChildSpec
    family: Family

    @property
    def name(self) -> str:
        """What the officer calls the child in notes: the preferred name if in Latin letters."""
        preferred = self.spec.preferred
        return preferred if preferred and _latin(preferred) else self.spec.given.split()[0]

    def parents(self) -> list[tuple[ParentCarer, ParentSpec]]:
        """The parents with parental responsibility, who receive notices."""
        return [(p, s) for p, s in self.family.parents if s.pr]

    def resident(self) -> tuple[ParentCarer, ParentSpec]:
        """Who the officer deals with day to day: a parent (or carer) the child lives with."""
        ranked = sorted(self.family.parents, key=lambda p: (not p[1].lives_with, not p[1].pr))
        return ranked[0]


@dataclass
class World:
    council: Council
    owner: Officer
    colleagues: list[Officer]
    schools: dict[str, School]
    contacts: dict[str, list[SchoolContact]]
    kids: list[Kid]
    names: list[str]

    @property
    def pn_officer(self) -> Officer:
        """Who signs penalty notices: the owner if authorised, else the first colleague who is."""
        if self.owner.may_issue_penalty_notices:
            return self.owner
        return next(o for o in self.colleagues if o.may_issue_penalty_notices)


class Contacts:
    """Unique drama-range phone numbers and addresses, drawn from the seed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._mobiles = iter(rng.sample(range(1000), 1000))
        self._landlines = iter(rng.sample(range(1, 1000), 999))
        self._streets: list[str] = []

    def mobile(self) -> str:
        return f"07700 900{next(self._mobiles):03d}"

    def landline(self) -> str:
        return f"01632 960{next(self._landlines):03d}"

    def address(self, street: str | None = None) -> dict[str, str]:
        rng = self.rng
        district = rng.randint(2, 9)
        line1 = f"{rng.randint(1, 160)} {street or rng.choice(names.STREETS)}"
        if street is None and rng.random() < 0.2:
            line1 = (
                f"Flat {rng.randint(1, 24)}, {rng.choice(('Kestrel', 'Mercer', 'Ellison'))} "
                f"House, {rng.choice(names.STREETS)}"
            )
        inward = f"{rng.randint(1, 9)}{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
        return {
            "address_line1": line1,
            "address_line2": names.NEIGHBOURHOODS[district % len(names.NEIGHBOURHOODS)],
            "town": "Northbridge",
            "postcode": f"NB{district} {inward}",
        }


def build(session: Session, rng: random.Random, today: date) -> World:
    contacts = Contacts(rng)
    written: list[str] = []
    council = _council(session)
    owner, colleagues = _officers(session, contacts, written)
    schools, school_contacts = _schools(session, contacts, written)
    written.extend(names.SOCIAL_WORKERS)
    social_workers = {name: contacts.landline() for name in names.SOCIAL_WORKERS}
    serials = iter(rng.sample(range(1, 1000), 999))
    kids: list[Kid] = []
    for household in names.HOUSEHOLDS:
        family = Family(household, contacts.address())
        for pspec in household.parents:
            where = family.address if pspec.lives_with else contacts.address()
            parent = ParentCarer(
                title=pspec.title,
                given_names=pspec.given,
                family_name=pspec.family,
                phone_mobile=contacts.mobile(),
                email=_email(pspec) if rng.random() < 0.5 else "",
                language=pspec.language,
                interpreter_needed=pspec.interpreter,
                safety_notes=pspec.safety,
                **where,
            )
            session.add(parent)
            family.parents.append((parent, pspec))
            written.append(f"{pspec.given} {pspec.family}")
        for index, spec in enumerate(household.children):
            child = _child(rng, today, spec, schools[spec.school], family, next(serials))
            if spec.social_worker is not None:
                child.social_worker = names.SOCIAL_WORKERS[spec.social_worker]
                child.social_worker_phone = social_workers[child.social_worker]
            session.add(child)
            for parent, link in family.parents:
                child.parent_links.append(
                    ChildParent(
                        parent=parent,
                        relationship_to_child=link.relationship,
                        parental_responsibility=link.pr,
                        lives_with_child=link.lives_with,
                    )
                )
            kids.append(Kid(f"{household.key}:{index}", child, spec, family))
            written.append(f"{spec.given} {spec.family}")
            if spec.preferred:
                written.append(spec.preferred)
    return World(council, owner, colleagues, schools, school_contacts, kids, written)


def _council(session: Session) -> Council:
    council = session.scalars(sa.select(Council).order_by(Council.id)).first()
    if council is None:
        council = Council(id=1)
        session.add(council)
    for attr, value in names.COUNCIL.items():
        if not getattr(council, attr):
            setattr(council, attr, value)
    return council


def _officers(
    session: Session, contacts: Contacts, written: list[str]
) -> tuple[Officer, list[Officer]]:
    owner = session.scalars(sa.select(Officer).where(Officer.is_vault_owner)).first()
    made: list[Officer] = []
    for name, role, may_issue in names.OFFICERS[1 if owner else 0 :]:
        email = name.split()[0].lower() + "." + name.split()[-1].lower() + "@northbridge.example"
        officer = Officer(
            name=name,
            role=role,
            team=names.TEAM,
            email=email,
            phone=contacts.mobile(),
            may_issue_penalty_notices=may_issue,
            is_vault_owner=owner is None and not made,
        )
        session.add(officer)
        made.append(officer)
    if owner is None:
        owner = made.pop(0)
    elif not owner.team:
        owner.team = names.TEAM
    written.extend([owner.name] + [o.name for o in made])
    return owner, made


def _schools(
    session: Session, contacts: Contacts, written: list[str]
) -> tuple[dict[str, School], dict[str, list[SchoolContact]]]:
    schools: dict[str, School] = {}
    people: dict[str, list[SchoolContact]] = {}
    for spec in names.SCHOOLS:
        domain = spec.key.replace("_", "") + ".example.sch.uk"
        school = School(
            urn=spec.urn,
            la_estab=f"{names.LA_NUMBER}/{spec.estab}",
            name=spec.name,
            phase=spec.phase,
            establishment_type=spec.establishment_type,
            head_teacher=spec.head_teacher,
            phone=contacts.landline(),
            email=f"office@{domain}",
            penalty_notices_apply=spec.penalty_notices_apply,
            **contacts.address(spec.street),
        )
        for name, role in spec.contacts:
            email = f"{role.split()[0].lower().strip(',')}@{domain}"
            school.contacts.append(
                SchoolContact(name=name, role=role, phone=contacts.landline(), email=email)
            )
        session.add(school)
        schools[spec.key] = school
        people[spec.key] = list(school.contacts)
        written.append(spec.head_teacher)
        written.extend(name for name, _role in spec.contacts)
    return schools, people


def _child(
    rng: random.Random, today: date, spec: ChildSpec, school: School, family: Family, serial: int
) -> Child:
    first_sept = date(academic_year(today) - spec.year - 5, 9, 1)
    born = first_sept + timedelta(days=rng.randrange(365))
    estab = school.la_estab.split("/")[1]
    entered = (first_sept.year + 5) % 100  # the year the child started Reception
    flags = {flag: True for flag in spec.flags}
    return Child(
        upn=_upn(f"{names.LA_NUMBER}{estab}{entered:02d}{serial:03d}"),
        given_names=spec.given,
        family_name=spec.family,
        preferred_name=spec.preferred,
        date_of_birth=born,
        sex=spec.sex,
        year_group=str(spec.year),
        school=None if spec.scenario.startswith("sao") else school,  # taken off roll
        **family.address,
        **flags,
    )


def _upn(digits: str) -> str:
    """A UPN with a correct check letter (twelve characters after the letter)."""
    total = sum(int(ch) * weight for weight, ch in enumerate(digits[:11], start=2))
    total += 13 * int(digits[11])
    return UPN_ALPHABET[total % 23] + digits


def _latin(text: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


def _email(spec: ParentSpec) -> str:
    local = f"{spec.given}.{spec.family}".lower().replace(" ", "").replace("'", "")
    return f"{local}@example.com" if local.isascii() else ""
