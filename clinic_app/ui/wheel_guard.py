"""The mouse wheel never changes an answer the volunteer is not editing.

Qt lets the wheel turn any drop-down, spin box or slider under the pointer,
and gives it focus on the way (``Qt.WheelFocus``): scrolling a long form
silently turned "Never had DACA" into "Had it, expired". One application-wide
event filter fixes every screen, present and future:

- on Polish, such an input loses the wheel part of its focus policy, so the
  wheel cannot give it focus;
- a wheel event over such an input without keyboard focus is passed to the
  nearest scroll area instead, so the page scrolls as the user meant.

Once the user has clicked or tabbed into an input, the wheel works on it as usual.

The same filter gives every one-line text field a length limit when it is
first polished (``clinic_app.ui.limits``).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QScrollBar,
    QTabBar,
    QWidget,
)

from clinic_app.ui.limits import apply_default_limit

# Inputs whose value the wheel changes. Scroll bars only move the view.
GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider, QTabBar)


def is_guarded(widget: QObject) -> bool:
    return isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar)


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


@cache
def _filter_class() -> type[QObject]:
    class WheelGuard(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            kind = event.type()
            if kind == QEvent.Type.Wheel:
                if is_guarded(watched) and isinstance(watched, QWidget) and not watched.hasFocus():
                    area = _scroll_area_of(watched)
                    if area is not None:
                        QCoreApplication.sendEvent(area.viewport(), event)
                    return True  # the value stays as it is
            elif kind == QEvent.Type.Polish:
                if is_guarded(watched):
                    assert isinstance(watched, QWidget)
                    _no_wheel_focus(watched)
                elif isinstance(watched, QLineEdit):
                    apply_default_limit(watched)
            return False

    return WheelGuard


def _no_wheel_focus(widget: QWidget) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def install_wheel_guard(app: QCoreApplication) -> QObject:
    """Installs the guard on ``app`` once (widgets that exist already included)."""
    existing = app.findChild(QObject, "wheelGuard")
    if existing is not None:
        return existing
    guard = _filter_class()(app)
    guard.setObjectName("wheelGuard")
    app.installEventFilter(guard)
    if isinstance(app, QApplication):
        for widget in app.allWidgets():
            if is_guarded(widget):
                _no_wheel_focus(widget)
            elif isinstance(widget, QLineEdit):
                apply_default_limit(widget)
    return guard
