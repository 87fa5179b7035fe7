"""Application logging: standard error only, and no user data by construction.

A log call may carry values as ``%s`` arguments, but this policy never renders
them: only the message template and the argument types reach the stream. So a
careless ``log.info("saved %s", client_name)`` prints ``saved %s [<str>]``.
"""

from __future__ import annotations

import logging
import sys


class RedactArgs(logging.Filter):
    """Replaces every argument of a record with its type name."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            kinds = ", ".join(f"<{type(a).__name__}>" for a in args)
            record.msg = f"{record.msg} [{kinds}]"
            record.args = None
        # Exception text can quote values (a KeyError's key, a SQL literal).
        if record.exc_info and record.exc_info[0] is not None:
            record.msg = f"{record.msg} [{record.exc_info[0].__name__}]"
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


def configure_logging(level: int = logging.WARNING) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactArgs())
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
