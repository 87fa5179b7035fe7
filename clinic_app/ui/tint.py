"""Colouring labels without style sheets (they would bypass the direction style)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

ERROR_COLOUR = "#b00020"
WHY_COLOUR = "#4a4a4a"


def tint(
    label: QLabel,
    colour: str,
    background: str | None = None,
    *,
    bold: bool = False,
    italic: bool = False,
) -> None:
    """Colours a label through its palette, not a style sheet.

    A style sheet would take the label out of the app's direction style, so
    its text would no longer follow the language's direction.
    """
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    if background is not None:
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        label.setAutoFillBackground(True)
        label.setContentsMargins(6, 3, 6, 3)
    label.setPalette(palette)
    font = label.font()
    font.setBold(bold)
    font.setItalic(italic)
    label.setFont(font)
