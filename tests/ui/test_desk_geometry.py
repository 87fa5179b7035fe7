"""Long input and small screens: limits on every text input, no button off the window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clinic_app.ui.limits import NOTES_MAX_CHARS, QT_DEFAULT_MAX
from clinic_app.ui.tour import walk
from clinic_app.ui.wheel_guard import install_wheel_guard
from tests.ui.geometry import outside


@pytest.fixture
def guarded() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_wheel_guard(app)
    yield app


def test_every_text_input_has_a_length_limit(
    qtbot: QtBot, tmp_path: Path, guarded: QApplication
) -> None:
    seen = 0
    for name, window in walk(tmp_path / "clinic.vault"):
        for field in window.findChildren(QLineEdit):
            if field.isVisible():
                assert field.maxLength() < QT_DEFAULT_MAX, (name, field.objectName())
                seen += 1
        for box in window.findChildren(QPlainTextEdit):
            if box.isVisible() and not box.isReadOnly():
                assert box.property("maxChars"), (name, box.objectName())
                seen += 1
        if name == "intake-7-notes":
            notes = window.findChild(QWidget, "intakeWizard").notes.edit  # type: ignore[union-attr]
            notes.setPlainText("x" * 30000)
            assert len(notes.toPlainText()) == NOTES_MAX_CHARS
            counter = window.findChild(QLabel, "notesCounter")
            assert counter is not None and counter.isVisible()
            assert "2,000 of 2,000" in counter.text()
            notes.setPlainText("")
        if name == "intake-3-identity":
            family = window.findChild(QWidget, "intakeWizard").identity.rows["family_name"]  # type: ignore[union-attr]
            family.editor.setText("Q" * 210)
            assert len(family.editor.text()) == 100
    assert seen > 10


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_no_button_leaves_the_window_at_1024_by_768(
    qtbot: QtBot, tmp_path: Path, guarded: QApplication, scale: float
) -> None:
    """At 1024 × 768, and with text at 200 % (the font doubled, as at 200 % scale
    the 1024 × 768 window holds half as many pixels per letter)."""
    font = guarded.font()
    if scale != 1.0:
        bigger = guarded.font()
        bigger.setPointSizeF(bigger.pointSizeF() * scale)
        guarded.setFont(bigger)
    try:
        problems = {}
        # The longest family name the field takes, in one unbroken word.
        long_name = "Quispehuamanquispehuaman" * 4 + "Quis"
        for name, window in walk(tmp_path / "clinic.vault", (1024, 768), long_name):
            window.resize(1024, 768)
            QApplication.processEvents()
            bad = outside(window)
            if bad:
                problems[name] = bad
        assert not problems, problems
    finally:
        guarded.setFont(font)


@pytest.mark.parametrize("size", [(1024, 768), (800, 560)])  # 800 × 560: the window's minimum
def test_no_button_leaves_the_window_at_200_percent_scale(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """A real 200 % scale: Qt scales the whole child process (QT_SCALE_FACTOR=2)."""
    import json
    import sys

    from tests.helpers import app_env, run

    env = app_env(tmp_path / "home", QT_SCALE_FACTOR="2")
    vault = str(tmp_path / "clinic.vault")
    cmd = [sys.executable, "-m", "tests.ui.scale_child", vault, *map(str, size)]
    result = run(cmd, env, timeout=600)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["ratio"] == 2.0
    assert len(report["sizes"]) > 15, report["sizes"]
    for name, shown in report["sizes"].items():
        assert shown == list(size), (name, shown)
    assert not report["problems"], report["problems"]
