from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinic_app.ui.app import apply_language, create_application
from clinic_app.ui.main_window import MainWindow


def test_main_window_opens_on_the_first_run_screen(qtbot: QtBot, tmp_path: Path) -> None:
    window = MainWindow(vault_path=tmp_path / "clinic.vault")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.stack.currentWidget() is window.first_run
    assert "Welcome" in window.first_run.title.text()


def test_right_to_left_languages_mirror_the_layout(qtbot: QtBot, tmp_path: Path) -> None:
    app = create_application()
    assert isinstance(app, QApplication)
    try:
        apply_language(app, "ar")
        window = MainWindow(vault_path=tmp_path / "clinic.vault")
        qtbot.addWidget(window)
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        apply_language(app, "fr")
        assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
    finally:
        apply_language(app, "en")
