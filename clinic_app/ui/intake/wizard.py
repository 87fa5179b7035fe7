"""The intake wizard: one page per step, Back/Next by keyboard, drafts every 30 s.

Keyboard: Tab moves through a step's inputs in reading order; Alt+N (Next),
Alt+B (Back) and Alt+S (Save) work anywhere in the wizard. Every step has one
default button (Next, or Save on the last step) and Enter presses it, unless the
focus is on another button (Enter presses that one) or in the notes (a new line).
Each step sits in a scroll area, so nothing is cut off at 200% text size or
on a 1366×768 screen.

Screening answers stay in ``session.answers`` (memory only). A draft written
to the vault is ``session.draft()``: stored fields only. After a save the
answers are dropped and the draft is discarded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.record import RecordError
from clinic_app.i18n import _
from clinic_app.screening import Rules
from clinic_app.storage.errors import VaultError
from clinic_app.ui.intake.session import IntakeSession
from clinic_app.ui.intake.steps.consent import ConsentStep
from clinic_app.ui.intake.steps.identity import IdentityStep
from clinic_app.ui.intake.steps.language import LanguageStep
from clinic_app.ui.intake.steps.notes import NotesStep
from clinic_app.ui.intake.steps.referral_needs import ReferralStep
from clinic_app.ui.intake.steps.result import ResultStep
from clinic_app.ui.intake.steps.save import SaveStep
from clinic_app.ui.intake.steps.screening_questions import ScreeningStep
from clinic_app.ui.intake.widgets import Step
from clinic_app.ui.records_api import RecordsApi

log = logging.getLogger(__name__)

DRAFT_INTERVAL_MS = 30_000


def ask_discard(parent: QWidget) -> bool:
    """The default question before an unsaved intake is thrown away."""
    answer = QMessageBox.question(
        parent,
        _("Discard this intake?"),
        _("The intake has not been saved. Discard what was typed?"),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


class IntakeWizard(QWidget):
    saved = Signal(str)
    discarded = Signal()
    open_record = Signal(str)
    ui_language_chosen = Signal(str)

    def __init__(
        self,
        records: RecordsApi | None,
        volunteer: str,
        *,
        site: str = "",
        today: date | None = None,
        rules: Rules | None = None,
        retention_days: int = 180,
        draft: Mapping[str, Any] | None = None,
        draft_interval_ms: int = DRAFT_INTERVAL_MS,
        confirm_discard: Callable[[QWidget], bool] = ask_discard,
    ) -> None:
        super().__init__()
        self.setObjectName("intakeWizard")
        self.records = records
        self.confirm_discard = confirm_discard
        self.session = IntakeSession(
            volunteer, today=today, rules=rules, retention_days=retention_days
        )
        if site:
            self.session.form["site"] = site
        self.resumed = bool(draft)
        if draft:
            self.session.restore_draft(dict(draft))
        self.saved_id: str | None = None
        self._allow_duplicate = False

        self.heading = QLabel()
        self.heading.setObjectName("stepHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.progress = QLabel()
        self.progress.setObjectName("stepProgress")
        self.stack = QStackedWidget()
        self.back_button = QPushButton()
        self.next_button = QPushButton()
        self.discard_button = QPushButton()
        self.back_button.setObjectName("backButton")
        self.next_button.setObjectName("nextButton")
        self.next_button.setDefault(True)  # drawn as the default; Enter: keyPressEvent
        self.discard_button.setObjectName("discardButton")
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.discard_button.clicked.connect(self.discard)
        nav = QHBoxLayout()
        nav.addWidget(self.discard_button)
        nav.addStretch(1)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignTrailing)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addLayout(nav)

        self.steps: list[Step] = []
        self._build_steps()
        self.draft_timer = QTimer(self)
        self.draft_timer.setInterval(draft_interval_ms)
        self.draft_timer.timeout.connect(self.save_draft)
        self.draft_timer.start()
        # Consent and screening answers are never saved: a recovered draft resumes
        # where the client is needed again (the consent step says why).
        self.show_step(self.steps.index(self.consent) if self.resumed else 0)

    # --- steps ----------------------------------------------------------------

    def _build_steps(self) -> None:
        s = self.session
        self.language = LanguageStep(s)
        self.consent = ConsentStep(s)
        self.identity = IdentityStep(s)
        self.screening = ScreeningStep(s)
        self.result = ResultStep(s)
        self.referral = ReferralStep(s)
        self.notes = NotesStep(s)
        self.save_step = SaveStep(s)
        self.steps = [
            self.language,
            self.consent,
            self.identity,
            self.screening,
            self.result,
            self.referral,
            self.notes,
            self.save_step,
        ]
        for step in self.steps:
            step.load()
            self.stack.addWidget(step)
        if self.resumed:
            self.consent.show_resumed()
        self.language.ui_language_chosen.connect(self.ui_language_chosen.emit)
        self.save_step.save_requested.connect(self.save)
        self.save_step.save_anyway.connect(self._save_anyway)
        self.save_step.open_existing.connect(self.open_record.emit)
        self.back_button.setText(_("&Back"))
        self.next_button.setText(_("&Next"))
        self.discard_button.setText(_("&Discard intake"))
        for button in (self.back_button, self.next_button, self.discard_button):
            button.setAccessibleName(button.text().replace("&", ""))

    def rebuild(self) -> None:
        """Rebuilds every step in the current UI language; nothing typed is lost."""
        index = self.stack.currentIndex()
        self.current.leave(validate=False)
        for step in self.steps:
            self.stack.removeWidget(step)
            step.deleteLater()
        self._build_steps()
        self.show_step(index)
        if self.current is self.language:
            self.language.switch.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def current(self) -> Step:
        return self.steps[self.stack.currentIndex()]

    def _skipped(self, step: Step) -> bool:
        return step is self.screening and not self.session.screening_consented

    def show_step(self, index: int) -> None:
        step = self.steps[index]
        self.stack.setCurrentIndex(index)
        step.enter()
        # The count never changes length mid-intake: a skipped step keeps its number.
        self.heading.setText(step.title())
        self.progress.setText(_("Step {n} of {total}").format(n=index + 1, total=len(self.steps)))
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(step is not self.save_step)
        self.focus_step()
        step.ensureVisible(0, 0)

    def focus_step(self) -> None:
        first = self.current.first_input() or self.next_button
        if first is self.next_button and not first.isVisibleTo(self):
            first = self.back_button
        first.setFocus(Qt.FocusReason.TabFocusReason)

    def default_button(self) -> QPushButton:
        """The button Enter presses on the current step."""
        return self.save_step.save_button if self.current is self.save_step else self.next_button

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A QWidget has no default button as a QDialog has: Enter that no input
        # took (line edits, drop-downs and radio buttons pass it on) lands here.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            focus = QApplication.focusWidget()
            button = focus if isinstance(focus, QPushButton) else self.default_button()
            if button.isVisible() and button.isEnabled():
                button.animateClick()
                event.accept()
                return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.focus_step()

    def go_next(self) -> bool:
        step = self.current
        if not step.leave(validate=True):
            step.focus_first_error()
            return False
        index = self.stack.currentIndex() + 1
        while index < len(self.steps) - 1 and self._skipped(self.steps[index]):
            index += 1
        if index < len(self.steps):
            self.show_step(index)
        return True

    def go_back(self) -> None:
        self.current.leave(validate=False)
        index = self.stack.currentIndex() - 1
        while index > 0 and self._skipped(self.steps[index]):
            index -= 1
        if index >= 0:
            self.show_step(index)

    # --- saving -----------------------------------------------------------------

    def _first_invalid(self) -> Step | None:
        for step in self.steps:
            # Consent is optional: its notice is for Next, not for the save.
            if self._skipped(step) or step in (self.consent, self.result, self.save_step):
                continue
            if not step.leave(validate=True):
                return step
        return None

    def save(self) -> str | None:
        """Validates every step, offers likely duplicates once, then creates the record."""
        bad = self._first_invalid()
        if bad is not None:
            self.show_step(self.steps.index(bad))
            bad.focus_first_error()
            if bad is self.notes:
                bad.check()
            return None
        if self.records is None:
            return None
        self.session.run_screening()
        try:
            record = self.session.record()
            if not self._allow_duplicate:
                duplicates = self.records.likely_duplicates(record)
                if duplicates:
                    self.save_step.show_duplicates(duplicates)
                    return None
            # One transaction: the record, and the draft it replaces gone.
            record_id = self.records.create(record, discard_draft=True)
        except (RecordError, VaultError) as exc:
            log.error("saving an intake failed: %s", type(exc).__name__)
            self.save_step.status.setText(
                _("The record could not be saved. Nothing was lost; try again.")
            )
            return None
        self.finish()
        self.saved_id = record_id
        self.saved.emit(record_id)
        return record_id

    def _save_anyway(self) -> None:
        self._allow_duplicate = True
        self.save_step.show_duplicates([])
        self.save()

    def finish(self) -> None:
        """Forgets the screening answers and stops drafting (after save or discard)."""
        self.draft_timer.stop()
        self.session.drop_answers()
        self.session.result = None
        self.screening.load()  # empties the inputs too
        self.session.drop_answers()

    def save_draft(self) -> bool:
        """Writes the form (never the screening answers) to the vault's draft slot."""
        if self.records is None:
            return False
        self.current.leave(validate=False)
        if not self.has_unsaved_work():
            return False  # nothing typed yet: no draft to offer after a crash
        try:
            self.records.save_draft(self.session.draft())
        except VaultError:
            log.warning("draft not saved: the vault is not open")
            return False
        return True

    def pause(self) -> None:
        """On lock: no drafts while the vault is closed; the wizard itself is kept."""
        self.draft_timer.stop()
        self.records = None

    def resume(self, records: RecordsApi) -> None:
        self.records = records
        if self.saved_id is None:
            self.draft_timer.start()

    def has_unsaved_work(self) -> bool:
        return self.saved_id is None and bool(
            self.session.draft().keys() - {"volunteer", "intake_date", "site"}
            or any(v is not None for v in self.session.answers.values())
        )

    def discard(self) -> bool:
        """Asks first, then throws the intake away (draft included)."""
        if self.has_unsaved_work() and not self.confirm_discard(self):
            return False
        self.finish()
        if self.records is not None:
            try:
                self.records.discard_draft()
            except VaultError:
                log.warning("draft not discarded: the vault is not open")
        self.discarded.emit()
        return True


def apply_ui_language(code: str) -> None:
    """Switches the whole application's language (the volunteer's choice)."""
    from clinic_app.ui.retranslate import change_language

    app = QApplication.instance()
    if isinstance(app, QApplication):
        change_language(app, code)
