"""The main window: one stack of screens (first run, sign-in/lock, work).

The window owns the vault session. Locking (Ctrl+L, the toolbar button or
idle time) closes the vault and wipes its key, and shows the lock screen: no
client data stays on screen, while the work widgets are kept, hidden, so
unsaved work survives for the same user.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from clinic_app import APP_NAME
from clinic_app.i18n import _
from clinic_app.storage.errors import VaultError
from clinic_app.storage.paths import default_vault_path, vault_exists
from clinic_app.ui.announce import announce, style_notice
from clinic_app.ui.background import Background, busy_bar
from clinic_app.ui.vault_pages import FirstRunPage, LoginPage

if TYPE_CHECKING:  # these load on first use, not at start-up
    from PySide6.QtGui import QAction, QCloseEvent

    from clinic_app.storage.vault import Vault
    from clinic_app.ui.session import Clock, IdleLock
    from clinic_app.ui.vault_users import AddUserDialog, ChangePassphraseDialog
    from clinic_app.ui.work_area import WorkArea

log = logging.getLogger(__name__)


class WorkPage(QWidget):
    """The signed-in area; later issues put their screens into ``area``."""

    def __init__(self) -> None:
        super().__init__()
        self.signed_in = QLabel()
        self.signed_in.setObjectName("signedIn")
        self.warning = QLabel()
        self.warning.setObjectName("workWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        # Confirmations (a user was added), shown and announced.
        self.notice = QLabel()
        self.notice.setObjectName("workNotice")
        style_notice(self.notice)
        self.notice.hide()
        self.area = QVBoxLayout()
        self.busy = busy_bar("closingBusy")  # the backup on close runs off the GUI thread
        layout = QVBoxLayout(self)
        layout.addWidget(self.busy)
        layout.addWidget(self.signed_in)
        layout.addWidget(self.warning)
        layout.addWidget(self.notice)
        layout.addLayout(self.area, 1)

    def discard_work(self) -> None:
        """Drops every work widget (on sign-out, when another user signs in)."""
        while self.area.count():
            item = self.area.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()


class MainWindow(QMainWindow):
    """Start-up builds only the screen it shows first (first run or sign-in);
    the rest is built when first needed, to keep start-up lean."""

    vault_opened = Signal()
    vault_locked = Signal()

    def __init__(self, vault_path: str | Path | None = None, clock: Clock | None = None) -> None:
        super().__init__()
        self.vault_path = Path(vault_path) if vault_path else default_vault_path()
        self.vault: Vault | None = None
        self._clock = clock
        self._first_run: FirstRunPage | None = None
        self._login: LoginPage | None = None
        self._work: WorkPage | None = None
        self._session: _SessionControls | None = None
        self._work_area: WorkArea | None = None
        self._supervisor_window: QMainWindow | None = None
        self._directory: QDialog | None = None
        self.backup_job = Background(self)
        self.setWindowTitle(APP_NAME)
        self.resize(1200, 760)
        self.setMinimumSize(800, 560)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self._show_start()

    # --- screens, built on first use ------------------------------------

    @property
    def first_run(self) -> FirstRunPage:
        if self._first_run is None:
            self._first_run = FirstRunPage(self.vault_path)
            self._first_run.created.connect(self._on_unlocked)
            self.stack.addWidget(self._first_run)
        return self._first_run

    @property
    def login(self) -> LoginPage:
        if self._login is None:
            self._login = LoginPage(self.vault_path)
            self._login.unlocked.connect(self._on_unlocked)
            self._login.switch_user.connect(self.sign_out)
            self.stack.addWidget(self._login)
        return self._login

    @property
    def work(self) -> WorkPage:
        if self._work is None:
            self._work = WorkPage()
            self.stack.addWidget(self._work)
        return self._work

    @property
    def work_area(self) -> WorkArea:
        """New intake, the records list and a record (issue 5); built after sign-in."""
        if self._work_area is None:
            from clinic_app.ui.work_area import WorkArea

            self._work_area = WorkArea()
            self.work.area.addWidget(self._work_area)
        return self._work_area

    @property
    def session(self) -> _SessionControls:
        """Toolbar, lock action (Ctrl+L) and idle lock: needed once signed in."""
        if self._session is None:
            self._session = _SessionControls(self, self._clock)
        return self._session

    @property
    def toolbar(self) -> QToolBar:
        return self.session.toolbar

    @property
    def lock_action(self) -> QAction:
        return self.session.lock_action

    @property
    def add_user_action(self) -> QAction:
        return self.session.add_user_action

    @property
    def idle(self) -> IdleLock:
        return self.session.idle

    def retranslate(self) -> None:
        if self.vault is not None:
            self._show_signed_in(self.vault)
            self._show_backup_warning(self.vault)
        if self._first_run is not None:
            self._first_run.retranslate()
        if self._login is not None:
            self._login.retranslate()
        if self._session is not None:
            self._session.retranslate()
        if self._work_area is not None:
            self._work_area.retranslate()

    def _show_start(self) -> None:
        if vault_exists(self.vault_path):
            self.login.show_sign_in()
            self.stack.setCurrentWidget(self.login)
        else:
            self.stack.setCurrentWidget(self.first_run)

    def _on_unlocked(self, vault: Vault) -> None:
        self.vault = vault
        self._show_signed_in(vault)
        self._show_backup_warning(vault)
        self.work_area.attach(vault)
        session = self.session
        session.idle.timeout_s = vault.settings().auto_lock_minutes * 60
        session.idle.start()
        session.set_unlocked(True, supervisor=vault.role == "supervisor")
        self.stack.setCurrentWidget(self.work)
        self.vault_opened.emit()

    def _show_signed_in(self, vault: Vault) -> None:
        from clinic_app.ui.direction import user_text

        self.work.signed_in.setText(
            _("Signed in as {user} ({role})").format(
                user=user_text(vault.user),
                role=_("supervisor") if vault.role == "supervisor" else _("volunteer"),
            )
        )

    def _show_backup_warning(self, vault: Vault) -> None:
        from clinic_app.storage.backup import auto_backup_failed_at

        failed = auto_backup_failed_at(vault) if vault.settings().backup_folder else None
        self.work.warning.setVisible(failed is not None)
        if failed is not None:
            self.work.warning.setText(
                _(
                    "The automatic backup failed when the app was last closed. Check "
                    "that the backup folder is reachable, or tell your supervisor."
                )
            )

    def open_add_user(self) -> AddUserDialog | None:
        """The supervisor's dialog to add a user (non-modal, so idle lock still works)."""
        if self.vault is None or self.vault.role != "supervisor":
            return None
        from clinic_app.ui.vault_users import AddUserDialog

        dialog = AddUserDialog(self.vault, self)
        self.vault_locked.connect(dialog.reject)
        dialog.accepted.connect(lambda: self._confirm_added(dialog))
        dialog.open()
        return dialog

    def _confirm_added(self, dialog: AddUserDialog) -> None:
        if dialog.added is None:
            return
        name, role = dialog.added
        announce(
            self.work.notice,
            _("{user} was added as a {role} and can sign in now with their passphrase.").format(
                user=name, role=role
            ),
        )

    def open_change_passphrase(self) -> ChangePassphraseDialog | None:
        """The signed-in user's dialog to change their own passphrase."""
        if self.vault is None:
            return None
        from clinic_app.ui.vault_users import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self.vault, self)
        self.vault_locked.connect(dialog.reject)
        dialog.open()
        return dialog

    def open_supervisor_workspace(self) -> QMainWindow | None:
        """The supervisor's workspace in its own window (supervisors only)."""
        if self.vault is None or self.vault.role != "supervisor":
            return None
        if self._supervisor_window is None:
            from clinic_app.ui.supervisor.workspace import SupervisorWorkspace

            window = QMainWindow(self)
            window.setObjectName("supervisorWindow")
            window.setWindowTitle(_("Supervisor workspace"))
            body = QWidget()
            column = QVBoxLayout(body)
            column.setContentsMargins(0, 0, 0, 0)
            if self.work_area.training.isVisibleTo(self.work_area):
                banner = QLabel(self.work_area.training.text())
                banner.setObjectName("trainingBanner")
                banner.setWordWrap(True)
                banner.setPalette(self.work_area.training.palette())
                banner.setAutoFillBackground(True)
                banner.setContentsMargins(6, 3, 6, 3)
                column.addWidget(banner)
            column.addWidget(SupervisorWorkspace(self.vault), 1)
            window.setCentralWidget(body)
            window.resize(1200, 760)
            self._supervisor_window = window
        self._supervisor_window.show()
        self._supervisor_window.raise_()
        return self._supervisor_window

    def close_supervisor_workspace(self) -> None:
        """Closes the windows that read the vault: done before it locks or closes."""
        for window in (self._supervisor_window, self._directory):
            if window is not None:
                window.close()
                window.deleteLater()
        self._supervisor_window = self._directory = None

    def open_provider_directory(self) -> QDialog | None:
        """The provider directory (non-modal, so idle lock still works): supervisors
        edit it, volunteers read it."""
        if self.vault is None:
            return None
        if self._directory is None:
            from clinic_app.ui.provider_directory import ProviderDirectory, vault_store

            self._directory = ProviderDirectory(vault_store(self.vault), self)
        self._directory.show()
        self._directory.raise_()
        return self._directory

    def lock(self) -> None:
        """Closes the vault (key wiped) and shows the lock screen; work is kept."""
        vault, self.vault = self.vault, None
        if vault is None:
            return
        self.idle.stop()
        self.close_supervisor_workspace()  # it shows client data: never while locked
        if self._work_area is not None:
            self._work_area.save_draft_now()  # while the vault is still open
            self._work_area.detach()
        user = vault.user
        self.work.notice.hide()
        vault.lock()
        self.session.set_unlocked(False)
        self.login.show_locked(user)
        self.stack.setCurrentWidget(self.login)
        self.vault_locked.emit()

    def sign_out(self) -> None:
        """From the lock screen: discard the kept work (asking first) and sign in afresh."""
        if self._work_area is not None and not self._work_area.discard_unsaved():
            return
        self._work_area = None
        self.work.discard_work()
        self.work.signed_in.clear()
        self.login.show_sign_in()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.backup_job.busy:
            event.ignore()  # the backup on close is running; it closes the window when done
            return
        if self._work_area is not None and not self._work_area.discard_unsaved():
            event.ignore()  # the volunteer kept the unsaved intake
            return
        from clinic_app.ui.clipboard import guard

        guard().clear()
        if self._start_backup_on_close():
            event.ignore()
            return
        self.close_vault()
        super().closeEvent(event)

    def _start_backup_on_close(self) -> bool:
        """The automatic backup off the GUI thread, a busy bar meanwhile; True if started.

        Nothing on the GUI thread touches the vault while it runs: the window
        has already let go of it (idle lock stopped, work detached)."""
        vault = self.vault
        if vault is None:
            return False
        try:
            folder = vault.settings().backup_folder
        except VaultError:
            folder = ""
        if not folder:
            return False
        self.vault = None
        if self._session is not None:
            self._session.idle.stop()
            self._session.toolbar.setEnabled(False)
        self.close_supervisor_workspace()
        if self._work_area is not None:
            self._work_area.detach()
        work = self.work
        announce(work.notice, _("Backing up the vault before closing…"))
        work.busy.show()
        for i in range(work.area.count()):
            item = work.area.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setEnabled(False)
        from clinic_app.storage.backup import auto_backup

        def finish(_result: object = None) -> None:
            with contextlib.suppress(VaultError):
                vault.lock()
            work.busy.hide()
            self.close()

        def failed(_error: BaseException) -> None:
            # Remembered in the vault; the next sign-in shows a warning.
            log.error("automatic backup on close failed")
            finish()

        return self.backup_job.start(lambda: auto_backup(vault, Path(folder)), finish, failed)

    def close_vault(self) -> None:
        """On quit: the automatic backup (if the site chose a folder), then close."""
        vault, self.vault = self.vault, None
        if vault is None:
            return
        if self._session is not None:
            self._session.idle.stop()
        self.close_supervisor_workspace()
        try:
            folder = vault.settings().backup_folder
            if folder:
                from clinic_app.storage.backup import auto_backup

                auto_backup(vault, Path(folder))
        except (VaultError, OSError, ValueError):
            # Remembered in the vault; the next sign-in shows a warning.
            log.error("automatic backup on close failed")
        finally:
            with contextlib.suppress(VaultError):
                vault.lock()


class _SessionControls:
    """What a signed-in window adds: the toolbar, its actions and the idle lock."""

    def __init__(self, window: MainWindow, clock: Clock | None) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        from clinic_app.ui.session import IdleLock

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.lock_action = QAction(window)
        self.lock_action.setObjectName("lockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(window.lock)
        self.toolbar.addAction(self.lock_action)
        self.add_user_action = QAction(window)
        self.add_user_action.setObjectName("addUserAction")
        self.add_user_action.triggered.connect(window.open_add_user)
        self.toolbar.addAction(self.add_user_action)
        self.change_passphrase_action = QAction(window)
        self.change_passphrase_action.setObjectName("changePassphraseAction")
        self.change_passphrase_action.triggered.connect(window.open_change_passphrase)
        self.toolbar.addAction(self.change_passphrase_action)
        self.toolbar.addSeparator()
        self.workspace_action = QAction(window)
        self.workspace_action.setObjectName("supervisorWorkspaceAction")
        self.workspace_action.triggered.connect(window.open_supervisor_workspace)
        self.toolbar.addAction(self.workspace_action)
        self.directory_action = QAction(window)
        self.directory_action.setObjectName("providerDirectoryAction")
        self.directory_action.triggered.connect(window.open_provider_directory)
        self.toolbar.addAction(self.directory_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        from clinic_app.ui.language_picker import LanguagePicker

        self.language_picker = LanguagePicker()
        self.language_picker.language_chosen.connect(lambda _code: window.retranslate())
        self.toolbar.addWidget(self.language_picker)
        window.addToolBar(self.toolbar)
        window.addAction(self.lock_action)  # the shortcut works with the toolbar hidden too
        self.idle = (
            IdleLock(timeout_s=5 * 60, clock=clock, parent=window)
            if clock is not None
            else IdleLock(timeout_s=5 * 60, parent=window)
        )
        self.idle.idle.connect(window.lock)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.retranslate()

    def retranslate(self) -> None:
        self.lock_action.setText(_("Lock"))
        self.lock_action.setToolTip(_("Lock the vault (Ctrl+L)"))
        self.add_user_action.setText(_("Add a user…"))
        self.change_passphrase_action.setText(_("Change passphrase…"))
        self.workspace_action.setText(_("Supervisor workspace"))
        self.workspace_action.setToolTip(
            _("Review queue, due dates, reports, retention, users and rules")
        )
        self.directory_action.setText(_("Provider directory"))
        self.language_picker.retranslate()

    def set_unlocked(self, unlocked: bool, supervisor: bool = False) -> None:
        self.toolbar.setVisible(unlocked)
        self.lock_action.setEnabled(unlocked)
        self.add_user_action.setVisible(unlocked and supervisor)
        self.change_passphrase_action.setVisible(unlocked)
        self.workspace_action.setVisible(unlocked and supervisor)
        self.directory_action.setVisible(unlocked)
