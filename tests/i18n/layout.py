"""Finds labels and buttons whose text does not fit the room the layout gave them."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QWidget


def _visible_rect(widget: QWidget, root: QWidget) -> QRect:
    """The part of ``widget`` (in its own coordinates) not hidden by an ancestor's edge.

    Content inside a scroll area is not cut off where the viewport hides it:
    it scrolls into view (a step of the intake wizard at 200% text size).
    """
    rect = widget.rect()
    child, parent = widget, widget.parentWidget()
    offset = widget.pos()
    while parent is not None:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and (
            parent is parent.parentWidget().viewport()  # type: ignore[union-attr]
        ):
            break
        clip = parent.rect().translated(-offset)
        rect = rect.intersected(clip)
        if parent is root:
            break
        child, parent = parent, parent.parentWidget()
        offset += child.pos()
    return rect


def _text_width(label: QLabel) -> int:
    metrics = label.fontMetrics()
    return max(metrics.horizontalAdvance(line) for line in label.text().splitlines() or [""])


def cut_off(root: QWidget) -> list[str]:
    """Every visible label or button under ``root`` whose text is cut off, with why."""
    problems: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        name = f"{type(widget).__name__} {widget.objectName() or ''}".strip()
        if isinstance(widget, QLabel) and widget.text():
            label = widget
            text = label.text()[:40]
            room = label.contentsRect()
            if label.wordWrap():
                need = label.heightForWidth(label.width())
                if need > label.height():
                    problems.append(f"{name} {text!r}: needs height {need}, has {label.height()}")
            else:
                need = _text_width(label) + 2 * max(label.margin(), 0)
                if need > room.width():
                    problems.append(f"{name} {text!r}: needs width {need}, has {room.width()}")
                hint = label.minimumSizeHint()
                if hint.height() > label.height():
                    problems.append(f"{name} {text!r}: needs height {hint.height()}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            hint = widget.minimumSizeHint().expandedTo(widget.sizeHint())
            if hint.width() > widget.width() or hint.height() > widget.height():
                problems.append(
                    f"{name} {widget.text()[:40]!r}: needs {hint.width()}×{hint.height()}, "
                    f"has {widget.width()}×{widget.height()}"
                )
        else:
            continue
        visible = _visible_rect(widget, root)
        if visible != widget.rect():
            problems.append(f"{name}: partly outside its window ({visible} of {widget.rect()})")
    return problems
