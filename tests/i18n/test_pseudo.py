"""The pseudo-locale: longer accented text through the real layer, and no screen cuts it off."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clinic_app import i18n
from clinic_app.i18n import PSEUDO_LANGUAGE, _
from clinic_app.i18n.pseudo import pseudo
from clinic_app.ui.retranslate import change_language
from clinic_app.ui.screenshots import SCREENS, SIZE
from tests.i18n.layout import cut_off


@pytest.mark.parametrize(
    "message",
    [
        "Sign in",
        "OK",
        "Signed in as {user} ({role})",
        "%(count)d records, %s",
        "<b>Lock</b> &amp; go",
        "No vault was found on this computer. A supervisor sets up the vault once.",
    ],
)
def test_pseudo_text_is_longer_accented_and_keeps_placeholders(message: str) -> None:
    text = pseudo(message)
    assert text.startswith("[") and text.endswith("]")
    assert len(text) >= 1.4 * len(message)
    kept = re.findall(r"\{\w+\}|%\(\w+\)d|%s|<b>|</b>|&amp;", message)
    assert re.findall(r"\{\w+\}|%\(\w+\)d|%s|<b>|</b>|&amp;", text) == kept
    outside = re.sub(r"\{\w+\}|%\(\w+\)d|%s|</?b>|&amp;", "", text)
    assert not re.search(r"[A-Za-z]", outside), text


def test_pseudo_language_goes_through_the_layer_but_is_not_offered() -> None:
    try:
        i18n.set_language(PSEUDO_LANGUAGE)
        assert _("Sign in") == pseudo("Sign in")
        assert i18n.ngettext("{n} file", "{n} files", 2) == pseudo("{n} files")
        assert i18n.pgettext("ht: month name", "May") == pseudo("May")
        assert not i18n.is_rtl()
    finally:
        i18n.set_language("en")
    assert PSEUDO_LANGUAGE not in i18n.LANGUAGES


@pytest.fixture
def pseudo_app(plain_app: QApplication) -> QApplication:
    change_language(plain_app, PSEUDO_LANGUAGE)
    return plain_app


def test_the_check_finds_cut_off_text(pseudo_app: QApplication, qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    narrow = QLabel(_("Family name as written on the passport"))
    narrow.setFixedWidth(80)
    button = QPushButton(_("Save and continue"))
    button.setFixedWidth(60)
    row.addWidget(narrow)
    row.addWidget(button)
    window.resize(*SIZE)
    window.show()
    QApplication.processEvents()
    assert len(cut_off(window)) == 2


@pytest.mark.parametrize("name", list(SCREENS))
def test_no_label_is_cut_off_in_the_pseudo_locale(
    pseudo_app: QApplication, qtbot: QtBot, name: str
) -> None:
    screen = SCREENS[name]()
    qtbot.addWidget(screen)
    screen.resize(*SIZE)
    screen.show()
    QApplication.processEvents()
    shown = [
        w
        for w in screen.findChildren(QWidget)
        if isinstance(w, (QLabel, QAbstractButton)) and w.isVisibleTo(screen) and w.text()
    ]
    assert shown, "the screen shows no text: is it built?"
    # Every visible text came through the layer: Qt's own button texts ("OK",
    # "Cancel") would stay English in bn, ur and ht, which Qt has no catalogue for.
    # A client's data (a record's name or phone) is not UI text: such labels say so.
    assert [
        w.text() for w in shown if not w.text().startswith("[") and not w.property("userData")
    ] == []
    assert cut_off(screen) == []


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_pseudo_always_grows_and_keeps_brace_fields(message: str) -> None:
    text = pseudo(message)
    assert len(text) >= 1.4 * len(message)
    fields = re.findall(r"\{[A-Za-z_]\w*\}", message)
    assert [f for f in re.findall(r"\{[A-Za-z_]\w*\}", text) if f in fields] == fields
