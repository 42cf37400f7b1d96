"""Correcting a child's or a parent/carer's details once a case is open. No Qt.

`update_child`, `update_parent` and `update_link` take only the fields they know, check every
value with the referral's own validators (store.referrals) and name every problem
(`PeopleProblems`); nothing is written while there is one. A form passes the `version` it was
opened with: if the row has moved on since, the edit is refused (`EditConflict`), never written
over. Each change that is saved adds a chronology entry to the child's open cases (a parent's
change: to every open case of every child they are linked to) that says in words what changed,
never the old values: the audit trail keeps the before and after of every field.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ewo_desk.domain.casework import CaseStatus, ChronologyKind, RecordStatus
from ewo_desk.errors import NotFound
from ewo_desk.store.casework import current_officer
from ewo_desk.store.referrals import (
    ChildDetails,
    ParentDetails,
    ReferralProblems,
    check_child,
    check_parent,
    check_text,
    normalise_postcode,
    normalise_upn,
    normalise_year_group,
)
from ewo_desk.store.schema import Case, Child, ChildParent, ChronologyEntry, ParentCarer
from ewo_desk.store.schema.base import utcnow

NOT_SAVED = "Nothing was saved"
ADDRESS = ("address_line1", "address_line2", "town", "postcode")
CHILD_TEXT = (
    "given_names", "family_name", "preferred_name", "sex", "upn", "year_group", *ADDRESS,
    "social_worker", "social_worker_phone",
)  # fmt: skip
CHILD_FIELDS = frozenset((*CHILD_TEXT, "date_of_birth", *Child.FLAGS))
PARENT_TEXT = (
    "title", "given_names", "family_name", *ADDRESS, "phone_mobile", "phone_other", "email",
    "language", "safety_notes",
)  # fmt: skip
PARENT_FIELDS = frozenset((*PARENT_TEXT, "interpreter_needed"))
LINK_FIELDS = frozenset(("relationship", "parental_responsibility", "lives_with_child"))

# What the chronology calls each change, in words (never the values).
_WORDS = {
    "given_names": "name", "family_name": "name", "preferred_name": "name they go by",
    "title": "title", "date_of_birth": "date of birth", "sex": "sex", "upn": "UPN",
    "year_group": "year group", "address_line1": "address", "address_line2": "address",
    "town": "address", "postcode": "address", "phone_mobile": "mobile phone",
    "phone_other": "other phone", "email": "email", "language": "language",
    "interpreter_needed": "interpreter need", "social_worker": "social worker",
    "social_worker_phone": "social worker's phone",
}  # fmt: skip
_FLAG_WORDS = {
    "send_support": "SEN support", "ehcp": "EHCP", "child_in_need": "child in need",
    "child_protection": "child protection plan", "looked_after": "looked after",
    "free_school_meals": "free school meals", "early_help": "early help",
    "young_carer": "young carer", "eal": "English as an additional language",
    "interpreter_needed": "needs an interpreter",
}  # fmt: skip


class PeopleProblems(ReferralProblems):
    """The details cannot be saved as they are; nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems, NOT_SAVED)


class EditConflict(PeopleProblems):
    """The details changed since the form was opened; nothing was written."""


# --- the child ----------------------------------------------------------------------------------


def update_child(
    session: Session,
    child_id: int,
    changes: dict[str, Any],
    *,
    expected_version: int,
    today: date | None = None,
) -> list[str]:
    """Correct a child's details; what changed, in words (empty when nothing did)."""
    child = session.get(Child, child_id)
    if child is None:
        raise NotFound("That child is no longer in the caseload.")
    _check_version(child.version, expected_version, child.full_name)
    problems = _unknown(changes, CHILD_FIELDS)
    values = _typed(changes, CHILD_TEXT, ("date_of_birth",), Child.FLAGS, problems)
    if problems:
        raise PeopleProblems(problems)
    merged = {name: getattr(child, name) for name in CHILD_FIELDS} | values
    merged = {k: ("" if v is None and k in CHILD_TEXT else v) for k, v in merged.items()}
    new_upn = normalise_upn(merged["upn"])
    upn_changed = new_upn != (child.upn or "")
    details = ChildDetails(
        given_names=merged["given_names"],
        family_name=merged["family_name"],
        preferred_name=merged["preferred_name"],
        date_of_birth=merged["date_of_birth"],
        sex=merged["sex"],
        year_group=merged["year_group"],
        address_line1=merged["address_line1"],
        address_line2=merged["address_line2"],
        town=merged["town"],
        postcode=merged["postcode"],
        flags=frozenset(flag for flag in Child.FLAGS if merged[flag]),
    )
    today = today or date.today()
    first_opened = session.scalar(sa.select(sa.func.min(Case.opened_on)).where(
        Case.child_id == child.id))  # fmt: skip
    # The UPN is checked only when it changes: a UPN already held is not refused afresh.
    check_child(details, new_upn if upn_changed else "", None, first_opened or today, today,
                problems)  # fmt: skip
    if child.date_of_birth is None and details.date_of_birth is None:
        # A child held without a date of birth (e.g. from an import) can still be corrected.
        problems[:] = [p for p in problems if not p.startswith("Give the child's date of birth")]
    check_text("The social worker's name", merged["social_worker"], 200, problems)
    check_text("The social worker's phone", merged["social_worker_phone"], 40, problems)
    if upn_changed and new_upn:
        other = session.scalars(
            sa.select(Child).where(Child.upn == new_upn, Child.id != child.id)
        ).first()
        if other is not None:
            problems.append(
                f"The UPN {new_upn} is already held for another child, {other.full_name}. "
                "Check it against the school's record: one UPN belongs to one child."
            )
    if problems:
        raise PeopleProblems(problems)
    clean = {
        "given_names": details.given_names.strip(),
        "family_name": details.family_name.strip(),
        "preferred_name": details.preferred_name.strip(),
        "date_of_birth": details.date_of_birth,
        "sex": details.sex,
        "upn": new_upn or None,
        "year_group": normalise_year_group(details.year_group),
        "address_line1": details.address_line1.strip(),
        "address_line2": details.address_line2.strip(),
        "town": details.town.strip(),
        "postcode": normalise_postcode(details.postcode),
        "social_worker": merged["social_worker"].strip(),
        "social_worker_phone": merged["social_worker_phone"].strip(),
        **{flag: bool(merged[flag]) for flag in Child.FLAGS},
    }
    changed = _apply(child, {k: v for k, v in clean.items() if k in values})
    if not changed:
        return []
    words = _child_words(child, changed)
    _flush(session, child.full_name)
    text = f"{child.full_name}'s details corrected: {_sentence(words)}."
    _chronicle(session, [child.id], lambda _child_id: text)
    return words


def _child_words(child: Child, changed: dict[str, Any]) -> list[str]:
    parts = _changed_parts(changed, Child.FLAGS)
    words = [f"{_and(parts)} changed"] if parts else []
    for flag in Child.FLAGS:
        if flag in changed:
            state = "now recorded" if getattr(child, flag) else "no longer recorded"
            words.append(f"{_FLAG_WORDS[flag]} {state}")
    return words


# --- a parent/carer -----------------------------------------------------------------------------


def update_parent(
    session: Session, parent_id: int, changes: dict[str, Any], *, expected_version: int
) -> list[str]:
    """Correct a parent/carer's own details; what changed, in words (empty when nothing did).

    With no changes the version is still checked: a form that also changes the link (update_link)
    calls this first so a form opened on stale details is refused as a whole."""
    parent = session.get(ParentCarer, parent_id)
    if parent is None:
        raise NotFound("That parent/carer is no longer in the caseload.")
    _check_version(parent.version, expected_version, parent.full_name)
    problems = _unknown(changes, PARENT_FIELDS)
    values = _typed(changes, PARENT_TEXT, (), ("interpreter_needed",), problems)
    if problems:
        raise PeopleProblems(problems)
    merged = {name: getattr(parent, name) for name in PARENT_FIELDS} | values
    merged = {k: ("" if v is None and k in PARENT_TEXT else v) for k, v in merged.items()}
    details = ParentDetails(
        **{name: merged[name] for name in PARENT_FIELDS},
        same_address_as_child=False,  # their own address, checked as such
    )
    check_parent(details, "The parent/carer", problems)
    if problems:
        raise PeopleProblems(problems)
    details = replace(details, language=details.language.strip() or "English")
    clean = {name: getattr(details, name) for name in (*PARENT_TEXT, "interpreter_needed")}
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in clean.items()}
    clean["postcode"] = normalise_postcode(details.postcode)
    before_safety = parent.safety_notes
    changed = _apply(parent, {k: v for k, v in clean.items() if k in values})
    if not changed:
        return []
    parts = _changed_parts(changed)
    words = [f"{_and(parts)} changed"] if parts else []
    if "safety_notes" in changed:
        if not before_safety.strip():
            words.append("safety note added")
        elif not parent.safety_notes.strip():
            words.append("safety note removed")
        else:
            words.append("safety note changed")
    _flush(session, parent.full_name)
    links = dict(session.execute(
        sa.select(ChildParent.child_id, ChildParent.relationship_to_child)
        .where(ChildParent.parent_id == parent.id)
    ).all())  # fmt: skip
    name = parent.full_name
    _chronicle(session, list(links), lambda child_id: _parent_text(links[child_id], name, words))
    return words


def update_link(
    session: Session, child_id: int, parent_id: int, changes: dict[str, Any]
) -> list[str]:
    """Correct how a parent/carer stands to a child: the relationship, parental responsibility,
    whether they live with the child. What changed, in words (empty when nothing did)."""
    link = session.get(ChildParent, (child_id, parent_id))
    if link is None:
        raise NotFound("That parent/carer is no longer linked to this child.")
    problems = _unknown(changes, LINK_FIELDS)
    values = _typed(changes, ("relationship",), (), ("parental_responsibility",
                    "lives_with_child"), problems)  # fmt: skip
    if "relationship" in values:
        check_text("The relationship to the child", values["relationship"], 60, problems)
    if problems:
        raise PeopleProblems(problems)
    clean = {
        "relationship_to_child" if k == "relationship" else k: (
            " ".join(v.split()) if isinstance(v, str) else v
        )
        for k, v in values.items()
    }
    changed = _apply(link, clean)
    if not changed:
        return []
    words = []
    if "relationship_to_child" in changed:
        words.append("relationship to the child changed")
    if "parental_responsibility" in changed:
        held = "now recorded" if link.parental_responsibility else "no longer recorded"
        words.append(f"parental responsibility {held}")
    if "lives_with_child" in changed:
        words.append("now lives with the child" if link.lives_with_child
                     else "no longer lives with the child")  # fmt: skip
    session.flush()
    parent = session.get(ParentCarer, parent_id)
    name = parent.full_name if parent else ""
    relationship = link.relationship_to_child
    _chronicle(session, [child_id], lambda _child_id: _parent_text(relationship, name, words))
    return words


# --- internals ----------------------------------------------------------------------------------


def _check_version(held: int, expected: int, name: str) -> None:
    if held != expected:
        raise EditConflict([
            f"{name}'s details were changed since you opened it; close and open it again."
        ])  # fmt: skip


def _unknown(changes: dict[str, Any], known: frozenset[str]) -> list[str]:
    unknown = sorted(set(changes) - known)
    return [f"Not a detail that can be changed here: {', '.join(unknown)}."] if unknown else []


def _typed(
    changes: dict[str, Any],
    texts: tuple[str, ...],
    dates: tuple[str, ...],
    flags: tuple[str, ...],
    problems: list[str],
) -> dict[str, Any]:
    """The known changes, each of the right kind of value (text, a date or nothing, yes/no)."""
    values: dict[str, Any] = {}
    for name, value in changes.items():
        if name in texts:
            ok = isinstance(value, str) or value is None
            kind = "text"
        elif name in dates:
            ok = value is None or (isinstance(value, date) and not hasattr(value, "hour"))
            kind = "a date"
        elif name in flags:
            ok = isinstance(value, bool)
            kind = "yes or no"
        else:
            continue
        if ok:
            values[name] = "" if value is None and name in texts else value
        else:
            what = _WORDS.get(name) or _FLAG_WORDS.get(name) or name
            problems.append(f"{what[:1].upper()}{what[1:]} must be {kind}.")
    return values


def _apply(row: object, values: dict[str, Any]) -> dict[str, Any]:
    """Set the values that differ from what is held; those values."""
    changed = {}
    for name, value in values.items():
        held = getattr(row, name)
        same = (held or "") == value if isinstance(value, str) else held == value
        if not same:
            setattr(row, name, value)
            changed[name] = value
    return changed


def _flush(session: Session, name: str) -> None:
    try:
        session.flush()  # the version moves on here (the mapper's version_id_col)
    except StaleDataError:
        raise EditConflict([
            f"{name}'s details were changed since you opened it; close and open it again."
        ]) from None  # fmt: skip


def _changed_parts(changed: dict[str, Any], skip: tuple[str, ...] = ()) -> list[str]:
    parts: list[str] = []
    for name in changed:
        word = _WORDS.get(name)
        if word and word not in parts and name not in skip:
            parts.append(word)
    return parts


def _parent_text(relationship: str, name: str, words: list[str]) -> str:
    who = f"{relationship} ({name})" if relationship else name
    return f"{who}: {_sentence(words)}."


def _sentence(words: list[str]) -> str:
    return "; ".join(words)


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _chronicle(session: Session, child_ids: list[int], text: Any) -> None:
    """A note on each open case of these children (text: child id -> the words)."""
    if not child_ids:
        return
    cases = session.execute(
        sa.select(Case.id, Case.child_id)
        .where(Case.child_id.in_(child_ids), Case.status == CaseStatus.OPEN.value)
        .order_by(Case.id)
    ).all()
    officer = current_officer(session)
    now = utcnow()
    for case_id, child_id in cases:
        session.add(
            ChronologyEntry(
                case_id=case_id,
                kind=ChronologyKind.NOTE.value,
                occurred_at=now,
                text=text(child_id),
                author_id=officer.id if officer else None,
                status=RecordStatus.FINAL.value,
            )
        )
    session.flush()


__all__ = [
    "CHILD_FIELDS",
    "LINK_FIELDS",
    "PARENT_FIELDS",
    "EditConflict",
    "PeopleProblems",
    "update_child",
    "update_link",
    "update_parent",
]
