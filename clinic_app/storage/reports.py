"""The counts behind the funder report, read from the vault in one grouped query.

Only fields the aggregate-report channel may count are read (``REPORT_FIELDS``,
checked against ``domain.policy`` by the tests), plus the intake date, which
selects the period and gives the month. Counting is done by SQLite, one grouped
scan per table, over the list columns and ``report_facts`` (the countable
categories, kept by triggers: ``storage/report_schema.py``), so 100,000 records
never become Python objects and no JSON is parsed; ``domain.report`` then
suppresses small cells.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Final

from clinic_app.domain.record import PROGRAMS
from clinic_app.domain.report import Report, Tally, borough_of, build_report
from clinic_app.storage import urgency_sql
from clinic_app.storage.longwork import CancelToken, interruptible
from clinic_app.storage.report_schema import LETTER_OUTCOMES
from clinic_app.storage.vault import Vault, guard

# The catalogue fields the report counts; intake_date selects the period.
REPORT_FIELDS: Final = (
    "client_language",
    "zip_code",
    "case_status",
    "referral_needs",
    "screening_result",
)
PERIOD_FIELD: Final = "intake_date"


def urgency_at_intake_sql(prefix: str = "r.") -> str:
    """``urgency_sql.level_sql`` evaluated on each row's own intake date."""
    return urgency_sql.level_sql_on(f"{prefix}intake_date", prefix)


_PERIOD: Final = "FROM records AS r {join}WHERE r.intake_date BETWEEN :start AND :end"
_JOIN: Final = "JOIN report_facts AS f ON f.num = r.num "
# One grouped scan per table: a handful of groups each, counted by SQLite.
_QUERIES: Final = {
    "month_urgency": "SELECT substr(r.intake_date, 1, 7), "
    + urgency_at_intake_sql()
    + ", count(*) "
    + _PERIOD.format(join="")
    + " GROUP BY 1, 2",
    "language_zip": "SELECT f.language, f.zip_code, count(*) "
    + _PERIOD.format(join=_JOIN)
    + " GROUP BY 1, 2",
    "outcomes": "SELECT f.outcomes, count(*) " + _PERIOD.format(join=_JOIN) + " GROUP BY 1",
    "status": "SELECT r.case_status, count(*) " + _PERIOD.format(join="") + " GROUP BY 1",
    "needs": "SELECT f.needs, count(*) " + _PERIOD.format(join=_JOIN) + " GROUP BY 1",
}


def _needs(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    value = json.loads(text)
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def tally(vault: Vault, start: date, end: date, token: CancelToken | None = None) -> Tally:
    """The counts for intakes from ``start`` to ``end`` inclusive."""
    params = {"start": start.isoformat(), "end": end.isoformat()}
    found: dict[str, list[tuple[Any, ...]]] = {}
    with guard(), interruptible(vault.con, token):
        for key, sql in _QUERIES.items():
            found[key] = vault.con.execute(sql, params).fetchall()
    out = Tally()
    for month, level, n in found["month_urgency"]:
        out.intakes += n
        out.month_urgency[(month, urgency_sql.LEVELS[int(level)])] += n
    for language, zip_code, n in found["language_zip"]:
        out.language_borough[(language or "und", borough_of(zip_code))] += n
    for letters, n in found["outcomes"]:
        for program, letter in zip(PROGRAMS, letters or "N" * len(PROGRAMS), strict=True):
            out.program_outcome[(program, LETTER_OUTCOMES.get(letter, "needs_info"))] += n
    for status, n in found["status"]:
        out.status[status] += n
    for needs, n in found["needs"]:
        for need in set(_needs(needs)):
            out.needs[need] += n
    return out


def funder_report(vault: Vault, start: date, end: date, token: CancelToken | None = None) -> Report:
    """The suppressed report for the period (supervisors only)."""
    vault.require_supervisor()
    return build_report(tally(vault, start, end, token), start, end)


__all__ = ["PERIOD_FIELD", "REPORT_FIELDS", "funder_report", "tally", "urgency_at_intake_sql"]
