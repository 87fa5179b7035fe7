"""What happens when code run by Qt raises: a plain message, a redacted log line.

An exception in a Qt slot reaches ``sys.excepthook``; Python's default prints
the traceback, whose text can quote values (a KeyError's key, a SQL literal,
a client's name in a message) past the log policy. The hook installed here
writes one line through the redacting log policy (the exception's type and
the line of the app's code it came from, never its message or arguments) and
shows the user a plain sentence. Threads get the same treatment.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import traceback
from types import TracebackType

from clinic_app.i18n import _
from clinic_app.logpolicy import RedactArgs

log = logging.getLogger("clinic_app.crash")
# On the logger itself, so the redaction holds even for a handler set up elsewhere.
log.addFilter(RedactArgs())
_shown: list[object] = []


def _where(tb: TracebackType | None) -> str:
    """``file.py:line`` of the innermost frame, preferring the app's own code (no values)."""
    frames = traceback.extract_tb(tb)
    own = [f for f in frames if "clinic_app" in f.filename.replace("\\", "/")]
    if not (own or frames):
        return "?"
    frame = (own or frames)[-1]
    name = frame.filename.replace("\\", "/").rsplit("/", 1)[-1]
    return f"{name}:{frame.lineno}".replace("%", "")


def report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Logs one redacted line and, when there is a GUI, shows a plain message."""
    if issubclass(kind, KeyboardInterrupt):
        return
    # The location is the app's own code, not data: it goes in the message itself.
    log.error(f"Unexpected error in the user interface at {_where(tb)}", exc_info=(kind, value, tb))
    with contextlib.suppress(Exception):  # a failing message must not raise inside the hook
        _show()


def _show() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    box = QMessageBox(QMessageBox.Icon.Warning, _("Something went wrong"), "", parent=None)
    box.setObjectName("crashDialog")
    box.setText(
        _(
            "Something went wrong. What you saved is safe; if this happens again, "
            "tell your supervisor."
        )
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # Without a parent, Python's reference is all that keeps the box alive.
    _shown.append(box)
    box.finished.connect(lambda _result: _shown.remove(box))
    box.show()  # not exec(): the hook may run inside another event loop


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    value = args.exc_value or args.exc_type()
    log.error(
        f"Unexpected error in a background task at {_where(args.exc_traceback)}",
        exc_info=(args.exc_type, value, args.exc_traceback),
    )


def install() -> None:
    """Replaces Python's hooks, which would print a raw traceback to standard error."""
    sys.excepthook = report
    threading.excepthook = _thread_hook
