"""The clipboard guard: text from a record reaches the clipboard only on an explicit copy.

The confidentiality contract allows a copy only when the user asks for it, and
clears it after ``CLIPBOARD_CLEAR_SECONDS`` if the clipboard still holds that
text (so a later copy from another program is never wiped). The app also
clears it on lock and on quit. The timer is injectable for tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

from clinic_app.domain.policy import CLIPBOARD_CLEAR_SECONDS

Clock = Callable[[], float]


class ClipboardGuard(QObject):
    """Puts text on the clipboard and takes it off again when its time is up."""

    def __init__(
        self,
        clipboard: QClipboard | None = None,
        *,
        seconds: float = CLIPBOARD_CLEAR_SECONDS,
        clock: Clock = time.monotonic,
        poll_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self.seconds = seconds
        self.clock = clock
        self._copied: str | None = None
        self._copied_at = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.check)

    @property
    def clipboard(self) -> QClipboard:
        return self._clipboard or QGuiApplication.clipboard()

    @property
    def holding(self) -> bool:
        """True while text we copied may still be on the clipboard."""
        return self._copied is not None

    def copy(self, text: str) -> None:
        """The explicit copy action: the only way record text reaches the clipboard."""
        self.clipboard.setText(text)
        self._copied = text
        self._copied_at = self.clock()
        self._timer.start()

    def check(self) -> None:
        """Clears our text once its time is up (the timer calls this)."""
        if self._copied is not None and self.clock() - self._copied_at >= self.seconds:
            self.clear()

    def clear(self) -> None:
        """Clears the clipboard if it still holds what we put there (lock, quit, timeout)."""
        copied, self._copied = self._copied, None
        self._timer.stop()
        if copied is not None and self.clipboard.text() == copied:
            self.clipboard.clear()


_guard: ClipboardGuard | None = None


def guard() -> ClipboardGuard:
    """The application's one guard (made on first use)."""
    global _guard
    if _guard is None:
        _guard = ClipboardGuard(parent=QGuiApplication.instance())
    return _guard
