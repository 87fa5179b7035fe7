"""Right to left driven by the language, for every label and button.

Qt lays out widgets by the application's layout direction, but a plain-text
``QLabel`` aligns its text by the text's first strong character
(``QLabelPrivate::textDirection``), and the painter picks each paragraph's
direction from the text too. So in an Arabic UI an English acronym or a
client's Latin-script name sits at the left edge, and "DACA برنامج" starts at
the wrong end; in an English UI an Arabic name is pushed to the right.

``DirectionStyle`` (built by ``style_class()``, put in place by ``install``)
fixes this for the whole app in one place: every text the
style draws (labels, buttons, check boxes, group boxes, tabs) gets its
paragraph direction forced to the widget's layout direction, which comes
from the language, and a label's alignment is recomputed from its logical
alignment and that direction. The text itself is not touched.

Labels that Qt draws through a text document instead (rich text, selectable
text) are not drawn by the style; give them ``rich_text()``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from clinic_app.i18n import is_rtl
from clinic_app.i18n.bidi import isolate, ltr

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication, QProxyStyle

__all__ = ["install", "is_installed", "ltr", "rich_text", "style_class", "user_text"]


@cache
def style_class() -> type[QProxyStyle]:
    """The ``DirectionStyle`` class, built on first use.

    Importing ``QProxyStyle`` makes PySide6 build QStyle's enums (6–16 ms on the
    2-core machine), so it stays out of module import time.
    """
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QProxyStyle

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

    return DirectionStyle


def _directed_flags(painter: QPainter, flags: int) -> int:
    """Forces the paragraph direction to the widget's and, for a label, its alignment."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QStyle

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


def is_installed(app: QApplication) -> bool:
    return isinstance(app.style(), style_class())


def install(app: QApplication) -> QProxyStyle:
    """Puts ``DirectionStyle`` in front of the app's style (once)."""
    style = app.style()
    if isinstance(style, style_class()):
        return style
    proxy = style_class()()  # wraps a new instance of the platform's default style
    app.setStyle(proxy)
    return proxy


def user_text(raw: str) -> str:
    """Text a user typed (a name), cleaned, then isolated for display inside a sentence."""
    from clinic_app.domain.sanitise import clean_text

    return isolate(clean_text(raw))


def rich_text(body_html: str, code: str | None = None) -> str:
    """Rich text for a label whose direction must follow the language (``code``, or the UI's)."""
    direction = "rtl" if is_rtl(code) else "ltr"
    return f'<div dir="{direction}">{body_html}</div>'


def escape(text: str) -> str:
    """Plain text made safe to put inside ``rich_text``."""
    import html

    return html.escape(text, quote=False)
