"""Small file helpers: atomic replacement, durable renames, reading only regular files."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Makes a rename or a new file in ``folder`` durable (POSIX)."""
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Writes ``data`` to ``path`` so that a crash leaves the old file or the new one.

    With ``exclusive`` the call fails with ``FileExistsError`` instead of
    replacing a file that is already there.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:
            os.link(tmp, path)  # fails if ``path`` exists, unlike rename
            tmp.unlink()
        else:
            os.replace(tmp, path)
        fsync_dir(folder)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def remove_quietly(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


class NotRegularFile(OSError):
    """A FIFO, device, socket or folder where a file of ours should be."""


class TooLarge(OSError):
    """A file larger than anything the app writes there."""


def open_regular(path: Path) -> int:
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(f"not a regular file: {path.name}")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_regular(path: Path) -> None:
    """Raises ``NotRegularFile`` unless ``path`` is a regular file; never blocks."""
    os.close(open_regular(path))


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The contents of a regular file of at most ``max_bytes``; never blocks on a FIFO."""
    fd = open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(f"larger than {max_bytes} bytes: {path.name}")
    return data


def regular_size_and_head(path: Path, n: int) -> tuple[int, bytes]:
    """The size and first ``n`` bytes of a regular file; never blocks on a FIFO."""
    fd = open_regular(path)
    with os.fdopen(fd, "rb") as handle:
        return os.fstat(handle.fileno()).st_size, handle.read(n)
