"""Retention purge, users, site settings and rules updates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from clinic_app.i18n import _, ngettext
from clinic_app.screening.rules import RulesError
from clinic_app.storage.errors import VaultError
from clinic_app.storage.longwork import CancelToken, Progress
from clinic_app.storage.retention import due_for_purge, purge
from clinic_app.storage.rules_update import (
    Candidate,
    RulesDiff,
    RulesRefused,
    accept,
    active_rules,
    preview,
    roll_back,
    rules_folder,
    stale_warning,
)
from clinic_app.storage.settings import SiteSettings
from clinic_app.storage.vault import SUPERVISOR, VOLUNTEER, Vault
from clinic_app.ui.supervisor.progress import ProgressRunner
from clinic_app.ui.supervisor.widgets import item, named, table
from clinic_app.ui.vault_pages import PassphraseFields
from clinic_app.ui.vault_users import AddUserDialog


class RetentionPage(QWidget):
    """Records due for purge (numbers and dates only) and the purge itself."""

    def __init__(self, vault: Vault, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.setObjectName("retentionPage")
        self.vault = vault
        self.today = today
        self.runner = ProgressRunner(self)
        self.summary = named(QLabel(), "retentionSummary")
        self.table = table([_("Record"), _("Closed on"), _("Due on")], "purgeTable")
        self.table.setAccessibleName(_("Retention"))
        self.purge_button = named(QPushButton(_("Purge now…")), "purgeButton")
        self.purge_button.clicked.connect(self.ask_and_purge)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.purge_button)
        self.refresh()

    def refresh(self) -> None:
        due = due_for_purge(self.vault, self.today())
        days = self.vault.settings().retention_days
        self.summary.setText(
            ngettext(
                "{n} record is due for purge ({days} days after its case closed).",
                "{n} records are due for purge ({days} days after their cases closed).",
                len(due),
            ).format(n=len(due), days=days)
        )
        self.table.setRowCount(len(due))
        for i, d in enumerate(due):
            for j, text in enumerate((d.record_id, d.closed_on.isoformat(), d.due_on.isoformat())):
                self.table.setItem(i, j, item(text))
        self.purge_button.setEnabled(bool(due))

    def ask_and_purge(self) -> None:
        answer = QMessageBox.question(
            self,
            _("Purge"),
            _("Delete these records for good? This cannot be undone."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.run_purge()

    def run_purge(self) -> int | None:
        """Purges with progress; None when cancelled (then nothing was deleted)."""

        def job(token: CancelToken, progress: Progress) -> int:
            return purge(self.vault, self.today(), token=token, progress=progress)

        result = self.runner.run(_("Purging records…"), job)
        self.refresh()
        return result


class UsersPage(QWidget):
    """Add, disable, reset a passphrase (supervisor present)."""

    def __init__(self, vault: Vault) -> None:
        super().__init__()
        self.setObjectName("usersPage")
        self.vault = vault
        self.table = table([_("User"), _("Role"), _("State")], "usersTable")
        self.table.setAccessibleName(_("Users"))
        self.add_button = named(QPushButton(_("Add a user…")), "addUserButton")
        self.disable_button = named(QPushButton(_("Disable")), "disableUserButton")
        self.reset_button = named(QPushButton(_("Reset passphrase…")), "resetPassphraseButton")
        self.role_button = named(QPushButton(_("Change role")), "changeRoleButton")
        self.add_button.clicked.connect(self.add)
        self.role_button.clicked.connect(self.toggle_role_selected)
        self.disable_button.clicked.connect(self.disable_selected)
        self.reset_button.clicked.connect(self.reset_selected)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.disable_button, self.reset_button, self.role_button):
            buttons.addWidget(b)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.users = self.vault.users()
        self.table.setRowCount(len(self.users))
        for i, user in enumerate(self.users):
            role = _("supervisor") if user.role == SUPERVISOR else _("volunteer")
            state = _("disabled") if user.removed else _("active")
            for j, text in enumerate((user.name, role, state)):
                self.table.setItem(i, j, item(text))

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()].name if rows else None

    def add(self) -> None:
        AddUserDialog(self.vault, self).exec()
        self.refresh()

    def disable_selected(self) -> None:
        name = self.selected()
        if name is None:
            return
        try:
            self.vault.remove_user(name)
        except (VaultError, ValueError) as exc:
            QMessageBox.warning(self, _("Users"), str(exc))
        self.refresh()

    def toggle_role_selected(self) -> None:
        """Volunteer becomes supervisor and back, after a confirmation."""
        name = self.selected()
        if name is None:
            return
        user = next(u for u in self.users if u.name == name)
        new_role = VOLUNTEER if user.role == SUPERVISOR else SUPERVISOR
        question = (
            _("Make {user} a supervisor? Supervisors see every record and manage users.")
            if new_role == SUPERVISOR
            else _("Make {user} a volunteer?")
        ).format(user=name)
        answer = QMessageBox.question(self, _("Users"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.vault.set_role(name, new_role)
        except (VaultError, ValueError) as exc:
            QMessageBox.warning(self, _("Users"), str(exc))
        self.refresh()

    def reset_selected(self) -> None:
        name = self.selected()
        if name is not None:
            ResetPassphraseDialog(self.vault, name, self).exec()


class ResetPassphraseDialog(QDialog):
    """A supervisor confirms with their own passphrase, then sets the user's new one.

    The vault rewraps the user's key slot (``Vault.change_passphrase``).
    """

    def __init__(self, vault: Vault, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resetPassphraseDialog")
        self.setWindowTitle(_("Reset the passphrase of {user}").format(user=user))
        self.vault, self.user = vault, user
        self.supervisor = named(QLineEdit(), "supervisorPassphrase")
        self.supervisor.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase = PassphraseFields()
        self.error = named(QLabel(), "resetError")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.reset)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Your passphrase (supervisor)"), self.supervisor)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def reset(self) -> bool:
        confirm = self.supervisor.text()
        self.supervisor.clear()
        if not self.vault.check_passphrase(confirm):
            self.error.setText(_("Your passphrase is wrong."))
            return False
        secret = self.passphrase.value()
        if secret is None:
            self.error.setText(_("The two passphrases differ."))
            return False
        try:
            self.vault.change_passphrase(secret, self.user)
        except (VaultError, ValueError) as exc:
            self.error.setText(str(exc))
            return False
        self.passphrase.clear()
        self.accept()
        return True


class SettingsPage(QWidget):
    """The site settings the vault stores."""

    def __init__(self, vault: Vault) -> None:
        super().__init__()
        self.setObjectName("settingsPage")
        self.vault = vault
        current = vault.settings()
        self.clinic_name = named(QLineEdit(current.clinic_name), "clinicName")
        self.clinic_contact = named(QLineEdit(current.clinic_contact), "clinicContact")
        self.auto_lock = named(QSpinBox(), "autoLockMinutes")
        self.auto_lock.setRange(1, 240)
        self.auto_lock.setValue(current.auto_lock_minutes)
        self.retention = named(QSpinBox(), "retentionDays")
        self.retention.setRange(1, 3650)
        self.retention.setValue(current.retention_days)
        self.backup_folder = named(QLineEdit(current.backup_folder), "backupFolder")
        # Its form label sits beside a row, not the field, so it is no buddy.
        self.backup_folder.setAccessibleName(_("Backup folder"))
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.backup_folder)
        folder_row.addWidget(browse)
        self.save_button = named(QPushButton(_("Save settings")), "saveSettings")
        self.save_button.clicked.connect(self.save)
        self.message = named(QLabel(), "settingsMessage")
        form = QFormLayout(self)
        form.addRow(_("Clinic name (on referral sheets)"), self.clinic_name)
        form.addRow(_("Clinic contact (on referral sheets)"), self.clinic_contact)
        form.addRow(_("Lock after idle minutes"), self.auto_lock)
        form.addRow(_("Keep closed cases for days"), self.retention)
        form.addRow(_("Backup folder"), folder_row)
        form.addRow(self.save_button)
        from clinic_app.ui.supervisor.demo_data import DemoDataRow

        self.demo = DemoDataRow(vault)
        form.addRow(_("Demo clients (training vault only)"), self.demo)
        form.addRow(self.message)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Backup folder"))
        if folder:
            self.backup_folder.setText(folder)

    def save(self) -> bool:
        new = replace(
            self.vault.settings(),
            clinic_name=self.clinic_name.text().strip(),
            clinic_contact=self.clinic_contact.text().strip(),
            auto_lock_minutes=self.auto_lock.value(),
            retention_days=self.retention.value(),
            backup_folder=self.backup_folder.text().strip(),
        )
        try:
            self.vault.update_settings(new)
        except (VaultError, ValueError) as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(_("Settings saved."))
        return True

    def settings(self) -> SiteSettings:
        return self.vault.settings()


def describe(diff: RulesDiff) -> str:
    """The changes, country by country, as plain lines for the supervisor to read."""
    lines = [
        _("Rules as of {old} → {new}").format(
            old=diff.old_as_of.isoformat(), new=diff.new_as_of.isoformat()
        )
    ]
    for change in diff.daca:
        lines.append(f"DACA: {change.field}: {change.old} → {change.new}")
    kinds = {"added": _("added"), "removed": _("removed"), "changed": _("changed")}
    for country in diff.countries:
        lines.append(f"TPS {country.country} ({country.name}): {kinds[country.kind]}")
        for change in country.changes:
            lines.append(f"    {change.field}: {change.old} → {change.new}")
    if diff.empty:
        lines.append(_("No change to DACA or to any country."))
    return "\n".join(lines)


class RulesPage(QWidget):
    """Import a newer rules file after reading its changes; roll back."""

    def __init__(self, vault: Vault, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.setObjectName("rulesPage")
        self.vault = vault
        self.today = today
        self.folder = rules_folder(vault.path)
        self.candidate: Candidate | None = None
        self.state = named(QLabel(), "rulesState")
        self.state.setWordWrap(True)
        self.changes = named(QPlainTextEdit(), "rulesChanges")
        self.changes.setReadOnly(True)
        self.changes.setAccessibleName(_("Screening rules"))
        self.import_button = named(QPushButton(_("Import a rules file…")), "importRules")
        self.accept_button = named(QPushButton(_("Use these rules")), "acceptRules")
        self.rollback_button = named(QPushButton(_("Go back to the previous rules")), "rollBack")
        self.import_button.clicked.connect(self.choose_file)
        self.accept_button.clicked.connect(self.accept_candidate)
        self.rollback_button.clicked.connect(self.roll_back)
        buttons = QHBoxLayout()
        for b in (self.import_button, self.accept_button, self.rollback_button):
            buttons.addWidget(b)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        layout.addWidget(self.changes)
        self.refresh()

    def refresh(self) -> None:
        rules = active_rules(self.folder)
        text = _("Screening rules in force: as of {date}.").format(date=rules.as_of.isoformat())
        warning = stale_warning(rules, self.today())
        self.state.setText(text + ("\n" + warning if warning else ""))
        self.accept_button.setEnabled(self.candidate is not None)
        self.rollback_button.setEnabled((self.folder / "previous.json").is_file())

    def choose_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Import a rules file"), "", _("Rules files (*.json)")
        )
        if chosen:
            self.load(Path(chosen))

    def load(self, file: Path) -> bool:
        """Validates and shows the changes; nothing is in force until accepted."""
        self.candidate = None
        try:
            self.candidate = preview(self.folder, file)
        except (RulesError, RulesRefused) as exc:
            self.changes.setPlainText(str(exc))
            self.refresh()
            return False
        self.changes.setPlainText(describe(self.candidate.diff))
        self.refresh()
        return True

    def accept_candidate(self) -> None:
        if self.candidate is not None:
            accept(self.vault, self.candidate)
            self.candidate = None
            self.changes.clear()
        self.refresh()

    def roll_back(self) -> None:
        try:
            roll_back(self.vault)
        except RulesRefused as exc:
            self.changes.setPlainText(str(exc))
        self.refresh()


__all__ = ["RetentionPage", "RulesPage", "SettingsPage", "UsersPage", "describe"]
