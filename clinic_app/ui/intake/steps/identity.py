"""Step 3: who the client is and how to reach them safely."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLineEdit

from clinic_app.domain.fields import PREFERRED_CONTACT
from clinic_app.i18n import _
from clinic_app.ui.intake.session import IntakeSession
from clinic_app.ui.intake.widgets import (
    ChoiceInput,
    DateInput,
    FieldRow,
    Invalid,
    Step,
    YesNoInput,
)
from clinic_app.ui.labels import CONTACT_NAMES, word

_ZIP = re.compile(r"[0-9]{5}")
_PHONE = re.compile(r"[0-9+()\-. ]{7,20}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class IdentityStep(Step):
    def __init__(self, session: IntakeSession) -> None:
        super().__init__()
        self.session = session
        self.set_intro(_("Only what we need to reach the client. Never write down ID numbers."))
        add = self.add_row
        add("given_name", FieldRow(_("Given name"), QLineEdit(), required=True))
        add("family_name", FieldRow(_("Family name"), QLineEdit(), required=True))
        add("preferred_name", FieldRow(_("Preferred name"), QLineEdit()))
        add("date_of_birth", FieldRow(_("Date of birth"), DateInput()))
        add("phone", FieldRow(_("Phone"), QLineEdit()))
        add("email", FieldRow(_("E-mail"), QLineEdit()))
        add("zip_code", FieldRow(_("ZIP code"), QLineEdit()))
        why = _("Some clients live with people who must not know about the case.")
        add("safe_to_call", FieldRow(_("Safe to call"), YesNoInput(), why=why))
        add("safe_to_leave_voicemail", FieldRow(_("Safe to leave voicemail"), YesNoInput()))
        add("safe_to_send_mail", FieldRow(_("Safe to send mail"), YesNoInput()))
        contacts = [(word(CONTACT_NAMES, c), c) for c in PREFERRED_CONTACT]
        add("preferred_contact", FieldRow(_("Preferred way to contact"), ChoiceInput(contacts)))

    def title(self) -> str:
        return _("Identity and contact")

    def load(self) -> None:
        for key, row in self.rows.items():
            row.set_value(self.session.form.get(key))

    def leave(self, validate: bool) -> bool:
        today = self.session.today
        ok = True
        for key, row in self.rows.items():
            value = row.check(today=today, birth=key == "date_of_birth", show=validate)
            if not isinstance(value, Invalid) and isinstance(value, str):
                value = self._text_problem(key, row, value, validate)
            if isinstance(value, Invalid):
                ok = False
            else:
                self.session.form[key] = value
        return ok or not validate

    def _text_problem(self, key: str, row: FieldRow, value: str, show: bool) -> str | Invalid:
        message = contact_problem(key, value)
        if show:
            row.set_error(message)
        return Invalid(message) if message else value


def contact_problem(key: str, value: str) -> str | None:
    """What is wrong with a typed ZIP code, phone or e-mail, in the UI language."""
    if key == "zip_code" and not _ZIP.fullmatch(value):
        return _("A ZIP code has five digits.")
    if key == "phone" and not _PHONE.fullmatch(value):
        return _("Enter a phone number with its area code.")
    if key == "email" and not _EMAIL.fullmatch(value):
        return _("This does not look like an e-mail address.")
    return None
