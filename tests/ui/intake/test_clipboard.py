from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from clinic_app.ui.clipboard import ClipboardGuard


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_copy_is_cleared_after_thirty_seconds(qtbot: QtBot) -> None:
    clock = FakeClock()
    guard = ClipboardGuard(clock=clock, poll_ms=10)
    guard.copy("María Pérez")
    assert QGuiApplication.clipboard().text() == "María Pérez"
    clock.now += 29.9
    guard.check()
    assert QGuiApplication.clipboard().text() == "María Pérez"
    clock.now += 0.1
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=2000)
    assert not guard.holding


def test_text_copied_elsewhere_is_left_alone(qtbot: QtBot) -> None:
    clock = FakeClock()
    guard = ClipboardGuard(clock=clock)
    guard.copy("555-0100")
    QGuiApplication.clipboard().setText("something the user copied later")
    clock.now += 31
    guard.check()
    assert QGuiApplication.clipboard().text() == "something the user copied later"
    guard.clear()  # on lock or quit
    assert QGuiApplication.clipboard().text() == "something the user copied later"


def test_lock_and_quit_clear_at_once(qtbot: QtBot) -> None:
    guard = ClipboardGuard(clock=FakeClock())
    guard.copy("王小明")
    guard.clear()
    assert QGuiApplication.clipboard().text() == ""
    assert not guard.holding
