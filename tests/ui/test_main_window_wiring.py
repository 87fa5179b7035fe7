"""The main window reaches every part: supervisor workspace, provider directory,
language picker, and the screening rules in force."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from clinic_app import i18n
from clinic_app.i18n.locales import format_date
from clinic_app.screening import load_rules
from clinic_app.storage.records import Records
from clinic_app.storage.rules_update import rules_folder
from clinic_app.storage.vault import VOLUNTEER, Vault
from clinic_app.ui.main_window import MainWindow
from clinic_app.ui.retranslate import change_language
from clinic_app.ui.supervisor.workspace import SupervisorWorkspace
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE
from tests.supervisor.test_rules_update import newer
from tests.ui.test_vault_ui import _sign_in, _window


def _vault(path: Path) -> None:
    with Vault.create(path, "sam", PASSPHRASE) as v:
        v.add_user("vic", VOLUNTEER, OTHER_PASSPHRASE)


def _signed_in(qtbot: QtBot, tmp_path: Path, user: str, secret: str) -> MainWindow:
    path = tmp_path / "clinic.vault"
    _vault(path)
    window = _window(qtbot, path)
    _sign_in(qtbot, window, user, secret)
    qtbot.waitUntil(lambda: window.vault is not None)
    return window


def test_a_supervisor_opens_the_workspace_and_locking_closes_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _signed_in(qtbot, tmp_path, "sam", PASSPHRASE)
    assert window.session.workspace_action.isVisible()
    window.session.workspace_action.trigger()
    workspace_window = window._supervisor_window
    assert workspace_window is not None and workspace_window.isVisible()
    assert workspace_window.findChild(SupervisorWorkspace) is not None
    assert workspace_window.findChild(QLabel, "trainingBanner") is None  # a real vault
    directory = window.open_provider_directory()
    assert directory is not None and directory.isVisible()
    window.lock()
    assert window._supervisor_window is None and window._directory is None
    assert not workspace_window.isVisible() and not directory.isVisible()


def test_a_volunteer_has_no_workspace(qtbot: QtBot, tmp_path: Path) -> None:
    window = _signed_in(qtbot, tmp_path, "vic", OTHER_PASSPHRASE)
    assert not window.session.workspace_action.isVisible()
    assert window.open_supervisor_workspace() is None
    assert window.session.directory_action.isVisible()  # read-only for volunteers


def test_the_toolbar_picker_switches_the_running_ui(qtbot: QtBot, tmp_path: Path) -> None:
    window = _signed_in(qtbot, tmp_path, "sam", PASSPHRASE)
    picker = window.session.language_picker
    try:
        picker.setCurrentIndex(picker.findData("es"))
        picker.activated.emit(picker.currentIndex())
        assert i18n.current_language() == "es"
        assert window.session.lock_action.text() == i18n._("Lock") != "Lock"
        assert window.work_area.new_button.text() == i18n._("&New intake")
    finally:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        change_language(app, "en")


def test_the_wizard_screens_with_the_imported_rules(qtbot: QtBot, tmp_path: Path) -> None:
    window = _signed_in(qtbot, tmp_path, "sam", PASSPHRASE)
    area = window.work_area
    shipped = load_rules()
    assert area.rules().as_of == shipped.as_of
    folder = rules_folder(window.vault_path)
    folder.mkdir(parents=True, exist_ok=True)
    data = newer(30)
    (folder / "current.json").write_text(json.dumps(data), encoding="utf-8")
    assert area.rules().as_of == shipped.as_of + timedelta(days=30)
    wizard = area.new_intake()
    assert wizard is not None
    assert wizard.session.rules.as_of == shipped.as_of + timedelta(days=30)


def test_old_rules_show_a_warning_on_the_home_screen(qtbot: QtBot, tmp_path: Path) -> None:
    window = _signed_in(qtbot, tmp_path, "sam", PASSPHRASE)
    area = window.work_area
    as_of = load_rules().as_of
    area.today = lambda: as_of + timedelta(days=91)
    area._show_rules_warning()
    assert area.rules_warning.isVisibleTo(area)
    # A supervisor reads the date in the UI language's words, and how to import.
    assert format_date(as_of, "en") in area.rules_warning.text()
    assert "Import the latest rules file" in area.rules_warning.text()
    area.today = lambda: as_of + timedelta(days=90)
    area._show_rules_warning()
    assert not area.rules_warning.isVisibleTo(area)
    assert date.today() >= as_of  # the shipped file is never from the future


def test_the_workspace_of_a_training_vault_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    window = _signed_in(qtbot, tmp_path, "sam", PASSPHRASE)
    assert window.vault is not None
    Records(window.vault).mark_training()
    window.work_area.attach(window.vault)  # as at the next sign-in
    workspace_window = window.open_supervisor_workspace()
    assert workspace_window is not None
    banner = workspace_window.findChild(QLabel, "trainingBanner")
    assert banner is not None and "TRAINING" in banner.text()
