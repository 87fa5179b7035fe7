"""Start-up cost of the language picker: cached CLDR names against asking Babel."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from benchmarks.harness import Result, benchmark

ROOT = Path(__file__).resolve().parent.parent
RUNS = 11

SETUP = """
import sys, time
from PySide6.QtWidgets import QApplication, QComboBox
import clinic_app.ui.app
app = QApplication(sys.argv[:1])
start = time.perf_counter()
"""
PICKER = (
    SETUP
    + """
from clinic_app.ui.language_picker import LanguagePicker
picker = LanguagePicker()
print(f"took {time.perf_counter() - start:.6f}")
"""
)
BABEL = (
    SETUP
    + """
from clinic_app.i18n import LANGUAGES
from clinic_app.i18n.locales import native_name
combo = QComboBox()
for code in LANGUAGES:
    combo.addItem(native_name(code), code)
print(f"took {time.perf_counter() - start:.6f}")
"""
)


def _time(code: str, env: dict[str, str]) -> float:
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    line = next(x for x in out.stdout.splitlines() if x.startswith("took "))
    return float(line.split()[1])


@benchmark("language-picker", target="ratio <= 0.5")
def language_picker() -> Result:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    _time(PICKER, env)
    _time(BABEL, env)
    samples, baseline = [], []
    for _ in range(RUNS):  # interleaved, so drift hits both alike
        samples.append(_time(PICKER, env))
        baseline.append(_time(BABEL, env))
    return Result(samples, baseline, "combo box filled from Babel at start-up")
