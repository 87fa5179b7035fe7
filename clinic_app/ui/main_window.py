"""The main window: one stack of screens (first run, sign-in/lock, work).

The window owns the vault session. Locking (Ctrl+L, the toolbar button or
idle time) closes the vault and wipes its key, and shows the lock screen: no
client data stays on screen, while the work widgets are kept, hidden, so
unsaved work survives for the same user.
"""

from __future__ import annotations

import contextlib
import logging
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from clinic_app import APP_NAME
from clinic_app.i18n import _
from clinic_app.storage.errors import VaultError
from clinic_app.storage.paths import default_vault_path
from clinic_app.storage.vault import Vault, vault_exists
from clinic_app.ui.session import Clock, IdleLock
from clinic_app.ui.vault_pages import FirstRunPage, LoginPage
from clinic_app.ui.vault_users import AddUserDialog

log = logging.getLogger(__name__)


class WorkPage(QWidget):
    """The signed-in area; later issues put their screens into ``area``."""

    def __init__(self) -> None:
        super().__init__()
        self.signed_in = QLabel()
        self.signed_in.setObjectName("signedIn")
        self.area = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.signed_in)
        layout.addLayout(self.area)
        layout.addStretch(1)

    def discard_work(self) -> None:
        """Drops every work widget (on sign-out, when another user signs in)."""
        while self.area.count():
            item = self.area.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()


class MainWindow(QMainWindow):
    vault_opened = Signal()
    vault_locked = Signal()

    def __init__(self, vault_path: str | Path | None = None, clock: Clock = time.monotonic) -> None:
        super().__init__()
        self.vault_path = Path(vault_path) if vault_path else default_vault_path()
        self.vault: Vault | None = None
        self.setWindowTitle(APP_NAME)
        self.resize(1200, 760)
        self.setMinimumSize(800, 560)
        self.stack = QStackedWidget()
        self.first_run = FirstRunPage(self.vault_path)
        self.login = LoginPage(self.vault_path)
        self.work = WorkPage()
        for page in (self.first_run, self.login, self.work):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.lock_action = QAction(self)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.toolbar.addAction(self.lock_action)
        self.add_user_action = QAction(self)
        self.add_user_action.setObjectName("addUserAction")
        self.add_user_action.triggered.connect(self.open_add_user)
        self.toolbar.addAction(self.add_user_action)
        self.addToolBar(self.toolbar)
        self.addAction(self.lock_action)  # the shortcut works with the toolbar hidden too

        self.idle = IdleLock(timeout_s=5 * 60, clock=clock, parent=self)
        self.idle.idle.connect(self.lock)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)

        self.first_run.created.connect(self._on_unlocked)
        self.login.unlocked.connect(self._on_unlocked)
        self.login.switch_user.connect(self.sign_out)
        self.retranslate()
        self._show_start()

    def retranslate(self) -> None:
        self.lock_action.setText(_("Lock"))
        self.lock_action.setToolTip(_("Lock the vault (Ctrl+L)"))
        self.add_user_action.setText(_("Add a user…"))

    def _show_start(self) -> None:
        self.toolbar.hide()
        self.lock_action.setEnabled(False)
        if vault_exists(self.vault_path):
            self.login.show_sign_in()
            self.stack.setCurrentWidget(self.login)
        else:
            self.stack.setCurrentWidget(self.first_run)

    def _on_unlocked(self, vault: Vault) -> None:
        self.vault = vault
        self.work.signed_in.setText(
            _("Signed in as {user} ({role})").format(
                user=vault.user,
                role=_("supervisor") if vault.role == "supervisor" else _("volunteer"),
            )
        )
        self.idle.timeout_s = vault.settings().auto_lock_minutes * 60
        self.idle.start()
        self.toolbar.show()
        self.lock_action.setEnabled(True)
        self.add_user_action.setVisible(vault.role == "supervisor")
        self.stack.setCurrentWidget(self.work)
        self.vault_opened.emit()

    def open_add_user(self) -> AddUserDialog | None:
        """The supervisor's dialog to add a user (non-modal, so idle lock still works)."""
        if self.vault is None or self.vault.role != "supervisor":
            return None
        dialog = AddUserDialog(self.vault, self)
        self.vault_locked.connect(dialog.reject)
        dialog.open()
        return dialog

    def lock(self) -> None:
        """Closes the vault (key wiped) and shows the lock screen; work is kept."""
        vault, self.vault = self.vault, None
        if vault is None:
            return
        self.idle.stop()
        user = vault.user
        vault.lock()
        self.toolbar.hide()
        self.lock_action.setEnabled(False)
        self.login.show_locked(user)
        self.stack.setCurrentWidget(self.login)
        self.vault_locked.emit()

    def sign_out(self) -> None:
        """From the lock screen: discard the kept work and sign in afresh."""
        self.work.discard_work()
        self.work.signed_in.clear()
        self.login.show_sign_in()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_vault()
        super().closeEvent(event)

    def close_vault(self) -> None:
        """On quit: the automatic backup (if the site chose a folder), then close."""
        vault, self.vault = self.vault, None
        if vault is None:
            return
        self.idle.stop()
        try:
            folder = vault.settings().backup_folder
            if folder:
                from clinic_app.storage.backup import auto_backup

                auto_backup(vault, Path(folder))
        except (VaultError, OSError):
            log.error("automatic backup on close failed")
        finally:
            with contextlib.suppress(VaultError):
                vault.lock()
