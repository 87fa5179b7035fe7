"""Length limits for typed text: no input takes a 30,000-character paste.

Intake fields get limits that fit the data (a family name, a phone number);
every other one-line text field in the app gets ``DEFAULT_MAX_CHARS`` when it
is first shown (the app-wide guard in ``wheel_guard`` applies it), unless its
screen chose a limit itself. Multi-line boxes (the intake notes) have no
built-in limit in Qt: ``limit_plain_text`` cuts a paste at ``NOTES_MAX_CHARS``
and keeps a visible counter beside the box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

QT_DEFAULT_MAX = 32767
DEFAULT_MAX_CHARS = 200
NOTES_MAX_CHARS = 2000  # about a page: room for the lawyer, not for a pasted document
FIELD_MAX_CHARS = {
    "given_name": 100,
    "family_name": 100,
    "preferred_name": 100,
    "phone": 30,
    "email": 254,  # RFC 5321's longest address
    "zip_code": 10,
    "site": 120,
    "referral_destination": 200,
}


def limit_field(key: str, editor: object) -> None:
    if isinstance(editor, QLineEdit) and key in FIELD_MAX_CHARS:
        editor.setMaxLength(FIELD_MAX_CHARS[key])


def apply_default_limit(editor: QLineEdit) -> None:
    if editor.maxLength() == QT_DEFAULT_MAX:
        editor.setMaxLength(DEFAULT_MAX_CHARS)


def limit_plain_text(editor: QPlainTextEdit, counter: QLabel, limit: int = NOTES_MAX_CHARS) -> None:
    """Keeps ``editor`` at most ``limit`` characters and ``counter`` showing how many are used."""
    editor.setProperty("maxChars", limit)

    def enforce() -> None:
        text = editor.toPlainText()
        if len(text) > limit:
            editor.blockSignals(True)
            editor.setPlainText(text[:limit])
            editor.blockSignals(False)
            cursor = editor.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            editor.setTextCursor(cursor)
        show_count()

    def show_count() -> None:
        from clinic_app.i18n import _, current_language
        from clinic_app.i18n.locales import format_number

        code = current_language()
        used = len(editor.toPlainText())
        counter.setText(
            _("{used} of {limit} characters").format(
                used=format_number(used, code), limit=format_number(limit, code)
            )
        )

    editor.textChanged.connect(enforce)
    counter.installEventFilter(_OnLanguageChange(counter, show_count))
    show_count()


class _OnLanguageChange(QObject):
    """Re-labels the counter when the screen language changes."""

    def __init__(self, parent: QObject, relabel: Callable[[], None]) -> None:
        super().__init__(parent)
        self._relabel = relabel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self._relabel()
        return False
