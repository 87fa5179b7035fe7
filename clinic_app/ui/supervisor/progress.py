"""Long work with a progress dialog and a Cancel button that leaves nothing half-done.

The vault's SQLite connection belongs to the GUI thread (sqlite3's
check_same_thread), so long jobs run there in batches; the progress callback
updates the dialog and lets Qt process events between batches, where a click
on Cancel sets the job's token. The job raises ``Cancelled`` at its next
check and its transaction rolls back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from clinic_app.i18n import _
from clinic_app.storage.longwork import Cancelled, CancelToken, Progress

T = TypeVar("T")
Job = Callable[[CancelToken, Progress], T]


class ProgressRunner:
    """Runs one job at a time behind a modal progress dialog."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent
        self.dialog: QProgressDialog | None = None
        self.token: CancelToken | None = None
        # Tests (and the UI) may hook in here to act between batches.
        self.on_progress: Callable[[int, int], None] | None = None

    def run(self, title: str, job: Job[T]) -> T | None:
        """The job's result, or None when the user cancelled (nothing was changed)."""
        token = CancelToken()
        dialog = QProgressDialog(title, _("Cancel"), 0, 0, self.parent)
        dialog.setObjectName("progressDialog")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(token.cancel)
        self.dialog, self.token = dialog, token

        def progress(done: int, total: int) -> None:
            if not dialog.wasCanceled():
                dialog.setMaximum(max(total, 1))
                dialog.setValue(min(done, max(total, 1)))
            if self.on_progress is not None:
                self.on_progress(done, total)
            QCoreApplication.processEvents()
            if dialog.wasCanceled():
                token.cancel()

        try:
            return job(token, progress)
        except Cancelled:
            return None
        finally:
            dialog.reset()
            dialog.deleteLater()
            self.dialog = self.token = None
