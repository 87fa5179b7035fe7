"""Guard against PySide6 builds that drop a reference to None on every void call.

PySide6 6.12.0 on CPython 3.11 gives back ``None`` from each method that
returns nothing (``QLabel.setText``, ``QComboBox.setCurrentIndex``…) without a
new reference: None's count falls by one per call and the process dies with
"none_dealloc: deallocating None" after some thousands of calls, which a
volunteer's day of intakes reaches. The project pins 6.11.3, which is free of
it (docs/decisions/0004-pyside6-pin.md); these tests fail on a build that
has the bug, so an upgrade cannot bring it back unnoticed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from clinic_app.ui.intake.widgets import ChoiceInput, YesNoInput


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(200):
        label.setText("x")
        label.setVisible(False)
    assert sys.getrefcount(None) - before > -50


def test_a_long_session_of_void_calls_does_not_crash(tmp_path: Path) -> None:
    # Far more calls than None had references at start: the buggy build aborts.
    code = (
        "from PySide6.QtWidgets import QApplication, QLabel\n"
        "app = QApplication([])\n"
        "label = QLabel()\n"
        "for _ in range(50_000):\n"
        "    label.setText('x')\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "ok"


def test_choice_inputs_never_read_none_from_qt(qtbot: QtBot) -> None:
    """Our own reads of "not answered" cost nothing: the item datum is a string."""
    choice = ChoiceInput([("A", "a")])
    before = sys.getrefcount(None)
    for _ in range(200):
        assert choice.value() is None
    assert sys.getrefcount(None) - before > -50


def test_yes_no_reads_not_answered_as_none(qtbot: QtBot) -> None:
    choice = YesNoInput()
    assert choice.value() is None
    choice.set_value(False)
    assert choice.value() is False
    choice.set_value(True)
    assert choice.value() is True
    choice.set_value(None)
    assert choice.value() is None
