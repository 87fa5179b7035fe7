"""Long work (report, purge, backup, demo data): progress and safe cancellation.

A worker checks a :class:`CancelToken` between batches; ``check`` raises
:class:`Cancelled` inside the caller's transaction, which then rolls back, so
a cancelled job leaves the vault exactly as it was. A single long SQL query is
interrupted through SQLite's progress handler (:func:`interruptible`).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any, Final

Progress = Callable[[int, int], None]  # (done, total)
_HANDLER_STEPS: Final = 20_000  # SQLite VM steps between checks: well under 10 ms


class Cancelled(Exception):
    """The user cancelled; nothing was changed."""


class CancelToken:
    """Set from the UI thread, checked by the worker."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled


def no_progress(done: int, total: int) -> None:
    """The default progress callback: says nothing."""


@contextlib.contextmanager
def interruptible(con: Any, token: CancelToken | None) -> Iterator[None]:
    """Lets ``token`` interrupt the SQL run inside the block (raises ``Cancelled``)."""
    if token is None:
        yield
        return
    token.check()
    con.set_progress_handler(lambda: 1 if token.cancelled else 0, _HANDLER_STEPS)
    try:
        yield
    except Exception:
        if token.cancelled:
            raise Cancelled from None
        raise
    finally:
        con.set_progress_handler(None, 0)
