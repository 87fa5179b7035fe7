"""Cold start of a fresh process to its first window shown, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Result, benchmark

ROOT = Path(__file__).resolve().parent.parent
RUNS = 15

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.show()
def shown():
    print(f"shown {time.time():.6f}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
sys.exit(app.exec())
"""


def _time(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from spawning ``cmd`` to the moment it reports its window shown."""
    start = time.time()
    out = subprocess.run(cmd, env=env, check=True, cwd=ROOT, capture_output=True, text=True)
    stamps = [line for line in out.stdout.splitlines() if line.startswith("shown ")]
    return float(stamps[-1].split()[1]) - start


@benchmark("startup", target="ratio <= 1.3")
def startup() -> Result:
    # An installed app runs from bytecode (pip compiles site-packages, the
    # bundle ships a PYZ). Where PYTHONDONTWRITEBYTECODE is set, as on the
    # development machines, the app would otherwise recompile its own modules
    # on every start while PySide6 (the baseline) loads precompiled ones.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "clinic_app")],
        check=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    )
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, XDG_DATA_HOME=home, XDG_CONFIG_HOME=home)
        env.update(QT_QPA_PLATFORM="offscreen", CLINIC_INTAKE_QUIT_AFTER_SHOW="1")
        app = [sys.executable, "-m", "clinic_app"]
        bare = [sys.executable, "-c", BARE]
        for cmd in (app, bare):  # warm the page cache for both
            _time(cmd, env)
        samples, baseline = [], []
        for _ in range(RUNS):  # interleaved, so drift hits both alike
            samples.append(_time(app, env))
            baseline.append(_time(bare, env))
    return Result(samples, baseline, "bare PySide6 QMainWindow")
