"""Step 2: consent, read to the client in the client's language.

The explanation is translated with the client's catalogue while the rest of
the screen stays in the volunteer's language. Agreeing to the screening
questions is recorded with the date and the volunteer; without it, no
status question is asked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QTextBrowser

from clinic_app.i18n import LANGUAGES, N_, SOURCE_LANGUAGE, _, current_language, is_rtl, translation
from clinic_app.i18n.bidi import isolate
from clinic_app.i18n.locales import format_date, native_name
from clinic_app.ui.intake.session import IntakeSession
from clinic_app.ui.intake.widgets import Step

# Read aloud to the client; translated into the client's language.
CONSENT_TEXT = (
    N_("What we collect: your name, how to reach you safely, and the help you need."),
    N_(
        "Why: to find out which programs may help you and to refer you to a lawyer. "
        "Some questions are about your immigration history. You may skip any question."
    ),
    N_(
        "Your answers to those questions are used only today, to see which programs fit. "
        "They are not saved; only the result is kept."
    ),
    N_(
        "Who sees it: only the volunteers and supervisors of this clinic, and the lawyer "
        "you are referred to if you agree."
    ),
    # {days}: the site's retention setting (180 unless the site changed it).
    N_("How long: your record is deleted {days} days after your case is closed."),
    N_("We never share anything with immigration enforcement (ICE) or the police."),
)


class ConsentStep(Step):
    def __init__(self, session: IntakeSession) -> None:
        super().__init__()
        self.session = session
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        # A text view, not a label: this text is in the client's language and
        # runs in that language's direction, whatever the screen's language.
        self.text = QTextBrowser()
        self.text.setObjectName("consentText")
        self.text.setOpenLinks(False)
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 14)
        self.agree = QCheckBox(_("The client agrees to answer the screening questions"))
        self.agree.setAccessibleName(self.agree.text())
        self.recorded = QLabel()
        self.recorded.setWordWrap(True)
        self.agree.toggled.connect(self._on_toggled)
        index = 1  # after the intro label
        for widget in (self.heading, self.text, self.agree, self.recorded):
            self.layout_.insertWidget(index, widget)
            index += 1

    def title(self) -> str:
        return _("Consent")

    def enter(self) -> None:
        code = self.session.form.get("client_language") or "en"
        if code not in LANGUAGES:  # Mam, Wolof…: read through an interpreter, from English
            code = SOURCE_LANGUAGE
        gettext = translation(code).gettext
        self.heading.setText(
            _("Read this to the client in {language}:").format(language=isolate(native_name(code)))
        )
        direction = (
            Qt.LayoutDirection.RightToLeft if is_rtl(code) else Qt.LayoutDirection.LeftToRight
        )
        document = self.text.document()
        option = document.defaultTextOption()
        option.setTextDirection(direction)
        option.setAlignment(Qt.AlignmentFlag.AlignLeading)
        document.setDefaultTextOption(option)
        self.text.setLayoutDirection(direction)
        days = self.session.retention_days
        self.text.setPlainText("\n\n".join(gettext(p).format(days=days) for p in CONSENT_TEXT))
        self.text.setAccessibleName(_("Consent text in the client's language"))
        self.agree.setChecked(self.session.screening_consented)
        self._show_recorded()

    def _on_toggled(self, on: bool) -> None:
        self.session.screening_consent_on = self.session.today if on else None
        if not on:
            self.session.drop_answers()
        self._show_recorded()

    def _show_recorded(self) -> None:
        day = self.session.screening_consent_on
        if day is None:
            self.recorded.setText(_("Without consent, no screening question is asked."))
        else:
            self.recorded.setText(
                _("Consent recorded on {date} by {volunteer}.").format(
                    date=isolate(format_date(day, current_language())),
                    volunteer=isolate(self.session.volunteer),
                )
            )

    def first_input(self) -> QCheckBox:
        return self.agree
