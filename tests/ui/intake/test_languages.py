from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinic_app.i18n import current_language
from clinic_app.ui.intake.wizard import apply_ui_language
from clinic_app.ui.retranslate import change_language
from tests.ui.intake.conftest import MakeWizard
from tests.ui.intake.keyboard import alt, key, type_text


def test_the_volunteer_changes_the_screen_language_without_losing_anything(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style = app.style().name()
    wizard = make_wizard()
    wizard.ui_language_chosen.connect(lambda code: (apply_ui_language(code), wizard.rebuild()))
    try:
        type_text(wizard, "ру")  # the client speaks Russian
        assert wizard.language.client.value() == "ru"
        key(wizard, Qt.Key.Key_Tab)
        ui = wizard.language.ui_language.editor
        assert wizard.focusWidget() is ui
        key(wizard, Qt.Key.Key_Home)
        for _ in range(ui.findData("ar")):  # arrow keys choose, as a volunteer would
            key(wizard, Qt.Key.Key_Down)
        assert current_language() == "en"  # nothing changes until the volunteer switches
        key(wizard, Qt.Key.Key_Tab)
        assert wizard.focusWidget() is wizard.language.switch
        key(wizard, Qt.Key.Key_Space)
        assert current_language() == "ar"
        assert wizard.focusWidget() is wizard.language.switch
        assert wizard.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert wizard.language.client.value() == "ru"  # rebuilt, kept
        alt(qtbot, wizard, Qt.Key.Key_N)
        # The consent is read in the client's language, right to left only for RTL clients.
        assert wizard.current is wizard.consent
        assert wizard.consent.text.layoutDirection() == Qt.LayoutDirection.LeftToRight
    finally:
        change_language(app, "en")
        app.setStyle(style)


def test_consent_for_an_arabic_speaking_client_reads_right_to_left(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    wizard.session.form["client_language"] = "ar"
    wizard.language.load()
    alt(qtbot, wizard, Qt.Key.Key_N)
    assert wizard.current is wizard.consent
    assert wizard.consent.text.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert "ICE" in wizard.consent.text.toPlainText()


def test_start_up_does_not_load_the_wizard() -> None:
    code = (
        "import sys; import clinic_app.ui.main_window, clinic_app.ui.app; "
        "print(any(m.startswith('clinic_app.ui.intake') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
