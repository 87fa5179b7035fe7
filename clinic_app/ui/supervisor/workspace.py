"""The supervisor's workspace: one tab per task."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QTabWidget, QWidget

from clinic_app.i18n import _
from clinic_app.storage.vault import Vault
from clinic_app.ui.supervisor.admin_pages import RetentionPage, RulesPage, SettingsPage, UsersPage
from clinic_app.ui.supervisor.queue_page import DueSoonPage, QueuePage
from clinic_app.ui.supervisor.report_page import ReportPage


class SupervisorWorkspace(QTabWidget):
    """Queue, due soon, report, retention, users, site settings and rules (supervisors only)."""

    def __init__(
        self, vault: Vault, today: Callable[[], date] = date.today, parent: QWidget | None = None
    ) -> None:
        vault.require_supervisor()
        super().__init__(parent)
        self.setObjectName("supervisorWorkspace")
        self.queue = QueuePage(vault, today)
        self.due = DueSoonPage(vault, today)
        self.report = ReportPage(vault, today)
        self.retention = RetentionPage(vault, today)
        self.users = UsersPage(vault)
        self.settings = SettingsPage(vault)
        self.rules = RulesPage(vault, today)
        self.addTab(self.queue, _("Review queue"))
        self.addTab(self.due, _("Due soon"))
        self.addTab(self.report, _("Funder report"))
        self.addTab(self.retention, _("Retention"))
        self.addTab(self.users, _("Users"))
        self.addTab(self.settings, _("Site settings"))
        self.addTab(self.rules, _("Screening rules"))
