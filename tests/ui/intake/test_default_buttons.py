"""Every page of the desk has one default button, and Enter presses it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.intake.conftest import MakeWizard
from tests.ui.intake.keyboard import focused, key, type_text
from tests.ui.test_vault_ui import _made, _window


def defaults(page: QWidget) -> list[QPushButton]:
    """The visible default buttons on a page."""
    return [b for b in page.findChildren(QPushButton) if b.isDefault() and b.isVisible()]


def assert_one_default(page: QWidget, where: str) -> QPushButton:
    found = defaults(page)
    assert len(found) == 1, f"{where}: {len(found)} default buttons"
    assert found[0].isEnabled(), f"{where}: the default button is disabled"
    return found[0]


def test_every_intake_step_has_one_default_button(qtbot: QtBot, make_wizard: MakeWizard) -> None:
    wizard = make_wizard()
    for index, step in enumerate(wizard.steps):
        wizard.show_step(index)
        button = assert_one_default(wizard, type(step).__name__)
        assert button is wizard.default_button()


def test_enter_in_an_input_presses_next_and_on_the_last_step_save(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    type_text(wizard, "esp")
    key(wizard, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.current is wizard.consent, timeout=2000)
    key(wizard, Qt.Key.Key_Space)  # the consent box
    key(wizard, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.current is wizard.identity, timeout=2000)
    key(wizard, Qt.Key.Key_Return)  # nothing typed: Next refuses, the error shows
    qtbot.wait(150)
    assert wizard.current is wizard.identity
    wizard.show_step(wizard.steps.index(wizard.save_step))
    saved: list[bool] = []
    wizard.save_step.save_requested.connect(lambda: saved.append(True))
    key(wizard, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(lambda: bool(saved), timeout=2000)


def test_enter_on_a_focused_button_presses_that_button(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    wizard.show_step(wizard.steps.index(wizard.notes))
    wizard.back_button.setFocus(Qt.FocusReason.TabFocusReason)
    assert focused(wizard) is wizard.back_button
    key(wizard, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.current is wizard.referral, timeout=2000)


def test_first_run_and_sign_in_have_one_default_button(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path / "new.vault")
    assert assert_one_default(window.first_run, "first run") is window.first_run.create_button
    path = tmp_path / "clinic.vault"
    _made(path)
    window = _window(qtbot, path)
    assert assert_one_default(window.login, "sign-in") is window.login.unlock_button
