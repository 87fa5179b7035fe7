"""Urgency recomputed in SQL for any day, mirroring ``screening.urgency_on``.

A stored screening outcome is reduced, once, to columns that do not depend on
the day: the level of its date-independent reasons (``urgency_floor``), the
hearing and asylum deadlines, and the days between which the DACA renewal
window is open. ``level_sql`` then gives the urgency for a day from those
columns alone, so the records list filters and labels 100,000 rows without
decoding a single record. tests/storage/test_records_urgency.py checks, with
hypothesis, that it always agrees with ``urgency_on``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from clinic_app.domain.record import ScreeningOutcome
from clinic_app.screening import codes as c
from clinic_app.screening.daca import RENEWAL_WINDOW_DAYS
from clinic_app.screening.dates import years_after
from clinic_app.screening.urgency import (
    PRIORITY_HEARING_DAYS,
    URGENT_ASYLUM_DAYS,
    URGENT_HEARING_DAYS,
)

LEVELS: Final[tuple[str, ...]] = c.URGENCIES  # emergency, urgent, priority, routine
ROUTINE_LEVEL: Final = LEVELS.index(c.ROUTINE)
_LATEST: Final = date.max.isoformat()
_EARLIEST: Final = date.min.isoformat()


@dataclass(frozen=True)
class UrgencyColumns:
    """The day-independent urgency columns of one record (ISO dates or None)."""

    floor: int = ROUTINE_LEVEL
    hearing: str | None = None
    asylum: str | None = None
    daca_from: str | None = None
    daca_until: str | None = None


def columns_for(outcome: ScreeningOutcome | None) -> UrgencyColumns:
    """The columns for a stored outcome, read the way ``urgency_on`` reads it."""
    if outcome is None:
        return UrgencyColumns()
    floor = min(
        (LEVELS.index(c.URGENCY_LEVEL[r]) for r in outcome.urgency_reasons),
        default=ROUTINE_LEVEL,
    )
    kinds: dict[str, date] = {}
    for deadline in outcome.deadlines:
        kinds.setdefault(deadline.kind, deadline.date)
    hearing, asylum = kinds.get("hearing"), kinds.get("asylum_one_year")
    expiration = kinds.get("daca_expiration")
    daca_from = daca_until = None
    if expiration is not None and c.DACA_RENEWAL in outcome.program("daca").reasons:
        # Open from 150 days before the expiry until the renewal track ends,
        # one year after it.
        try:
            daca_from = (expiration - timedelta(days=RENEWAL_WINDOW_DAYS)).isoformat()
        except OverflowError:
            daca_from = _EARLIEST
        until = years_after(expiration, 1)
        daca_until = until.isoformat() if until is not None else _LATEST
    return UrgencyColumns(
        floor,
        hearing.isoformat() if hearing else None,
        asylum.isoformat() if asylum else None,
        daca_from,
        daca_until,
    )


# NULL comparisons are NULL, which CASE treats as false: a missing date adds nothing.
LEVEL_SQL: Final = """(CASE
    WHEN {p}urgency_floor = 0 THEN 0
    WHEN {p}urgency_floor = 1 OR {p}hearing <= :u_hearing_urgent
        OR {p}asylum BETWEEN :u_today AND :u_asylum_urgent THEN 1
    WHEN {p}urgency_floor = 2 OR {p}hearing <= :u_hearing_priority OR {p}asylum IS NOT NULL
        OR (:u_today BETWEEN {p}daca_from AND {p}daca_until) THEN 2
    ELSE 3 END)"""


def level_sql(prefix: str = "") -> str:
    """The SQL expression (0 emergency … 3 routine) over columns of ``prefix``."""
    return LEVEL_SQL.format(p=prefix)


def _plus(day: date, days: int) -> str:
    try:
        return (day + timedelta(days=days)).isoformat()
    except OverflowError:
        return _LATEST


def params(day: date) -> dict[str, str]:
    """The named parameters ``level_sql`` needs for ``day``."""
    return {
        "u_today": day.isoformat(),
        "u_hearing_urgent": _plus(day, URGENT_HEARING_DAYS),
        "u_hearing_priority": _plus(day, PRIORITY_HEARING_DAYS),
        "u_asylum_urgent": _plus(day, URGENT_ASYLUM_DAYS),
    }
