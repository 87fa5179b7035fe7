"""The supervisor's review queue and the "due soon" list.

The queue is ordered by urgency for today (recomputed in SQL, as the records
list does), then by age (oldest intake first), so emergencies come first and
nobody waits forever behind newer cases. Filters: volunteer, status (default:
every case not closed), a program's outcome, and language. Assigning and
marking go through ``Records`` (audited, status changes dated).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Final

from clinic_app.domain.fields import CASE_STATUS
from clinic_app.domain.record import OUTCOMES, PROGRAMS
from clinic_app.i18n import _
from clinic_app.screening.daca import RENEWAL_WINDOW_DAYS
from clinic_app.storage import urgency_sql
from clinic_app.storage.records import RecordNotFound, Records
from clinic_app.storage.vault import Vault, guard

OPEN: Final = "open"  # status filter: every case that is not closed
DUE_KINDS: Final = (
    "hearing",
    "asylum_one_year",
    "daca_renewal_opens",
    "daca_expiration",
    "tps_registration_end",
    "tps_reregistration_end",
    "bia_appeal",  # screening v2
    "sijs_age_out",
    "asylum_reasonable_period",
)


@dataclass(frozen=True)
class QueueFilter:
    volunteer: str | None = None
    status: str | None = OPEN  # a CASE_STATUS, OPEN, or None for all
    program: str | None = None  # with outcome: cases whose program has that outcome
    outcome: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class QueueRow:
    record_id: str
    display_name: str
    intake_date: date
    case_status: str
    urgency: str
    volunteer: str
    language: str
    waiting_days: int


def _where(flt: QueueFilter) -> tuple[str, dict[str, Any]]:
    where: list[str] = []
    params: dict[str, Any] = {}
    if flt.volunteer is not None:
        where.append("r.volunteer = :volunteer")
        params["volunteer"] = flt.volunteer
    if flt.status == OPEN:
        where.append("r.case_status != 'closed'")
    elif flt.status is not None:
        if flt.status not in CASE_STATUS:
            raise ValueError(f"unknown case status: {flt.status}")
        where.append("r.case_status = :status")
        params["status"] = flt.status
    if flt.program is not None or flt.outcome is not None:
        if flt.program not in PROGRAMS or flt.outcome not in OUTCOMES:
            raise ValueError("a program filter needs a program and an outcome")
        # Only a name from PROGRAMS is joined into the SQL text.
        where.append(
            f"json_extract(CAST(r.data AS TEXT), '$.screening_result.programs.{flt.program}"
            ".outcome') = :outcome"
        )
        params["outcome"] = flt.outcome
    if flt.language is not None:
        where.append("json_extract(CAST(r.data AS TEXT), '$.client_language') = :language")
        params["language"] = flt.language
    return (" WHERE " + " AND ".join(where)) if where else "", params


class Queue:
    """The review queue of one unlocked vault (supervisors only)."""

    def __init__(self, vault: Vault, *, today: Callable[[], date] = date.today) -> None:
        vault.require_supervisor()
        self.vault = vault
        self._today = today
        self.records = Records(vault, today=today)

    def _params(self, flt: QueueFilter) -> tuple[str, dict[str, Any]]:
        clause, params = _where(flt)
        return clause, {**params, **urgency_sql.params(self._today())}

    def rows(self, flt: QueueFilter, offset: int = 0, limit: int = 200) -> list[QueueRow]:
        """One page of the queue: most urgent first, then longest waiting."""
        clause, params = self._params(flt)
        sql = (
            "SELECT r.id, r.display_name, r.intake_date, r.case_status, "  # noqa: S608
            f"{urgency_sql.level_sql('r.')} AS lvl, r.volunteer, "
            "json_extract(CAST(r.data AS TEXT), '$.client_language') "
            f"FROM records AS r{clause} ORDER BY lvl, r.intake_date, r.num "
            "LIMIT :limit OFFSET :offset"
        )
        with guard():
            found = self.vault.con.execute(
                sql, {**params, "limit": max(0, limit), "offset": max(0, offset)}
            ).fetchall()
        today = self._today()
        out = []
        for r in found:
            day = date.fromisoformat(r[2]) if r[2] else date.min
            out.append(
                QueueRow(
                    r[0],
                    r[1],
                    day,
                    r[3],
                    urgency_sql.LEVELS[int(r[4])],
                    r[5],
                    r[6] or "",
                    max(0, (today - day).days) if r[2] else 0,
                )
            )
        return out

    def counts(self, flt: QueueFilter) -> dict[str, int]:
        """How many cases of each urgency the filter holds."""
        clause, params = self._params(flt)
        sql = (
            f"SELECT {urgency_sql.level_sql('r.')} AS lvl, count(*) "  # noqa: S608
            f"FROM records AS r{clause} GROUP BY lvl"
        )
        with guard():
            found = dict(self.vault.con.execute(sql, params).fetchall())
        return {level: int(found.get(i, 0)) for i, level in enumerate(urgency_sql.LEVELS)}

    def assign(self, record_id: str, volunteer: str) -> None:
        """Gives the case to another (active) user; audited as an edit."""
        active = {u.name for u in self.vault.users() if not u.removed}
        if volunteer not in active:
            raise ValueError(_("There is no such user."))
        record = self.records.get(record_id)
        if record is None:
            raise RecordNotFound(record_id)
        self.records.update(replace(record, volunteer=volunteer))

    def mark_referred(self, record_id: str, destination: str) -> None:
        """Referred, to ``destination`` (required); the status change is dated today."""
        if not destination.strip():
            raise ValueError(_("Say where the client was referred."))
        record = self.records.get(record_id)
        if record is None:
            raise RecordNotFound(record_id)
        self.records.update(
            replace(record, case_status="referred", referral_destination=destination)
        )

    def mark_closed(self, record_id: str, on: date | None = None) -> None:
        """Closed as of ``on`` (default today): the retention period starts then."""
        self.records.set_status(record_id, "closed", on or self._today())


@dataclass(frozen=True)
class DueItem:
    record_id: str
    display_name: str
    volunteer: str
    kind: str  # one of DUE_KINDS
    day: date


_DUE_SQL: Final = """
SELECT r.id, r.display_name, r.volunteer, json_extract(d.value, '$.kind'),
    json_extract(d.value, '$.date')
FROM records AS r, json_each(CAST(r.data AS TEXT), '$.screening_result.deadlines') AS d
WHERE r.case_status != 'closed'
"""


def due_soon(vault: Vault, today: date, horizon_days: int) -> list[DueItem]:
    """Hearings, asylum deadlines, DACA renewal windows and TPS windows in the horizon.

    Open cases only, soonest first. A DACA expiry gives two dates: the day the
    renewal window opens (150 days before) and the expiry itself.
    """
    vault.require_supervisor()
    last = today + timedelta(days=max(0, horizon_days))
    with guard():
        found = vault.con.execute(_DUE_SQL).fetchall()
    items = []
    for rid, name, volunteer, kind, text in found:
        try:
            day = date.fromisoformat(text)
        except (TypeError, ValueError):
            continue
        dates = [(kind, day)]
        if kind == "daca_expiration":
            dates.append(("daca_renewal_opens", day - timedelta(days=RENEWAL_WINDOW_DAYS)))
        for k, d in dates:
            if k in DUE_KINDS and today <= d <= last:
                items.append(DueItem(rid, name, volunteer, k, d))
    items.sort(key=lambda i: (i.day, DUE_KINDS.index(i.kind), i.record_id))
    return items


__all__ = ["DUE_KINDS", "OPEN", "DueItem", "Queue", "QueueFilter", "QueueRow", "due_soon"]
