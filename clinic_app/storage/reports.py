"""The funder report from the vault: monthly counts, the release ledger, suppression.

Counts are kept on write (``report_counts``, by triggers: ``report_schema``),
so a report reads a few hundred rows whatever the number of records. A month
that has been part of a released report is *frozen*: its counts are copied to
``report_frozen`` and every later report uses that copy, so all releases are
one consistent linear system for the auditor (records entered later for a
frozen month are not counted again; docs/supervisor.md says so).

:func:`funder_report` previews (nothing recorded); :func:`release_report`
writes the release to the ledger and the audit log in one transaction. A
period already in the ledger is never recomputed: its stored figures are
returned, so a re-print is identical.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from clinic_app.domain.periods import Period
from clinic_app.domain.report import OTHER, Report, dimensions, from_release, partitions
from clinic_app.domain.suppression import Cell, Release, Target, protect
from clinic_app.storage import audit
from clinic_app.storage.longwork import CancelToken, interruptible
from clinic_app.storage.vault import Vault, guard

RELEASE: Final = "report_release"  # the audit action of a release

# The catalogue fields the report counts come from ``domain.report.dimensions``;
# intake_date selects the period and is not counted.
PERIOD_FIELD: Final = "intake_date"
REPORT_FIELDS: Final = tuple(dict.fromkeys(d.field for d in dimensions()))

Monthly = dict[str, dict[Cell, int]]


def _destinations(con: Any) -> set[str]:
    return {str(r[0]).strip() for r in con.execute("SELECT name FROM providers").fetchall()}


def _read_counts(con: Any, months: list[str]) -> Monthly:
    """Monthly counts: frozen where the month was released, live otherwise."""
    out: Monthly = {m: {} for m in months}
    if not months:
        return out
    marks = ", ".join("?" for _m in months)
    frozen = {
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT month FROM report_frozen WHERE month IN ({marks})",  # noqa: S608
            months,
        ).fetchall()
    }
    known = _destinations(con)
    for table in ("report_frozen", "report_counts"):
        chosen = [m for m in months if (m in frozen) == (table == "report_frozen")]
        if not chosen:
            continue
        marks = ", ".join("?" for _m in chosen)
        rows = con.execute(
            f"SELECT month, dim, cat, n FROM {table} WHERE month IN ({marks}) AND n != 0",  # noqa: S608
            chosen,
        ).fetchall()
        for month, dim, cat, n in rows:
            if table == "report_counts" and dim == "referral_destination" and cat not in known:
                cat = cat if cat in ("none", "not_recorded") else OTHER
            if dim == "referral_destination" and cat == "not_recorded":
                cat = "none"
            cell = (dim, cat)
            out[month][cell] = out[month].get(cell, 0) + int(n)
    return out


def _encode(release: Release) -> str:
    return json.dumps(
        {
            "months": list(release.months),
            "intakes": release.intakes,
            "cells": release.cells,
            "withheld": release.withheld,
        },
        sort_keys=True,
        ensure_ascii=False,
    )


def _decode(text: str) -> Release:
    data = json.loads(text)
    return Release(
        tuple(data["months"]), data["intakes"], data["cells"], bool(data.get("withheld"))
    )


def ledger(vault: Vault) -> list[tuple[Period, Release, str, str]]:
    """Every released report: period, what it published, when, by whom."""
    with guard():
        rows = vault.con.execute(
            "SELECT period, cells, released_at, released_by FROM report_releases ORDER BY seq"
        ).fetchall()
    return [(Period.from_key(p), _decode(c), at, by) for p, c, at, by in rows]


def _compute(
    con: Any, period: Period, earlier: list[Release]
) -> tuple[Release, list[Target], Monthly]:
    months = sorted({*period.month_keys(), *(m for r in earlier for m in r.months)})
    truth = _read_counts(con, months)
    release, exposed = protect(partitions(), earlier, period.month_keys(), truth)
    return release, exposed, truth


def funder_report(vault: Vault, period: Period, token: CancelToken | None = None) -> Report:
    """The report for ``period`` as it would be released (supervisors only; records nothing)."""
    vault.require_supervisor()
    released = {p: (r, at, by) for p, r, at, by in ledger(vault)}
    if period in released:
        release, at, by = released[period]
        return from_release(release, period, at, by)
    with guard(), interruptible(vault.con, token):
        release, _exposed, _truth = _compute(
            vault.con, period, [r for r, _a, _b in released.values()]
        )
    return from_release(release, period)


class PeriodNotOver(ValueError):
    """A period is released only once it has ended (its months are then frozen)."""


def release_report(vault: Vault, period: Period, today: date | None = None) -> Report:
    """Records the report for ``period`` in the ledger (or returns the recorded one).

    A period that has not ended is refused: releasing it would freeze months
    whose intakes are still coming in.
    """
    vault.require_supervisor()
    if period.end >= (today or date.today()):
        raise PeriodNotOver(period.key)
    with vault.transaction() as con:
        row = con.execute(
            "SELECT cells, released_at, released_by FROM report_releases WHERE period = ?",
            (period.key,),
        ).fetchone()
        if row is not None:
            return from_release(_decode(row[0]), period, row[1], row[2])
        earlier = [
            _decode(r[0])
            for r in con.execute("SELECT cells FROM report_releases ORDER BY seq").fetchall()
        ]
        release, _exposed, truth = _compute(con, period, earlier)
        _freeze(con, release.months, truth)
        now = audit.now_iso()
        text = _encode(release)
        cursor = con.execute(
            "INSERT INTO report_releases (period, released_at, released_by, cells) "
            "VALUES (?, ?, ?, ?)",
            (period.key, now, vault.user, text),
        )
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        # The audit chain binds the ledger row: changing it breaks the chain check.
        audit.append(
            con,
            vault._head_key,
            vault.user,
            RELEASE,
            f"release:{cursor.lastrowid}:{period.key}:{digest}",
            at=now,
        )
    return from_release(release, period, now, vault.user)


def _freeze(con: Any, months: tuple[str, ...], truth: Mapping[str, Mapping[Cell, int]]) -> None:
    for month in months:
        if con.execute("SELECT 1 FROM report_frozen WHERE month = ? LIMIT 1", (month,)).fetchone():
            continue
        cells = truth.get(month, {})
        if not cells:  # an empty month is frozen as zero intakes
            cells = {("_n", "all"): 0}
        con.executemany(
            "INSERT INTO report_frozen (month, dim, cat, n) VALUES (?, ?, ?, ?)",
            [(month, d, c, n) for (d, c), n in cells.items()],
        )


def verify_ledger(vault: Vault) -> list[str]:
    """Problems with the ledger: a row whose figures no longer match its audit entry."""
    with guard():
        rows = vault.con.execute("SELECT seq, period, cells FROM report_releases").fetchall()
        logged = {
            r[0]
            for r in vault.con.execute(
                "SELECT record_id FROM audit_log WHERE action = ?", (RELEASE,)
            ).fetchall()
        }
    problems = []
    for seq, period, cells in rows:
        digest = hashlib.sha256(cells.encode("utf-8")).hexdigest()[:16]
        if f"release:{seq}:{period}:{digest}" not in logged:
            problems.append(f"release {seq} ({period}) does not match the audit log")
    return problems


__all__ = [
    "PERIOD_FIELD",
    "RELEASE",
    "REPORT_FIELDS",
    "PeriodNotOver",
    "funder_report",
    "ledger",
    "release_report",
    "verify_ledger",
]
