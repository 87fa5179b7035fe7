"""Runs the records list's searches off the GUI thread; a newer search cancels an older one.

Typing must never freeze the window, whatever a query costs. The list hands
each search (count + first page) to one background thread and keeps showing
its current rows; when a newer search arrives, the running one is
interrupted (``sqlite3_interrupt``) and its result, if any, is dropped by
generation number. SQLite connections belong to the thread that opened them,
so the thread opens its own (same key, same pragmas) for a burst of searches
and closes it as soon as none is waiting: no second connection outlives the
typing, and none outlives the vault's lock.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

# (reader repository, its connection); see Records.open_reader.
OpenReader = Callable[[], tuple[Any, Any]]
Search = Callable[[Any, Any], tuple[int, Sequence[Any]]]  # (reader, filter)


class _Signals(QObject):
    # generation, filter, count (capped), first page
    done = Signal(int, object, int, object)


class SearchWorker:
    """One background thread; ``submit`` the latest search, ``stop`` when done."""

    def __init__(self, open_reader: OpenReader, run: Search) -> None:
        self.signals = _Signals()
        self.done = self.signals.done
        self._open_reader = open_reader
        self._run = run
        self._wake = threading.Condition()
        self._pending: tuple[int, Any] | None = None
        self._con: Any = None
        self._stopped = False
        self._thread = threading.Thread(target=self._loop, name="records-search", daemon=True)
        self._thread.start()

    def submit(self, generation: int, flt: Any) -> None:
        with self._wake:
            self._pending = (generation, flt)
            if self._con is not None:
                self._con.interrupt()  # the stale query stops at its next step
            self._wake.notify()

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._pending = None
            if self._con is not None:
                self._con.interrupt()
            self._wake.notify()
        self._thread.join(timeout=5)

    def _next(self) -> tuple[int, Any] | None:
        with self._wake:
            if self._pending is None and self._con is not None:
                self._close()  # idle: the connection goes until the next search
            while self._pending is None and not self._stopped:
                self._wake.wait()
            if self._stopped:
                self._close()
                return None
            job, self._pending = self._pending, None
            return job

    def _close(self) -> None:
        con, self._con = self._con, None
        if con is not None:
            con.close()

    def _loop(self) -> None:
        reader: Any = None
        while (job := self._next()) is not None:
            generation, flt = job
            try:
                if self._con is None:
                    reader, con = self._open_reader()
                    with self._wake:
                        self._con = con
                total, rows = self._run(reader, flt)
            except Exception:  # interrupted, locked or closed: drop it
                with self._wake:
                    self._close()
                continue
            with contextlib.suppress(RuntimeError):  # the list was deleted meanwhile
                self.done.emit(generation, flt, total, list(rows))
