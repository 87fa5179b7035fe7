"""The supervisor's workspace: one tab per task."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QLabel, QTabWidget, QWidget

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
        from clinic_app.storage import site
        from clinic_app.ui.supervisor.site_page import DeskSendPanel, HubPage

        self.head = QLabel()
        if site.is_hub(vault):
            self.hub = HubPage(vault, on_change=lambda: self.show_head(vault))
            self.addTab(self.hub, _("Desks"))
        elif site.is_desk(vault):
            self.desk = DeskSendPanel(vault)
            self.addTab(self.desk, _("Send to supervisor"))
        # The audit head, for the supervisor to note as a witness (docs/security.md).
        self.head.setObjectName("auditHead")
        self.setCornerWidget(self.head)
        self.currentChanged.connect(lambda _index: self.show_head(vault))
        self.show_head(vault)

    def show_head(self, vault: Vault) -> None:
        from clinic_app.storage import audit
        from clinic_app.storage.vault import guard

        if vault.is_open:
            with guard():
                self.head.setText(audit.witness_line(vault.con, vault._head_key))
