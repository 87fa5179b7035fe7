"""Changing the UI language at run time, without a restart.

``change_language`` applies the language (catalogue, Qt's own strings, layout
direction, the direction style, Latin-digit number formatting; Qt's own
context-menu strings from our catalogue where Qt has none) and makes sure
Qt sends ``QEvent.LanguageChange`` to every window, even when no Qt translator
was swapped (Qt ships none for bn, ur and ht). Qt passes the event down to
every child widget, and a widget that mixes in ``Retranslatable`` re-labels
itself in its ``retranslate()``:

    class LoginPage(Retranslatable, QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.title = QLabel()
            self.retranslate()          # first labels come from the same method

        def retranslate(self) -> None:
            self.title.setText(_("Sign in"))
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from clinic_app.i18n import N_, _, current_language, is_rtl, translation
from clinic_app.i18n.qt_strings import qt_messages
from clinic_app.ui import direction
from clinic_app.ui.app import apply_language

# QEvent, QLocale and QTimer are imported where used: importing QEvent makes
# PySide6 build its large Type enum, a few milliseconds of start-up.
if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QLocale, QTranslator
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

    _Base = QWidget  # the mixin is typed as the widget it will be mixed into
else:
    _Base = object


class Retranslatable(_Base):
    """Mixin for a QWidget subclass: ``retranslate()`` runs on every language change.

    Put it before the Qt class: ``class Page(Retranslatable, QWidget)``.
    """

    def retranslate(self) -> None:
        """Sets every user-visible text of this widget from the current language."""
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def qt_locale(code: str) -> QLocale:
    """The QLocale Qt widgets format numbers with: the language's, if its digits are Latin.

    The rule everywhere is Latin digits (Babel writes them in every language);
    Qt would write Arabic-Indic digits for ar and Bengali digits for bn, so those
    get the C locale for the few Qt widgets that format numbers themselves.
    """
    from PySide6.QtCore import QLocale

    name = {"zh_Hant": "zh_TW", "ht": "fr_HT"}.get(code, code)
    locale = QLocale(name)
    return locale if locale.zeroDigit() == "0" else QLocale.c()


QT_STRINGS_TRANSLATOR = "clinicQtStrings"


@cache
def _qt_strings_translator_class() -> type[QTranslator]:
    """A translator that answers Qt's own strings from the app's catalogue."""
    from PySide6.QtCore import QTranslator

    class CatalogueQtTranslator(QTranslator):
        def translate(
            self,
            context: str,
            sourceText: str,
            disambiguation: str | None = None,
            n: int = -1,
        ) -> str | None:
            answer = _qt_answers(current_language()).get((context, sourceText))
            return answer if answer and answer != sourceText else None  # None: ask the next

        def isEmpty(self) -> bool:
            return False

    return CatalogueQtTranslator


@cache
def _qt_answers(code: str) -> dict[tuple[str, str], str]:
    return qt_messages(translation(code))


def _install_qt_strings(app: QApplication) -> None:
    """Installs the Qt-strings translator once per application, before Qt's catalogue.

    Qt asks the most recently installed translator first, so Qt's own catalogue
    (installed by every ``apply_language``) wins where it exists (es, ar, ko…)
    and ours fills in where Qt has none (bn, ur, ht).
    """
    from PySide6.QtCore import QTranslator

    if app.findChild(QTranslator, QT_STRINGS_TRANSLATOR) is None:
        translator = _qt_strings_translator_class()(app)
        translator.setObjectName(QT_STRINGS_TRANSLATOR)
        app.installTranslator(translator)


def change_language(app: QApplication, code: str) -> None:
    """Switches the whole running UI to ``code``; live widgets re-label themselves."""
    from PySide6.QtCore import QCoreApplication, QEvent, QLocale

    _install_qt_strings(app)
    apply_language(app, code)
    direction.install(app)
    QLocale.setDefault(qt_locale(code))
    # Qt posts one LanguageChange per window (a second one is merged into it),
    # so windows hear of the change even when no Qt translator was swapped.
    QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))


def start_language(app: QApplication, code: str) -> None:
    """``change_language`` for start-up, before any window exists.

    In a left-to-right language the direction style is not installed here:
    building it makes PySide6 create the whole ``Qt`` enum namespace (about
    40 ms), and until someone signs in the window holds only the app's own
    text in that language, which Qt already lays out correctly. ``run_gui``
    installs it shortly after the first window is on screen
    (``install_direction_soon``). In Arabic and Urdu it is installed at once.
    """
    from PySide6.QtCore import QLocale

    _install_qt_strings(app)
    apply_language(app, code)
    QLocale.setDefault(qt_locale(code))
    if is_rtl(code):
        direction.install(app)


# Long enough for the first frame to be drawn; far shorter than any sign-in
# (the key derivation alone takes half a second), so no user text is ever
# shown without the style.
DIRECTION_STYLE_DELAY_MS = 150


def install_direction_soon(app: QApplication) -> None:
    """Installs the direction style once the first window has been drawn."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(DIRECTION_STYLE_DELAY_MS, lambda: direction.install(app))


# Qt's standard button texts, in the app's own catalogue: Qt ships no
# translation of them for bn, ur or ht, and our reviewers check these too.
STANDARD_BUTTON_TEXTS = {
    "Ok": N_("OK"),
    "Save": N_("Save"),
    "SaveAll": N_("Save all"),
    "Open": N_("Open"),
    "Yes": N_("Yes"),
    "YesToAll": N_("Yes to all"),
    "No": N_("No"),
    "NoToAll": N_("No to all"),
    "Abort": N_("Abort"),
    "Retry": N_("Try again"),
    "Ignore": N_("Ignore"),
    "Close": N_("Close"),
    "Cancel": N_("Cancel"),
    "Discard": N_("Discard"),
    "Help": N_("Help"),
    "Apply": N_("Apply"),
    "Reset": N_("Reset"),
    "RestoreDefaults": N_("Restore defaults"),
}


def label_standard_buttons(box: QDialogButtonBox | QMessageBox) -> None:
    """Sets the text of each standard button in ``box`` from the app's catalogue.

    Call it from the dialog's ``retranslate()`` (a ``QMessageBox``: after its
    buttons are set). A button whose text the dialog chose itself keeps it only
    if the dialog sets it again after this call.
    """
    from PySide6.QtWidgets import QMessageBox

    for name, text in STANDARD_BUTTON_TEXTS.items():
        if isinstance(box, QMessageBox):
            button = box.button(getattr(QMessageBox.StandardButton, name))
        else:
            button = box.button(getattr(type(box).StandardButton, name))
        if button is not None:
            button.setText(_(text))
