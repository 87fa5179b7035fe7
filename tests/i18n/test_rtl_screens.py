"""Every registered screen in Arabic and Urdu is the mirror image of its left-to-right layout.

The reference is the same screen, in the same language, laid out left to right,
so that translated text (taller Arabic-script lines, other widths) does not
blur the comparison; the direction itself must come from the language.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.ui.retranslate import change_language
from clinic_app.ui.screenshots import SCREENS, SIZE


def text_widgets(screen: QWidget) -> list[QWidget]:
    return [
        w
        for w in screen.findChildren(QWidget)
        if isinstance(w, (QLabel, QAbstractButton)) and w.isVisibleTo(screen) and w.text()
    ]


def boxes(
    qtbot: QtBot, build: object, code: str, force_ltr: bool = False
) -> tuple[QWidget, list[tuple[int, int, int]]]:
    app = QApplication.instance()
    change_language(app, code)  # type: ignore[arg-type]
    if force_ltr:
        # The same text and fonts laid out left to right: the mirror's reference.
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # type: ignore[union-attr]
    screen = build()  # type: ignore[operator]
    qtbot.addWidget(screen)
    screen.resize(*SIZE)
    screen.show()
    QApplication.processEvents()
    found = []
    for widget in text_widgets(screen):
        left = widget.mapTo(screen, QPoint(0, 0))
        found.append((left.x(), left.y(), widget.width()))
    return screen, found


@pytest.mark.parametrize("code", ["ar", "ur"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_is_mirrored(app: QApplication, qtbot: QtBot, name: str, code: str) -> None:
    _reference_screen, english = boxes(qtbot, SCREENS[name], code, force_ltr=True)
    screen, mirrored = boxes(qtbot, SCREENS[name], code)
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert english, "no text on the screen"
    width = screen.width()
    assert len(mirrored) == len(english)
    for (x, y, w), (mx, my, mw) in zip(english, mirrored, strict=True):
        assert (mx, my, mw) == (width - x - w, y, w)
    # In the screenshot, the text of each leading-aligned label ends at its right edge.
    image = screen.grab().toImage()
    ratio = image.devicePixelRatio()
    for label in screen.findChildren(QLabel):
        if not (label.isVisibleTo(screen) and label.text()):
            continue
        if label.alignment() & Qt.AlignmentFlag.AlignHCenter:
            continue
        if label.visibleRegion().boundingRect() != label.rect():
            continue  # scrolled (partly) out of its scroll area's view: no pixels to read
        origin = label.mapTo(screen, QPoint(0, 0))
        room = label.contentsRect().translated(origin)
        inked = [
            x
            for x in range(room.left(), room.right() + 1)
            for y in range(room.top(), room.bottom() + 1, 2)
            if image.pixelColor(int(x * ratio), int(y * ratio)).lightness() < 110
        ]
        assert inked, label.text()
        assert max(inked) >= room.right() - 3, (label.text()[:30], max(inked), room)
