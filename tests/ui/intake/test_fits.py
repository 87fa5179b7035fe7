"""Usable at 1366×768, at normal and at 200% text size: every step fits or scrolls."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinic_app.ui.intake.samples import STEPS, sample_wizard

SCREEN = (1366, 768)


@pytest.fixture(params=[1.0, 2.0], ids=["100%", "200%"])
def text_scale(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[float]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.font()
    font = app.font()
    font.setPointSizeF(original.pointSizeF() * request.param)
    app.setFont(font)
    yield request.param
    app.setFont(original)


@pytest.mark.parametrize("step", STEPS)
def test_each_step_fits_a_small_screen(qtbot: QtBot, text_scale: float, step: str) -> None:
    wizard = sample_wizard(step)
    qtbot.addWidget(wizard)
    wizard.resize(*SCREEN)
    wizard.show()
    qtbot.waitExposed(wizard)
    qtbot.wait(20)  # layouts settle
    hint = wizard.minimumSizeHint()
    assert hint.width() <= SCREEN[0] and hint.height() <= SCREEN[1]
    assert wizard.width() == SCREEN[0] and wizard.height() == SCREEN[1]
    page = wizard.current
    # Nothing is cut off sideways; what is too tall scrolls.
    assert page.body.minimumSizeHint().width() <= page.viewport().width()
    assert page.horizontalScrollBar().maximum() == 0
    if page.body.minimumSizeHint().height() > page.viewport().height():
        assert page.verticalScrollBar().maximum() > 0
        assert page.verticalScrollBar().isVisible()
    if step == "screening":  # long at any size: it must scroll, not squeeze
        assert page.verticalScrollBar().maximum() > 0
    # The way on is always on screen.
    for button in (wizard.back_button, wizard.discard_button):
        top_left = button.mapTo(wizard, button.rect().topLeft())
        assert wizard.rect().contains(top_left)
        assert wizard.rect().contains(top_left + button.rect().bottomRight())
    if text_scale == 2.0:
        assert wizard.heading.fontInfo().pointSizeF() > 15
