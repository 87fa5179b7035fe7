"""Child process for the GUI no-plaintext test: a whole desktop session, offscreen.

``python -m tests.ui.gui_session_child VAULT MARKER SECRET``: first-run set-up
with SECRET as the passphrase, the marker stored in a record, in the site
settings and typed into kept work, a lock and an unlock, then quit (which
takes the automatic backup). Prints ``done``.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from clinic_app.storage import keyslots
from clinic_app.ui.app import apply_language, create_application
from clinic_app.ui.main_window import MainWindow
from tests.storage.fixtures import TEST_PARAMS


def main() -> None:
    path, marker, secret = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    keyslots.CURRENT_PARAMS = TEST_PARAMS  # test code only: cheap slots
    app = create_application()
    apply_language(app, "en")
    window = MainWindow(vault_path=path)
    window.show()
    page = window.first_run
    QTest.keyClicks(page.user, "sam")
    QTest.keyClicks(page.secret, secret)
    QTest.keyClicks(page.repeat, secret)
    QTest.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    while page.work.busy:  # created off the GUI thread
        app.processEvents()
    vault = window.vault
    assert vault is not None, page.error.text()
    vault.update_settings(
        replace(vault.settings(), clinic_name=marker, backup_folder=str(path.parent / "auto"))
    )
    rid = vault.add_record(marker.encode())
    vault.read_record(rid)
    work = QLineEdit()
    window.work.area.addWidget(work)
    QTest.keyClicks(work, marker)
    app.processEvents()
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.vault is None
    QTest.keyClicks(window.login.secret, secret)
    QTest.mouseClick(window.login.unlock_button, Qt.MouseButton.LeftButton)
    while window.login.work.busy:
        app.processEvents()
    assert window.vault is not None and work.text() == marker
    window.close()
    while window.backup_job.busy:  # the backup on close runs off the GUI thread
        app.processEvents()
    app.processEvents()
    assert not window.isVisible()
    sys.stdout.write("done\n")


if __name__ == "__main__":
    main()
