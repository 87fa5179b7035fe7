"""Long work (key derivation, vault creation) off the GUI thread.

``Background.start`` runs one function on a worker thread and delivers its
result or its exception back on the GUI thread; while it runs, ``busy`` is
True and a second start is refused, so a double click cannot start it twice.
The screen shows a busy bar meanwhile (``busy_bar``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar


def busy_bar(name: str) -> QProgressBar:
    """An indeterminate progress bar, hidden until work starts."""
    bar = QProgressBar()
    bar.setObjectName(name)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(bar.fontMetrics().height())
    bar.hide()
    return bar


class Background(QObject):
    _finished = Signal(object, object)  # result, exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.busy = False
        self._done: Callable[[Any], None] | None = None
        self._failed: Callable[[BaseException], None] | None = None
        self._finished.connect(self._deliver)

    def start(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> bool:
        """Runs ``work`` on a thread; False (and nothing run) while busy."""
        if self.busy:
            return False
        self.busy = True
        self._done, self._failed = done, failed

        def run() -> None:
            try:
                result = work()
            except BaseException as exc:  # delivered to ``failed`` on the GUI thread
                self._finished.emit(None, exc)
            else:
                self._finished.emit(result, None)

        threading.Thread(target=run, name="clinic-background", daemon=True).start()
        return True

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        self.busy = False
        done, failed = self._done, self._failed
        self._done = self._failed = None
        if error is not None:
            if failed is not None:
                failed(error)
        elif done is not None:
            done(result)
