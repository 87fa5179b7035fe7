"""Supervisor's dialog to add a user: name, role, passphrase (strength, suggestion)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clinic_app.i18n import _
from clinic_app.storage.errors import VaultError
from clinic_app.storage.vault import SUPERVISOR, VOLUNTEER, Vault
from clinic_app.ui.announce import announce, style_error
from clinic_app.ui.vault_pages import PassphraseFields


class AddUserDialog(QDialog):
    """Adds a volunteer or supervisor with their own key slot."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.setObjectName("addUserDialog")
        self.setWindowTitle(_("Add a user"))
        self.user = QLineEdit()
        self.user.setObjectName("newUserName")
        self.role = QComboBox()
        self.role.setObjectName("newUserRole")
        self.role.addItem(_("volunteer"), VOLUNTEER)
        self.role.addItem(_("supervisor"), SUPERVISOR)
        self.passphrase = PassphraseFields()
        self.error = QLabel()
        self.error.setObjectName("addUserError")
        style_error(self.error)
        self.error.hide()
        self.added: tuple[str, str] | None = None  # (name, role) once added
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.add)
        self.buttons.rejected.connect(self.reject)
        # One form, so every label lines up in one column.
        self.passphrase.form.insertRow(0, _("User name"), self.user)
        self.passphrase.form.insertRow(1, _("Role"), self.role)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        layout = QVBoxLayout(self)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def add(self) -> None:
        secret = self.passphrase.value()
        if secret is None:
            announce(self.error, _("The two passphrases differ."))
            return
        try:
            self.vault.add_user(self.user.text(), str(self.role.currentData()), secret)
        except (VaultError, ValueError) as exc:
            announce(self.error, str(exc))
            return
        self.added = (self.user.text().strip(), self.role.currentText())
        self.passphrase.clear()
        self.accept()


class ChangePassphraseDialog(QDialog):
    """The signed-in user changes their own passphrase (asked for the current one)."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.setObjectName("changePassphraseDialog")
        self.setWindowTitle(_("Change your passphrase"))
        self.current = QLineEdit()
        self.current.setObjectName("currentPassphrase")
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase = PassphraseFields()
        self.error = QLabel()
        self.error.setObjectName("changePassphraseError")
        style_error(self.error)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        self.passphrase.form.insertRow(0, _("Current passphrase"), self.current)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        layout = QVBoxLayout(self)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def change(self) -> None:
        # Someone at an unlocked, unattended screen must not be able to take it over.
        current = self.current.text()
        self.current.clear()
        if not self.vault.check_passphrase(current):
            announce(self.error, _("The current passphrase is wrong."))
            return
        secret = self.passphrase.value()
        if secret is None:
            announce(self.error, _("The two passphrases differ."))
            return
        try:
            self.vault.change_passphrase(secret)
        except (VaultError, ValueError) as exc:
            announce(self.error, str(exc))
            return
        self.passphrase.clear()
        self.accept()
