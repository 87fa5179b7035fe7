"""Step 7: free-text notes, checked for identification numbers before anything is saved.

SSNs, ITINs, A-numbers and passport numbers are never collected. A match is
highlighted and the wizard holds the save until the volunteer removes it or
confirms it is not such a number; any edit asks again.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QCheckBox, QLabel, QPlainTextEdit, QTextEdit

from clinic_app.domain.notes import LABELS, Finding, find_identifiers
from clinic_app.domain.sanitise import clean_text
from clinic_app.i18n import _
from clinic_app.ui.intake.session import IntakeSession
from clinic_app.ui.intake.widgets import Step
from clinic_app.ui.limits import limit_plain_text
from clinic_app.ui.tint import ERROR_COLOUR, tint


class NotesStep(Step):
    def __init__(self, session: IntakeSession) -> None:
        super().__init__()
        self.session = session
        self.set_intro(
            _(
                "Notes for the lawyer. Do not write ID numbers, addresses, employers or "
                "other people's names."
            )
        )
        self.label = QLabel(_("Notes"))
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setAccessibleName(_("Notes"))
        self.label.setBuddy(self.edit)
        self.counter = QLabel()
        self.counter.setObjectName("notesCounter")
        limit_plain_text(self.edit, self.counter)
        self.warning = QLabel()
        self.warning.setObjectName("fieldError")
        self.warning.setWordWrap(True)
        tint(self.warning, ERROR_COLOUR, bold=True)
        self.warning.hide()
        self.confirm = QCheckBox(_("I checked: these are not identification numbers"))
        self.confirm.setAccessibleName(self.confirm.text())
        self.confirm.hide()
        self.findings: list[Finding] = []
        shown = (self.label, self.edit, self.counter, self.warning, self.confirm)
        for i, widget in enumerate(shown, start=1):
            self.layout_.insertWidget(i, widget)
        self.edit.textChanged.connect(self._on_edited)
        self.confirm.toggled.connect(self._on_confirmed)

    def title(self) -> str:
        return _("Notes")

    def load(self) -> None:
        saved = self.session.form.get("notes")
        self.edit.setPlainText(saved or "")

    def _on_edited(self) -> None:
        self.session.notes_confirmed = False
        self.confirm.setChecked(False)
        self.session.form["notes"] = self.edit.toPlainText().strip() or None
        if self.warning.isVisible():
            self.check()

    def _on_confirmed(self, on: bool) -> None:
        self.session.notes_confirmed = on
        if on:
            self.warning.setText(_("Confirmed: these are not identification numbers."))

    def check(self) -> bool:
        """Highlights identifier-like spans; True when saving may go on."""
        text = self.edit.toPlainText()
        self.findings = find_identifiers(text)
        selections = []
        for finding in self.findings:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.edit.document())
            cursor.setPosition(_utf16(text, finding.start))
            cursor.setPosition(_utf16(text, finding.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ffd54f"))
            fmt.setFontUnderline(True)
            selection.format = fmt
            selections.append(selection)
        self.edit.setExtraSelections(selections)
        if not self.findings:
            self.warning.hide()
            self.confirm.hide()
            return True
        kinds = dict.fromkeys(_(LABELS[f.kind]) for f in self.findings)
        self.warning.setText(
            " ".join(kinds)
            + " "
            + _("Remove it (it is highlighted), or confirm it is something else.")
        )
        self.warning.show()
        self.confirm.show()
        self.edit.setAccessibleDescription(self.warning.text())
        return self.session.notes_confirmed

    def leave(self, validate: bool) -> bool:
        text = self.edit.toPlainText()
        self.session.form["notes"] = clean_text(text, multiline=True) or None
        if not validate:
            return True
        ok = self.check()
        if not ok:
            self.confirm.setFocus()
        return ok

    def first_input(self) -> QPlainTextEdit:
        return self.edit


def _utf16(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 code units; Python in code points."""
    return len(text[:index].encode("utf-16-le")) // 2
