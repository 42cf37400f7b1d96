"""Council policy settings, declared once in a typed table with defaults.

Each area of the domain declares its settings with `setting(...)` in its own module; the store keeps
the council's overrides as JSON and `Policy` answers with the override or the default. A setting
whose fact the law reference marks UNVERIFIED is declared here rather than hard-coded, so that a
council can set it after checking.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    label: str
    help: str = ""

    def coerce(self, raw: Any) -> T:
        """Check a stored value has the default's type (bool is not accepted for int)."""
        kind = type(self.default)
        if kind is float and isinstance(raw, int) and not isinstance(raw, bool):
            raw = float(raw)
        if type(raw) is not kind:
            raise ValueError(f"{self.key}: expected {kind.__name__}, got {raw!r}")
        return raw


REGISTRY: dict[str, Setting[Any]] = {}


def setting(key: str, default: T, label: str, help: str = "") -> Setting[T]:
    if key in REGISTRY:
        raise ValueError(f"setting {key} declared twice")
    declared = Setting(key, default, label, help)
    REGISTRY[key] = declared
    return declared


class Policy:
    """The council's policy: overrides on top of declared defaults. Immutable."""

    def __init__(self, overrides: Mapping[str, Any] | None = None) -> None:
        checked: dict[str, Any] = {}
        for key, raw in (overrides or {}).items():
            if key not in REGISTRY:
                raise ValueError(f"unknown policy setting {key!r}")
            checked[key] = REGISTRY[key].coerce(raw)
        self._overrides = checked

    def __getitem__(self, item: Setting[T]) -> T:
        value = self._overrides.get(item.key, item.default)
        return value  # type: ignore[no-any-return]

    def with_changes(self, **changes: Any) -> Policy:
        return Policy({**self._overrides, **changes})

    def overrides(self) -> dict[str, Any]:
        return dict(self._overrides)
