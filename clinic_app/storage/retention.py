"""Retention: records are purged a site-set number of days after the case closed.

The default is 180 days (``SiteSettings.retention_days``). A record is due on
the day its retention period after the latest "closed" entry of its dated
status history ends, while it is still closed. Purging deletes the record, its
full-text index row, its status history and any draft that edits it, in one
transaction, merges the full-text index (FTS5 otherwise keeps deleted tokens
in old segments), with SQLCipher's secure delete on (the vault sets it), then runs
VACUUM so freed pages leave the file. The audit log gets one "purge" row with
the count, never a name; earlier audit rows keep only record numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from clinic_app.storage import audit, drafts
from clinic_app.storage.longwork import CancelToken, Progress, no_progress
from clinic_app.storage.vault import Vault, guard

BATCH: Final = 500

_DUE_SQL: Final = """
SELECT r.num, r.id, c.closed_on FROM records AS r
JOIN (SELECT record_num, max(on_date) AS closed_on FROM record_status
      WHERE status = 'closed' GROUP BY record_num) AS c ON c.record_num = r.num
WHERE r.case_status = 'closed' AND c.closed_on <= :cutoff
ORDER BY c.closed_on, r.num
"""


@dataclass(frozen=True)
class DueRecord:
    """A record due for purge: its number and dates only, never a name."""

    num: int
    record_id: str
    closed_on: date
    due_on: date


def cutoff(today: date, retention_days: int) -> date:
    """Cases closed on or before this day are due."""
    return today - timedelta(days=retention_days)


def due_for_purge(vault: Vault, today: date, con: Any = None) -> list[DueRecord]:
    """The records whose retention period has ended by ``today``, oldest closure first."""
    days = vault.settings().retention_days
    params = {"cutoff": cutoff(today, days).isoformat()}
    with guard():
        rows = (con or vault.con).execute(_DUE_SQL, params).fetchall()
    out = []
    for num, record_id, closed in rows:
        closed_on = date.fromisoformat(closed)
        out.append(DueRecord(int(num), record_id, closed_on, closed_on + timedelta(days=days)))
    return out


def _delete_batch(con: Any, nums: Sequence[int]) -> None:
    marks = ", ".join("?" for _ in nums)
    # The records_fts_forget trigger deletes each record's search-index row.
    for sql in (
        f"DELETE FROM record_status WHERE record_num IN ({marks})",  # noqa: S608
        f"DELETE FROM records WHERE num IN ({marks})",  # noqa: S608
    ):
        con.execute(sql, list(nums))


def _drop_drafts(con: Any, ids: set[str]) -> None:
    for user, data in con.execute("SELECT user, data FROM drafts").fetchall():
        try:
            form = drafts.decode(bytes(data))
        except ValueError:
            continue
        if form.get("record_id") in ids:
            con.execute("DELETE FROM drafts WHERE user = ?", (user,))


def purge(
    vault: Vault,
    today: date,
    *,
    token: CancelToken | None = None,
    progress: Progress = no_progress,
    vacuum: bool = True,
) -> int:
    """Purges every record due by ``today``; returns how many (supervisors only).

    Cancelling (``token``) between batches rolls everything back.
    """
    vault.require_supervisor()
    with vault.transaction() as con:
        # Chosen inside the transaction: what is deleted is exactly what was due.
        due = due_for_purge(vault, today, con)
        if not due:
            return 0
        total = len(due)
        for start in range(0, total, BATCH):
            if token is not None:
                token.check()
            _delete_batch(con, [d.num for d in due[start : start + BATCH]])
            progress(min(start + BATCH, total), total)
        _drop_drafts(con, {d.record_id for d in due})
        # A contentless FTS5 delete only adds a tombstone: the folded name stays in
        # the index's segments until they are merged. Merge them now.
        con.execute("INSERT INTO records_fts (records_fts) VALUES ('optimize')")
        if token is not None:
            token.check()
        audit.append(con, vault._head_key, vault.user, audit.PURGE, f"count:{total}")
    if vacuum:
        with guard():
            vault.con.execute("VACUUM")
    return total


__all__ = ["BATCH", "DueRecord", "cutoff", "due_for_purge", "purge"]
