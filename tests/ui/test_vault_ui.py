"""First-run, sign-in, lock and idle lock, on real widgets and real vault files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from clinic_app.storage import passphrase
from clinic_app.storage.vault import VOLUNTEER, Vault
from clinic_app.ui.main_window import MainWindow
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE

MARKER = "Client Marker Quispe"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _window(qtbot: QtBot, path: Path, clock: FakeClock | None = None) -> MainWindow:
    window = MainWindow(vault_path=path, clock=clock or FakeClock())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _made(path: Path) -> None:
    with Vault.create(path, "sam", PASSPHRASE) as v:
        v.add_user("vic", VOLUNTEER, OTHER_PASSPHRASE)


def _sign_in(qtbot: QtBot, window: MainWindow, user: str, secret: str) -> None:
    if not window.login.user.isReadOnly():
        window.login.user.setText(user)
    qtbot.keyClicks(window.login.secret, secret)
    qtbot.mouseClick(window.login.unlock_button, Qt.MouseButton.LeftButton)
    # Unlocking runs off the GUI thread: wait for its answer.
    qtbot.waitUntil(lambda: not window.login.work.busy, timeout=10_000)


def _visible_text(window: QWidget) -> str:
    parts = []
    for w in window.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QLabel | QLineEdit):
            parts.append(w.text())
    return "\n".join(parts)


def test_first_run_creates_the_vault_and_its_supervisor(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "v" / "clinic.vault"
    window = _window(qtbot, path)
    page = window.first_run
    assert window.stack.currentWidget() is page
    page.user.setText("sam")
    qtbot.keyClicks(page.secret, "short")
    assert "weak" in page.strength.text()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert "differ" in page.error.text()
    page.repeat.setText("short")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.work.busy, timeout=10_000)
    assert "12 characters" in page.error.text()
    assert page.error.isVisible()
    assert page.error.palette().color(page.error.foregroundRole()).name() == "#b00020"
    assert not path.exists()
    # Typing again clears the old error: no stale "12 characters" beside the strength.
    qtbot.keyClicks(page.secret, " and more words here")
    assert not page.error.isVisible()
    assert "12 characters" not in page.strength.text()
    qtbot.mouseClick(page.suggest, Qt.MouseButton.LeftButton)
    assert page.suggestion.isVisible() and page.suggestion.wordWrap()
    words = page.suggestion.text().split(": ", 1)[1].split()
    assert len(words) == passphrase.GENERATED_WORDS
    assert set(words) <= set(passphrase.wordlist())
    assert "strong" in page.strength.text()
    suggested = page.secret.text()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.busy.isVisible() and not page.create_button.isEnabled()  # off the GUI thread
    qtbot.waitUntil(lambda: window.vault is not None, timeout=10_000)
    assert window.stack.currentWidget() is window.work
    assert window.vault is not None and window.vault.role == "supervisor"
    assert page.secret.text() == "" and page.suggestion.text() == ""
    window.close_vault()
    Vault.open(path, "sam", suggested).close()


def test_sign_in_wrong_then_right(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    window = _window(qtbot, path)
    assert window.stack.currentWidget() is window.login
    _sign_in(qtbot, window, "vic", "wrong passphrase here")
    assert window.login.message.text() == "The user name or passphrase is wrong."
    assert window.login.secret.text() == ""
    _sign_in(qtbot, window, "vic", OTHER_PASSPHRASE)
    assert window.stack.currentWidget() is window.work
    assert "vic" in window.work.signed_in.text()
    window.close_vault()


def test_a_plain_sqlite_file_gets_the_damage_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    path.unlink()
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = path.read_bytes()
    window = _window(qtbot, path)
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    dialogs = [d for d in window.findChildren(QMessageBox) if d.objectName() == "damageDialog"]
    assert dialogs and dialogs[0].isVisible()
    assert "unencrypted" in dialogs[0].text()
    assert window.vault is None
    assert path.read_bytes() == before
    dialogs[0].close()


def _lock_and_check(qtbot: QtBot, window: MainWindow, how: str) -> None:
    vault = window.vault
    assert vault is not None
    key = vault.db_key
    work = QLineEdit(MARKER)
    window.work.area.addWidget(work)
    QApplication.processEvents()  # a layout shows new children from the event loop
    assert MARKER in _visible_text(window)
    if how == "shortcut":
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    else:
        button = window.toolbar.widgetForAction(window.lock_action)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.vault is None and not vault.is_open and key.wiped
    assert window.stack.currentWidget() is window.login
    assert MARKER not in _visible_text(window)
    assert window.login.title.text() == "Locked"
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    assert window.stack.currentWidget() is window.work
    assert work.text() == MARKER  # work in progress survived the lock
    assert any(e.action == "lock" for e in window.vault.audit_entries())  # type: ignore[union-attr]


def test_ctrl_l_locks_and_work_survives(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    window = _window(qtbot, path)
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    _lock_and_check(qtbot, window, "shortcut")
    window.close_vault()


def test_toolbar_button_locks(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    window = _window(qtbot, path)
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    _lock_and_check(qtbot, window, "button")
    window.close_vault()


def test_sign_out_from_the_lock_screen_discards_work(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    window = _window(qtbot, path)
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    window.work.area.addWidget(QLineEdit(MARKER))
    window.lock()
    qtbot.mouseClick(window.login.switch_button, Qt.MouseButton.LeftButton)
    assert not window.login.user.isReadOnly()
    _sign_in(qtbot, window, "vic", OTHER_PASSPHRASE)
    qtbot.wait(10)  # deleteLater
    assert MARKER not in _visible_text(window)
    # Only the new user's own (fresh) work area is left.
    left = [window.work.area.itemAt(i).widget() for i in range(window.work.area.count())]
    assert left == [window.work_area]
    assert window.work_area.wizard is None
    window.close_vault()


def test_idle_lock_counts_only_keyboard_and_mouse(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    clock = FakeClock()
    window = _window(qtbot, path, clock)
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    assert window.idle.timeout_s == 5 * 60
    clock.now += 4 * 60
    window.idle.check()
    assert window.vault is not None
    # A key press counts: sent through the application, as real input is.
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    QApplication.sendEvent(window.work, key)
    clock.now += 4 * 60 + 30
    window.idle.check()
    assert window.vault is not None, "a key press four and a half minutes ago"
    clock.now += 31
    window.idle.check()
    assert window.vault is None
    assert window.stack.currentWidget() is window.login


def test_idle_lock_ignores_non_input_events(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    clock = FakeClock()
    window = _window(qtbot, path, clock)
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    clock.now += 4 * 60
    window.update()
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    QApplication.processEvents()
    clock.now += 61
    window.idle.check()
    assert window.vault is None


def test_mouse_input_counts(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    clock = FakeClock()
    window = _window(qtbot, path, clock)
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    clock.now += 4 * 60
    qtbot.mouseClick(window.work, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    clock.now += 4 * 60
    window.idle.check()
    assert window.vault is not None
    window.close_vault()


def test_auto_lock_minutes_come_from_the_site_settings(qtbot: QtBot, tmp_path: Path) -> None:
    from dataclasses import replace

    path = tmp_path / "clinic.vault"
    with Vault.create(path, "sam", PASSPHRASE) as v:
        v.update_settings(replace(v.settings(), auto_lock_minutes=2))
    window = _window(qtbot, path)
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    assert window.idle.timeout_s == 120
    window.close_vault()


def test_closing_takes_the_automatic_backup(qtbot: QtBot, tmp_path: Path) -> None:
    from dataclasses import replace

    path = tmp_path / "clinic.vault"
    folder = tmp_path / "backups"
    with Vault.create(path, "sam", PASSPHRASE) as v:
        v.update_settings(replace(v.settings(), backup_folder=str(folder)))
    window = _window(qtbot, path)
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    ticks: list[bool] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(window.backup_job.busy))
    timer.start(5)
    window.close()
    # The backup runs off the GUI thread: the window waits, busy, and stays open.
    assert window.backup_job.busy and window.isVisible()
    assert window.work.busy.isVisible()
    assert not window.toolbar.isEnabled()
    window.close()  # a second close while it runs starts nothing more
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    timer.stop()
    assert any(ticks), "the GUI thread was blocked while the backup ran"
    assert window.vault is None
    assert len(list(folder.glob("clinic-intake-*.cibackup"))) == 1


def test_a_supervisor_adds_a_user_a_volunteer_cannot(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    window = _window(qtbot, path)
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    assert window.add_user_action.isVisible()
    dialog = window.open_add_user()
    assert dialog is not None and dialog.isVisible()
    dialog.user.setText("ana")
    dialog.role.setCurrentIndex(1)
    qtbot.keyClicks(dialog.passphrase.secret, "ana's own passphrase")
    qtbot.keyClicks(dialog.passphrase.repeat, "ana's own passphrase!")
    dialog.add()
    assert "differ" in dialog.error.text()
    dialog.passphrase.offer()
    chosen = dialog.passphrase.secret.text()
    dialog.add()
    assert not dialog.isVisible()
    window.close_vault()
    with Vault.open(path, "ana", chosen) as v:
        assert v.role == "supervisor"
    window2 = _window(qtbot, path)
    _sign_in(qtbot, window2, "vic", OTHER_PASSPHRASE)
    assert not window2.add_user_action.isVisible()
    assert window2.open_add_user() is None
    window2.close_vault()


def test_locking_closes_an_open_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    window = _window(qtbot, path)
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    dialog = window.open_add_user()
    assert dialog is not None
    dialog.user.setText("ana")
    window.lock()
    assert not dialog.isVisible()


def test_a_flipped_byte_gets_the_damage_dialog(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    data = bytearray(path.read_bytes())
    data[2000] ^= 0x01  # inside page 1, which every open reads
    path.write_bytes(bytes(data))
    window = _window(qtbot, path)
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    dialogs = [d for d in window.findChildren(QMessageBox) if d.objectName() == "damageDialog"]
    assert dialogs and "damaged" in dialogs[0].text()
    assert window.vault is None and window.stack.currentWidget() is window.login
    assert path.read_bytes() == bytes(data)
    dialogs[0].close()


def test_lockout_message_after_five_failures(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    window = _window(qtbot, path)
    for _ in range(5):
        _sign_in(qtbot, window, "vic", "a wrong passphrase here")
    _sign_in(qtbot, window, "vic", OTHER_PASSPHRASE)
    assert window.login.message.text().startswith("Too many failed attempts. Try again in ")
    assert window.vault is None


def test_changing_ones_passphrase_asks_for_the_current_one(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clinic.vault"
    _made(path)
    window = _window(qtbot, path)
    _sign_in(qtbot, window, "vic", OTHER_PASSPHRASE)
    dialog = window.open_change_passphrase()
    assert dialog is not None
    qtbot.keyClicks(dialog.current, "not my passphrase at all")
    dialog.passphrase.offer()
    chosen = dialog.passphrase.secret.text()
    dialog.change()
    assert dialog.error.text() == "The current passphrase is wrong."
    assert dialog.current.text() == ""
    qtbot.keyClicks(dialog.current, OTHER_PASSPHRASE)
    dialog.change()
    assert not dialog.isVisible()
    window.close_vault()
    Vault.open(path, "vic", chosen).close()


def test_a_failed_automatic_backup_is_reported_at_the_next_sign_in(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from dataclasses import replace

    path = tmp_path / "clinic.vault"
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    with Vault.create(path, "sam", PASSPHRASE) as v:
        v.update_settings(replace(v.settings(), backup_folder=str(blocker / "backups")))
    window = _window(qtbot, path)
    _sign_in(qtbot, window, "sam", PASSPHRASE)
    assert not window.work.warning.isVisible()
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    again = _window(qtbot, path)
    _sign_in(qtbot, again, "sam", PASSPHRASE)
    assert again.work.warning.isVisible()
    assert "automatic backup failed" in again.work.warning.text()
    assert again.vault is not None
    again.vault.update_settings(replace(again.vault.settings(), backup_folder=str(tmp_path / "ok")))
    again.close()
    qtbot.waitUntil(lambda: not again.isVisible(), timeout=30_000)
    third = _window(qtbot, path)
    _sign_in(qtbot, third, "sam", PASSPHRASE)
    assert not third.work.warning.isVisible()
    third.close_vault()


def test_the_idle_clock_keeps_running_through_suspend() -> None:
    import time

    from clinic_app.ui.session import idle_clock

    if hasattr(time, "CLOCK_BOOTTIME"):
        assert abs(idle_clock() - time.clock_gettime(time.CLOCK_BOOTTIME)) < 1.0
    a = idle_clock()
    assert idle_clock() >= a
