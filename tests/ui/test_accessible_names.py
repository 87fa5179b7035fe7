"""Every input on every desk screen has an accessible name in the current language.

Checked through QAccessible, as a screen reader asks: the name Qt reports
(the widget's own accessible name, else its text or its label's), not the
Python attribute we set.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clinic_app.i18n import translation
from clinic_app.ui.main_window import MainWindow
from clinic_app.ui.retranslate import change_language
from clinic_app.ui.tour import walk

INPUTS = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,  # spin boxes and date edits
    QPlainTextEdit,
    QTextEdit,
    QAbstractButton,  # push buttons, check boxes, radio buttons
    QAbstractItemView,
)
DESK_SCREENS = ("first-run", "records", "intake-", "record", "locked")


@cache
def _english_messages() -> frozenset[str]:
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2]
    with open(root / "translations" / "es" / "LC_MESSAGES" / "clinic.po", "rb") as f:
        catalogue = read_po(f)
    return frozenset(m.id for m in catalogue if isinstance(m.id, str) and m.id and "{" not in m.id)


def _inputs(window: QWidget) -> list[QWidget]:
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not widget.isVisible():
            continue
        if isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
            continue  # the line edit inside a date edit or combo box: named by its owner
        if isinstance(widget, QHeaderView) and isinstance(widget.parent(), QAbstractItemView):
            continue  # a table's header: its columns are read as the table's own headers
        if type(widget).__name__.startswith("Q") and widget.objectName().startswith("qt_"):
            continue  # Qt's own parts (scroll bar buttons, the calendar's tool buttons)
        found.append(widget)
    return found


def _hint(widget: QWidget) -> str:
    """What the widget shows as a hint to sighted users, if anything."""
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit) and widget.placeholderText():
        return widget.placeholderText()
    return widget.toolTip()


def problems(window: QWidget, code: str) -> list[str]:
    gettext = translation(code).gettext
    out = []
    for widget in _inputs(window):
        face = QAccessible.queryAccessibleInterface(widget)
        what = f"{type(widget).__name__} {widget.objectName()!r}"
        if face is None:
            out.append(f"{what}: no accessible interface")
            continue
        name = face.text(QAccessible.Text.Name).replace("&", "").strip()
        description = face.text(QAccessible.Text.Description).strip()
        if not name:
            out.append(f"{what}: no accessible name")
        elif code != "en" and name in _english_messages() and gettext(name) != name:
            out.append(f"{what}: English name {name!r}")
        if _hint(widget) and not description:
            out.append(f"{what}: hint {_hint(widget)!r} but no accessible description")
        english = description in _english_messages() and gettext(description) != description
        if code != "en" and english:
            out.append(f"{what}: English description {description!r}")
    return out


@pytest.mark.slow
def test_every_desk_input_is_named_in_the_current_language(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    found: dict[str, list[str]] = {}
    counted = 0
    try:
        for name, window in walk(tmp_path / "clinic.vault"):
            if not name.startswith(DESK_SCREENS) or not isinstance(window, MainWindow):
                continue
            for code in ("en", "es", "ar"):
                change_language(app, code)
                window.retranslate()  # as the toolbar's language picker does
                QApplication.processEvents()
                counted += len(_inputs(window))
                bad = problems(window, code)
                if bad:
                    found[f"{name}/{code}"] = bad
            change_language(app, "en")
            window.retranslate()
    finally:
        change_language(app, "en")
    assert counted > 100
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())


@pytest.mark.slow
@pytest.mark.parametrize("code", ["en", "ar"])
def test_every_supervisor_input_is_named_in_the_language_it_opened_in(
    qtbot: QtBot, tmp_path: Path, code: str
) -> None:
    """The supervisor's windows and the user dialogs, opened in ``code``.

    They are built in the language current when they open (a language switch
    while one is open is not followed yet: docs/accessibility.md).
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    found: dict[str, list[str]] = {}
    counted = 0
    change_language(app, code)
    try:
        for name, window in walk(tmp_path / "clinic.vault"):
            if name.startswith(DESK_SCREENS):
                continue
            counted += len(_inputs(window))
            bad = problems(window, code)
            if bad:
                found[name] = bad
    finally:
        change_language(app, "en")
    assert counted > 50
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())
