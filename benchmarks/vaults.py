"""Demo vaults of 1k to 300k records, built once and cached outside git.

Building 300,000 records takes minutes, so ``vault_at(n)`` keeps each size
under ``benchmarks/results/vaults/`` (ignored by git; ``make clean`` removes
it, or set ``CLINIC_BENCH_VAULTS``). A cached vault is opened by the app like
any vault, so a schema migration runs on it once, as on a site's vault. The
records are ``storage.demo``'s fictional clients, the same as
``admin demo-data`` makes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import time
from datetime import date
from pathlib import Path

from clinic_app.storage import demo, schema, search_schema
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault

PASSPHRASE = "benchmark passphrase with words"
USER = "bench"
TODAY = date(2026, 11, 27)
SEED = 5
HERE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    folder = Path(os.environ.get("CLINIC_BENCH_VAULTS", HERE / "results" / "vaults"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def vault_at(n: int) -> Path:
    """The path of a cached vault of ``n`` demo records, built if missing."""
    # The schema version and index layout in the name: a vault built by
    # older code is not reused.
    layout = hashlib.sha256(search_schema.create_index_sql("x").encode()).hexdigest()[:8]
    path = cache_dir() / f"demo-{n}-v{schema.SCHEMA_VERSION}-{layout}.vault"
    if path.exists() and Path(f"{path}.keys").exists():
        return path
    tmp = path.with_name(f"building-{n}.vault")
    for stale in (tmp, Path(f"{tmp}.keys")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    with Vault.create(tmp, USER, PASSPHRASE) as vault:
        records = Records(vault, today=lambda: TODAY)
        records.mark_training()
        for _ in demo.fill(records.create_many, n, SEED, TODAY):
            pass
    shutil.move(f"{tmp}.keys", f"{path}.keys")
    shutil.move(tmp, path)
    print(f"built {n:,} records in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def open_vault(n: int) -> Vault:
    return Vault.open(vault_at(n), USER, PASSPHRASE)


if __name__ == "__main__":
    for size in sys.argv[1:]:
        print(vault_at(int(size)))
