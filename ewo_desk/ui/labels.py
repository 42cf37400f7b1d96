"""How stored values read on screen: dates as dd/mm/yyyy, steps and flags in plain words."""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import lru_cache

_FLAG_LABELS = {
    "send_support": "SEN support",
    "ehcp": "EHCP",
    "child_in_need": "Child in need",
    "child_protection": "Child protection plan",
    "looked_after": "Looked after",
    "free_school_meals": "Free school meals",
    "early_help": "Early help",
    "young_carer": "Young carer",
    "eal": "EAL",
    "interpreter_needed": "Interpreter needed",
}


def uk_date(iso: str | None) -> str:
    if not iso:
        return ""
    day = date.fromisoformat(iso[:10])
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


@lru_cache(maxsize=256)
def stage_label(stage: str) -> str:
    """The pathway step's own label where the domain declares it, else the stored word."""
    try:
        from ewo_desk.domain.pathway.steps import StepKind, step_spec

        return step_spec(StepKind(stage)).label
    except Exception:  # noqa: BLE001 - an unknown or older stage name still shows
        return stage.replace("_", " ").capitalize()


def status_label(status: str) -> str:
    return status.replace("_", " ").capitalize()


def year_label(year_group: str | None) -> str:
    if not year_group:
        return ""
    return "Reception" if year_group.upper() == "R" else f"Year {year_group}"


def year_sort_key(year_group: str | None) -> int:
    if not year_group:
        return -10
    if year_group.upper() == "N":
        return -1
    if year_group.upper() == "R":
        return 0
    return int(year_group) if year_group.isdigit() else 99


def flag_labels(flags: list[str]) -> list[str]:
    return [_FLAG_LABELS.get(flag, flag.replace("_", " ")) for flag in flags]


def folded(text: str) -> str:
    """For matching: case and accents ignored, so 'zoe dvorak' finds 'Zoë Dvořák'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def percent(value: float | None) -> str:
    """An attendance or absence percentage to one decimal place ("87.5%"); "" when none."""
    return "" if value is None else f"{value:.1f}%"


def level_number(level: int | None) -> str:
    return "" if not level else str(level)


def level_label(level: int | None) -> str:
    return "No level" if not level else f"Level {level}"


def absence_flag(persistent: bool | None, severe: bool | None) -> str:
    """The caseload's short flag: SA for severe absence (50 % or more), PA for persistent."""
    return "SA" if severe else "PA" if persistent else ""


def absence_text(persistent: bool | None, severe: bool | None) -> str:
    if severe:
        return "Severe absence: 50% or more of sessions missed this school year"
    if persistent:
        return "Persistent absence: 10% or more of sessions missed this school year"
    return ""
