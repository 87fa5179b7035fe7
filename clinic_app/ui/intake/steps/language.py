"""Step 1: the client's language (any language) and interpreter need, the volunteer's own
UI language, site and date.

The client's language may be any language CLDR names (Wolof, K'iche') or an
ISO 639-3 code it does not (Mam: ``mam``); the eleven interface languages
come first. Type to find one in the list.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton

from clinic_app.i18n import LANGUAGES, _, current_language
from clinic_app.i18n.language_names import client_language_choices
from clinic_app.i18n.locales import native_name
from clinic_app.ui.intake.session import IntakeSession
from clinic_app.ui.intake.widgets import (
    ChoiceInput,
    DateInput,
    FieldRow,
    Invalid,
    Step,
    YesNoInput,
)


class LanguageStep(Step):
    ui_language_chosen = Signal(str)

    def __init__(self, session: IntakeSession) -> None:
        super().__init__()
        self.session = session
        self.set_intro(
            _(
                "Greet the client and choose the language they are most comfortable in. "
                "Your own screen language can be different."
            )
        )
        languages = [(native_name(code), code) for code in LANGUAGES]
        # The eleven in their own names (as the client knows them), then every other
        # language in the volunteer's, with its code; a code CLDR cannot name as is.
        others = client_language_choices(current_language())[len(LANGUAGES) :]
        client_languages = languages + [
            (f"{name} ({code})" if name != code else code, code) for name, code in others
        ]
        choice = ChoiceInput(client_languages, empty=_("Choose…"))
        choice.setObjectName("clientLanguage")
        self.client = self.add_row(
            "client_language",
            FieldRow(_("Client's language"), choice, required=True),
        )
        self.interpreter = self.add_row(
            "interpreter_needed", FieldRow(_("Interpreter needed"), YesNoInput())
        )
        ui = ChoiceInput(languages, empty=_("Choose…"))
        ui.set_value(current_language())
        self.ui_language = FieldRow(_("My screen language"), ui)
        # An explicit button: arrowing through the list must not redraw the screen each time.
        self.switch = QPushButton(_("S&witch"))
        self.switch.setObjectName("switchLanguage")
        self.switch.setAccessibleName(_("Switch my screen language"))
        self.switch.clicked.connect(self._on_ui_language)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.ui_language, 1)
        line.addWidget(self.switch)
        self.rows["ui_language"] = self.ui_language
        self.form.addRow(self.ui_language.label, line)
        self.site = self.add_row("site", FieldRow(_("Site"), QLineEdit(), required=True))
        self.intake_date = self.add_row(
            "intake_date", FieldRow(_("Intake date"), DateInput(), required=True)
        )

    def title(self) -> str:
        return _("Language")

    def _on_ui_language(self) -> None:
        code = self.ui_language.value()
        if isinstance(code, str) and code != current_language():
            self.leave(validate=False)
            self.ui_language_chosen.emit(code)

    def load(self) -> None:
        form = self.session.form
        self.client.set_value(form.get("client_language"))
        self.interpreter.set_value(form.get("interpreter_needed"))
        self.site.set_value(form.get("site"))
        self.intake_date.set_value(form.get("intake_date"))

    def leave(self, validate: bool) -> bool:
        today = self.session.today
        values = {
            "client_language": self.client.check(today=today, show=validate),
            "interpreter_needed": self.interpreter.check(today=today, show=validate),
            "site": self.site.check(today=today, show=validate),
            "intake_date": self.intake_date.check(today=today, past=True, show=validate),
        }
        ok = True
        for key, value in values.items():
            if isinstance(value, Invalid):
                ok = False
            else:
                self.session.form[key] = value
        return ok or not validate
