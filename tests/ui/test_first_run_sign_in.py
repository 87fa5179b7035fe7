"""First run and sign-in as people use them: Enter, busy bar, errors, countdown, confirmation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clinic_app.storage.vault import Vault
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE
from tests.ui.test_vault_ui import _made, _sign_in, _window


def test_enter_on_the_first_run_screen_creates_the_vault(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    window = _window(qtbot, path)
    page = window.first_run
    qtbot.keyClicks(page.user, "sam")
    qtbot.keyClicks(page.secret, PASSPHRASE)
    qtbot.keyClicks(page.repeat, PASSPHRASE)
    qtbot.keyClick(page.repeat, Qt.Key.Key_Return)
    assert page.busy.isVisible() and page.busy_text.text()  # busy, and says so
    assert not page.create_button.isEnabled()
    page.create_vault()  # a second press while busy starts nothing
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)
    assert not page.busy.isVisible()
    window.close_vault()
    Vault.open(path, "sam", PASSPHRASE).close()


def test_the_suggestion_is_whole_and_goes_when_the_user_types_their_own(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path / "clinic.vault")
    fields = window.first_run.fields
    fields.offer()
    words = fields.secret.text()
    assert fields.suggestion.isVisible() and words in fields.suggestion.text()
    assert fields.suggestion.wordWrap()
    assert fields.suggestion.sizeHint().width() <= fields.width() or fields.suggestion.wordWrap()
    fields.secret.selectAll()
    qtbot.keyClicks(fields.secret, "my own long passphrase here")
    assert not fields.suggestion.isVisible() and fields.suggestion.text() == ""


def test_the_lock_out_countdown_counts(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    window = _window(qtbot, path)
    for _ in range(5):
        _sign_in(qtbot, window, "vic", "a wrong passphrase here")
    _sign_in(qtbot, window, "vic", OTHER_PASSPHRASE)
    page = window.login
    first = page._wait_s
    assert first > 1 and page.countdown.isActive()
    assert not page.unlock_button.isEnabled()
    assert f"{first} seconds" in page.message.text()
    page._tick()
    assert page._wait_s == first - 1 and f"{first - 1} " in page.message.text()
    while page._wait_s:
        page._tick()
    assert page.unlock_button.isEnabled() and not page.countdown.isActive()
    assert "try again now" in page.message.text()


def test_errors_are_styled_and_announced_as_errors(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    window = _window(qtbot, path)
    _sign_in(qtbot, window, "vic", "a wrong passphrase here")
    message = window.login.message
    assert message.isVisible() and message.accessibleName() == message.text()
    assert message.palette().color(message.foregroundRole()).name() == "#b00020"
    assert message.font().bold()


def test_adding_a_user_is_confirmed(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    window = _window(qtbot, path)
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    dialog = window.open_add_user()
    assert dialog is not None
    dialog.user.setText("Nadia")
    dialog.passphrase.offer()
    dialog.add()
    notice = window.work.notice
    assert notice.isVisible() and "Nadia" in notice.text() and "volunteer" in notice.text()
    window.close_vault()
