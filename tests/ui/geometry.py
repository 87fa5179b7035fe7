"""Where buttons lie: shared by the geometry test and its 200 % scale child."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QWidget


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def outside(window: QWidget) -> list[str]:
    """Visible buttons not wholly inside the window. Inside a scroll area a button
    may lie below the fold (the page scrolls down), never beside it: no sideways
    scrolling to reach a button."""
    bounds = QRect(0, 0, window.width(), window.height())
    bad = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible():
            continue
        area = _scroll_area(button)
        if area is not None:
            view = area.viewport()
            left = button.mapTo(view, button.rect().topLeft()).x()
            inside = left >= 0 and left + button.width() <= view.width()
            inside = inside and bounds.contains(
                QRect(view.mapTo(window, view.rect().topLeft()), view.size())
            )
        else:
            top_left = button.mapTo(window, button.rect().topLeft())
            inside = bounds.contains(QRect(top_left, button.size()))
        if not inside:
            bad.append(f"{button.objectName() or button.text()!r}")
    return bad
