"""Site benchmarks (issue 15): a desk sends, the hub receives 10,000 records.

- ``site-send-10k``: ``admin send``'s work on a desk holding 10,000 demo
  records not yet received: select, serialise, compress, sign (Ed25519) and
  encrypt (age) into a file. Target: < 5 s.
- ``site-receive-10k``: the hub's whole receive of that bundle: decrypt,
  verify, validate every record, merge in one transaction (records, search
  index, status history, one audit row each, the desk's audit rows), receipt.
  Each sample starts from a fresh copy of the hub. Target: < 5 s.
Unlocking is not timed (``vault-unlock`` measures it).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.harness import Result, benchmark
from clinic_app.storage import site
from clinic_app.storage.demo import fill
from clinic_app.storage.records import Records
from clinic_app.storage.site_merge import receive, send
from clinic_app.storage.vault import Vault

PASSPHRASE = "benchmark passphrase with words"
COUNT = 10_000
SAMPLES = 3
_STATE: dict[str, Path] = {}


def _site(folder: Path) -> tuple[Path, Path, Path]:
    """A hub and an enrolled desk with COUNT records, and one bundle of them (cached)."""
    if "bundle" in _STATE:
        return _STATE["hub"], _STATE["desk"], _STATE["bundle"]
    hub = Vault.create(folder / "hub" / "hub.vault", "sam", PASSPHRASE)
    desk = Vault.create(folder / "desk" / "desk.vault", "sam", PASSPHRASE)
    site.export_site_key(hub, folder / "site.key")
    site.enroll(desk, folder / "site.key", folder / "desk.key")
    site.add_desk(hub, folder / "desk.key")
    list(fill(Records(desk).create_many, COUNT, 20261207, date(2026, 12, 7)))
    bundle = folder / "desk.bundle"
    send(desk, bundle)
    hub.close()
    desk.close()
    _STATE.update(hub=hub.path, desk=desk.path, bundle=bundle)
    return hub.path, desk.path, bundle


_TMP = tempfile.TemporaryDirectory(prefix="bench-site-")


@benchmark("site-send-10k", target="< 5 s")
def send_10k() -> Result:
    _hub, desk_path, _bundle = _site(Path(_TMP.name))
    samples, cpu = [], []
    with Vault.open(desk_path, "sam", PASSPHRASE) as desk:
        for i in range(SAMPLES):
            out = Path(_TMP.name) / f"send-{i}.bundle"
            start, start_cpu = time.perf_counter(), time.process_time()
            n = send(desk, out)
            samples.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            assert n == COUNT
    size = (Path(_TMP.name) / "send-0.bundle").stat().st_size
    return Result(
        samples=samples,
        extra={
            "records": COUNT,
            "bundle_mib": round(size / 2**20, 1),
            # CPU seconds: what the wall time would be on an otherwise idle core.
            "cpu_s_median": round(statistics.median(cpu), 2),
        },
    )


@benchmark("site-receive-10k", target="< 5 s")
def receive_10k() -> Result:
    hub_path, _desk, bundle = _site(Path(_TMP.name))
    samples, cpu = [], []
    for i in range(SAMPLES):
        copy = Path(_TMP.name) / f"hub-{i}"
        shutil.copytree(hub_path.parent, copy)
        with Vault.open(copy / hub_path.name, "sam", PASSPHRASE) as hub:
            start, start_cpu = time.perf_counter(), time.process_time()
            result = receive(hub, bundle, Path(_TMP.name) / f"r{i}.receipt")
            samples.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            assert result.new == COUNT
        shutil.rmtree(copy)
    return Result(
        samples=samples,
        extra={"records": COUNT, "cpu_s_median": round(statistics.median(cpu), 2)},
    )
