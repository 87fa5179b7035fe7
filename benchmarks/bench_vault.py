"""Vault benchmarks (issue 3): unlock, saving one record, opening a large vault.

- ``vault-unlock``: ``Vault.open`` with the production Argon2 parameters; the
  Argon2 derivation alone is reported as its share.
- ``vault-save``: one intake-sized record (2 KB) saved and committed through
  ``Vault.add_record`` (record row + audit row + audit head, one transaction),
  against exactly the same statements and commit in plain sqlite3 with the
  same journal (WAL) and synchronous (FULL) settings. Target: ratio <= 1.5.
- ``vault-open-100k``: unlocking a vault that holds 100,000 such records.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.harness import Result, benchmark, repeat
from clinic_app.storage import audit, connection, keyslots, schema
from clinic_app.storage.keymaterial import KeyMaterial
from clinic_app.storage.vault import Vault, check_identity

PASSPHRASE = "benchmark passphrase with words"
RECORD = os.urandom(2048)
SAVES = 200
BIG = 100_000


def _new_vault(folder: Path) -> Vault:
    return Vault.create(folder / "bench.vault", "bench", PASSPHRASE)


@benchmark("vault-unlock", target="0.5 s <= p50 <= 1.0 s")
def unlock() -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        _new_vault(Path(tmp)).close()
        path = Path(tmp) / "bench.vault"
        slot = keyslots.KeySlotFile.load(keyslots.keys_path(path)).slots[0]
        samples: list[float] = []
        argon: list[float] = []
        for _ in range(7):  # interleaved, so load from other processes hits both alike
            samples += repeat(lambda: Vault.open(path, "bench", PASSPHRASE).close(), 1, warmup=0)
            argon += repeat(
                lambda: keyslots.derive(PASSPHRASE, slot.salt, slot.params).wipe(), 1, warmup=0
            )
    p = keyslots.PRODUCTION_PARAMS
    return Result(
        samples=samples,
        extra={
            "argon2_p50_ms": round(statistics.median(argon) * 1000, 1),
            "argon2_share": round(statistics.median(argon) / statistics.median(samples), 3),
            "argon2": f"t={p.time_cost} m={p.memory_kib // 1024} MiB p={p.parallelism}",
        },
    )


def _plain(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("PRAGMA secure_delete = ON")
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute("PRAGMA foreign_keys = ON")
    schema.migrate(con)
    return con


def _plain_save(con: sqlite3.Connection, key: KeyMaterial) -> None:
    """What Vault.add_record does, statement for statement, on plain sqlite3."""
    record_id = uuid.uuid4().hex
    now = audit.now_iso()
    con.execute("BEGIN IMMEDIATE")
    con.execute(
        "INSERT INTO records (id, created_at, created_by, updated_at, data) VALUES (?, ?, ?, ?, ?)",
        (record_id, now, "bench", now, RECORD),
    )
    audit.append(con, key, "bench", audit.CREATE, record_id, at=now)
    con.execute("COMMIT")


@benchmark("vault-save", target="ratio <= 1.5")
def save() -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        vault = _new_vault(Path(tmp))
        plain = _plain(Path(tmp) / "plain.sqlite")
        key = KeyMaterial(os.urandom(32))
        samples: list[float] = []
        baseline: list[float] = []
        for _ in range(SAVES):  # interleaved, so machine noise hits both alike
            samples += repeat(lambda: vault.add_record(RECORD), 1, warmup=0)
            baseline += repeat(lambda: _plain_save(plain, key), 1, warmup=0)
        vault.close()
        plain.close()
    q = statistics.quantiles
    return Result(
        samples=samples,
        baseline=baseline,
        baseline_name="plain sqlite3, same statements, WAL + synchronous=FULL",
        extra={
            "vault_p50_ms": round(statistics.median(samples) * 1000, 3),
            "vault_p95_ms": round(q(samples, n=20)[18] * 1000, 3),
            "plain_p50_ms": round(statistics.median(baseline) * 1000, 3),
            "plain_p95_ms": round(q(baseline, n=20)[18] * 1000, 3),
            "record_bytes": len(RECORD),
        },
    )


@benchmark("vault-open-100k")
def open_big() -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        vault = _new_vault(Path(tmp))
        started = time.perf_counter()
        with vault.transaction() as con:
            for _ in range(BIG):
                record_id = uuid.uuid4().hex
                now = audit.now_iso()
                con.execute(
                    "INSERT INTO records (id, created_at, created_by, updated_at, data) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (record_id, now, "bench", now, os.urandom(2048)),
                )
                audit.append(con, vault._head_key, "bench", audit.CREATE, record_id, at=now)
        fill = time.perf_counter() - started
        vault.close()
        size = vault.path.stat().st_size
        samples = repeat(lambda: Vault.open(vault.path, "bench", PASSPHRASE).close(), 5)
        keys = keyslots.KeySlotFile.load(keyslots.keys_path(vault.path))
        key = keyslots.unwrap(keys.slots[0], PASSPHRASE, keys.vault_id)
        assert key is not None

        def open_with_key() -> None:
            # Vault.open after the slot is unwrapped: connect, pragmas, checks, login row.
            con = connection.connect(vault.path, key)
            check_identity(con, keys.vault_id)
            con.execute("BEGIN IMMEDIATE")
            audit.append(con, audit.head_key(key), "bench", audit.LOGIN)
            con.execute("COMMIT")
            con.close()

        after_unwrap = repeat(open_with_key, 5)
    return Result(
        samples=samples,
        extra={
            "records": BIG,
            "file_mib": round(size / 2**20, 1),
            "fill_s": round(fill, 1),
            "open_after_unwrap_p50_ms": round(statistics.median(after_unwrap) * 1000, 2),
        },
    )
