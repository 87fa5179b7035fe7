"""The mouse wheel changes no answer unless the input has keyboard focus, on every screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clinic_app.ui.intake.widgets import ChoiceInput, Step
from clinic_app.ui.tour import walk
from clinic_app.ui.wheel_guard import install_wheel_guard, is_guarded


def _wheel(widget: QWidget, notches: int) -> None:
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _value(widget: QWidget) -> object:
    if isinstance(widget, QComboBox | QTabBar):
        return widget.currentIndex()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractSlider):
        return widget.value()
    raise TypeError(type(widget))


def _inputs(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget) if is_guarded(w) and w.isVisible()]


def test_scrolling_every_screen_changes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_wheel_guard(app)
    seen = 0
    for name, window in walk(tmp_path / "clinic.vault"):
        window.activateWindow()
        for widget in _inputs(window):
            widget.clearFocus()
            before = _value(widget)
            assert widget.focusPolicy() != Qt.FocusPolicy.WheelFocus, (name, widget)
            for notches in (-3, 3, -1, 1):
                _wheel(widget, notches)
            assert _value(widget) == before, (name, widget.objectName(), type(widget))
            seen += 1
    assert seen > 40  # the screening questions alone have many drop-downs


def test_over_an_input_the_wheel_scrolls_the_page(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    install_wheel_guard(app)
    step = Step()
    qtbot.addWidget(step)
    combos = []
    for n in range(30):
        combo = ChoiceInput([("a", "a"), ("b", "b"), ("c", "c")])
        combos.append(combo)
        step.form.addRow(f"Question {n}", combo)
    step.resize(400, 300)
    step.show()
    qtbot.waitExposed(step)
    bar = step.verticalScrollBar()
    assert bar.value() == 0 and bar.maximum() > 0
    _wheel(combos[2], -3)
    assert bar.value() > 0
    assert combos[2].currentIndex() == 0


def test_with_focus_the_wheel_still_works(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    install_wheel_guard(app)
    combo = ChoiceInput([("a", "a"), ("b", "b")])
    qtbot.addWidget(combo)
    combo.show()
    qtbot.waitExposed(combo)
    combo.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    _wheel(combo, -1)
    assert combo.currentIndex() == 1
