"""Urgency recomputed in SQL for any day, mirroring ``screening.urgency_on``.

A stored screening outcome is reduced, once, to columns that do not depend on
the day: the level of its date-independent reasons (``urgency_floor``), the
hearing, asylum one-year, BIA appeal, SIJS age-out and asylum reasonable-period
deadlines, the end of an open TPS re-registration window, and the days between
which the DACA renewal window is open. ``level_sql`` then gives the urgency for
a day from those columns alone, so the records list filters and labels 100,000
rows from its covering index without decoding a single record.
tests/storage/test_records_urgency.py checks, with hypothesis, that it always
agrees with ``urgency_on``.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from datetime import date, timedelta
from typing import Any, Final

from clinic_app.domain.record import ScreeningOutcome
from clinic_app.screening import codes as c
from clinic_app.screening.daca import RENEWAL_WINDOW_DAYS
from clinic_app.screening.dates import years_after
from clinic_app.screening.urgency import (
    PRIORITY_HEARING_DAYS,
    URGENT_ASYLUM_DAYS,
    URGENT_HEARING_DAYS,
    URGENT_REASONABLE_PERIOD_DAYS,
    URGENT_SIJS_DAYS,
)

LEVELS: Final[tuple[str, ...]] = c.URGENCIES  # emergency, urgent, priority, routine
ROUTINE_LEVEL: Final = LEVELS.index(c.ROUTINE)
_LATEST: Final = date.max.isoformat()
_EARLIEST: Final = date.min.isoformat()


# The records columns, in the order of ``UrgencyColumns``' fields.
COLUMNS: Final[tuple[str, ...]] = (
    "urgency_floor",
    "hearing",
    "asylum",
    "daca_from",
    "daca_until",
    "appeal",
    "sijs_age_out",
    "asylum_period",
    "tps_until",
)
# Those of schema v3, and those added by screening v2 (storage/urgency_schema.py).
V1_COLUMNS: Final = COLUMNS[:5]
V2_COLUMNS: Final = COLUMNS[5:]


@dataclass(frozen=True)
class UrgencyColumns:
    """The day-independent urgency columns of one record (ISO dates or None)."""

    floor: int = ROUTINE_LEVEL
    hearing: str | None = None
    asylum: str | None = None  # the asylum one-year deadline
    daca_from: str | None = None
    daca_until: str | None = None
    appeal: str | None = None  # bia_appeal: urgent while today <= it
    sijs_age_out: str | None = None  # the 21st birthday
    asylum_period: str | None = None  # asylum_reasonable_period, when no status is held
    tps_until: str | None = None  # tps_reregistration_end: priority while today <= it

    def values(self) -> dict[str, Any]:
        """Column name to value, for an INSERT or UPDATE of ``records``."""
        return dict(zip(COLUMNS, astuple(self), strict=True))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


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
    # A held TPS or parole status is the asylum exception itself (a fixed
    # reason, in the floor): urgency_on then ignores the reasonable period.
    held = c.ASYLUM_EXCEPTION_STATUS_HELD in outcome.urgency_reasons
    return UrgencyColumns(
        floor,
        _iso(kinds.get("hearing")),
        _iso(kinds.get("asylum_one_year")),
        daca_from,
        daca_until,
        appeal=_iso(kinds.get("bia_appeal")),
        sijs_age_out=_iso(kinds.get("sijs_age_out")),
        asylum_period=None if held else _iso(kinds.get("asylum_reasonable_period")),
        tps_until=_iso(kinds.get("tps_reregistration_end")),
    )


# NULL comparisons are NULL, which CASE treats as false: a missing date adds
# nothing. The reasonable period counts only once the one-year deadline has
# passed (before, the asylum column already gives its level); SIJS is urgent
# 1 to 180 days before the 21st birthday, priority earlier, nothing from then on.
LEVEL_SQL: Final = """(CASE
    WHEN {urgency_floor} = 0 THEN 0
    WHEN {urgency_floor} = 1 OR {hearing} <= {hearing_urgent}
        OR {asylum} BETWEEN {today} AND {asylum_urgent}
        OR {appeal} >= {today}
        OR ({sijs_age_out} > {today} AND {sijs_age_out} <= {sijs_urgent})
        OR ({asylum} < {today}
            AND {asylum_period} BETWEEN {today} AND {period_urgent}) THEN 1
    WHEN {urgency_floor} = 2 OR {hearing} <= {hearing_priority} OR {asylum} IS NOT NULL
        OR ({today} BETWEEN {daca_from} AND {daca_until})
        OR {sijs_age_out} > {today} OR {tps_until} >= {today} THEN 2
    ELSE 3 END)"""

# Each day the SQL compares with, as days after today.
_OFFSETS: Final = {
    "today": 0,
    "hearing_urgent": URGENT_HEARING_DAYS,
    "hearing_priority": PRIORITY_HEARING_DAYS,
    "asylum_urgent": URGENT_ASYLUM_DAYS,
    "sijs_urgent": URGENT_SIJS_DAYS,
    "period_urgent": URGENT_REASONABLE_PERIOD_DAYS,
}


def _names(prefix: str, present: tuple[str, ...]) -> dict[str, str]:
    # A column a schema does not have yet reads as NULL: no such deadline.
    return {name: f"{prefix}{name}" if name in present else "NULL" for name in COLUMNS}


def level_sql(prefix: str = "") -> str:
    """The SQL expression (0 emergency … 3 routine) over columns of ``prefix``.

    Its days are the named parameters ``params`` gives.
    """
    days = {name: f":u_{name}" for name in _OFFSETS}
    return LEVEL_SQL.format(**_names(prefix, COLUMNS), **days)


def level_sql_on(day_sql: str, prefix: str = "", columns: tuple[str, ...] = COLUMNS) -> str:
    """``level_sql`` for the day an SQL expression gives (a column: no parameters).

    ``columns``: those the schema has (an earlier migration's triggers use
    the columns of their time).
    """
    days = {
        name: f"date({day_sql}, '+{offset} days')" if offset else day_sql
        for name, offset in _OFFSETS.items()
    }
    return LEVEL_SQL.format(**_names(prefix, columns), **days)


def _plus(day: date, days: int) -> str:
    try:
        return (day + timedelta(days=days)).isoformat()
    except OverflowError:
        return _LATEST


def params(day: date) -> dict[str, str]:
    """The named parameters ``level_sql`` needs for ``day``."""
    return {f"u_{name}": _plus(day, offset) for name, offset in _OFFSETS.items()}
