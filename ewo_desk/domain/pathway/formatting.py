"""How dates and money appear in messages for an officer: 22/11/2026 and £80.00."""

from __future__ import annotations

from datetime import date


def fmt_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def fmt_money(pence: int) -> str:
    """Integer pence as pounds: 8000 -> "£80.00", -150 -> "-£1.50"."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{rest:02d}"
