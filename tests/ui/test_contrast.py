"""Text contrast at least 4.5:1 (WCAG AA), measured from the palette and the app's colours."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyleFactory, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.ui.announce import ERROR_BACKGROUND, NOTICE_BACKGROUND, NOTICE_COLOUR
from clinic_app.ui.contrast import GROUPS, MIN_RATIO, TEXT_PAIRS, ratio, readable_palette
from clinic_app.ui.labels import URGENCY_COLOURS
from clinic_app.ui.tint import ERROR_COLOUR, WHY_COLOUR
from clinic_app.ui.tour import walk


def _short(palette: QPalette) -> list[str]:
    out = []
    for group in GROUPS:
        for text, back, _moves_back in TEXT_PAIRS:
            r = ratio(palette.color(group, text), palette.color(group, back))
            if r < MIN_RATIO:
                out.append(f"{group.name} {text.name}/{back.name}: {r:.2f}")
    return out


def test_ratio_matches_wcag_examples(qtbot: QtBot) -> None:
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


def _dark() -> QPalette:
    palette = QPalette(QColor("#2b2b2b"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(255, 255, 255, 90))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#7fb2e5"))
    return palette


def test_every_text_role_of_the_palette_reaches_aa(qtbot: QtBot) -> None:
    fusion = QStyleFactory.create("Fusion").standardPalette()
    # Fusion as shipped falls short (placeholder 3.9:1, selection 3.7:1): the check can fail.
    assert _short(fusion)
    for palette in (fusion, QApplication.palette(), _dark()):
        assert not _short(readable_palette(palette))


def test_the_app_colours_reach_aa(qtbot: QtBot) -> None:
    window = readable_palette(QApplication.palette()).color(QPalette.ColorRole.Window)
    pairs = {
        "error": (ERROR_COLOUR, ERROR_BACKGROUND),
        "error on window": (ERROR_COLOUR, window),
        "notice": (NOTICE_COLOUR, NOTICE_BACKGROUND),
        "why": (WHY_COLOUR, window),
        **{f"urgency {k}": (text, back) for k, (back, text) in URGENCY_COLOURS.items()},
    }
    short = {k: round(ratio(*v), 2) for k, v in pairs.items() if ratio(*v) < MIN_RATIO}
    assert not short


def _background(label: QLabel) -> QColor:
    widget: QWidget | None = label
    while widget is not None:
        if widget.autoFillBackground():
            return widget.palette().color(QPalette.ColorRole.Window)
        widget = widget.parentWidget()
    return label.window().palette().color(QPalette.ColorRole.Window)


@pytest.mark.slow
def test_every_label_on_every_desk_screen_reaches_aa(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    app.setPalette(readable_palette(before))  # as create_application does
    short: dict[str, float] = {}
    seen = 0
    try:
        for name, window in walk(tmp_path / "clinic.vault"):
            for label in window.findChildren(QLabel):
                if not label.isVisible() or not label.text() or not label.isEnabled():
                    continue
                seen += 1
                text = label.palette().color(QPalette.ColorRole.WindowText)
                r = ratio(text, _background(label))
                if r < MIN_RATIO:
                    short[f"{name} {label.objectName()!r} {label.text()[:30]!r}"] = round(r, 2)
    finally:
        app.setPalette(before)
    assert seen > 100
    assert not short
