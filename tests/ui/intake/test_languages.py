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
        assert wizard.focusWidget() is wizard.language.interpreter.editor
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


def test_consent_states_the_sites_retention_period_in_the_clients_language(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard(retention_days=365)
    wizard.session.form["client_language"] = "es"
    wizard.language.load()
    alt(qtbot, wizard, Qt.Key.Key_N)
    assert wizard.current is wizard.consent
    text = wizard.consent.text.toPlainText()
    assert "365 días" in text
    assert "180" not in text and "{days}" not in text


def test_start_up_does_not_load_the_wizard() -> None:
    code = (
        "import sys; import clinic_app.ui.main_window, clinic_app.ui.app; "
        "print(any(m.startswith('clinic_app.ui.intake') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_any_language_and_the_interpreter_need_are_recorded(qtbot: QtBot) -> None:
    """Mam has no CLDR name: it is offered by its ISO 639-3 code; Wolof by name."""
    from clinic_app.ui.intake.session import IntakeSession
    from clinic_app.ui.intake.steps.language import LanguageStep

    session = IntakeSession("sam")
    step = LanguageStep(session)
    qtbot.addWidget(step)
    combo = step.client.editor
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert codes[1:12] == ["en", "es", "zh_Hant", "ru", "bn", "ht", "ko", "ar", "ur", "fr", "pl"]
    assert {"mam", "wo", "quc", "ff"} <= set(codes)
    assert combo.itemText(codes.index("wo")) == "Wolof (wo)"
    assert combo.itemText(codes.index("mam")) == "mam"
    step.load()
    step.client.set_value("mam")
    step.interpreter.set_value(True)
    step.site.set_value("Main")
    assert step.leave(validate=True)
    assert session.form["client_language"] == "mam"
    assert session.form["interpreter_needed"] is True
    session.form.update(given_name="Ixchel", family_name="Tzul")
    record = session.record("R-1")
    assert record.client_language == "mam" and record.interpreter_needed is True
