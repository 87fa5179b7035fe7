"""Demo clients for a training vault, added off the GUI thread with a progress bar.

The same made-up clients as ``clinic-intake admin demo-data``. The work runs
on a worker thread (``Background``) over a connection of its own
(``Vault.own_connection``), so the window keeps responding and the GUI
thread's connection is never used from two threads; the button stays
disabled until the job is done, so it cannot run twice at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSpinBox, QWidget

from clinic_app.i18n import _
from clinic_app.storage.errors import VaultError
from clinic_app.storage.vault import Vault
from clinic_app.ui.background import Background
from clinic_app.ui.supervisor.widgets import named

GUI_MAX = 5000  # larger sets: the command line (admin demo-data)


def add_demo_clients(
    vault: Vault, count: int, today: date, progress: Callable[[int, int], None]
) -> int:
    """On a worker thread: marks the vault for training and adds ``count`` clients."""
    from clinic_app.storage.demo import fill
    from clinic_app.storage.records import Records

    with vault.own_connection() as own:
        records = Records(own)
        records.mark_training()
        return sum(1 for _id in fill(records.create_many, count, None, today, progress))


class DemoDataRow(QWidget):
    progressed = Signal(int, int)  # emitted from the worker thread, shown on the GUI thread
    finished = Signal(int)

    def __init__(self, vault: Vault, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.vault = vault
        self.today = today
        self.count = named(QSpinBox(), "demoCount")
        self.count.setRange(1, GUI_MAX)
        self.count.setValue(200)
        self.count.setAccessibleName(_("Demo clients (training vault only)"))
        self.add_button = named(QPushButton(_("Add demo clients")), "addDemoClients")
        self.add_button.clicked.connect(self.start)
        self.bar = named(QProgressBar(), "demoProgress")
        self.bar.hide()
        self.message = named(QLabel(), "demoMessage")
        self.message.setWordWrap(True)
        self.job = Background(self)
        self.progressed.connect(self._show_progress)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.count, self.add_button, self.bar):
            row.addWidget(widget)
        row.addWidget(self.message, 1)

    def allowed(self) -> bool:
        from clinic_app.storage.records import Records

        records = Records(self.vault)
        return records.count() == 0 or records.is_training()

    def start(self) -> bool:
        """Starts the job; False when it is already running or the vault holds real records."""
        if self.job.busy:
            return False
        if not self.allowed():
            self.message.setText(
                _("This vault holds real records; demo data goes only into a training vault.")
            )
            return False
        count, vault, today = self.count.value(), self.vault, self.today()
        started = self.job.start(
            lambda: add_demo_clients(vault, count, today, self.progressed.emit),
            self._done,
            self._failed,
        )
        self.add_button.setEnabled(False)
        self.count.setEnabled(False)
        self.bar.setRange(0, count)
        self.bar.setValue(0)
        self.bar.show()
        self.message.setText(_("Adding demo clients…"))
        return started

    def _show_progress(self, done: int, total: int) -> None:
        self.bar.setValue(done)
        self.message.setText(
            _("{done} of {total} demo clients saved.").format(done=done, total=total)
        )

    def _done(self, added: int) -> None:
        self._idle()
        self.message.setText(
            _("{done} of {total} demo clients saved.").format(done=added, total=added)
        )
        self.finished.emit(added)

    def _failed(self, error: BaseException) -> None:
        self._idle()
        if not isinstance(error, VaultError | OSError | ValueError):
            raise error
        self.message.setText(_("The demo clients could not be added: {error}").format(error=error))

    def _idle(self) -> None:
        self.add_button.setEnabled(True)
        self.count.setEnabled(True)
        self.bar.hide()
