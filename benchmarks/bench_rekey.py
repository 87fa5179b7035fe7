"""Re-key cost (issue 18): removing a user from a vault of 10,000 records.

``vault-rekey-10k`` times ``Vault.remove_user``: the audit row, the export of
every page under a new key, the re-sealing of every remaining slot (age, no
Argon2: slots are public-key), the rename and the reopen. The unlock cost with
public-key slots is ``vault-unlock`` (bench_vault.py): one Argon2id derivation
plus one age decryption of the sealed key.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.harness import Result, benchmark
from clinic_app.storage.demo import fill
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault

PASSPHRASE = "benchmark passphrase with words"
COUNT = 10_000
SAMPLES = 3


@benchmark("vault-rekey-10k", target="a few seconds; stated in docs/security.md")
def rekey_10k() -> Result:
    with tempfile.TemporaryDirectory(prefix="bench-rekey-") as tmp:
        base = Path(tmp) / "base"
        vault = Vault.create(base / "v.vault", "sam", PASSPHRASE)
        for i in range(SAMPLES):
            vault.add_user(f"vol{i}", "volunteer", PASSPHRASE)
        list(fill(Records(vault).create_many, COUNT, 18, date(2026, 12, 7)))
        vault.close()
        size = (base / "v.vault").stat().st_size
        samples = []
        for i in range(SAMPLES):
            run = Path(tmp) / f"run{i}"
            shutil.copytree(base, run)
            with Vault.open(run / "v.vault", "sam", PASSPHRASE) as v:
                start = time.perf_counter()
                v.remove_user(f"vol{i}")
                samples.append(time.perf_counter() - start)
            shutil.rmtree(run)
    return Result(samples=samples, extra={"records": COUNT, "vault_mib": round(size / 2**20, 1)})
