"""Statutory dates and periods that several rules share. National law, so constants, not policy."""

from __future__ import annotations

from datetime import date, timedelta

from ewo_desk.domain.calendar import add_months, add_years, last_day_of_period

# The national PN framework, the 2-in-3-years count and "attendance contracts" start (§0).
FRAMEWORK_START = date(2024, 8, 19)
PN_LIMIT = 2
PN_WINDOW_YEARS = 3
PROSECUTION_LIMIT_MONTHS = 6  # MCA 1980 s.127
ESO_MONTHS = 12  # CA 1989 Sch 3 para 15(1)
ESO_EXTENSION_OPENS_MONTHS = 3
ESO_EXTENSION_MAX_YEARS = 3
ESO_REASONS_WEEKS = 8  # EA 1996 s.447(4)
SAO_NOTICE_MIN_DAYS = 15  # EA 1996 s.437(2)
PARENTING_ORDER_MAX_MONTHS = 12
PARENTING_PROGRAMME_MAX_MONTHS = 3


def prosecution_limit(offence_end: date) -> date:
    """Last day to lay an information: six months from the last day of the offence period.

    The offence is treated as continuing to its last absence (§4.4: UNVERIFIED for s.444, so the
    earliest safe reading is used); 31 August gives 28 or 29 February.
    """
    return add_months(offence_end, PROSECUTION_LIMIT_MONTHS)


def counts_until(issued_on: date) -> date:
    """Last day a penalty notice counts toward the two-in-three-years limit.

    Council codes say "within 3 years of the date of issue of the first" (S18) or "the 3 years
    ending on the proposed issue date" (S20). We take the cautious reading: a notice still counts
    on its third anniversary (28 February when it was issued on 29 February).
    """
    return add_years(issued_on, PN_WINDOW_YEARS)


def eso_last_day(made_on: date) -> date:
    """An ESO has effect for one year beginning with the day it is made."""
    return add_months(made_on, ESO_MONTHS) - timedelta(days=1)


def eso_extension_opens(last_day: date) -> date:
    """Extension may be applied for no earlier than 3 months before the order would expire."""
    return add_months(last_day + timedelta(days=1), -ESO_EXTENSION_OPENS_MONTHS)


def eso_reasons_due(directed_on: date, days: int | None = None) -> date:
    """Reasons to the court within 8 weeks of its direction, unless it set another period."""
    return directed_on + timedelta(days=days if days is not None else 7 * ESO_REASONS_WEEKS)


def sao_notice_ends(served_on: date, days: int) -> date:
    """Last day of the s.437(1) period: `days` days beginning with the day of service."""
    return last_day_of_period(served_on, days)
