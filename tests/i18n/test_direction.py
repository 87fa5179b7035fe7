"""Direction comes from the language: labels and buttons, whatever script their text is in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.i18n.bidi import FSI, LRI, PDI, ltr, strip_marks
from clinic_app.ui import direction

RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight
LATIN = "Maria Lopez"
ARABIC = "مريم لوبيز"
MIXED = "DACA برنامج (2012)"


def grab(qtbot: QtBot, widget: QWidget) -> QImage:
    qtbot.addWidget(widget)
    widget.resize(400, 40)
    widget.show()
    QApplication.processEvents()
    return widget.grab().toImage()


def ink_columns(image: QImage) -> tuple[int, int]:
    xs = [
        x
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).lightness() < 110
    ]
    assert xs, "nothing drawn"
    return min(xs), max(xs)


@pytest.mark.parametrize("installed", [True, False])
def test_latin_text_sits_at_the_right_in_a_right_to_left_ui(
    app: QApplication, qtbot: QtBot, installed: bool
) -> None:
    app.setLayoutDirection(RTL)
    if installed:
        direction.install(app)
    left, right = ink_columns(grab(qtbot, QLabel(LATIN)))
    # Without the style Qt aligns by the text ("M" is left to right): the test must see that.
    assert (right > 300 and left > 200) is installed


def test_arabic_text_sits_at_the_left_in_a_left_to_right_ui(
    app: QApplication, qtbot: QtBot
) -> None:
    direction.install(app)
    left, _right = ink_columns(grab(qtbot, QLabel(ARABIC)))
    assert left < 20


@pytest.mark.parametrize("cls", [QLabel, QPushButton, QCheckBox])
@pytest.mark.parametrize(("layout", "mark"), [(RTL, "\u200f"), (LTR, "\u200e")])
def test_paragraph_direction_follows_the_language_not_the_first_letter(
    app: QApplication,
    qtbot: QtBot,
    cls: type[QLabel] | type[QPushButton] | type[QCheckBox],
    layout: Qt.LayoutDirection,
    mark: str,
) -> None:
    app.setLayoutDirection(layout)
    # The reference: the same text led by a mark of the language's direction.
    wanted = grab(qtbot, cls(mark + MIXED))
    direction.install(app)
    assert grab(qtbot, cls(MIXED)) == wanted
    assert grab(qtbot, cls(mark + MIXED)) == wanted


def test_word_wrapped_and_centred_labels(app: QApplication, qtbot: QtBot) -> None:
    app.setLayoutDirection(RTL)
    direction.install(app)
    wrapped = QLabel(LATIN)
    wrapped.setWordWrap(True)
    assert ink_columns(grab(qtbot, wrapped))[1] > 390
    centred = QLabel(LATIN)
    centred.setAlignment(Qt.AlignmentFlag.AlignCenter)
    left, right = ink_columns(grab(qtbot, centred))
    assert abs((left + right) / 2 - 200) < 4
    pinned = QLabel(LATIN)  # an explicitly absolute alignment is kept
    pinned.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
    assert ink_columns(grab(qtbot, pinned))[0] < 10


def test_install_is_idempotent(app: QApplication) -> None:
    first = direction.install(app)
    assert direction.install(app) is first
    assert app.style() is first


def test_user_text_is_cleaned_before_it_is_isolated() -> None:
    # An override typed into a name is removed; the app's own isolate is added after.
    assert direction.user_text(" Ana\u202eZELOG\u2066 ") == f"{FSI}AnaZELOG{PDI}"
    assert direction.user_text("مريم") == f"{FSI}مريم{PDI}"


def test_numbers_and_dates_are_isolated_left_to_right() -> None:
    phone = "+1 (212) 555-0100"
    assert ltr(phone) == f"{LRI}{phone}{PDI}"
    assert strip_marks(ltr("27\u200f/11\u200f/2026")) == "27/11/2026"


def test_isolates_take_no_room(app: QApplication, qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    metrics = label.fontMetrics()
    phone = "+1 (212) 555-0100"
    assert metrics.horizontalAdvance(ltr(phone)) == metrics.horizontalAdvance(phone)


def test_rich_text_carries_the_language_direction() -> None:
    assert direction.rich_text("<b>x</b>", "ar") == '<div dir="rtl"><b>x</b></div>'
    assert direction.rich_text(direction.escape("a<b"), "es") == '<div dir="ltr">a&lt;b</div>'


@pytest.mark.parametrize("selectable", [False, True])
def test_rich_text_labels_follow_the_language_with_rich_text(
    app: QApplication, qtbot: QtBot, selectable: bool
) -> None:
    app.setLayoutDirection(RTL)
    direction.install(app)
    plain, directed = (
        QLabel(f"<b>{LATIN}</b>"),
        QLabel(direction.rich_text(f"<b>{LATIN}</b>", "ar")),
    )
    for label in (plain, directed):
        label.setTextFormat(Qt.TextFormat.RichText)
        if selectable:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    assert ink_columns(grab(qtbot, plain))[1] < 200  # the style cannot reach these labels
    app.setLayoutDirection(RTL)
    assert ink_columns(grab(qtbot, directed))[0] > 200


def test_style_sheets_keep_the_direction(app: QApplication, qtbot: QtBot) -> None:
    app.setLayoutDirection(RTL)
    direction.install(app)
    try:
        app.setStyleSheet("QLabel { padding: 2px; }")
        assert ink_columns(grab(qtbot, QLabel(LATIN)))[0] > 200
        own = QLabel(LATIN)
        own.setStyleSheet("font-weight: bold;")
        assert ink_columns(grab(qtbot, own))[0] > 200
    finally:
        app.setStyleSheet("")
