"""The signed-in work area: "New intake", the records list, a record, the wizard.

It lives in the main window's work page. On lock it drops what it shows of
client records (list rows, an open record, the clipboard) but keeps an
unsaved intake, hidden, for the same user; on unlock it gets the new vault
session. The wizard module is imported only when an intake starts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.record import IntakeRecord
from clinic_app.i18n import _, current_language
from clinic_app.i18n.locales import format_date
from clinic_app.screening import Rules
from clinic_app.storage.errors import VaultError
from clinic_app.storage.records import Records
from clinic_app.storage.rules_update import active_rules, rules_folder, stale_warning
from clinic_app.storage.vault import Vault
from clinic_app.ui.clipboard import ClipboardGuard
from clinic_app.ui.clipboard import guard as clipboard_guard
from clinic_app.ui.records_api import RecordsApi
from clinic_app.ui.screen_policy import screen_context
from clinic_app.ui.tint import tint

if TYPE_CHECKING:
    from clinic_app.ui.intake.wizard import IntakeWizard
    from clinic_app.ui.record_view import RecordView
    from clinic_app.ui.records_list import RecordsList

log = logging.getLogger(__name__)


def open_records(vault: Vault) -> Records:
    return Records(vault)


def is_training(records: RecordsApi) -> bool:
    """True when the vault holds demo data (the records repository marks it)."""
    try:
        return records.is_training()
    except VaultError:
        return False


class WorkArea(QWidget):
    def __init__(
        self,
        *,
        records_factory: Callable[[Vault], RecordsApi] = open_records,
        clipboard: ClipboardGuard | None = None,
        today: Callable[[], date] = date.today,
        wizard_options: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("workArea")
        self.records_factory = records_factory
        self.clipboard = clipboard or clipboard_guard()
        self.today = today
        self.wizard_options = wizard_options or {}
        self.vault: Vault | None = None
        self.records: RecordsApi | None = None
        self.wizard: IntakeWizard | None = None
        self.list: RecordsList | None = None
        self.view: RecordView | None = None

        self.training = QLabel()
        self.training.setObjectName("trainingBanner")
        self.training.setWordWrap(True)
        tint(self.training, "#ffffff", "#1a3d7c", bold=True)
        self.training.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.training.hide()
        self.rules_warning = QLabel()
        self.rules_warning.setObjectName("rulesWarning")
        self.rules_warning.setWordWrap(True)
        tint(self.rules_warning, "#5c3b00", "#fff3cd", bold=False)
        self.rules_warning.hide()
        self.draft_banner = QWidget()
        self.draft_banner.setObjectName("draftBanner")
        self.draft_text = QLabel()
        self.draft_text.setWordWrap(True)
        self.resume_button = QPushButton()
        self.drop_button = QPushButton()
        self.resume_button.clicked.connect(self.resume_draft)
        self.drop_button.clicked.connect(self.drop_draft)
        line = QHBoxLayout(self.draft_banner)
        line.addWidget(self.draft_text, 1)
        line.addWidget(self.resume_button)
        line.addWidget(self.drop_button)
        palette = self.draft_banner.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#fff2b3"))
        self.draft_banner.setPalette(palette)
        self.draft_banner.setAutoFillBackground(True)
        self.draft_banner.hide()
        self.new_button = QPushButton()
        self.new_button.setObjectName("newIntakeButton")
        self.new_button.clicked.connect(self.new_intake)
        shortcut = QShortcut(QKeySequence("Ctrl+N"), self)
        shortcut.activated.connect(self.new_intake)
        bar = QHBoxLayout()
        bar.addWidget(self.new_button)
        bar.addStretch(1)
        self.stack = QStackedWidget()
        self.empty = QLabel()
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.training)
        layout.addWidget(self.rules_warning)
        layout.addWidget(self.draft_banner)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current UI language (after the volunteer switches it)."""
        self.training.setText(_("TRAINING VAULT: demo data only. Do not enter real clients here."))
        self.draft_text.setText(
            _(
                "An intake that was not saved was found. Resume it? The client's consent "
                "and screening answers are never saved: you will ask them again."
            )
        )
        self.resume_button.setText(_("&Resume the intake"))
        self.drop_button.setText(_("Discard i&t"))
        self.new_button.setText(_("&New intake"))
        self.new_button.setToolTip(_("Start an intake (Ctrl+N)"))
        self.empty.setText(_("The vault is locked."))
        if self.vault is not None:
            self._show_rules_warning()
        if self.wizard is not None:  # rebuilt in the new language; nothing typed is lost
            self.wizard.rebuild()
        if self.view is not None and self.records is not None:
            # An open record is read again and drawn in the new language.
            showing = self.stack.currentWidget() is self.view
            before = self.stack.currentWidget()
            self.open_record(self.view.record_id)
            if not showing and before is not None:
                self.stack.setCurrentWidget(before)
        if self.list is not None:  # rebuilt in the new language
            shown = self.stack.currentWidget() is self.list
            self.stack.removeWidget(self.list)
            self.list.deleteLater()
            self.list = None
            if self.records is not None and self.vault is not None:
                current = self.stack.currentWidget()
                self._show_list()
                if not shown and current is not None:
                    self.stack.setCurrentWidget(current)

    # --- session --------------------------------------------------------------

    def attach(self, vault: Vault) -> None:
        """After unlock: a fresh list for this session; an intake in progress resumes."""
        self.vault = vault
        self.records = self.records_factory(vault)
        self.training.setVisible(is_training(self.records))
        self._show_rules_warning()
        self._show_list()
        if self.wizard is not None:
            self.wizard.resume(self.records)
            self.stack.setCurrentWidget(self.wizard)
            self.new_button.setEnabled(False)
        else:
            self._offer_draft()

    def rules(self) -> Rules:
        """The screening rules in force: a supervisor's import, else the shipped file."""
        assert self.vault is not None
        return active_rules(rules_folder(self.vault.path))

    def _show_rules_warning(self) -> None:
        warning = stale_warning(self.rules(), self.today()) if self.vault is not None else None
        if warning is not None and self.vault is not None and self.vault.role == "supervisor":
            # The person reading this is the supervisor: say how, not whom to ask.
            warning = _(
                "The screening rules are from {date}, more than 90 days ago. Import the "
                "latest rules file: Supervisor workspace, then Screening rules, then "
                "Import a rules file."
            ).format(date=format_date(self.rules().as_of, current_language()))
        self.rules_warning.setText(warning or "")
        self.rules_warning.setVisible(warning is not None)

    def detach(self) -> None:
        """On lock: nothing of a record stays in memory but the unsaved intake."""
        if self.wizard is not None:
            self.wizard.pause()
        self.clipboard.clear()
        self._close_view()
        if self.list is not None:
            self.stack.removeWidget(self.list)
            self.list.deleteLater()
            self.list = None
        self.draft_banner.hide()
        self.stack.setCurrentWidget(self.wizard or self.empty)
        self.records = None
        self.vault = None

    def save_draft_now(self) -> None:
        """Before the vault closes (lock): keep the typed form as a draft."""
        if self.wizard is not None and self.records is not None:
            self.wizard.save_draft()

    def has_unsaved_work(self) -> bool:
        return self.wizard is not None and self.wizard.has_unsaved_work()

    def discard_unsaved(self, ask: bool = True) -> bool:
        """Throws an unsaved intake away, asking first; False if the user keeps it."""
        if self.wizard is None:
            return True
        if ask:
            if not self.wizard.discard():
                return False
        else:
            self.wizard.finish()
            self._drop_wizard()
        return True

    # --- screens --------------------------------------------------------------

    def _context(self) -> Any:
        assert self.vault is not None
        return screen_context(self.vault.user, self.vault.role)

    def _show_list(self) -> None:
        if self.records is None:
            return
        if self.list is None:
            from clinic_app.ui.records_list import RecordsList

            self.list = RecordsList(self.records, self._context())
            self.list.open_record.connect(self.open_record)
            self.stack.addWidget(self.list)
        self.stack.setCurrentWidget(self.list)

    def new_intake(self) -> IntakeWizard | None:
        if self.records is None or self.vault is None:
            return None
        if self.wizard is not None:
            self.stack.setCurrentWidget(self.wizard)
            return self.wizard
        return self._start_wizard(None)

    def _start_wizard(self, draft: dict[str, Any] | None) -> IntakeWizard:
        from clinic_app.ui.intake.wizard import IntakeWizard, apply_ui_language

        assert self.vault is not None
        site, retention_days = "", 180
        try:
            settings = self.vault.settings()
            site, retention_days = settings.clinic_name, settings.retention_days
        except VaultError:
            log.warning("site settings unavailable")
        options = {
            "site": site,
            "retention_days": retention_days,
            "today": self.today(),
            "rules": self.rules(),
            **self.wizard_options,
        }
        wizard = IntakeWizard(self.records, self.vault.user, draft=draft, **options)
        wizard.saved.connect(self._on_saved)
        wizard.discarded.connect(self._drop_wizard)
        wizard.open_record.connect(self._open_duplicate)

        def change_language(code: str) -> None:
            apply_ui_language(code)
            # The main window retranslates its own parts and this area.
            top = self.window()
            retranslate = getattr(top, "retranslate", None)
            if top is not self and callable(retranslate):
                retranslate()
            else:
                self.retranslate()

        wizard.ui_language_chosen.connect(change_language)
        self.wizard = wizard
        self.stack.addWidget(wizard)
        self.stack.setCurrentWidget(wizard)
        self.new_button.setEnabled(False)
        self.draft_banner.hide()
        wizard.focus_step()
        return wizard

    def _on_saved(self, record_id: str) -> None:
        self._drop_wizard()
        if self.list is not None:
            self.list.refresh()
        self.open_record(record_id)

    def _open_duplicate(self, record_id: str) -> None:
        """The volunteer chose the existing record: the new intake is not kept."""
        if self.wizard is not None:
            self.wizard.finish()
            if self.records is not None:
                self.records.discard_draft()
        self._drop_wizard()
        self.open_record(record_id)

    def _drop_wizard(self) -> None:
        wizard, self.wizard = self.wizard, None
        if wizard is not None:
            self.stack.removeWidget(wizard)
            wizard.deleteLater()
        self.new_button.setEnabled(True)
        self._show_list()

    def open_record(self, record_id: str) -> RecordView | None:
        if self.records is None:
            return None
        from clinic_app.ui.record_view import RecordView

        self._close_view()
        view = RecordView(
            self.records,
            record_id,
            self._context(),
            clipboard=self.clipboard,
            today=self.today(),
            on_referral=self._referral,
        )
        view.closed.connect(self._back_to_list)
        if self.list is not None:
            view.changed.connect(self.list.refresh)
        self.view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        return view

    def _referral(self, record: IntakeRecord) -> None:
        if self.vault is None:
            return
        from clinic_app.ui.referral_flow import open_referral_flow

        records = self.records if isinstance(self.records, Records) else None
        open_referral_flow(self, self.vault, record, records)

    def _close_view(self) -> None:
        view, self.view = self.view, None
        if view is not None:
            self.stack.removeWidget(view)
            view.deleteLater()

    def _back_to_list(self) -> None:
        self._close_view()
        if self.wizard is not None:
            self.stack.setCurrentWidget(self.wizard)
        else:
            self._show_list()

    # --- drafts ---------------------------------------------------------------

    def _offer_draft(self) -> None:
        if self.records is None:
            return
        try:
            draft = self.records.load_draft()
        except VaultError:
            draft = None
        self._draft = draft
        self.draft_banner.setVisible(bool(draft))

    def resume_draft(self) -> IntakeWizard | None:
        draft = getattr(self, "_draft", None)
        if not draft or self.records is None:
            return None
        self._draft = None
        return self._start_wizard(draft)

    def drop_draft(self) -> None:
        self._draft = None
        if self.records is not None:
            self.records.discard_draft()
        self.draft_banner.hide()
