"""The app's own temporary files beside a vault or a backup, and cleaning them up.

Creating a vault, writing a backup and restoring one each build a file under a
temporary name and rename it into place. A process killed meanwhile leaves
that file behind (a backup's copy is as large as the vault). Each writer holds
an exclusive ``flock`` on its temporary file while it works, so the next run
can tell a leftover (lock free) from a file another process is still writing
(lock held) and removes only leftovers. Only names of the app's own pattern
are touched. Where ``flock`` does not exist (Windows) a leftover is one older
than a day.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

# ".NAME.TAG-<12 hex>[.tmp][-wal|-shm|-journal]", TAG one of the app's own.
TEMP_NAME = re.compile(
    r"^\..+\.(?:db|backup|restore|creating)-[0-9a-f]{12}(?:\.tmp)?(?P<side>-wal|-shm|-journal)?$"
)
STALE_AFTER_S = 24 * 3600.0


def _lock(fd: int, *, wait: bool) -> bool:
    if sys.platform == "win32":  # pragma: no cover
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def held_temp(path: Path) -> Iterator[Path]:
    """Creates ``path`` (new, private) and holds its lock until the block ends."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        _lock(fd, wait=True)
        yield path
    finally:
        os.close(fd)


def _leftover(path: Path) -> bool:
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags)
    except OSError:
        return False
    try:
        if sys.platform == "win32":  # pragma: no cover
            return time.time() - os.fstat(fd).st_mtime > STALE_AFTER_S
        return _lock(fd, wait=False)
    finally:
        os.close(fd)


def clean_stale_temps(folder: Path) -> list[Path]:
    """Removes the app's leftover temporary files in ``folder``; returns what it removed."""
    removed: list[Path] = []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return removed
    for name in names:
        match = TEMP_NAME.match(name)
        if match is None:
            continue
        path = folder / name
        side = match.group("side")
        main = folder / name[: -len(side)] if side else path
        # A side file (-wal, -shm) goes with its main file, or when that is gone.
        if (side and main.exists()) or (not side and not _leftover(path)):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    for path in list(removed):
        if not TEMP_NAME.match(path.name).group("side"):  # type: ignore[union-attr]
            for side in ("-wal", "-shm", "-journal"):
                extra = Path(f"{path}{side}")
                with contextlib.suppress(OSError):
                    extra.unlink()
                    removed.append(extra)
    return removed
