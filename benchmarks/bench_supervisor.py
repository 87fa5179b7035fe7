"""Supervisor benchmarks (issue 8).

- ``supervisor-report-100k``: the funder report (grouped count query, urgency at
  intake in SQL, small-cell suppression) over a vault of 100,000 demo records,
  the period covering every intake. Target: p50 <= 500 ms.
- ``supervisor-purge-10k``: purging 10,000 records due for deletion out of
  20,000 (delete in batches, FTS merge, audit, VACUUM), each sample on a fresh
  copy of the same vault. Reported with the VACUUM share.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from benchmarks.harness import Result, benchmark, repeat
from clinic_app.storage import keyslots
from clinic_app.storage.demo import demo_records
from clinic_app.storage.keyslots import keys_path
from clinic_app.storage.records import Records
from clinic_app.storage.reports import funder_report
from clinic_app.storage.retention import purge
from clinic_app.storage.vault import Vault

PASSPHRASE = "benchmark passphrase with words"
TODAY = date(2026, 11, 27)
BIG = int(os.environ.get("BENCH_SUPERVISOR_RECORDS", "100000"))
PURGE = int(os.environ.get("BENCH_SUPERVISOR_PURGE", "10000"))
BATCH = 5000


def _fill(vault: Vault, count: int, seed: int, closed_before: date | None = None) -> None:
    records = Records(vault, today=lambda: TODAY)
    made = demo_records(count, seed, TODAY)
    batch = []
    for record in made:
        if closed_before is not None:
            record = replace(record, case_status="closed", case_closed_on=closed_before)
        elif record.case_status == "closed":
            record = replace(record, case_status="in_progress", case_closed_on=None)
        batch.append(record)
        if len(batch) == BATCH:
            records.create_many(batch)
            batch = []
    if batch:
        records.create_many(batch)
    if closed_before is not None:
        # create_many dates the first status at the intake; close them long ago.
        with vault.transaction() as con:
            con.execute(
                "UPDATE record_status SET on_date = ? WHERE status = 'closed'",
                (closed_before.isoformat(),),
            )


def _cheap_vault(path: Path) -> Vault:
    # Unlock cost is vault-unlock's business; keep set-up quick, and put the
    # production parameters back: later benchmarks in this process use them.
    saved = keyslots.CURRENT_PARAMS
    keyslots.CURRENT_PARAMS = keyslots.KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
    try:
        return Vault.create(path, "bench", PASSPHRASE)
    finally:
        keyslots.CURRENT_PARAMS = saved


@benchmark("supervisor-report-100k", target="p50 <= 0.5 s")
def report_100k() -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with _cheap_vault(Path(tmp) / "bench.vault") as vault:
            _fill(vault, BIG, 1)
            build = time.perf_counter() - started
            # The whole range of intakes: every one of the records is counted.
            first = vault.con.execute("SELECT min(intake_date) FROM records").fetchone()[0]
            start, end = date.fromisoformat(first), TODAY
            samples = repeat(lambda: funder_report(vault, start, end), 7)
            report = funder_report(vault, start, end)
    return Result(
        samples=samples,
        extra={
            "records": BIG,
            "intakes_in_period": report.intakes,
            "build_s": round(build, 1),
        },
    )


@benchmark("supervisor-purge-10k")
def purge_10k() -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source.vault"
        with _cheap_vault(source) as vault:
            _fill(vault, PURGE, 2)
            _fill(vault, PURGE, 3, closed_before=TODAY - timedelta(days=400))
            vault.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        samples: list[float] = []
        vacuum: list[float] = []
        for i in range(3):
            copy = Path(tmp) / f"copy{i}.vault"
            shutil.copyfile(source, copy)
            shutil.copyfile(keys_path(source), keys_path(copy))
            with Vault.open(copy, "bench", PASSPHRASE) as vault:
                t0 = time.perf_counter()
                purged = purge(vault, TODAY, vacuum=False)
                t1 = time.perf_counter()
                vault.con.execute("VACUUM")
                t2 = time.perf_counter()
            assert purged == PURGE
            samples.append(t2 - t0)
            vacuum.append(t2 - t1)
    return Result(
        samples=samples,
        extra={
            "purged": PURGE,
            "kept": PURGE,
            "vacuum_p50_s": round(statistics.median(vacuum), 2),
        },
    )
