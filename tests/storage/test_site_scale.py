"""Site at scale: kill -9 during receive, and two desks of 5,000 records with concurrent edits."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from clinic_app.storage import site
from clinic_app.storage.demo import fill
from clinic_app.storage.records import Records
from clinic_app.storage.site_merge import describe, receive, send
from clinic_app.storage.vault import Vault
from tests.helpers import ROOT, app_env
from tests.storage.fixtures import PASSPHRASE
from tests.storage.site_support import make_site, record_ids

KILLS = 30
KILL_RECORDS = 800


def _hub_counts(path: Path) -> tuple[int, int, int, int]:
    with Vault.open(path, "sam", PASSPHRASE) as hub:
        assert hub.verify().ok, hub.verify().problems()
        con = hub.con
        return (
            con.execute("SELECT count(*) FROM records").fetchone()[0],
            con.execute("SELECT count(*) FROM site_bundles").fetchone()[0],
            con.execute("SELECT count(*) FROM site_applied").fetchone()[0],
            con.execute("SELECT count(*) FROM records_fts").fetchone()[0],
        )


@pytest.mark.slow
def test_kill_9_during_receive_leaves_all_or_nothing(tmp_path: Path) -> None:
    s = make_site(tmp_path / "site", desks=1)
    list(fill(Records(s.desks[0]).create_many, KILL_RECORDS, 7, date(2026, 12, 7)))
    bundle = tmp_path / "desk.bundle"
    assert send(s.desks[0], bundle) == KILL_RECORDS
    s.close()
    pristine = tmp_path / "pristine"
    shutil.copytree(s.hub.path.parent, pristine)
    env = app_env(tmp_path / "home")
    rng = random.Random(20261207)
    outcomes = {"none": 0, "all": 0}
    child_argv = [sys.executable, "-m", "tests.storage.receive_child"]

    def start(hub: Path) -> subprocess.Popen[bytes]:
        child = subprocess.Popen(
            [*child_argv, str(hub), PASSPHRASE, str(bundle)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
        )
        assert child.stdout is not None
        child.stdout.readline()  # "open": the child is running
        return child

    # How long a whole receive takes here and now (the machine may be loaded),
    # so that the kills spread over all of it, the commit included.
    timing = tmp_path / "timing"
    shutil.copytree(pristine, timing)
    began = time.monotonic()
    start(timing / s.hub.path.name).wait()
    window = (time.monotonic() - began) * 1.2
    for i in range(KILLS):
        run = tmp_path / f"run{i}"
        shutil.copytree(pristine, run)
        hub = run / s.hub.path.name
        child = start(hub)
        assert child.stdout is not None
        time.sleep(rng.uniform(0.0, window))
        child.send_signal(signal.SIGKILL)
        out = child.stdout.read().decode()
        child.wait()
        records, bundles, applied, fts = _hub_counts(hub)
        if records == 0:
            assert (bundles, applied, fts) == (0, 0, 0)
            outcomes["none"] += 1
        else:
            assert (records, bundles, applied, fts) == (KILL_RECORDS, 1, KILL_RECORDS, KILL_RECORDS)
            outcomes["all"] += 1
        if i % 10 == 0 or "new" in out:
            # Receiving again completes the job, or changes nothing.
            with Vault.open(hub, "sam", PASSPHRASE) as v:
                receive(v, bundle)
            assert _hub_counts(hub)[0] == KILL_RECORDS
        shutil.rmtree(run)
    assert outcomes["none"] and outcomes["all"], outcomes  # kills landed on both sides


@pytest.mark.slow
def test_two_desks_of_5000_with_concurrent_edits(tmp_path: Path) -> None:
    n = 5000
    s = make_site(tmp_path, desks=2)
    try:
        ids = [
            list(fill(Records(d).create_many, n, seed, date(2026, 12, 7)))
            for seed, d in enumerate(s.desks)
        ]
        for k, desk in enumerate(s.desks):
            result = receive(s.hub, _sent(desk, tmp_path / f"first{k}.bundle", n))
            assert describe(result) == f"{n} new, 0 updated, 0 conflicts"
            site.ack(desk, result.receipt)
        assert len(record_ids(s.hub)) == 2 * n
        # Concurrent edits: each desk changes 100 of its records; the hub 50 of those.
        hub = Records(s.hub)
        for k, desk in enumerate(s.desks):
            recs = Records(desk)
            for rid in ids[k][:100]:
                r = recs.get(rid)
                assert r is not None
                recs.update(replace(r, phone=f"718-555-{k}{rid[-3:]}"[:12]))
            for rid in ids[k][:50]:
                r = hub.get(rid)
                assert r is not None
                hub.update(replace(r, phone="646-555-0000"))
        for k, desk in enumerate(s.desks):
            result = receive(s.hub, _sent(desk, tmp_path / f"second{k}.bundle", 100))
            assert describe(result) == "0 new, 50 updated, 50 conflicts"
            again = receive(s.hub, tmp_path / f"second{k}.bundle")
            assert describe(again) == "0 new, 0 updated, 0 conflicts"
        assert len(site.conflicts(s.hub)) == 100
        assert s.hub.verify().ok
        for rid in ids[0][:50]:
            got = hub.get(rid)
            assert got is not None and got.phone == "646-555-0000"  # never silently overwritten
    finally:
        s.close()


def _sent(desk: Vault, out: Path, expected: int) -> Path:
    assert send(desk, out) == expected
    return out
