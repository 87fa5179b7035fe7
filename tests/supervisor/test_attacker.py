"""An attacker who holds every released report tries to recover hidden counts.

Releases are made through the real ledger (months, quarters, the year, in an
order that invites differencing) on records with rare categories. The
attacker then, for every pair and triple of released periods, adds and
subtracts them with signs +1/-1; wherever the months cancel to a set of
months, the shown counts give that set's exact count. It also uses what each
report says on its own: the total minus the shown counts is the sum of the
hidden ones, each at least 1. It must recover no hidden count and no count
from 1 to 4 of any set of months. Free ranges (two reports a day apart) are
refused outright.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest

from clinic_app.domain.periods import PeriodError, fiscal_year_period, from_range, month, quarter
from clinic_app.domain.suppression import is_small
from clinic_app.storage.records import Records
from clinic_app.storage.reports import ledger, release_report
from clinic_app.storage.vault import Vault
from tests.supervisor.support import synthetic

Released = tuple[frozenset[str], int | None, dict[str, dict[str, int | None]]]


def _records() -> list:  # type: ignore[type-arg]
    made = synthetic(500, seed=11, start=date(2026, 1, 1), days=180)
    # A rare language, a few clients a month (the Polish-in-Staten-Island case).
    rare = []
    for i, day in enumerate((3, 40, 45, 70, 100, 101, 150)):
        r = replace(made[i], client_language="ti", intake_date=date(2026, 1, 1) + timedelta(day))
        rare.append(r)
    return [*rare, *made[len(rare) :]]


def _truth(records: list, months: frozenset[str]) -> Counter[tuple[str, str]]:  # type: ignore[type-arg]
    out: Counter[tuple[str, str]] = Counter()
    for r in records:
        if r.intake_date.isoformat()[:7] in months:
            out[("client_language", r.client_language)] += 1
            out[("site", r.site)] += 1
    return out


def attack(releases: list[Released]) -> dict[tuple[frozenset[str], str, str], int]:
    """Every (months, dim, category) count the attacker can pin exactly."""
    found: dict[tuple[frozenset[str], str, str], int] = {}
    for size in (1, 2, 3):
        for combo in itertools.combinations(releases, size):
            for signs in itertools.product((1, -1), repeat=size):
                if 1 not in signs:
                    continue
                weight: Counter[str] = Counter()
                for sign, (months, _n, _c) in zip(signs, combo, strict=True):
                    for m in months:
                        weight[m] += sign
                if any(w not in (0, 1) for w in weight.values()):
                    continue
                target = frozenset(m for m, w in weight.items() if w == 1)
                if not target:
                    continue
                dims = set.intersection(*(set(c) for _m, _n, c in combo))
                for dim in dims:
                    cats = set().union(*(set(c[dim]) for _m, _n, c in combo))
                    for cat in cats:
                        values = [c[dim].get(cat, 0) for _m, _n, c in combo]
                        if any(v is None for v in values):
                            continue
                        total = sum(s * v for s, v in zip(signs, values, strict=True))
                        found[(target, dim, cat)] = total
    # Within one report: hidden cells summing to exactly their number are all 1.
    for months, n, cells in releases:
        if n is None:
            continue
        for dim, row in cells.items():
            hidden = [c for c, v in row.items() if v is None]
            rest = n - sum(v for v in row.values() if v is not None)
            if dim in ("client_language", "site") and hidden and rest - len(hidden) < 5:
                for c in hidden:
                    found[(months, dim, c)] = -1  # narrowed below the protection width
    return found


def test_differencing_every_pair_and_triple_recovers_nothing(vault: Vault) -> None:
    records = _records()
    Records(vault).create_many(records)
    order = [
        month(2026, 1),
        month(2026, 2),
        quarter(2026, 1),
        month(2026, 3),
        month(2026, 4),
        quarter(2026, 2),
        month(2026, 5),
        month(2026, 6),
        fiscal_year_period(2026),
    ]
    for period in order:
        release_report(vault, period, today=date(2027, 1, 1))
    releases: list[Released] = [
        (frozenset(r.months), r.intakes, {d: dict(v) for d, v in r.cells.items()})
        for _p, r, _a, _b in ledger(vault)
    ]
    hidden = {
        (months, d, c)
        for months, _n, cells in releases
        for d, row in cells.items()
        for c, v in row.items()
        if v is None
    }
    assert any(c == "ti" for _m, _d, c in hidden)  # the rare language was hidden somewhere
    for key, value in attack(releases).items():
        months, dim, cat = key
        assert key not in hidden, f"hidden {cat} over {sorted(months)} recovered: {value}"
        if dim in ("client_language", "site"):
            true = _truth(records, months)[(dim, cat)]
            assert value == true  # the attacker's arithmetic is right
            assert not is_small(true), f"{cat} over {sorted(months)} = {true} recovered"


def test_the_naive_reports_do_leak_and_the_attacker_sees_it() -> None:
    # The reports: January 5, February 0, Q1 6: March's 1 is recovered.
    jan = (frozenset({"2026-01"}), 20, {"client_language": {"pl": 5, "es": 15}})
    feb = (frozenset({"2026-02"}), 30, {"client_language": {"es": 30}})
    q1 = (frozenset({"2026-01", "2026-02", "2026-03"}), 90, {"client_language": {"pl": 6}})
    found = attack([jan, feb, q1])
    assert found[(frozenset({"2026-03"}), "client_language", "pl")] == 1


def test_two_reports_one_day_apart_cannot_be_made() -> None:
    with pytest.raises(PeriodError):
        from_range(date(2026, 1, 1), date(2026, 1, 30))
    with pytest.raises(PeriodError):
        from_range(date(2026, 1, 2), date(2026, 1, 31))
    assert from_range(date(2026, 1, 1), date(2026, 1, 31)) == month(2026, 1)
    assert from_range(date(2025, 7, 1), date(2026, 6, 30), fiscal_start=7) == (
        fiscal_year_period(2026, 7)
    )
    with pytest.raises(PeriodError):
        from_range(date(2026, 1, 1), date(2026, 12, 31), fiscal_start=7)
