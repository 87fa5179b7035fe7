"""Records benchmarks (issues 5 and 14): search, typing, the list, the queue.

Every figure times the path a person triggers, on cached demo vaults
(``benchmarks/vaults.py``), and is judged on CPU time (wall time is shown
beside it; on a shared machine it swings with other load). See
``records_paths.py`` for what each path runs and what its baseline is.

- ``records-search-100k`` / ``-300k``: the list's ``set_filter`` for a mix of
  typed text (names, prefixes, single letters, phone fragments, misspellings,
  Arabic with and without hamza): capped count + first 200 rows. Baseline:
  raw FTS5 MATCH joined to the records ORDER BY the indexed intake date LIMIT
  50 on a plaintext copy; ratio p95/p95 reported, the target is absolute.
- ``records-typing-555-100k`` / ``-300k``: the same for "555", which matches
  most demo phone numbers.
- ``records-open-100k``: ``Records(vault)``, count and first page, as the list
  opens. ``records-queue-100k``: most urgent first (no key order: OFFSET).
"""

from __future__ import annotations

import statistics
from typing import Any

from benchmarks.harness import Result, benchmark, percentile, repeat_cpu
from benchmarks.records_paths import search_samples, typing_samples
from benchmarks.vaults import TODAY, open_vault, vault_at
from clinic_app.storage.records import RecordFilter, Records

QUERIES = 150


def _ms(samples: list[float], q: float = 95) -> float:
    return round(percentile(samples, q) * 1000, 2)


def _search(size: int) -> Result:
    got = search_samples(size, QUERIES)
    kinds = {f"cpu_p95_ms[{k}]": _ms(v) for k, v in sorted(got["kinds"].items())}
    return Result(
        samples=got["wall"],
        cpu=got["cpu"],
        baseline=got["base_wall"],
        baseline_cpu=got["base_cpu"],
        baseline_name="raw FTS5 MATCH, ORDER BY indexed intake date LIMIT 50, plain sqlite3",
        extra={"records": size, "queries": got["queries"], **kinds},
    )


def _cpu_p95_at_most(ms: float) -> Any:
    return lambda row: row["cpu_p95_ms"] <= ms


@benchmark("records-search-100k", "CPU p95 <= 10 ms (count + 200 rows)", _cpu_p95_at_most(10))
def search_100k() -> Result:
    return _search(100_000)


@benchmark("records-search-300k", "CPU p95 <= 20 ms (count + 200 rows)", _cpu_p95_at_most(20))
def search_300k() -> Result:
    return _search(300_000)


def _typing(size: int) -> Result:
    wall, cpu, hits = typing_samples(size)
    return Result(samples=wall, cpu=cpu, extra={"records": size, "hits": hits})


@benchmark("records-typing-555-100k", "CPU p95 <= 30 ms", _cpu_p95_at_most(30))
def typing_100k() -> Result:
    return _typing(100_000)


@benchmark("records-typing-555-300k", "CPU p95 <= 30 ms", _cpu_p95_at_most(30))
def typing_300k() -> Result:
    return _typing(300_000)


@benchmark("records-open-100k", "CPU p95 <= 300 ms", _cpu_p95_at_most(300))
def open_list() -> Result:
    """A fresh repository's count and first page, as the list does when it opens."""
    path = vault_at(100_000)
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(10):
        with open_vault(100_000) as vault:  # unlocking is vault-unlock's business

            def opening(v: Any = vault) -> None:
                records = Records(v, today=lambda: TODAY)
                records.count()
                records.page(None, None, 200)

            w, c = repeat_cpu(opening, 1, warmup=0)
            wall += w
            cpu += c
    return Result(samples=wall, cpu=cpu, extra={"vault_mb": round(path.stat().st_size / 1e6)})


@benchmark("records-queue-100k", "CPU p95 <= 300 ms", _cpu_p95_at_most(300))
def queue() -> Result:
    """The queue view: count and first page most urgent first, and an urgency filter."""
    with open_vault(100_000) as vault:
        records = Records(vault, today=lambda: TODAY)

        def by_urgency() -> None:
            records.count()
            records.rows(0, 50, RecordFilter(order="urgency"))

        def urgent_only() -> None:
            flt = RecordFilter(urgency="urgent")
            records.count(flt, cap=1000)
            records.page(flt, None, 200)

        wall, cpu = repeat_cpu(by_urgency, 20)
        _fw, filtered = repeat_cpu(urgent_only, 20)
    return Result(
        samples=wall,
        cpu=cpu,
        extra={
            "urgent_filter_cpu_p50_ms": round(statistics.median(filtered) * 1000, 2),
            "urgent_filter_cpu_p95_ms": _ms(filtered),
        },
    )
