"""Length limits for typed text: no input takes a 30,000-character paste.

Intake fields get limits that fit the data (a family name, a phone number);
every other one-line text field in the app gets ``DEFAULT_MAX_CHARS`` when it
is first shown (the app-wide guard in ``wheel_guard`` applies it), unless its
screen chose a limit itself.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

QT_DEFAULT_MAX = 32767
DEFAULT_MAX_CHARS = 200
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
