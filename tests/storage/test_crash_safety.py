"""Killed at random moments, the vault keeps every committed record and stays intact."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clinic_app.storage.vault import Vault
from tests.helpers import ROOT, app_env
from tests.storage.fixtures import PASSPHRASE

KILLS = 30


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_committed(vault: Vault, tmp_path: Path) -> None:
    vault.close()
    env = app_env(tmp_path / "home")
    rng = random.Random(20261127)
    reported: list[str] = []
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.storage.crash_child", str(vault.path), PASSPHRASE],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
        )
        assert child.stdout is not None
        # Let it start and save a while; some kills land during start-up and unlock.
        time.sleep(rng.uniform(0.2, 1.2))
        child.send_signal(signal.SIGKILL)
        out = child.stdout.read().decode()
        child.wait()
        assert child.returncode == -signal.SIGKILL
        # A line without its newline may be cut short: only whole lines were reported.
        reported.extend(line for line in out.split("\n")[:-1])
    assert len(reported) > KILLS, "the child barely saved anything; the test proves little"
    with Vault.open(vault.path, "sam", PASSPHRASE) as v:
        present = set(v.record_ids())
        report = v.verify()
    missing = [r for r in reported if r not in present]
    assert not missing
    assert report.ok, report.problems()
