"""Finding 9: clipboard hints and crashes.

A copy carried no "concealed" or "exclude from history" hint, so clipboard
managers and cloud clipboards could keep client data; the GUI had no
``sys.excepthook``, so an exception in a Qt slot printed a raw traceback past
the log redaction.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from clinic_app.ui import crash
from clinic_app.ui.clipboard import SECRET_HINTS, ClipboardGuard
from tests.helpers import ROOT

SECRET = "Ana Pérez 1990-05-04"


def hints_on_clipboard() -> dict[str, bytes]:
    mime = QGuiApplication.clipboard().mimeData()
    assert mime is not None
    return {name: bytes(mime.data(name).data()) for name in SECRET_HINTS if mime.hasFormat(name)}


def test_every_explicit_copy_carries_the_secret_hints(qtbot: QtBot) -> None:
    guard = ClipboardGuard()
    guard.copy(SECRET)
    assert QGuiApplication.clipboard().text() == SECRET
    hints = hints_on_clipboard()
    assert hints["x-kde-passwordManagerHint"] == b"secret"
    assert hints["ExcludeClipboardContentFromMonitorProcessing"] == b"\x01\x00\x00\x00"
    assert hints["CanIncludeInClipboardHistory"] == b"\x00\x00\x00\x00"
    assert hints["CanUploadToCloudClipboard"] == b"\x00\x00\x00\x00"
    assert "org.nspasteboard.ConcealedType" in hints
    guard.clear()
    assert QGuiApplication.clipboard().text() == ""


def test_a_ctrl_c_in_a_field_is_marked_and_cleared_too(qtbot: QtBot) -> None:
    now = [0.0]
    guard = ClipboardGuard(clock=lambda: now[0], owns=lambda: True)  # offscreen cannot tell
    field = QLineEdit(SECRET)
    qtbot.addWidget(field)
    field.selectAll()
    field.copy()
    assert QGuiApplication.clipboard().text() == SECRET
    assert hints_on_clipboard()["x-kde-passwordManagerHint"] == b"secret"
    assert guard.holding
    now[0] = 31.0
    guard.check()
    assert QGuiApplication.clipboard().text() == ""


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_a_plain_message_and_logs_no_value(
    qtbot: QtBot,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Only pytest's capture handlers: one left by an earlier in-process command may
    # hold a closed stream, and logging's own error report would muddle the check.
    root = logging.getLogger()
    mine = [h for h in root.handlers if type(h).__module__.startswith("_pytest")]
    monkeypatch.setattr(root, "handlers", mine)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    crash.install()
    try:

        def slot() -> None:
            raise KeyError(SECRET)

        QTimer.singleShot(0, slot)
        qtbot.waitUntil(lambda: bool(_crash_dialogs()), timeout=5000)
        err = capfd.readouterr().err + caplog.text
        assert SECRET not in err and "Pérez" not in err
        assert "Traceback" not in err
        assert "Unexpected error in the user interface at test_clipboard_and_crashes.py:" in err
        assert "[KeyError]" in err
        (dialog,) = _crash_dialogs()
        assert SECRET not in dialog.text() and "KeyError" not in dialog.text()
        assert dialog.text().startswith("Something went wrong.")
    finally:
        for dialog in _crash_dialogs():  # never leave a window to take later tests' keys
            dialog.close()


def _crash_dialogs() -> list[QMessageBox]:
    from PySide6.QtWidgets import QApplication

    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "crashDialog" and w.isVisible()
    ]


CHILD = """
import sys, threading
from PySide6.QtCore import QTimer
from clinic_app.logpolicy import configure_logging
from clinic_app.ui.app import create_application
from clinic_app.ui import crash

configure_logging()
app = create_application()
crash.install()
def slot():
    raise ValueError("Ana Pérez, A123456789")
def worker():
    raise RuntimeError("Ana Pérez in a thread")
QTimer.singleShot(0, slot)
QTimer.singleShot(10, lambda: threading.Thread(target=worker).start())
QTimer.singleShot(500, app.quit)
app.exec()
print("still running")
"""


def test_the_real_app_process_prints_no_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    env["QT_QPA_PLATFORM"] = "offscreen"
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.stdout.strip() == "still running"
    assert "Pérez" not in done.stderr and "A123456789" not in done.stderr
    assert "Traceback" not in done.stderr
    assert "ERROR clinic_app.crash: Unexpected error in the user interface" in done.stderr
    assert "Unexpected error in a background task" in done.stderr


XCB_CHILD = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
app = QApplication([])
from clinic_app.ui.clipboard import ClipboardGuard
guard = ClipboardGuard()  # the real ownership test of the platform
field = QLineEdit("Ana Perez")
field.show()
field.selectAll()
field.copy()
def check():
    mime = app.clipboard().mimeData()
    print(guard.holding, bytes(mime.data("x-kde-passwordManagerHint").data()).decode())
    app.quit()
QTimer.singleShot(300, check)
app.exec()
"""


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="needs Xvfb for a real X clipboard")
def test_on_a_real_x_display_a_field_copy_is_marked(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-c", XCB_CHILD],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.stdout.strip() == "True secret", done.stderr
