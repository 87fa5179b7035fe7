"""Review queue (urgency, then age; filters; assign, refer, close) and "due soon"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.fields import CASE_STATUS
from clinic_app.domain.record import PROGRAMS
from clinic_app.domain.report import LABELS, OUTCOME_COLUMNS, URGENCY_COLUMNS, label
from clinic_app.i18n import LANGUAGES, N_, _
from clinic_app.screening.next_steps import urgency_instruction
from clinic_app.storage.errors import VaultError
from clinic_app.storage.queue import OPEN, Queue, QueueFilter, QueueRow, due_soon
from clinic_app.storage.vault import Vault
from clinic_app.ui.supervisor.widgets import item as _item
from clinic_app.ui.supervisor.widgets import named
from clinic_app.ui.supervisor.widgets import table as _table

DUE_LABELS = {
    "hearing": N_("Immigration court hearing"),
    "asylum_one_year": N_("Asylum one-year deadline"),
    "daca_renewal_opens": N_("DACA renewal window opens"),
    "daca_expiration": N_("DACA expires"),
    "tps_registration_end": N_("TPS registration closes"),
    "tps_reregistration_end": N_("TPS re-registration closes"),
    "bia_appeal": N_("Appeal to the Board of Immigration Appeals due"),
    "sijs_age_out": N_("Turns 21 (SIJS court order needed before)"),
    "asylum_reasonable_period": N_("Asylum after TPS or parole ended: outer guide"),
}


class QueuePage(QWidget):
    """Cases to review, most urgent first, then longest waiting."""

    def __init__(self, vault: Vault, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.setObjectName("queuePage")
        self.queue = Queue(vault, today=today)
        self.vault = vault
        self.found: list[QueueRow] = []
        self.counts = QLabel()
        self.counts.setObjectName("queueCounts")
        self.volunteer = named(QComboBox(), "filterVolunteer")
        self.status = named(QComboBox(), "filterStatus")
        self.program = named(QComboBox(), "filterProgram")
        self.outcome = named(QComboBox(), "filterOutcome")
        self.language = named(QComboBox(), "filterLanguage")
        self.volunteer.addItem(_("All volunteers"), None)
        for user in vault.users():
            if not user.removed:
                self.volunteer.addItem(user.name, user.name)
        self.status.addItem(_("Open cases"), OPEN)
        for status in CASE_STATUS:
            self.status.addItem(_(LABELS[status]), status)
        self.status.addItem(_("All cases"), None)
        self.program.addItem(_("Any program"), None)
        for program in PROGRAMS:
            self.program.addItem(_(LABELS[program]), program)
        for outcome in OUTCOME_COLUMNS:
            self.outcome.addItem(_(LABELS[outcome]), outcome)
        self.language.addItem(_("All languages"), None)
        for code in LANGUAGES:
            self.language.addItem(label(code), code)
        filters = QHBoxLayout()
        for box in (self.volunteer, self.status, self.program, self.outcome, self.language):
            box.currentIndexChanged.connect(self.refresh)
            filters.addWidget(box)
        self.table = _table(
            [
                _("Urgency"),
                _("Next step"),
                _("Name"),
                _("Waiting (days)"),
                _("Status"),
                _("Volunteer"),
                _("Record"),
            ],
            "queueTable",
        )
        self.table.setAccessibleName(_("Review queue"))
        self.assign_button = named(QPushButton(_("Assign…")), "assignButton")
        self.refer_button = named(QPushButton(_("Mark referred…")), "referButton")
        self.close_button = named(QPushButton(_("Close case")), "closeButton")
        self.assign_button.clicked.connect(self.assign_selected)
        self.refer_button.clicked.connect(self.refer_selected)
        self.close_button.clicked.connect(self.close_selected)
        actions = QHBoxLayout()
        for button in (self.assign_button, self.refer_button, self.close_button):
            actions.addWidget(button)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(actions)
        self.refresh()

    def current_filter(self) -> QueueFilter:
        program = self.program.currentData()
        return QueueFilter(
            volunteer=self.volunteer.currentData(),
            status=self.status.currentData(),
            program=program,
            outcome=self.outcome.currentData() if program else None,
            language=self.language.currentData(),
        )

    def refresh(self) -> None:
        flt = self.current_filter()
        self.outcome.setEnabled(flt.program is not None)
        counts = self.queue.counts(flt)
        self.counts.setText("   ".join(f"{_(LABELS[u])}: {counts[u]}" for u in URGENCY_COLUMNS))
        self.found = self.queue.rows(flt)
        self.table.setRowCount(len(self.found))
        for i, row in enumerate(self.found):
            cells = [
                _(LABELS[row.urgency]),
                urgency_instruction(row.urgency),
                row.display_name,
                str(row.waiting_days),
                _(LABELS[row.case_status]),
                row.volunteer,
                row.record_id,
            ]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, _item(text))

    def selected(self) -> QueueRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.found[rows[0].row()] if rows else None

    def _act(self, action: Callable[[QueueRow], None]) -> None:
        row = self.selected()
        if row is None:
            QMessageBox.information(self, _("Review queue"), _("Select a case first."))
            return
        try:
            action(row)
        except (VaultError, ValueError) as exc:
            QMessageBox.warning(self, _("Review queue"), str(exc))
        self.refresh()

    def assign_selected(self) -> None:
        def assign(row: QueueRow) -> None:
            names = [u.name for u in self.vault.users() if not u.removed]
            name, ok = QInputDialog.getItem(
                self, _("Assign"), _("Give this case to:"), names, 0, False
            )
            if ok:
                self.queue.assign(row.record_id, name)

        self._act(assign)

    def refer_selected(self) -> None:
        def refer(row: QueueRow) -> None:
            where, ok = QInputDialog.getText(self, _("Referred"), _("Referred to:"))
            if ok:
                self.queue.mark_referred(row.record_id, where)

        self._act(refer)

    def close_selected(self) -> None:
        self._act(lambda row: self.queue.mark_closed(row.record_id))


class DueSoonPage(QWidget):
    """Hearings, asylum deadlines, DACA renewals and TPS windows within a horizon."""

    def __init__(self, vault: Vault, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.setObjectName("dueSoonPage")
        self.vault = vault
        self.today = today
        self.horizon = named(QSpinBox(), "dueHorizon")
        self.horizon.setRange(1, 365)
        self.horizon.setValue(30)
        self.horizon.setSuffix(_(" days"))
        self.horizon.valueChanged.connect(self.refresh)
        self.table = _table(
            [_("Date"), _("What"), _("Name"), _("Volunteer"), _("Record")], "dueTable"
        )
        self.table.setAccessibleName(_("Due soon"))
        within = QLabel(_("Within"))
        within.setBuddy(self.horizon)  # the label names the spin box for screen readers
        top = QHBoxLayout()
        top.addWidget(within)
        top.addWidget(self.horizon)
        top.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        items = due_soon(self.vault, self.today(), self.horizon.value())
        self.table.setRowCount(len(items))
        for i, item in enumerate(items):
            cells = [
                item.day.isoformat(),
                _(DUE_LABELS[item.kind]),
                item.display_name,
                item.volunteer,
                item.record_id,
            ]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, _item(text))
