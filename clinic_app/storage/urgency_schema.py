"""Schema migration for the screening v2 urgency columns (storage/urgency_sql.py).

Screening v2 added urgency reasons from dates the v1 columns do not hold: the
BIA appeal deadline, the SIJS age-out, the asylum reasonable period and an
open TPS re-registration window. The migration adds a column for each, fills
them from each record's stored screening outcome (decoded by the domain code,
as a save would) and rebuilds the list's covering indexes with them, so an
urgency filter or sort still reads the index alone. The funder report's count
triggers are rebuilt over the new columns first, so the fill also corrects
the urgency-at-intake counts of the records it changes.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from clinic_app.domain.record import RecordError, ScreeningOutcome
from clinic_app.storage import report_schema, urgency_sql

Connection = Any

# Only records whose outcome lists one of these deadlines get a non-NULL new
# column; the kinds are stored as plain ASCII, so a byte search finds them all
# without decoding the other records.
_KINDS: Final = ("bia_appeal", "sijs_age_out", "asylum_reasonable_period", "tps_reregistration_end")
_CANDIDATES: Final = "SELECT num, data FROM records WHERE " + " OR ".join(  # noqa: S608
    f"instr(data, CAST('{kind}' AS BLOB)) > 0" for kind in _KINDS
)
_SET: Final = (
    "UPDATE records SET "  # noqa: S608 - fixed column names
    + ", ".join(f"{name} = :{name}" for name in urgency_sql.COLUMNS)
    + " WHERE num = :num"
)


def _outcome(data: bytes) -> ScreeningOutcome | None:
    try:
        values = json.loads(bytes(data).decode("utf-8"))
        stored = values.get("screening_result") if isinstance(values, dict) else None
        return ScreeningOutcome.from_dict(stored) if stored is not None else None
    except (UnicodeDecodeError, ValueError, RecordError):
        # Not an intake record (a provisional v2 row): it has no urgency to add.
        return None


def _backfill(con: Connection) -> None:
    for num, data in con.execute(_CANDIDATES).fetchall():
        outcome = _outcome(data)
        if outcome is not None:
            con.execute(_SET, {**urgency_sql.columns_for(outcome).values(), "num": num})


def _rebuild_covering_indexes(con: Connection) -> None:
    """Every records index that covers the urgency columns gets the new ones too."""
    found = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records' "
        "AND sql LIKE '%daca_until%'"
    ).fetchall()
    added = ", ".join(("daca_until", *urgency_sql.V2_COLUMNS))
    for name, sql in found:
        con.execute(f'DROP INDEX "{name}"')
        con.execute(re.sub(r"\bdaca_until\b", added, sql, count=1))


def _recount_triggers(con: Connection) -> None:
    """The funder report's count triggers, over every urgency column.

    Replaced before the backfill: its UPDATEs then take each changed record's
    urgency-at-intake count out (computed as before, the new columns being
    NULL) and put the corrected one in.
    """
    for name in ("insert", "update", "delete"):
        con.execute(f"DROP TRIGGER IF EXISTS report_counts_{name}")
    has_counts = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'report_counts'"
    ).fetchone()
    if has_counts:
        for statement in report_schema.counts_triggers(urgency_sql.COLUMNS):
            con.execute(statement)


V_URGENCY_V2: Final[list[Any]] = [
    *(f"ALTER TABLE records ADD COLUMN {name} TEXT" for name in urgency_sql.V2_COLUMNS),
    _recount_triggers,
    _backfill,
    _rebuild_covering_indexes,
]
