"""Long input and small screens: limits on every text input, no button off the window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
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


@pytest.fixture
def guarded() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_wheel_guard(app)
    yield app


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _outside(window: QWidget) -> list[str]:
    """Visible buttons not wholly inside the window. Inside a scroll area a button
    may lie below the fold (the page scrolls down), never beside it: no sideways
    scrolling to reach a button."""
    bounds = QRect(0, 0, window.width(), window.height())
    bad = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible():
            continue
        area = _scroll_area(button)
        if area is not None:
            view = area.viewport()
            left = button.mapTo(view, button.rect().topLeft()).x()
            inside = left >= 0 and left + button.width() <= view.width()
            inside = inside and bounds.contains(
                QRect(view.mapTo(window, view.rect().topLeft()), view.size())
            )
        else:
            top_left = button.mapTo(window, button.rect().topLeft())
            inside = bounds.contains(QRect(top_left, button.size()))
        if not inside:
            bad.append(f"{button.objectName() or button.text()!r}")
    return bad


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
            bad = _outside(window)
            if bad:
                problems[name] = bad
        assert not problems, problems
    finally:
        guarded.setFont(font)
