"""Right to left driven by the language, for every label and button.

Qt lays out widgets by the application's layout direction, but a plain-text
``QLabel`` aligns its text by the text's first strong character
(``QLabelPrivate::textDirection``), and the painter picks each paragraph's
direction from the text too. So in an Arabic UI an English acronym or a
client's Latin-script name sits at the left edge, and "DACA برنامج" starts at
the wrong end; in an English UI an Arabic name is pushed to the right.

``DirectionStyle`` fixes this for the whole app in one place: every text the
style draws (labels, buttons, check boxes, group boxes, tabs) gets its
paragraph direction forced to the widget's layout direction, which comes
from the language, and a label's alignment is recomputed from its logical
alignment and that direction. The text itself is not touched.

Labels that Qt draws through a text document instead (rich text, selectable
text) are not drawn by the style; give them ``rich_text()``.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QProxyStyle

from clinic_app.domain.sanitise import clean_text
from clinic_app.i18n import is_rtl
from clinic_app.i18n.bidi import isolate, ltr

if TYPE_CHECKING:
    from PySide6.QtCore import QRect, Qt

__all__ = ["DirectionStyle", "install", "ltr", "rich_text", "user_text"]


class DirectionStyle(QProxyStyle):
    """Draws item text in the direction of its widget, never of its content."""

    def drawItemText(
        self,
        painter: QPainter,
        rect: QRect,
        flags: int,
        pal: QPalette | Qt.GlobalColor | QColor,
        enabled: bool,
        text: str,
        textRole: QPalette.ColorRole = QPalette.ColorRole.NoRole,
    ) -> None:
        if text:
            flags = _directed_flags(painter, int(flags))
        super().drawItemText(painter, rect, flags, pal, enabled, text, textRole)


def _directed_flags(painter: QPainter, flags: int) -> int:
    """Forces the paragraph direction to the widget's and, for a label, its alignment."""
    from PySide6.QtCore import Qt  # the Qt namespace costs start-up time: build it late
    from PySide6.QtWidgets import QStyle

    device = painter.device()
    if isinstance(device, QLabel):
        direction = device.layoutDirection()
        horizontal = Qt.AlignmentFlag.AlignHorizontal_Mask.value
        wanted = QStyle.visualAlignment(direction, device.alignment()).value
        flags = (flags & ~horizontal) | (wanted & horizontal)
    else:
        direction = painter.layoutDirection()
    forced = Qt.TextFlag.TextForceLeftToRight.value | Qt.TextFlag.TextForceRightToLeft.value
    rtl = direction == Qt.LayoutDirection.RightToLeft
    force = Qt.TextFlag.TextForceRightToLeft if rtl else Qt.TextFlag.TextForceLeftToRight
    return (flags & ~forced) | force.value


def install(app: QApplication) -> DirectionStyle:
    """Puts ``DirectionStyle`` in front of the app's style (once)."""
    style = app.style()
    if isinstance(style, DirectionStyle):
        return style
    proxy = DirectionStyle()  # wraps a new instance of the platform's default style
    app.setStyle(proxy)
    return proxy


def user_text(raw: str) -> str:
    """Text a user typed (a name), cleaned, then isolated for display inside a sentence."""
    return isolate(clean_text(raw))


def rich_text(body_html: str, code: str | None = None) -> str:
    """Rich text for a label whose direction must follow the language (``code``, or the UI's)."""
    direction = "rtl" if is_rtl(code) else "ltr"
    return f'<div dir="{direction}">{body_html}</div>'


def escape(text: str) -> str:
    """Plain text made safe to put inside ``rich_text``."""
    return html.escape(text, quote=False)
