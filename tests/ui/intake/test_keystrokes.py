"""How many key presses a typical intake takes, by keyboard only (docs/intake.md)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.intake import keyboard
from tests.ui.intake.conftest import MakeWizard
from tests.ui.intake.drive import complete_intake

# Measured: 160 (docs/intake.md); the bound leaves a little room, no more.
MAX_PRESSES = 175


def test_a_typical_intake_takes_a_bounded_number_of_key_presses(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    saved: list[bool] = []
    wizard.save_step.save_requested.connect(lambda: saved.append(True))
    keyboard.presses[0] = keyboard.typed[0] = 0
    complete_intake(qtbot, wizard)
    keyboard.key(wizard, Qt.Key.Key_Return)  # the save step: Enter saves
    qtbot.waitUntil(lambda: bool(saved), timeout=2000)
    count = keyboard.presses[0]
    print(f"key presses for a typical intake: {count}, {keyboard.typed[0]} of them typed text")
    assert count <= MAX_PRESSES, f"{count} key presses (bound {MAX_PRESSES})"
