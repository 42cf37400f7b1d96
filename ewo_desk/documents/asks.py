"""Values the officer gives when making a letter (a template's `asks:`), checked and typed.

The app's form and the command line (`--set name=value`) both hand in text or Python values;
each is turned into the type the template declared (a date prints as dd/mm/yyyy, money as
£80.00), and a value the template does not ask for, or a missing one, is an error naming the
template and the line of its `asks:` entry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from ewo_desk.documents.errors import TemplateError
from ewo_desk.documents.frontmatter import Ask, TemplateSpec
from ewo_desk.documents.values import Day, Money, Percent


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | tuple | dict) and not value)


def coerce_ask(spec: TemplateSpec, ask: Ask, raw: Any) -> Any:
    """A value from the form or the command line, as the type the template asked for."""

    def bad(what: str) -> TemplateError:
        return TemplateError(spec.filename, ask.line, f"{ask.name} must be {what}; got {raw!r}.")

    if ask.type == "date":
        if isinstance(raw, date):
            return Day.of(raw)
        text = str(raw).strip()
        for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d/%m/%Y").date()):
            try:
                return Day.of(parse(text))
            except ValueError:
                continue
        raise bad("a date written as YYYY-MM-DD or dd/mm/yyyy")
    if ask.type == "money":
        if isinstance(raw, Money):
            return raw
        try:
            return Money.parse(str(raw))
        except ValueError:
            raise bad("an amount in pounds, like 80.00") from None
    if ask.type == "number":
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        text = str(raw).strip()
        if text.lstrip("-").isdigit():
            return int(text)
        raise bad("a whole number")
    if ask.type == "percent":
        if isinstance(raw, Percent):
            return raw
        try:
            return Percent(float(str(raw).strip().rstrip("%")))
        except ValueError:
            raise bad("a percentage, like 78.5") from None
    if ask.type == "list":
        if isinstance(raw, list | tuple):
            return [str(item) for item in raw if str(item).strip()]
        return [p.strip() for p in re.split(r"[;\n]", str(raw)) if p.strip()]
    if ask.type == "yes/no":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in ("yes", "y", "true", "1"):
            return True
        if text in ("no", "n", "false", "0"):
            return False
        raise bad("yes or no")
    if ask.type == "choice":
        text = str(raw).strip()
        if text not in ask.choices:
            raise bad(f"one of {', '.join(ask.choices)}")
        return text
    return str(raw)


def apply_asks(spec: TemplateSpec, data: dict[str, Any], given: Mapping[str, Any]) -> None:
    """Put the officer's values into `data`, checked and typed. Raises on a missing or unknown
    value."""
    asked = {a.name for a in spec.asks}
    unknown = sorted(set(given) - asked)
    if unknown:
        wanted = ", ".join(a.describe() for a in spec.asks) or "nothing"
        raise TemplateError(
            spec.filename, None, f"it does not ask for {', '.join(unknown)}. It asks for: {wanted}."
        )
    for ask in spec.asks:
        raw = given.get(ask.name)
        if is_empty(raw) or (isinstance(raw, str) and not raw.strip()):
            if not ask.optional:
                raise TemplateError(
                    spec.filename,
                    ask.line,
                    f"it needs {ask.describe()}, which "
                    f"was not given. Give it as {ask.name}=… "
                    "(on the command line: --set).",
                )
            data[ask.name] = [] if ask.type == "list" else None
        else:
            data[ask.name] = coerce_ask(spec, ask, raw)
