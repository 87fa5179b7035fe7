"""The records list and the intake save, through their widgets (issue 14).

- ``records-scroll-300k``: a fresh process unlocks the 300,000-record vault,
  shows the ``RecordsList`` and scrolls it to the end (from nothing cached,
  five times), jumps to nine places, then scrolls 300 wheel steps; CPU and
  wall time of reaching the end, and the largest resident memory seen
  anywhere. Targets: end <= 1 s, RSS <= 250 MB at any position.
- ``intake-save-100k``: ``IntakeWizard.save`` of a typed intake into a copy
  of the 100,000-record vault. The target compares the storage work that
  save does (``likely_duplicates`` + ``create(..., discard_draft=True)``,
  exactly the wizard's calls) with the plain-sqlite3 equivalent (the same
  duplicate query, INSERTs, audit row and draft DELETE in one transaction,
  WAL + synchronous=FULL + secure_delete, the columns made by the same
  code), p95 against p95. The whole ``save()`` (validation of every step,
  screening, resetting the wizard) is reported beside it.
"""

from __future__ import annotations

from benchmarks.harness import Result, benchmark, percentile
from benchmarks.records_paths import save_samples, scroll_child


@benchmark(
    "records-scroll-300k",
    "scroll to end CPU p95 <= 1000 ms; RSS <= 250 MB anywhere",
    lambda row: row["cpu_p95_ms"] <= 1000 and row["rss_max_mb"] <= 250,
)
def scroll() -> Result:
    got = scroll_child(300_000)
    return Result(
        samples=got["end_wall"],
        cpu=got["end_cpu"],
        extra={
            "records": got["rows"],
            "jump_cpu_max_ms": round(max(got["jump_cpu"]) * 1000, 1),
            "rss_open_mb": round(got["rss_open_mb"], 1),
            "rss_max_mb": round(got["rss_max_mb"], 1),
            "rows_held": got["rows_held"],
        },
    )


@benchmark(
    "intake-save-100k",
    "duplicate check + create + draft: CPU p95 <= 1.5x plain sqlite3",
    lambda row: row["cpu_ratio_p95"] <= 1.5,
)
def intake_save() -> Result:
    got = save_samples(100_000, 100)

    def ms(samples: list[float]) -> float:
        return round(percentile(samples, 95) * 1000, 2)

    return Result(
        samples=got["store_wall"],
        cpu=got["store_cpu"],
        baseline=got["base_wall"],
        baseline_cpu=got["base_cpu"],
        baseline_name="plain sqlite3: same query, INSERTs, audit row, draft DELETE, one commit",
        extra={
            "wizard_save_cpu_p95_ms": ms(got["cpu"]),
            "wizard_save_wall_p95_ms": ms(got["wall"]),
        },
    )
