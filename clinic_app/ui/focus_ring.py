"""A clearly visible focus ring on every input and button (WCAG 2.4.7, 1.4.11).

Fusion's own focus marks are a faint tint: on the consent step the focused
check box could not be told apart. One application-wide ring follows the
keyboard focus instead of a style sheet (a style sheet border would replace
the native drawing of every button and field): a frame RING_WIDTH pixels
wide just outside the focused widget, drawn by a transparent child of the
nearest ancestor with room for it (a field's own row has none), so it
scrolls and clips with the widget and takes no clicks. Its colour is the one
of two with the higher contrast against the background, at least 3:1.

A container that stands for its child (a check box with a wrapping label)
sets the property ``focusRingAround``: the ring goes around the container.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

RING_WIDTH = 3
GAP = 1  # between the widget's edge and the ring
# A dark blue for light backgrounds, an amber for dark ones.
COLOURS = (QColor("#1a4fa0"), QColor("#ffc933"))
MIN_CONTRAST = 3.0  # WCAG 1.4.11, non-text contrast

RINGED = (
    QAbstractButton,
    QLineEdit,
    QAbstractSpinBox,
    QComboBox,
    QTextEdit,
    QPlainTextEdit,
    QAbstractItemView,
    QTabBar,
)


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ring_colour(background: QColor) -> QColor:
    return max(COLOURS, key=lambda c: contrast(c, background))


def ring_target(widget: QWidget | None) -> QWidget | None:
    """The widget the ring goes around when ``widget`` has the focus, if any."""
    if widget is None or widget.isWindow():
        return None
    parent = widget.parentWidget()
    if parent is not None and (
        isinstance(parent, (QComboBox, QAbstractSpinBox)) or parent.property("focusRingAround")
    ):
        widget = parent
    if not isinstance(widget, RINGED) and not widget.property("focusRingAround"):
        return None
    return widget if widget.parentWidget() is not None else None


def _ring_rect(target: QWidget, host: QWidget) -> QRect:
    m = RING_WIDTH + GAP
    return QRect(target.mapTo(host, QPoint(0, 0)), target.size()).adjusted(-m, -m, m, m)


def ring_host(target: QWidget) -> QWidget:
    """The nearest ancestor the whole ring fits in (a scroll area's page at most)."""
    host = target.parentWidget()
    assert host is not None
    while not host.isWindow():
        if host.rect().contains(_ring_rect(target, host)):
            break
        parent = host.parentWidget()
        if parent is None or isinstance(parent, QAbstractScrollArea):
            break  # the viewport: the ring is clipped there, as the widget is
        host = parent
    return host


@cache
def _ring_class() -> type[QWidget]:
    class FocusRing(QWidget):
        def __init__(self, target: QWidget) -> None:
            host = ring_host(target)
            super().__init__(host)
            self.setObjectName("focusRing")
            self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.target = target
            # The widget and every ancestor below the host: any of them may move.
            self.watched: list[QWidget] = []
            widget: QWidget | None = target
            while widget is not None and widget is not host:
                widget.installEventFilter(self)
                self.watched.append(widget)
                widget = widget.parentWidget()
            self.place()

        def place(self) -> None:
            host = self.parentWidget()
            assert host is not None
            self.setGeometry(_ring_rect(self.target, host))
            self.setVisible(self.target.isVisible())
            self.raise_()

        def colour(self) -> QColor:
            parent = self.parentWidget()
            palette = parent.palette() if parent is not None else self.palette()
            return ring_colour(palette.color(QPalette.ColorRole.Window))

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if watched in self.watched and event.type() in (
                QEvent.Type.Move,
                QEvent.Type.Resize,
                QEvent.Type.Show,
                QEvent.Type.Hide,
            ):
                self.place()
            return False

        def paintEvent(self, event: QPaintEvent) -> None:
            painter = QPainter(self)
            pen = QPen(self.colour(), RING_WIDTH)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            half = RING_WIDTH // 2
            painter.drawRect(QRect(self.rect()).adjusted(half, half, -half - 1, -half - 1))

    return FocusRing


@cache
def _follower_class() -> type[QObject]:
    class FocusRingFollower(QObject):
        def __init__(self, app: QApplication) -> None:
            super().__init__(app)
            self.setObjectName("focusRingFollower")
            self.ring: QWidget | None = None
            app.focusChanged.connect(self.follow)

        def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
            ring = self.ring
            self.ring = None
            if ring is not None and isValid(ring):
                for widget in ring.watched:  # type: ignore[attr-defined]
                    if isValid(widget):
                        widget.removeEventFilter(ring)
                ring.hide()
                ring.deleteLater()
            around = ring_target(new)
            if around is not None:
                self.ring = _ring_class()(around)

    return FocusRingFollower


def install_focus_ring(app: QApplication) -> QObject:
    """Installs the ring on ``app`` once; the widget focused now gets it at once."""
    existing = app.findChild(QObject, "focusRingFollower")
    if existing is not None:
        return existing
    follower = _follower_class()(app)
    follower.follow(None, app.focusWidget())  # type: ignore[attr-defined]
    return follower


def current_ring(app: QApplication) -> QWidget | None:
    follower = app.findChild(QObject, "focusRingFollower")
    ring = getattr(follower, "ring", None)
    return ring if ring is not None and isValid(ring) else None


def remove_focus_ring(app: QApplication) -> None:
    """Takes the ring away again (tests that installed it)."""
    follower = app.findChild(QObject, "focusRingFollower")
    if follower is None:
        return
    app.focusChanged.disconnect(follower.follow)  # type: ignore[attr-defined]
    follower.follow(None, None)  # type: ignore[attr-defined]
    follower.setParent(None)
    follower.deleteLater()
