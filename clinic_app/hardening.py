"""Process hardening done before the app creates any file.

- umask 077: whatever the app writes (vault, key slots, backups) is private.
- no core dumps: a crash must not write decrypted pages or keys to disk.
- logging to standard error only, and never with user data (see ``logpolicy``).
"""

from __future__ import annotations

import ctypes
import os
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def harden_process() -> None:
    os.umask(0o077)
    _disable_core_dumps()


def _disable_core_dumps() -> None:
    if sys.platform == "win32":  # pragma: no cover - no core files there
        return
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        # Also blocks ptrace attach by other processes of the same user.
        _prctl(PR_SET_DUMPABLE, 0)


def is_dumpable() -> bool:
    """Whether the kernel would write a core file for this process (Linux)."""
    if not sys.platform.startswith("linux"):
        return False
    return bool(_prctl(PR_GET_DUMPABLE, 0))


def _prctl(option: int, arg: int) -> int:
    # The running process already has libc loaded; find_library would spawn ldconfig.
    libc = ctypes.CDLL(None, use_errno=True)
    result: int = libc.prctl(option, arg, 0, 0, 0)
    if result < 0:
        raise OSError(ctypes.get_errno(), "prctl failed")
    return result
