"""The clipboard guard: text from a record reaches the clipboard only on an explicit copy.

The confidentiality contract allows a copy only when the user asks for it, and
clears it after ``CLIPBOARD_CLEAR_SECONDS`` if the clipboard still holds that
text (so a later copy from another program is never wiped). The app also
clears it on lock and on quit. The timer is injectable for tests.

Every copy is marked as a secret, as password managers (KeePassXC) mark
theirs, so clipboard managers and cloud clipboards do not keep it: KDE's
``x-kde-passwordManagerHint`` (Klipper and others skip it), Windows'
``ExcludeClipboardContentFromMonitorProcessing`` plus ``CanIncludeInClipboardHistory``
and ``CanUploadToCloudClipboard`` set to 0 (clipboard history, cloud sync), and
macOS's ``org.nspasteboard.ConcealedType`` (nspasteboard.org). The hints are
harmless where unknown, so every copy carries all of them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

from clinic_app.domain.policy import CLIPBOARD_CLEAR_SECONDS

Clock = Callable[[], float]

DWORD_0 = (0).to_bytes(4, "little")
DWORD_1 = (1).to_bytes(4, "little")
# Format name -> bytes: what marks a copy as not to be kept or synced.
SECRET_HINTS: dict[str, bytes] = {
    "x-kde-passwordManagerHint": b"secret",
    "ExcludeClipboardContentFromMonitorProcessing": DWORD_1,
    "CanIncludeInClipboardHistory": DWORD_0,
    "CanUploadToCloudClipboard": DWORD_0,
    "application/x-nspasteboard-concealed-type": b"",
    "org.nspasteboard.ConcealedType": b"",
}


def secret_mime(text: str) -> QMimeData:
    """The text, marked as a secret for every platform's clipboard managers."""
    data = QMimeData()
    data.setText(text)
    for name, value in SECRET_HINTS.items():
        data.setData(name, value)
    return data


class ClipboardGuard(QObject):
    """Puts text on the clipboard and takes it off again when its time is up."""

    def __init__(
        self,
        clipboard: QClipboard | None = None,
        *,
        seconds: float = CLIPBOARD_CLEAR_SECONDS,
        clock: Clock = time.monotonic,
        poll_ms: int = 1000,
        owns: Callable[[], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        # Whether the clipboard's content came from this app (xcb, Windows and
        # macOS tell; the offscreen platform does not, so tests pass their own).
        self._owns = owns or (lambda: self.clipboard.ownsClipboard())
        self.seconds = seconds
        self.clock = clock
        self._copied: str | None = None
        self._copied_at = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.check)
        # A copy made inside the app some other way (Ctrl+C in a field) gets the
        # same hints and the same clearing.
        self.clipboard.dataChanged.connect(self._mark_own_copy)

    @property
    def clipboard(self) -> QClipboard:
        return self._clipboard or QGuiApplication.clipboard()

    @property
    def holding(self) -> bool:
        """True while text we copied may still be on the clipboard."""
        return self._copied is not None

    def copy(self, text: str) -> None:
        """The explicit copy action: the only way record text reaches the clipboard."""
        # The clipboard takes ownership of the QMimeData.
        self.clipboard.setMimeData(secret_mime(text))
        self._copied = text
        self._copied_at = self.clock()
        self._timer.start()

    def _mark_own_copy(self) -> None:
        clipboard = self.clipboard
        mime = clipboard.mimeData()
        if mime is None or not mime.hasText() or not self._owns():
            return
        if all(mime.hasFormat(name) for name in SECRET_HINTS):
            return  # ours already (this very call re-enters once, here)
        self.copy(mime.text())

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
