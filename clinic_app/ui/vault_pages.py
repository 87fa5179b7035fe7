"""The vault screens: first-run set-up, sign-in (also the lock screen), damage dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clinic_app.i18n import _, ngettext
from clinic_app.storage import passphrase as policy
from clinic_app.storage.errors import (
    LockedOut,
    NotAVault,
    VaultError,
    VaultMissing,
    WrongPassphrase,
)
from clinic_app.ui.announce import announce, style_error, style_notice
from clinic_app.ui.background import Background, busy_bar

# No Qt-namespace enums (Qt.AlignmentFlag and friends) on the start-up path:
# their first use builds hundreds of Python enum classes. Center with layouts.


def _centered_row(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    return row


def _title(text: str = "") -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    label.setFont(font)
    return label


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    # Password mode also sets the input-method hints ImhHiddenText,
    # ImhSensitiveData and ImhNoPredictiveText: no input method learns it.
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


FORM_WIDTH = 560


def _centered_column(page: QWidget) -> QVBoxLayout:
    """A column of readable width, centered on ``page``; returns its layout."""
    column = QWidget()
    column.setMaximumWidth(FORM_WIDTH)
    outer = QHBoxLayout(page)
    outer.addStretch(1)
    outer.addWidget(column, 4)
    outer.addStretch(1)
    return QVBoxLayout(column)


def show_damage(parent: QWidget, error: VaultError) -> None:
    """The clear dialog for a vault that is damaged or not a Clinic Intake vault."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("The vault cannot be opened"))
    box.setText(str(error))
    box.setInformativeText(
        _(
            "Nothing was changed. Ask your supervisor or site IT to restore the "
            "latest backup (clinic-intake admin restore)."
        )
    )
    box.setObjectName("damageDialog")
    box.open()


class PassphraseFields(QWidget):
    """A new passphrase: two hidden fields, its strength, and a suggested one."""

    def __init__(self) -> None:
        super().__init__()
        self.secret = _secret_field("newPassphrase")
        self.repeat = _secret_field("repeatPassphrase")
        self.strength = QLabel()
        self.strength.setObjectName("strength")
        self.suggest = QPushButton()
        self.suggest.setObjectName("suggest")
        # Its own full-width row, wrapped: a suggested passphrase is never cut off.
        self.suggestion = QLabel()
        self.suggestion.setObjectName("suggestion")
        self.suggestion.setWordWrap(True)
        self.suggestion.hide()
        self._suggested = ""
        self._labels = [QLabel(), QLabel()]
        form = self.form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self._labels[0], self.secret)
        form.addRow(self._labels[1], self.repeat)
        # A label's buddy takes its text as accessible name, in every language.
        self._labels[0].setBuddy(self.secret)
        self._labels[1].setBuddy(self.repeat)
        form.addRow("", self.strength)
        row = QHBoxLayout()
        row.addWidget(self.suggest)
        row.addStretch(1)
        form.addRow("", row)
        form.addRow(self.suggestion)
        self.secret.textChanged.connect(self.show_strength)
        self.secret.textEdited.connect(self._typed_own)
        self.repeat.textEdited.connect(self._typed_own)
        self.suggest.clicked.connect(self.offer)
        self.retranslate()

    def retranslate(self) -> None:
        self._labels[0].setText(_("Passphrase"))
        self._labels[1].setText(_("Repeat the passphrase"))
        self.suggest.setText(_("Suggest a passphrase"))
        self.show_strength()

    def show_strength(self) -> None:
        """One line: the rule while empty or too short, else the strength alone."""
        text = self.secret.text()
        rule = _("At least {chars} characters or {words} words.").format(
            chars=policy.MIN_CHARS, words=policy.MIN_WORDS
        )
        if not text:
            self.strength.setText(rule)
        elif not policy.meets_policy(text):
            self.strength.setText(
                _(
                    "Strength: {label}. Too short: at least {chars} characters or {words} words."
                ).format(
                    label=policy.estimate(text).label,
                    chars=policy.MIN_CHARS,
                    words=policy.MIN_WORDS,
                )
            )
        else:
            self.strength.setText(_("Strength: {label}").format(label=policy.estimate(text).label))

    def _typed_own(self) -> None:
        """The user types their own passphrase: the suggestion no longer applies."""
        if self._suggested and self.secret.text() != self._suggested:
            self._suggested = ""
            self.suggestion.clear()
            self.suggestion.hide()

    def offer(self) -> None:
        """Shows a generated word passphrase and fills both fields with it."""
        from PySide6.QtCore import Qt  # the Qt namespace is slow to load: not at start-up

        words = policy.generate()
        self.suggestion.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.suggestion.setText(
            _("Suggested passphrase (write it down somewhere safe): {words}").format(words=words)
        )
        self.suggestion.setAccessibleName(self.suggestion.text())
        self.suggestion.show()
        self._suggested = words
        self.secret.setText(words)
        self.repeat.setText(words)

    def value(self) -> str | None:
        """The passphrase, or None when the two fields differ."""
        return self.secret.text() if self.secret.text() == self.repeat.text() else None

    def clear(self) -> None:
        self.secret.clear()
        self.repeat.clear()
        self._suggested = ""
        self.suggestion.clear()
        self.suggestion.hide()


class FirstRunPage(QWidget):
    """Shown when no vault exists: creates the vault and its first supervisor."""

    created = Signal(object)  # the open Vault

    def __init__(self, vault_path: Path | None = None) -> None:
        super().__init__()
        self.vault_path = vault_path
        self.title = _title()
        self.title.setObjectName("firstRunTitle")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.user = QLineEdit()
        self.user.setObjectName("firstRunUser")
        self.fields = PassphraseFields()
        # Short names for the parts, used by tests and the screenshots.
        self.secret = self.fields.secret
        self.repeat = self.fields.repeat
        self.strength = self.fields.strength
        self.suggest = self.fields.suggest
        self.suggestion = self.fields.suggestion
        self.error = QLabel()
        self.error.setObjectName("firstRunError")
        style_error(self.error)
        self.error.hide()
        self.create_button = QPushButton()
        self.create_button.setObjectName("create")
        self.create_button.setDefault(True)
        self.busy = busy_bar("creatingVault")
        self.busy_text = QLabel()
        self.busy_text.setObjectName("creatingVaultText")
        self.busy_text.hide()
        self.work = Background(self)
        self._user_label = QLabel()
        # The name joins the passphrase form, so all labels line up in one column.
        self.fields.form.insertRow(0, self._user_label, self.user)
        self._user_label.setBuddy(self.user)
        layout = _centered_column(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(self.fields)
        layout.addWidget(self.error)
        layout.addLayout(_centered_row(self.create_button))
        layout.addWidget(self.busy_text)
        layout.addWidget(self.busy)
        layout.addStretch(2)
        self.create_button.clicked.connect(self.create_vault)
        # Enter in any field creates the vault, as the default button suggests.
        for field in (self.user, self.secret, self.repeat):
            field.returnPressed.connect(self.create_vault)
            field.textEdited.connect(self._clear_error)
        self.retranslate()

    def _clear_error(self) -> None:
        announce(self.error, "")

    def retranslate(self) -> None:
        self.title.setText(_("Welcome to Clinic Intake"))
        self.body.setText(
            _(
                "No vault was found on this computer. A supervisor sets up the "
                "encrypted vault once; after that, each volunteer signs in with "
                "their own passphrase."
            )
        )
        self._user_label.setText(_("Supervisor's name"))
        self.create_button.setText(_("Create the vault"))
        self.fields.retranslate()

    def create_vault(self) -> None:
        """Creates the vault on a worker thread (key derivation takes seconds)."""
        if self.work.busy:
            return
        secret = self.fields.value()
        if secret is None:
            announce(self.error, _("The two passphrases differ."))
            self.repeat.setFocus()
            return
        if self.vault_path is None:
            return
        from clinic_app.storage.vault import Vault  # SQLCipher and crypto load on first use

        path, user = self.vault_path, self.user.text()
        self._set_busy(True)
        self.work.start(lambda: Vault.create(path, user, secret), self._created, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)
        self.busy.setVisible(busy)
        announce(self.busy_text, _("Creating the encrypted vault…") if busy else "")
        for field in (self.user, self.secret, self.repeat, self.suggest):
            field.setEnabled(not busy)

    def _created(self, vault: object) -> None:
        self._set_busy(False)
        announce(self.error, "")
        self.fields.clear()
        self.created.emit(vault)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(exc, VaultError | ValueError):
            raise exc
        announce(self.error, str(exc))
        self.secret.setFocus()


class LoginPage(QWidget):
    """Sign-in, and the lock screen (then the user is fixed while work is kept)."""

    unlocked = Signal(object)  # the open Vault
    switch_user = Signal()

    def __init__(self, vault_path: Path | None = None) -> None:
        super().__init__()
        self.vault_path = vault_path
        self.title = _title()
        self.title.setObjectName("loginTitle")
        self.user = QLineEdit()
        self.user.setObjectName("loginUser")
        self.secret = _secret_field("loginPassphrase")
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.busy = busy_bar("unlocking")
        self.work = Background(self)
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self._tick)
        self._wait_s = 0
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton()
        self.switch_button.setObjectName("switchUser")
        self.switch_button.hide()
        self._labels = [QLabel(), QLabel()]
        form = QFormLayout()
        form.addRow(self._labels[0], self.user)
        form.addRow(self._labels[1], self.secret)
        self._labels[0].setBuddy(self.user)
        self._labels[1].setBuddy(self.secret)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.switch_button)
        buttons.addWidget(self.unlock_button)
        layout = _centered_column(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(self.busy)
        layout.addStretch(2)
        self.locked_user: str | None = None
        self.unlock_button.clicked.connect(self.try_unlock)
        self.secret.returnPressed.connect(self.try_unlock)
        self.user.returnPressed.connect(self.secret.setFocus)
        self.switch_button.clicked.connect(self.switch_user.emit)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Locked") if self.locked_user else _("Sign in"))
        self._labels[0].setText(_("User name"))
        self._labels[1].setText(_("Passphrase"))
        self.unlock_button.setText(_("Unlock") if self.locked_user else _("Sign in"))
        self.switch_button.setText(_("Sign out"))
        if getattr(self, "_lock_note", False):
            self.show_message(_("The vault was locked. Your unsaved work is kept."))
            self._lock_note = True

    def show_locked(self, user: str) -> None:
        """The lock screen: only ``user`` can resume the kept work."""
        self.locked_user = user
        self.user.setText(user)
        self.user.setReadOnly(True)
        self.switch_button.show()
        self.secret.clear()
        self.show_message(_("The vault was locked. Your unsaved work is kept."))
        self._lock_note = True  # re-said in a new language
        self.retranslate()
        self.secret.setFocus()

    def show_sign_in(self) -> None:
        self.locked_user = None
        self.user.setReadOnly(False)
        self.user.clear()
        self.secret.clear()
        self.show_message("")
        self.switch_button.hide()
        self.retranslate()
        self.user.setFocus()

    def show_message(self, text: str, error: bool = False) -> None:
        """Errors in the error style, announced; other news in the notice style."""
        (style_error if error else style_notice)(self.message)
        announce(self.message, text)
        self._lock_note = False

    def try_unlock(self) -> None:
        """Unlocks on a worker thread (key derivation takes about a second)."""
        if self.vault_path is None or self.work.busy or self._wait_s > 0:
            return
        from clinic_app.storage.vault import Vault  # SQLCipher and crypto load on first use

        path, user, secret = self.vault_path, self.user.text(), self.secret.text()
        self.secret.clear()
        self._set_busy(True)
        self.work.start(lambda: Vault.open(path, user, secret), self._opened, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.unlock_button.setEnabled(not busy and self._wait_s == 0)
        self.secret.setEnabled(not busy)

    def _opened(self, vault: object) -> None:
        self._set_busy(False)
        self.show_message("")
        self.unlocked.emit(vault)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.secret.setFocus()
        if isinstance(exc, LockedOut):
            self._wait_s = max(1, int(exc.retry_after + 0.999))
            self.unlock_button.setEnabled(False)
            self._show_wait()
            self.countdown.start()
        elif isinstance(exc, NotAVault | VaultMissing):
            self.show_message(str(exc), error=True)
            show_damage(self, exc)
        elif isinstance(exc, WrongPassphrase | VaultError | ValueError):
            self.show_message(str(exc), error=True)
        elif isinstance(exc, Exception):  # e.g. the vault is read-only or busy in another program
            self.show_message(
                _("The vault could not be opened ({kind}).").format(kind=type(exc).__name__),
                error=True,
            )
        else:
            raise exc

    def _show_wait(self) -> None:
        self.show_message(
            ngettext(
                "Too many failed attempts. Try again in {n} second.",
                "Too many failed attempts. Try again in {n} seconds.",
                self._wait_s,
            ).format(n=self._wait_s),
            error=True,
        )

    def _tick(self) -> None:
        """The lock-out countdown, one second at a time; then sign-in is allowed."""
        self._wait_s = max(0, self._wait_s - 1)
        if self._wait_s:
            self._show_wait()
            return
        self.countdown.stop()
        self.unlock_button.setEnabled(True)
        self.show_message(_("You can try again now."))
