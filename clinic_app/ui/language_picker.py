"""The language picker: each language in its own name and script.

Names come from CLDR through Babel, cached in ``clinic_app.i18n.native_names``
so the first window does not pay ~60 ms for Babel. The pseudo-locale used to
test layouts is never listed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from clinic_app.i18n import LANGUAGES, _, current_language
from clinic_app.i18n.native_names import NATIVE_NAMES
from clinic_app.ui.retranslate import Retranslatable, change_language


class LanguagePicker(Retranslatable, QComboBox):
    """A combo box of the UI languages; choosing one switches the running UI."""

    language_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("languagePicker")
        for code in LANGUAGES:
            self.addItem(NATIVE_NAMES[code], code)
        self.activated.connect(self._on_activated)
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(_("Language of the screens"))
        self.setAccessibleName(_("Language"))
        index = self.findData(current_language())
        if index >= 0:
            self.setCurrentIndex(index)

    def _on_activated(self, index: int) -> None:
        code = str(self.itemData(index))
        if code == current_language():
            return
        app = QApplication.instance()
        if isinstance(app, QApplication):
            change_language(app, code)
        self.language_chosen.emit(code)
