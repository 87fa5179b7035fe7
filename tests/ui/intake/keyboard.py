"""Driving the wizard by keyboard only, as a volunteer would.

``qtbot.keyClicks`` aborts the process on non-ASCII text, so text is typed
with one QKeyEvent per character that carries the character.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

MAX_TABS = 200

# Key presses since the last reset: a chord (Alt+N, Ctrl+A) or a typed character
# counts as one (tests/ui/intake/test_keystrokes.py, docs/intake.md).
presses = [0]
typed = [0]  # of which typed characters


def focused(window: QWidget) -> QWidget:
    widget = window.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def key(
    window: QWidget, k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    presses[0] += 1
    QTest.keyClick(focused(window), k, mod)


def type_text(window: QWidget, text: str) -> None:
    """Types ``text`` into the focused widget, any script."""
    for ch in text:
        presses[0] += 1
        typed[0] += 1
        target = focused(window)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            code = ord(ch.upper()) if ch.isascii() and ch.isalnum() else 0
            event = QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(target, event)


def tab_to(window: QWidget, target: QWidget, *, backwards: bool = False) -> int:
    """Presses Tab until ``target`` has the focus; returns how many presses it took."""
    k = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    for n in range(MAX_TABS + 1):
        if window.focusWidget() is target:
            return n
        key(window, k)
    raise AssertionError(f"Tab never reached {target.accessibleName()!r}")


def alt(qtbot: QtBot, window: QWidget, letter: Qt.Key) -> None:
    """An Alt+letter mnemonic (buttons click after a short animation)."""
    key(window, letter, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(150)


def select_all_and_type(window: QWidget, text: str) -> None:
    key(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(window, text)
