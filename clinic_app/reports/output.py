"""Writing a report or export only where the user asked, never half-written."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_where_asked(path: Path, data: bytes) -> None:
    """Writes ``data`` to ``path`` (owner-only permissions); removes it if writing fails.

    No temporary copy is made beside it: an export holds names, and a hidden
    leftover after a crash is worse than a visible, incomplete file.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        raise
