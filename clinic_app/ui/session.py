"""Idle auto-lock: counts only real keyboard and mouse input.

Timers, repaints, focus changes and window activation do not count as
activity (KeePassXC's rule), so a window left open on a shared desk locks even
if something on screen keeps changing. The clock is injectable for tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

Clock = Callable[[], float]


def idle_clock() -> float:
    """Seconds on a clock that keeps running while the laptop sleeps.

    ``time.monotonic`` stops during suspend on Linux, so a laptop closed for an
    hour would wake unlocked; CLOCK_BOOTTIME does not stop, and neither jumps
    when the wall clock is changed.
    """
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.monotonic()


@cache
def input_events() -> frozenset[QEvent.Type]:
    """The event types that count as activity (built on first use, off start-up)."""
    t = QEvent.Type
    return frozenset(
        {
            t.KeyPress,
            t.KeyRelease,
            t.MouseButtonPress,
            t.MouseButtonRelease,
            t.MouseButtonDblClick,
            t.MouseMove,
            t.Wheel,
            t.TouchBegin,
            t.TabletPress,
            t.InputMethod,
        }
    )


class IdleLock(QObject):
    """Emits ``idle`` once after ``timeout_s`` seconds without user input."""

    idle = Signal()

    def __init__(
        self,
        timeout_s: float,
        clock: Clock = idle_clock,
        poll_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.timeout_s = timeout_s
        self.clock = clock
        self.last_input = clock()
        self.active = False
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Starts watching; call when the vault is unlocked."""
        self.last_input = self.clock()
        self.active = True
        self._timer.start()

    def stop(self) -> None:
        self.active = False
        self._timer.stop()

    def note_input(self) -> None:
        self.last_input = self.clock()

    def check(self) -> None:
        """Emits ``idle`` (and stops) when the timeout has passed; the timer calls it."""
        if self.active and self.clock() - self.last_input >= self.timeout_s:
            self.stop()
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() in input_events():
            self.last_input = self.clock()
        return False
