"""Messages that matter (errors, warnings) are seen and heard, not only coloured.

``show_message`` puts the text in a label styled for its kind (an icon-like
prefix word is not needed: the colour is backed by bold text and by the
screen reader hearing it at once through an accessibility alert).
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QLabel

from clinic_app.ui.tint import ERROR_COLOUR, tint

NOTICE_COLOUR = "#5c3b00"
NOTICE_BACKGROUND = "#fff3cd"
ERROR_BACKGROUND = "#fdecea"


def style_error(label: QLabel) -> None:
    tint(label, ERROR_COLOUR, ERROR_BACKGROUND, bold=True)
    label.setWordWrap(True)


def style_notice(label: QLabel) -> None:
    tint(label, NOTICE_COLOUR, NOTICE_BACKGROUND, bold=True)
    label.setWordWrap(True)


def announce(label: QLabel, text: str) -> None:
    """Shows ``text`` in ``label`` and has screen readers say it now."""
    label.setText(text)
    label.setVisible(bool(text))
    label.setAccessibleName(text)
    if text and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleEvent(label, QAccessible.Event.Alert))
