"""Process hardening done before the app creates any file.

- umask 077: whatever the app writes (vault, key slots, backups) is private.
- no core dumps: a crash must not write decrypted pages or keys to disk.
- logging to standard error only, and never with user data (see ``logpolicy``).
- printing talks to the local print spooler over its Unix socket, never TCP.
"""

from __future__ import annotations

import ctypes
import os
import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


# The local CUPS scheduler's socket. Without it, libcups (Qt's print support)
# falls back to TCP to localhost:631: an inet socket in the app's own process.
CUPS_SOCKETS = {"linux": "/run/cups/cups.sock", "darwin": "/private/var/run/cupsd"}


def harden_process() -> None:
    os.umask(0o077)
    _disable_core_dumps()
    keep_printing_local()


def keep_printing_local() -> None:
    """Prints go to the local spooler's Unix socket; it forwards to the printers.

    A site that names its own print server in ``CUPS_SERVER`` keeps it.
    """
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    if platform in CUPS_SOCKETS:
        os.environ.setdefault("CUPS_SERVER", CUPS_SOCKETS[platform])


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
