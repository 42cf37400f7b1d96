"""The form for recording a legal step, built from the pathway's own record types, and the record
it makes. Qt-free: the GUI draws the fields; this module decides what they are and what they mean.

A step either makes a new record (a notice to improve) or changes the record it acts on (a review
adds to the notice's reviews, a payment to the penalty notice's payments). Either way the result
is a whole domain record, checked with `check_step` and stored with `store.pathway.record_step`.
Field values cross the seam JSON-ready: dates as ISO strings, choices as enum values, money as
pence.
"""

from __future__ import annotations

import dataclasses
import types
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints

from sqlalchemy.orm import Session

from ewo_desk.domain import pathway as pw
from ewo_desk.domain.pathway.record_check import RECORD_KINDS
from ewo_desk.errors import EwoDeskError
from ewo_desk.store.casework import case_by_ref
from ewo_desk.store.pathway import case_facts
from ewo_desk.store.policy import load_policy

K = pw.StepKind
_RECORD_TYPES: dict[pw.StepKind, type[Any]] = {kind: cls for cls, kind in RECORD_KINDS.items()}
# Filled from the case and the chosen parent, never typed.
_HIDDEN = frozenset({"id", "child_id", "parent_id", "parent_ids", "penalty_notice_id"})
_LONG_TEXT = ("note", "reason", "description", "response", "sufficient_improvement", "outcome")

# How a follow-up step changes the record it acts on: (path to the field, the type it adds or
# sets, or None where the step sets the record's own fields), and the fields it sets.
_FOLLOW_UPS: dict[pw.StepKind, tuple[str, type[Any] | None, tuple[str, ...]]] = {
    K.CONTRACT_REVIEW: ("reviews", pw.ContractReview, ()),
    K.NTI_REVIEW: ("reviews", pw.NtiReview, ()),
    K.PN_PAYMENT: ("payments", pw.Payment, ()),
    K.PN_WITHDRAWAL: ("withdrawal", pw.Withdrawal, ()),
    K.ESO_EXTENSION: ("extensions", pw.EsoExtension, ()),
    K.PROSECUTION_OUTCOME: ("outcome", pw.ProsecutionOutcome, ()),
    K.PARENTING_ORDER: ("outcome.parenting_order", pw.ParentingOrder, ()),
    K.ESO_MADE: ("", None, ("made_on",)),
    K.ESO_DISCHARGE: ("", None, ("discharged_on", "discharged_note")),
    K.ESO_REASONS_TO_COURT: ("", None, ("reasons_given_on", "reasons")),
    K.SCHOOL_ATTENDANCE_ORDER: (
        "", None, ("naming_notice_served_on", "school_named", "order_served_on"),
    ),
}  # fmt: skip

_LABELS = {
    "issued_on": "Date issued",
    "offered_on": "Date offered",
    "period_start": "Improvement period starts",
    "period_end": "Improvement period ends",
    "posted_on": "Date posted or handed over",
    "offence_start": "Offence period from",
    "offence_end": "Offence period to",
    "no_nti_reason": "Why no notice to improve was given",
    "contents": "The notice as sent contains",
    "sufficient_improvement": "What sufficient improvement looks like",
    "evidence": "The prosecution file holds",
    "information_laid_on": "Date the information was laid",
    "late_reason": "Why it is laid after the six-month limit",
    "on": "Date checked",
    "parent_told_on": "Parent told of an early penalty notice on",
    "amount_pence": "Amount paid",
    "fine_pence": "Fine",
    "costs_pence": "Costs",
    "issuer_role": "Issuing officer's role",
    "notice_days": "Days given to reply",
    "reasons_due_days": "Days the court gave for reasons",
    "record_ref": "Where the interview record is kept",
    "first_review_on": "First review on",
    "next_review_on": "Next review on",
    "starts_on": "Starts on",
    "ends_on": "Ends on",
    "extended_until": "Extended until",
    "requirements_until": "Requirements end on",
    "programme_until": "Programme ends on",
    "refused_or_broken_on": "Refused or broken on",
    "refused_or_broken_note": "How it was refused or broken (evidence)",
}


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    # date, optional_date, text, long_text, lines, choice, choices, money, number,
    # optional_number or flag
    kind: str
    required: bool
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label)
    default: Any = None  # JSON-ready


@dataclass(frozen=True)
class StepForm:
    kind: pw.StepKind
    label: str
    fields: tuple[FormField, ...]
    target_id: str | None  # the record the step changes (None: it makes a new one)
    target_label: str  # e.g. "Notice to improve of 12/10/2026", or ""


def step_form(
    session: Session, ref: str, kind: pw.StepKind, parent_id: str | None, today: date
) -> StepForm:
    """The fields the officer fills in to record `kind` for this parent, with sensible defaults."""
    facts, policy = _facts(session, ref, today)
    target = _target(facts, kind, parent_id, today, policy)
    if kind in _FOLLOW_UPS:
        if target is None:
            what = pw.step_label(kind, policy)
            raise EwoDeskError(f"There is nothing on this case that a {what.lower()} can act on.")
        _path, added, own = _FOLLOW_UPS[kind]
        fields = _fields(added) if added else _fields(type(target), only=own, required=own[:1])
        fields = tuple(
            replace(f, default=today.isoformat()) if f.kind == "date" and not f.default else f
            for f in fields
        )
        label = f"{pw.step_label(pw.kind_of(target), policy)} of {_fmt(pw.action_date(target))}"
        return StepForm(kind, pw.step_label(kind, policy), fields, target.id, label)
    fields = _fields(_RECORD_TYPES[kind])
    existing = target if isinstance(target, _RECORD_TYPES[kind]) else None
    defaults = pw.action_to_dict(existing) if existing else _defaults(kind, facts, today, policy)
    fields = tuple(replace(f, default=defaults.get(f.name, f.default)) for f in fields)
    real = existing is not None and existing.id.isdigit()  # not a proposed record
    return StepForm(
        kind,
        pw.step_label(kind, policy),
        fields,
        existing.id if real else None,
        f"{pw.step_label(kind, policy)} of {_fmt(pw.action_date(existing))}" if real else "",
    )


def build_step(
    session: Session,
    ref: str,
    form: StepForm,
    parent_id: str | None,
    values: dict[str, Any],
    today: date,
) -> tuple[pw.LegalAction, int | None]:
    """The whole record the form describes, and the stored row it replaces (None: a new one)."""
    facts, policy = _facts(session, ref, today)
    target = facts.find(form.target_id) if form.target_id else None
    if form.target_id and target is None:
        raise EwoDeskError("The record this step acts on has changed. Close and try again.")
    if form.kind in _FOLLOW_UPS and target is not None:
        data = _follow_up(pw.action_to_dict(target), form.kind, values)
    elif target is not None:
        data = {**pw.action_to_dict(target), **values}
    else:
        proposed = _target(facts, form.kind, parent_id, today, policy)
        hidden = (
            pw.action_to_dict(proposed) if isinstance(proposed, _RECORD_TYPES[form.kind]) else {}
        )
        data = {**_identity(form.kind, facts, parent_id, hidden), **values}
    try:
        record = pw.action_from_dict(data)
    except ValueError as error:
        raise EwoDeskError(
            f"This step could not be put together from the form ({error})."
        ) from None
    return record, int(target.id) if target is not None else None


def check_step(session: Session, ref: str, record: pw.LegalAction, today: date) -> pw.Decision:
    """What `record_step` would decide about this record, without writing anything."""
    facts, policy = _facts(session, ref, today)
    return pw.check_action(record, facts, today, policy)


# --- the fields --------------------------------------------------------------------------------


def _fields(
    cls: type[Any], *, only: tuple[str, ...] = (), required: tuple[str, ...] = ()
) -> tuple[FormField, ...]:
    hints = get_type_hints(cls)
    out = []
    for field in dataclasses.fields(cls):
        if field.name in _HIDDEN or (only and field.name not in only):
            continue
        made = _field(field, hints[field.name])
        if made is not None:
            if field.name in required:  # a date the record may lack, but this step sets
                made = replace(made, required=True, kind=made.kind.replace("optional_", ""))
            out.append(made)
    return tuple(out)


def _field(field: dataclasses.Field[Any], hint: Any) -> FormField | None:
    name = field.name
    label = _LABELS.get(name) or _label(name)
    has_default = field.default is not dataclasses.MISSING
    default = _json(field.default) if has_default else None
    optional = get_origin(hint) in (Union, types.UnionType)
    inner = next((a for a in get_args(hint) if a is not type(None)), hint) if optional else hint
    origin = get_origin(inner)
    if origin is frozenset and issubclass(get_args(inner)[0], Enum):
        return FormField(name, label, "choices", False, _choices(get_args(inner)[0]), [])
    if origin is tuple and get_args(inner)[0] is str:
        return FormField(name, label, "lines", False, default=[])
    if origin is not None or dataclasses.is_dataclass(inner):
        return None  # kept records (reviews, payments): follow-up steps add them
    if inner is date:
        kind = "optional_date" if optional else "date"
        return FormField(name, label, kind, not optional)
    if isinstance(inner, type) and issubclass(inner, Enum):
        return FormField(name, label, "choice", not has_default, _choices(inner), default)
    if inner is bool:
        return FormField(name, label, "flag", False, default=bool(default))
    if inner is int:
        kind = "money" if name.endswith("_pence") else "optional_number" if optional else "number"
        return FormField(name, label, kind, not has_default, default=default)
    long = any(word in name for word in _LONG_TEXT)
    return FormField(name, label, "long_text" if long else "text", not has_default, default=default)


def _label(name: str) -> str:
    if name.endswith("_on"):  # paid_on: "Date paid"
        return "Date " + name.removesuffix("_on").replace("_", " ")
    return name.replace("_", " ").capitalize()


def _choices(enum: type[Enum]) -> tuple[tuple[str, str], ...]:
    def label(member: Enum) -> str:
        text = getattr(member, "label", None)
        return text if isinstance(text, str) else str(member.value).replace("_", " ").capitalize()

    return tuple((str(member.value), label(member)) for member in enum)


def _json(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | frozenset):
        return [_json(v) for v in value]
    return value


# --- the record --------------------------------------------------------------------------------


def _defaults(kind: pw.StepKind, facts: pw.CaseFacts, today: date, policy: Any) -> dict[str, Any]:
    """Today for the step's own dates; for a notice to improve, the period the council offers."""
    values: dict[str, Any] = {}
    for field in _fields(_RECORD_TYPES[kind]):
        if field.kind == "date" or field.name == "posted_on":
            values[field.name] = today.isoformat()
    if kind is K.NOTICE_TO_IMPROVE:
        start, end = pw.propose_nti_period(
            today, pw.Delivery.FIRST_CLASS_POST, today, facts.children[0], policy
        )
        values |= {"period_start": start.isoformat(), "period_end": end.isoformat()}
    return values


def _identity(
    kind: pw.StepKind, facts: pw.CaseFacts, parent_id: str | None, hidden: dict[str, Any]
) -> dict[str, Any]:
    """The id fields a new record needs: the child, the parent (or all parents for a step about
    the child), and any record it cites that the pathway proposed."""
    names = {f.name for f in dataclasses.fields(_RECORD_TYPES[kind])}
    data: dict[str, Any] = {"kind": kind.value, "id": "new", "child_id": facts.children[0].id}
    if "parent_id" in names:
        data["parent_id"] = parent_id if pw.step_spec(kind).per_parent else None
    if "parent_ids" in names:
        data["parent_ids"] = [p.id for p in facts.parents]
    if hidden.get("penalty_notice_id") and "penalty_notice_id" in names:
        data["penalty_notice_id"] = hidden["penalty_notice_id"]
    return data


def _follow_up(data: dict[str, Any], kind: pw.StepKind, values: dict[str, Any]) -> dict[str, Any]:
    path, added, _own = _FOLLOW_UPS[kind]
    if added is None:
        return {**data, **values}
    *parents, last = path.split(".")
    holder = data
    for name in parents:
        if not isinstance(holder.get(name), dict):
            raise EwoDeskError("Record the prosecution outcome before a parenting order.")
        holder[name] = dict(holder[name])
        holder = holder[name]
    if isinstance(holder.get(last), list):
        holder[last] = [*holder[last], values]
    else:
        holder[last] = values
    return data


def _target(
    facts: pw.CaseFacts, kind: pw.StepKind, parent_id: str | None, today: date, policy: Any
) -> pw.LegalAction | None:
    decision = pw.may_issue(kind, parent_id, facts.children[0].id, facts, today, policy)
    if decision.target_id is None:
        return None
    found = facts.find(decision.target_id)
    if found is None and kind is K.PROSECUTION:
        return _proposed_prosecution(facts, decision.target_id, today)
    return found


def _proposed_prosecution(
    facts: pw.CaseFacts, target_id: str, today: date
) -> pw.LegalAction | None:
    """The pathway proposes a prosecution for an expired unpaid notice; it cites that notice."""
    notice = facts.find(target_id.removeprefix("proposed-"))
    if not isinstance(notice, pw.PenaltyNotice):
        return None
    return pw.Prosecution(
        id=target_id, parent_id=notice.parent_id, child_id=notice.child_id,
        offence=pw.Offence.S444_1, offence_start=notice.offence_start,
        offence_end=notice.offence_end, route=pw.Route.SJP, opened_on=today,
        penalty_notice_id=notice.id,
    )  # fmt: skip


def _facts(session: Session, ref: str, today: date) -> tuple[pw.CaseFacts, Any]:
    return case_facts(session, case_by_ref(session, ref), today), load_policy(session)


def _fmt(day: date) -> str:
    return pw.fmt_date(day)
