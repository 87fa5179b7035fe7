"""Inputs that do not change under the mouse wheel unless they have the keyboard focus.

Scrolling a long page of questions with the wheel must never change an answer
the pointer happens to pass over (a drop-down or a number box would). A
guarded input takes the focus only by click or Tab, and a wheel event over
it without the focus scrolls the page instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget


class WheelGuard(QObject):
    """Guards inputs inside ``area``; a stray wheel event scrolls ``area``."""

    def __init__(self, area: QAbstractScrollArea) -> None:
        super().__init__(area)
        self._area = area

    def guard(self, widget: QWidget) -> None:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel gives no focus
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            QApplication.sendEvent(self._area.verticalScrollBar(), event)
            return True
        return False
