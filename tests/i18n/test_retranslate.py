"""Changing the language at run time re-labels live widgets, in every language."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clinic_app import i18n
from clinic_app.i18n import _, locales
from clinic_app.i18n.native_names import NATIVE_NAMES
from clinic_app.ui import direction, retranslate
from clinic_app.ui.app import apply_language
from clinic_app.ui.language_picker import LanguagePicker
from clinic_app.ui.retranslate import (
    Retranslatable,
    change_language,
    install_direction_soon,
    label_standard_buttons,
    qt_locale,
    start_language,
)
from tests.i18n.conftest import write_catalogue


class Page(Retranslatable, QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.inner = Inner()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.inner)
        self.calls = 0
        self.retranslate()

    def retranslate(self) -> None:
        self.calls += 1
        self.title.setText(_("Sign in"))


class Inner(Retranslatable, QLabel):
    def retranslate(self) -> None:
        self.setText(_("Language of the screens"))


@pytest.fixture
def app(plain_app: QApplication, fixture_root: Path) -> QApplication:
    return plain_app


def settle(qtbot: QtBot) -> None:
    qtbot.wait(1)
    QApplication.processEvents()


def test_live_widgets_relabel_themselves(app: QApplication, qtbot: QtBot) -> None:
    page = Page()
    qtbot.addWidget(page)
    page.show()
    assert page.title.text() == "Sign in"
    change_language(app, "es")
    settle(qtbot)
    assert page.title.text() == "Iniciar sesión"
    assert page.inner.text() == "Idioma de las pantallas"
    assert page.calls == 2  # once at construction, once for the change: events are merged
    change_language(app, "en")
    settle(qtbot)
    assert page.title.text() == "Sign in"


def test_languages_without_qt_translations_still_notify(app: QApplication, qtbot: QtBot) -> None:
    # Qt ships no qtbase catalogue for bn, ur or ht: swapping between them
    # installs no translator, so Qt alone would send no LanguageChange.
    change_language(app, "bn")
    page = Page()
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    before = page.calls
    apply_language(app, "ur")
    settle(qtbot)
    assert page.calls == before  # what change_language has to make up for
    change_language(app, "ht")
    settle(qtbot)
    assert page.calls == before + 1


def test_direction_follows_the_language(app: QApplication, qtbot: QtBot) -> None:
    page = Page()
    qtbot.addWidget(page)
    for code in ("ar", "es", "ur", "en"):
        change_language(app, code)
        settle(qtbot)
        assert page.isRightToLeft() is i18n.is_rtl(code)
        assert direction.is_installed(app)


@pytest.mark.parametrize("code", i18n.LANGUAGES)
def test_qt_formats_numbers_with_latin_digits(app: QApplication, qtbot: QtBot, code: str) -> None:
    change_language(app, code)
    spin = QSpinBox()
    qtbot.addWidget(spin)
    spin.setRange(0, 99999)
    spin.setValue(2026)
    assert spin.text() == "2026"
    assert set(QLocale().toString(1234567)) <= set("0123456789,. \u00a0\u202f'")


def test_qt_locale_keeps_the_language_where_its_digits_are_latin() -> None:
    assert qt_locale("ru").language() == QLocale.Language.Russian
    assert qt_locale("zh_Hant").name() == "zh_TW"
    assert qt_locale("ar") == QLocale.c()  # Qt would write Arabic-Indic digits


def test_picker_lists_each_language_in_its_own_name(app: QApplication, qtbot: QtBot) -> None:
    picker = LanguagePicker()
    qtbot.addWidget(picker)
    shown = {picker.itemData(i): picker.itemText(i) for i in range(picker.count())}
    assert list(shown) == list(i18n.LANGUAGES)
    assert shown["ar"] == "العربية"
    assert shown["zh_Hant"] == "中文 (繁體)"
    assert shown["ko"] == "한국어"
    assert picker.currentData() == "en"


def test_choosing_in_the_picker_switches_the_ui(app: QApplication, qtbot: QtBot) -> None:
    picker = LanguagePicker()
    page = Page()
    for widget in (picker, page):
        qtbot.addWidget(widget)
        widget.show()
    with qtbot.waitSignal(picker.language_chosen) as chosen:
        picker.activated.emit(picker.findData("es"))
    assert chosen.args == ["es"]
    settle(qtbot)
    assert i18n.current_language() == "es"
    assert page.title.text() == "Iniciar sesión"
    assert picker.toolTip() == "Idioma de las pantallas"
    change_language(app, "ar")  # changed elsewhere: the picker follows
    settle(qtbot)
    assert picker.currentData() == "ar"


def test_cached_native_names_agree_with_babel() -> None:
    assert {code: locales.native_name(code) for code in i18n.LANGUAGES} == NATIVE_NAMES
    generated = (Path(locales.__file__).parent / "native_names.py").read_text(encoding="utf-8")
    assert generated == locales.native_names_module()


def test_the_picker_does_not_load_babel() -> None:
    code = "import sys, clinic_app.ui.language_picker; print('babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(("code", "at_once"), [("en", False), ("es", False), ("ar", True)])
def test_start_language_installs_the_style_at_once_only_for_right_to_left(
    app: QApplication, qtbot: QtBot, code: str, at_once: bool
) -> None:
    app.setStyle("Fusion")
    start_language(app, code)
    assert i18n.current_language() == code
    assert app.isRightToLeft() is i18n.is_rtl(code)
    assert direction.is_installed(app) is at_once
    install_direction_soon(app)  # as run_gui does, once the first window is shown
    settle(qtbot)
    assert direction.is_installed(app) is at_once
    qtbot.waitUntil(lambda: direction.is_installed(app), timeout=5000)


@pytest.mark.parametrize("code", ["bn", "ur", "ht", "en_XA"])
def test_standard_buttons_come_from_our_catalogue(
    app: QApplication, qtbot: QtBot, code: str
) -> None:
    # Qt has no catalogue for bn, ur or ht: without the helper these stay English.
    change_language(app, code)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    for widget in (buttons, box):
        qtbot.addWidget(widget)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    label_standard_buttons(buttons)
    label_standard_buttons(box)
    assert buttons.button(QDialogButtonBox.StandardButton.Ok).text() == _("OK")
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == _("Cancel")
    assert box.button(QMessageBox.StandardButton.No).text() == _("No")
    if code == "en_XA":
        assert _("Cancel").startswith("[")


def menu_texts(widget: QLineEdit | QTextEdit) -> list[str]:
    menu = widget.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    menu.deleteLater()
    return texts


@pytest.fixture
def qt_answers() -> Iterator[None]:
    retranslate._qt_answers.cache_clear()
    yield
    retranslate._qt_answers.cache_clear()


def test_every_context_menu_text_goes_through_our_catalogue(
    app: QApplication, qtbot: QtBot, qt_answers: None
) -> None:
    change_language(app, i18n.PSEUDO_LANGUAGE)
    for widget in (QLineEdit("x"), QTextEdit("x")):
        qtbot.addWidget(widget)
        texts = menu_texts(widget)
        assert texts and all(t.startswith("[") for t in texts), texts


def test_qt_strings_fill_in_where_qt_has_no_catalogue(
    app: QApplication, qtbot: QtBot, fixture_root: Path, qt_answers: None
) -> None:
    # Test fixtures only: one Haitian and one Spanish answer.
    write_catalogue(fixture_root, "ht", {}, contexts={("Qt QLineEdit", "&Copy"): "&Kopye"})
    write_catalogue(fixture_root, "es", {}, contexts={("Qt QLineEdit", "&Copy"): "C&OPIA"})
    i18n.translation.cache_clear()
    edit = QLineEdit("x")
    qtbot.addWidget(edit)
    change_language(app, "ht")
    assert "&Kopye" in menu_texts(edit)
    assert "&Paste" in menu_texts(edit)  # untranslated: Qt's English, never empty
    change_language(app, "es")
    texts = menu_texts(edit)
    assert "C&OPIA" not in texts  # Qt's own Spanish comes first
    assert "&Copiar" in texts


def test_qt_strings_translator_is_installed_once(app: QApplication) -> None:
    from PySide6.QtCore import QTranslator

    for code in ("bn", "es", "ur", "en"):
        change_language(app, code)
    named = app.findChildren(QTranslator, retranslate.QT_STRINGS_TRANSLATOR)
    assert len(named) == 1
