"""The focused input or button has a clearly visible ring (WCAG 2.4.7, 1.4.11)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clinic_app.ui.focus_ring import (
    COLOURS,
    MIN_CONTRAST,
    RING_WIDTH,
    contrast,
    current_ring,
    install_focus_ring,
    remove_focus_ring,
    ring_colour,
)
from tests.ui.intake.conftest import MakeWizard


@pytest.fixture
def ring(qapp: QApplication) -> Iterator[QApplication]:
    install_focus_ring(qapp)
    yield qapp
    remove_focus_ring(qapp)


def _form(qtbot: QtBot) -> tuple[QWidget, list[QWidget]]:
    page = QWidget()
    combo = QComboBox()
    combo.addItems(["a", "b"])
    widgets: list[QWidget] = [QLineEdit(), QPushButton("Next"), QRadioButton("Yes"), combo]
    layout = QVBoxLayout(page)
    layout.setSpacing(12)
    for w in widgets:
        layout.addWidget(w)
    qtbot.addWidget(page)
    page.resize(300, 240)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    return page, widgets


def _left_edge(page: QWidget, widget: QWidget) -> QColor:
    """The colour just outside the widget's leading edge, where the ring runs."""
    image = page.grab().toImage()
    middle = widget.mapTo(page, QPoint(0, widget.height() // 2))
    return image.pixelColor(middle.x() - 1 - RING_WIDTH // 2 - 1, middle.y())


def test_the_colours_contrast_with_light_and_dark_backgrounds() -> None:
    for background in ("#efefef", "#ffffff", "#353535", "#000000", "#fde0c0"):
        colour = ring_colour(QColor(background))
        assert contrast(colour, QColor(background)) >= MIN_CONTRAST, background
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)


def test_the_focused_widget_is_ringed_and_only_it(qtbot: QtBot, ring: QApplication) -> None:
    page, widgets = _form(qtbot)
    background = page.palette().color(QPalette.ColorRole.Window)
    expected = ring_colour(background)
    assert contrast(expected, background) >= MIN_CONTRAST
    for widget in widgets:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda w=widget: current_ring(ring) is not None and w.hasFocus())
        for other in widgets:
            seen = _left_edge(page, other)
            if other is widget:
                assert seen == expected, f"{type(other).__name__}: {seen.name()}"
            else:
                assert seen != expected, f"{type(other).__name__} ringed without focus"


def test_without_the_ring_nothing_is_drawn_there(qtbot: QtBot, qapp: QApplication) -> None:
    page, widgets = _form(qtbot)
    widgets[2].setFocus(Qt.FocusReason.TabFocusReason)
    assert _left_edge(page, widgets[2]) not in COLOURS


def test_the_consent_check_box_is_ringed_on_the_intake(
    qtbot: QtBot, make_wizard: MakeWizard, ring: QApplication
) -> None:
    wizard = make_wizard()
    wizard.show_step(wizard.steps.index(wizard.consent))
    agree = wizard.consent.agree
    assert isinstance(agree, QCheckBox) and agree.hasFocus()
    shown = current_ring(ring)
    assert shown is not None and shown.isVisible()
    assert shown.geometry().contains(agree.geometry())
    assert _left_edge(wizard, agree) in COLOURS


def test_a_field_in_its_own_row_is_ringed_in_full(
    qtbot: QtBot, make_wizard: MakeWizard, ring: QApplication
) -> None:
    # A field row is exactly as tall as its field: the ring must not be clipped to it.
    wizard = make_wizard()
    wizard.show_step(wizard.steps.index(wizard.identity))
    phone = wizard.identity.rows["phone"].editor
    phone.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: current_ring(ring) is not None)
    image = wizard.grab().toImage()
    top_middle = phone.mapTo(wizard, QPoint(phone.width() // 2, 0))
    above = image.pixelColor(top_middle.x(), top_middle.y() - 1 - RING_WIDTH // 2 - 1)
    assert above in COLOURS, above.name()
