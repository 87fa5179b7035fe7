"""Records benchmarks (issue 5): search, opening the list, memory, saving an intake.

One vault of 100,000 demo clients (``storage.demo``, as ``admin demo-data``
makes them) is built per run in a temporary folder and shared by all four.

- ``records-search-100k``: name search (``Records.rows`` of the first page of
  50 for typed text: folding, FTS5 MATCH, newest-first order, urgency for
  today, row objects) against the bare FTS5 query for the same page (plain
  sqlite3 in memory, the same tokens and MATCH expressions, the intake date as
  an UNINDEXED column, ORDER BY it, LIMIT 50; no app code, no encryption). The
  bare query for any 50 hits, unordered, is reported too. Targets: p95 <= 10 ms
  and <= 2x the bare query.
- ``records-open-100k``: ``Records(vault)``, ``count()`` and the first page
  of rows, as the list does when it opens. Target: <= 300 ms.
- ``records-queue-100k``: the same, most urgent first (urgency recomputed for
  today over every row), and the count and first page of the urgent ones.
- ``records-memory-100k``: resident memory (VmRSS) of a fresh process that
  unlocked the vault and opened the list, then scrolled ten pages and ran a
  search. Target: <= 250 MB.
- ``records-save``: ``Records.create`` of a realistic intake into the 100k vault.
"""

from __future__ import annotations

import atexit
import functools
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from benchmarks.harness import Result, benchmark, percentile, repeat
from clinic_app.domain.record import IntakeRecord, ScreeningOutcome
from clinic_app.domain.textfold import FTS5_TOKENIZE
from clinic_app.screening import Rules, load_rules, screen
from clinic_app.storage import demo, search
from clinic_app.storage.records import RecordFilter, Records
from clinic_app.storage.vault import Vault

PASSPHRASE = "benchmark passphrase with words"
BIG = 100_000
PAGE = 50
QUERIES = 300
TODAY = date(2026, 11, 27)


@functools.cache
def big_vault() -> tuple[Path, float]:
    """A vault of 100,000 demo clients (built once per run) and its build time."""
    folder = Path(tempfile.mkdtemp(prefix="bench-records-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "big.vault"
    started = time.perf_counter()
    with Vault.create(path, "bench", PASSPHRASE) as vault:
        records = Records(vault, today=lambda: TODAY)
        records.mark_training()
        for _ in demo.fill(records.create_many, BIG, 5, TODAY):
            pass
    return path, time.perf_counter() - started


def _open() -> Vault:
    path, _ = big_vault()
    return Vault.open(path, "bench", PASSPHRASE)


def typed_queries(records: Records, n: int) -> list[str]:
    """What volunteers type: whole names, a name, or its first letters."""
    rng = random.Random(9)
    rows = records.rows(0, BIG)
    out = []
    for _ in range(n):
        name = rng.choice(rows).display_name
        words = name.split()
        kind = rng.randrange(3)
        if kind == 0:
            out.append(name)
        elif kind == 1:
            out.append(rng.choice(words))
        else:
            word = rng.choice(words)
            out.append(word[: max(2, len(word) // 2)])
    return out


def bare_fts(vault: Vault) -> sqlite3.Connection:
    """Plain sqlite3 in memory: the same FTS5 table and tokens, with the intake date."""
    bare = sqlite3.connect(":memory:")
    bare.execute(
        "CREATE VIRTUAL TABLE t USING fts5(name, phone, intake_date UNINDEXED, "
        f'tokenize="{FTS5_TOKENIZE}")'
    )
    rows = vault.con.execute(
        "SELECT f.rowid, f.name, f.phone, r.intake_date "
        "FROM records_fts AS f JOIN records AS r ON r.num = f.rowid"
    ).fetchall()
    bare.executemany("INSERT INTO t (rowid, name, phone, intake_date) VALUES (?, ?, ?, ?)", rows)
    return bare


BARE_PAGE = "SELECT rowid FROM t WHERE t MATCH ? ORDER BY intake_date DESC, rowid DESC LIMIT ?"
BARE_ANY = "SELECT rowid FROM t WHERE t MATCH ? LIMIT ?"


@benchmark("records-search-100k", target="p95 <= 10 ms and ratio <= 2")
def search_big() -> Result:
    with _open() as vault:
        records = Records(vault, today=lambda: TODAY)
        queries = typed_queries(records, QUERIES)
        bare = bare_fts(vault)
        samples: list[float] = []
        baseline: list[float] = []
        unordered: list[float] = []
        hits: list[int] = []
        for text in queries:  # interleaved, so machine noise hits all alike
            match = search.fts_query(text)
            samples += repeat(lambda t=text: records.rows(0, PAGE, RecordFilter(text=t)), 1)
            baseline += repeat(lambda m=match: bare.execute(BARE_PAGE, (m, PAGE)).fetchall(), 1)
            unordered += repeat(lambda m=match: bare.execute(BARE_ANY, (m, PAGE)).fetchall(), 1)
            hits.append(records.count(RecordFilter(text=text)))
        bare.close()
    return Result(
        samples=samples,
        baseline=baseline,
        baseline_name="plain sqlite3 FTS5, same tokens and MATCH, same first page (newest 50)",
        extra={
            "queries": len(queries),
            "median_hits": statistics.median(hits),
            "max_hits": max(hits),
            "bare_any_50_p50_ms": round(statistics.median(unordered) * 1000, 3),
            "bare_any_50_p95_ms": round(percentile(unordered, 95) * 1000, 3),
        },
    )


@benchmark("records-open-100k", target="p95 <= 300 ms")
def open_list() -> Result:
    path, built = big_vault()

    def opening(vault: Vault) -> None:
        records = Records(vault, today=lambda: TODAY)
        records.count()
        records.rows(0, PAGE)

    samples: list[float] = []
    for _ in range(10):
        vault = Vault.open(path, "bench", PASSPHRASE)  # unlock is vault-unlock's business
        samples += repeat(lambda v=vault: opening(v), 1, warmup=0)
        vault.close()
    return Result(
        samples=samples,
        extra={"vault_mb": round(path.stat().st_size / 1e6), "build_100k_s": round(built, 1)},
    )


@benchmark("records-queue-100k", target="p95 <= 300 ms")
def queue() -> Result:
    """The queue view: count and first page most urgent first, and an urgency filter."""
    with _open() as vault:
        records = Records(vault, today=lambda: TODAY)

        def by_urgency() -> None:
            records.count()
            records.rows(0, PAGE, RecordFilter(order="urgency"))

        def urgent_only() -> None:
            flt = RecordFilter(urgency="urgent")
            records.count(flt)
            records.rows(0, PAGE, flt)

        samples = repeat(by_urgency, 20)
        filtered = repeat(urgent_only, 20)
    return Result(
        samples=samples,
        extra={
            "urgent_filter_p50_ms": round(statistics.median(filtered) * 1000, 2),
            "urgent_filter_p95_ms": round(percentile(filtered, 95) * 1000, 2),
        },
    )


CHILD = textwrap.dedent(
    """
    import sys
    from clinic_app.storage.records import RecordFilter, Records
    from clinic_app.storage.vault import Vault

    def kib(field):
        for line in open("/proc/self/status"):
            if line.startswith(field + ":"):
                return int(line.split()[1])

    before = kib("VmRSS")
    vault = Vault.open(sys.argv[1], "bench", sys.stdin.readline().rstrip("\\n"))
    records = Records(vault)
    records.count()
    for page in range(10):
        records.rows(page * 50, 50)
    records.rows(0, 50, RecordFilter(text="ma"))
    print(before, kib("VmRSS"), kib("VmHWM"))
    vault.close()
    """
)


@benchmark("records-memory-100k", target="rss <= 250 MB")
def memory() -> Result:
    path, _ = big_vault()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    elapsed = time.perf_counter() - started
    before, rss, peak = (int(x) for x in done.stdout.split())
    return Result(
        samples=[elapsed],
        extra={
            "rss_mb": round(rss / 1024, 1),
            "rss_before_open_mb": round(before / 1024, 1),
            "peak_mb": round(peak / 1024, 1),
        },
    )


def realistic(rng: random.Random, rules: Rules) -> IntakeRecord:
    """A full intake: identity, contact, referral needs, a screening result and notes."""
    answers = {
        "date_of_birth": date(1994, 5, 6),
        "in_removal_proceedings": True,
        "next_hearing_date": date(2027, 1, 12),
        "fear_of_return": True,
        "last_entry_date": date(2024, 3, 2),
        "usc_or_lpr_relative": False,
    }
    outcome = ScreeningOutcome.from_dict(screen(answers, today=TODAY, rules=rules).to_dict())
    return replace(
        demo.demo_record(rng, TODAY, rules),
        screening_result=outcome,
        notes="Client prefers evening calls; brother can interpret. Bring school records.",
    )


@benchmark("records-save")
def save() -> Result:
    rng = random.Random(4)
    with _open() as vault:
        records = Records(vault, today=lambda: TODAY)
        rules = load_rules()
        intakes = [realistic(rng, rules) for _ in range(201)]
        samples = repeat(lambda: records.create(intakes.pop()), 200)
    return Result(
        samples=samples,
        extra={"saves": len(samples), "into": "the 100,000-record vault"},
    )
