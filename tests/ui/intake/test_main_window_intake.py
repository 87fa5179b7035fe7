"""The work area inside the main window: sign in, intake, lock, quit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from pytestqt.qtbot import QtBot

from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from clinic_app.ui.main_window import MainWindow
from tests.storage.fixtures import PASSPHRASE


def _signed_in(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    path = tmp_path / "clinic.vault"
    with Vault.create(path, "sam", PASSPHRASE) as v:
        Records(v).mark_training()
    window = MainWindow(vault_path=path, clock=lambda: 0.0)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.keyClicks(window.login.secret, PASSPHRASE)
    qtbot.mouseClick(window.login.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.vault is not None, timeout=5000)
    return window


def test_after_sign_in_the_work_area_shows_the_list_and_new_intake(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _signed_in(qtbot, tmp_path)
    area = window.work_area
    assert area.isVisible() and area.list is not None and area.list.isVisible()
    assert area.new_button.isVisible()
    assert area.training.isVisible()  # a training vault says so
    window.close_vault()


def test_an_intake_survives_the_lock_and_quitting_asks_first(qtbot: QtBot, tmp_path: Path) -> None:
    window = _signed_in(qtbot, tmp_path)
    area = window.work_area
    wizard = area.new_intake()
    assert wizard is not None
    wizard.session.form["client_language"] = "es"
    wizard.language.load()
    area.clipboard.copy("718-555-0142")
    window.lock()
    assert QGuiApplication.clipboard().text() == ""
    assert not wizard.isVisible()  # hidden, not destroyed
    assert window.work_area.wizard is wizard
    qtbot.keyClicks(window.login.secret, PASSPHRASE)
    qtbot.mouseClick(window.login.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.vault is not None, timeout=5000)
    assert wizard.isVisible() and wizard.language.client.value() == "es"
    # Quitting with an unsaved intake asks; "keep it" keeps the window open.
    wizard.confirm_discard = lambda parent: False
    event = QCloseEvent()
    window.closeEvent(event)
    assert not event.isAccepted() and window.vault is not None
    wizard.confirm_discard = lambda parent: True
    event = QCloseEvent()
    window.closeEvent(event)
    assert event.isAccepted() and window.vault is None


def test_switching_user_with_an_unsaved_intake_asks_first(qtbot: QtBot, tmp_path: Path) -> None:
    window = _signed_in(qtbot, tmp_path)
    wizard = window.work_area.new_intake()
    assert wizard is not None
    wizard.session.form["given_name"] = "Zoë"
    window.lock()
    wizard.confirm_discard = lambda parent: False
    window.sign_out()
    assert window.work_area.wizard is wizard  # kept: the volunteer said no
    wizard.confirm_discard = lambda parent: True
    window.sign_out()
    qtbot.wait(10)  # deleteLater
    assert window._work_area is None
