"""Records to and from plain JSON-ready dicts, so the store can keep them as kind + details.

Dates become ISO 8601 strings, enums their values, tuples and sets lists. `action_from_dict`
rebuilds the exact frozen dataclass and refuses a dict that does not fit, naming the field.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any, Union, cast, get_args, get_origin, get_type_hints

from ewo_desk.domain.pathway.facts import LegalAction
from ewo_desk.domain.pathway.record_check import RECORD_KINDS, kind_of
from ewo_desk.domain.pathway.steps import StepKind

_TYPES: dict[StepKind, type[Any]] = {kind: cls for cls, kind in RECORD_KINDS.items()}


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, frozenset):
        return sorted(_encode(v) for v in value)  # stable order for diffs and hashes
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def action_to_dict(action: LegalAction) -> dict[str, Any]:
    """The record as a JSON-ready dict, with the step that made it under "kind"."""
    fields: dict[str, Any] = _encode(action)
    return {"kind": kind_of(action).value, **fields}


def _decode(hint: Any, raw: Any, where: str) -> Any:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):  # X | None
        if raw is None:
            return None
        (inner,) = [a for a in get_args(hint) if a is not type(None)]
        return _decode(inner, raw, where)
    if origin in (tuple, frozenset):
        if not isinstance(raw, list):
            raise ValueError(f"{where}: expected a list, got {raw!r}")
        item = get_args(hint)[0]
        values = [_decode(item, v, f"{where}[{i}]") for i, v in enumerate(raw)]
        return tuple(values) if origin is tuple else frozenset(values)
    if hint is date:
        return _parse(date.fromisoformat, raw, where, "date")
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _parse(hint, raw, where, hint.__name__)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, raw, where)
    if isinstance(hint, type) and (
        not isinstance(raw, hint) or isinstance(raw, bool) != (hint is bool)
    ):
        raise ValueError(f"{where}: expected {hint.__name__}, got {raw!r}")
    return raw


def _parse(parse: Callable[[Any], Any], raw: Any, where: str, what: str) -> Any:
    try:
        return parse(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: {raw!r} is not a valid {what}") from None


def _build(cls: type[Any], raw: Any, where: str) -> Any:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: expected an object, got {raw!r}")
    hints = get_type_hints(cls)
    fields = dataclasses.fields(cls)
    unknown = set(raw) - {f.name for f in fields}
    if unknown:
        raise ValueError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    missing = [f.name for f in fields if f.default is dataclasses.MISSING and f.name not in raw]
    if missing:
        raise ValueError(f"{where}: missing field(s) {', '.join(missing)}")
    return cls(
        **{name: _decode(hints[name], value, f"{where}.{name}") for name, value in raw.items()}
    )


def action_from_dict(data: dict[str, Any]) -> LegalAction:
    """Rebuild a record from `action_to_dict` output; its "kind" chooses the record type."""
    fields = dict(data)
    kind = StepKind(fields.pop("kind"))
    if kind not in _TYPES:
        raise ValueError(f"{kind.value} changes an existing record; it has none of its own")
    record_type = _TYPES[kind]
    return cast(LegalAction, _build(record_type, fields, record_type.__name__))
