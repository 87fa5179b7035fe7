"""Messages fit the person reading them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE
from tests.ui.test_vault_ui import _made, _sign_in, _window


def test_a_supervisor_is_told_how_to_import_rules_a_volunteer_whom_to_ask(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    texts = {}
    for user, secret in (("sam", PASSPHRASE), ("vic", OTHER_PASSPHRASE)):
        window = _window(qtbot, path)
        _sign_in(qtbot, window, user, secret)
        area = window.work_area
        area.today = lambda: date(2031, 1, 1)
        area._show_rules_warning()
        texts[user] = area.rules_warning.text()
        window.close_vault()
    assert "Import the latest rules file" in texts["sam"]
    assert "Ask a supervisor" not in texts["sam"]
    assert "Ask a supervisor" in texts["vic"]
