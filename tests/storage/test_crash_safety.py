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
    for i in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.storage.crash_child", str(vault.path), PASSPHRASE],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
        )
        assert child.stdout is not None
        first = b""
        if i % 2:
            # Half the kills land while it saves: after its first committed id.
            first = child.stdout.readline()
            time.sleep(rng.uniform(0.0, 0.3))
        else:
            # The other half at any moment, start-up and unlock included.
            time.sleep(rng.uniform(0.05, 1.0))
        child.send_signal(signal.SIGKILL)
        out = (first + child.stdout.read()).decode()
        child.wait()
        assert child.returncode == -signal.SIGKILL
        # A line without its newline may be cut short: only whole lines were reported.
        reported.extend(line for line in out.split("\n")[:-1])
    assert len(reported) >= KILLS // 2, "the child barely saved anything; the test proves little"
    with Vault.open(vault.path, "sam", PASSPHRASE) as v:
        present = set(v.record_ids())
        report = v.verify()
    missing = [r for r in reported if r not in present]
    assert not missing
    assert report.ok, report.problems()
