"""How the workspace words what the store gives it: UK dates and times, kinds, steps, money."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

from ewo_desk.ui import labels

UK = ZoneInfo("Europe/London")

KIND_LABELS = {
    "note": "Note",
    "phone_call": "Phone call",
    "meeting": "Meeting",
    "home_visit": "Home visit",
    "school_visit": "School visit",
    "letter": "Letter",
    "legal_step": "Legal step",
    "attendance": "Attendance",
    "referral": "Referral",
    "safeguarding": "Safeguarding",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def uk_time(iso: str | None) -> str:
    """A stored UTC time as the officer reads it: 22/11/2026 14:05, UK local time."""
    if not iso:
        return ""
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    local = moment.astimezone(UK)
    return f"{labels.uk_date(local.date().isoformat())} {local:%H:%M}"


def uk_day(iso: str | None) -> str:
    """The UK calendar day of a stored UTC time (an entry at 23:30 UTC in June is the next day)."""
    return uk_time(iso)[:10]


# States whose stored word does not read well on its own; the rest read as they are.
_STATUS_WORDS = {
    "convicted_sjp": "Convicted (single justice procedure)",
    "convicted_guilty_plea": "Convicted on a guilty plea",
    "convicted_after_trial": "Convicted after trial",
    "in_improvement_period": "In the improvement period",
    "expired_unpaid": "Expired unpaid: prosecute or withdraw",
    "file_opened": "Prosecution file opened",
    "laid": "Information laid",
    "sufficient_improvement": "Improved sufficiently",
    "early_pn_grounds": "Grounds for an early penalty notice",
}


def status_words(status: str) -> str:
    """A step's state in plain words: "convicted_sjp" → "Convicted (single justice procedure)"."""
    if not status:
        return ""
    return _STATUS_WORDS.get(status) or labels.status_label(status)


def step_label(kind: str) -> str:
    return labels.stage_label(kind)


def ltr(text: str) -> str:
    """Text that starts with a name in Arabic or Hebrew letters still reads left to right.

    Qt takes a paragraph's direction from its first letter, so "محمد Al-Hassan" would be laid
    out right to left and right-aligned in an English window; a left-to-right mark fixes that.
    """
    rtl = any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)
    return "\u200e" + text if rtl else text
