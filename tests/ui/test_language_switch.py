"""A language switch at any moment re-renders every visible string."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.i18n import LANGUAGES, translation
from clinic_app.ui.main_window import MainWindow
from clinic_app.ui.retranslate import change_language
from clinic_app.ui.tour import walk

# Screens of the volunteer's desk (issue 13's scope); the supervisor's own
# windows are checked by their owners.
DESK_SCREENS = ("records", "intake-", "record", "locked")


@cache
def _english_messages() -> frozenset[str]:
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2]
    with open(root / "translations" / "es" / "LC_MESSAGES" / "clinic.po", "rb") as f:
        catalogue = read_po(f)
    return frozenset(m.id for m in catalogue if isinstance(m.id, str) and m.id and "{" not in m.id)


def _visible_texts(window: QWidget) -> Iterator[tuple[QWidget, str]]:
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget, widget.text()
        elif isinstance(widget, QGroupBox):
            yield widget, widget.title()


def _english_left(window: QWidget, code: str) -> list[str]:
    gettext = translation(code).gettext
    left = []
    for widget, text in _visible_texts(window):
        if text in _english_messages() and gettext(text) != text:
            left.append(f"{type(widget).__name__} {widget.objectName()!r}: {text!r}")
    return left


def _clipped(window: QWidget) -> list[str]:
    """Labels that are not word-wrapped and narrower than their text."""
    out = []
    for widget in window.findChildren(QLabel):
        if (
            widget.isVisible()
            and not widget.wordWrap()
            and widget.text()
            and widget.pixmap().isNull()
        ) and widget.width() < widget.minimumSizeHint().width() - 1:
            out.append(f"{widget.objectName()!r}: {widget.text()!r}")
    return out


@pytest.mark.slow
def test_every_language_replaces_every_english_string(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    problems: dict[str, list[str]] = {}
    others = LANGUAGES[1:]
    checked: set[str] = set()
    try:
        for n, (name, window) in enumerate(walk(tmp_path / "clinic.vault")):
            if not name.startswith(DESK_SCREENS) or not isinstance(window, MainWindow):
                continue
            # Three languages per screen, in turn (every one several times): all
            # ten on all eleven screens would take three minutes on two cores.
            for code in (others[n % 10], others[(n + 3) % 10], others[(n + 7) % 10]):
                checked.add(code)
                change_language(app, code)
                window.retranslate()  # as the toolbar's language picker does
                QApplication.processEvents()
                bad = _english_left(window, code) + _clipped(window)
                if bad:
                    problems[f"{name}/{code}"] = bad
            change_language(app, "en")
            window.retranslate()
    finally:
        change_language(app, "en")
    assert checked == set(others)
    assert not problems, problems
