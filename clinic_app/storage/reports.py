"""The counts behind the funder report, read from the vault in one grouped query.

Only fields the aggregate-report channel may count are read (``REPORT_FIELDS``,
checked against ``domain.policy`` by the tests), plus the intake date, which
selects the period and gives the month. Counting is done by SQLite over the
list columns and the stored JSON, grouped, so 100,000 records never become
Python objects; ``domain.report`` then suppresses small cells.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Final

from clinic_app.domain.record import PROGRAMS
from clinic_app.domain.report import Facts, Report, Tally, borough_of, build_report
from clinic_app.screening.urgency import (
    PRIORITY_HEARING_DAYS,
    URGENT_ASYLUM_DAYS,
    URGENT_HEARING_DAYS,
)
from clinic_app.storage import urgency_sql
from clinic_app.storage.longwork import CancelToken, interruptible
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
    day = f"{prefix}intake_date"
    return (
        urgency_sql.level_sql(prefix)
        .replace(":u_today", day)
        .replace(":u_hearing_urgent", f"date({day}, '+{URGENT_HEARING_DAYS} days')")
        .replace(":u_hearing_priority", f"date({day}, '+{PRIORITY_HEARING_DAYS} days')")
        .replace(":u_asylum_urgent", f"date({day}, '+{URGENT_ASYLUM_DAYS} days')")
    )


_OUTCOMES: Final = ", ".join(
    f"json_extract(t, '$.screening_result.programs.{p}.outcome')" for p in PROGRAMS
)
_QUERY: Final = f"""
SELECT substr(intake_date, 1, 7), lvl, json_extract(t, '$.client_language'),
    json_extract(t, '$.zip_code'), case_status, json_extract(t, '$.referral_needs'),
    {_OUTCOMES}, count(*)
FROM (SELECT r.intake_date, r.case_status, {urgency_at_intake_sql()} AS lvl,
        CAST(r.data AS TEXT) AS t
      FROM records AS r WHERE r.intake_date BETWEEN :start AND :end)
GROUP BY 1, 2, 3, 4, 5, 6, {", ".join(str(7 + i) for i in range(len(PROGRAMS)))}
"""  # noqa: S608 - only fixed text is joined


def _needs(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    value = json.loads(text)
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def tally(vault: Vault, start: date, end: date, token: CancelToken | None = None) -> Tally:
    """The counts for intakes from ``start`` to ``end`` inclusive."""
    out = Tally()
    with guard(), interruptible(vault.con, token):
        rows = vault.con.execute(
            _QUERY, {"start": start.isoformat(), "end": end.isoformat()}
        ).fetchall()
    for row in rows:
        outcomes = row[6 : 6 + len(PROGRAMS)]
        screened = all(o is not None for o in outcomes)
        facts = Facts(
            month=row[0],
            language=row[2] or "und",
            borough=borough_of(row[3]),
            urgency=urgency_sql.LEVELS[int(row[1])],
            outcomes=dict(zip(PROGRAMS, outcomes, strict=True)) if screened else None,
            case_status=row[4],
            referral_needs=_needs(row[5]),
        )
        out.add(facts, int(row[-1]))
    return out


def funder_report(vault: Vault, start: date, end: date, token: CancelToken | None = None) -> Report:
    """The suppressed report for the period (supervisors only)."""
    vault.require_supervisor()
    return build_report(tally(vault, start, end, token), start, end)


__all__ = ["PERIOD_FIELD", "REPORT_FIELDS", "funder_report", "tally", "urgency_at_intake_sql"]
