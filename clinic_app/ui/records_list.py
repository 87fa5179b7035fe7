"""The records list: search by name or phone, newest first, urgency in words and colour.

The table is lazy (``RecordsTableModel``): opening it costs one count and one
page, whatever the size of the vault. Typing in the search box filters after a
short pause (debounce), through the repository's full-text index, on a
background thread (``SearchWorker``): the window keeps responding while a
search runs, and a newer search cancels an older one. Long names are elided
in the middle (both ends stay readable); the tooltip shows the whole name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.fields import CASE_STATUS
from clinic_app.domain.policy import Context
from clinic_app.i18n import _, current_language, ngettext
from clinic_app.i18n.locales import format_number
from clinic_app.screening import URGENCIES
from clinic_app.ui.intake.widgets import ChoiceInput
from clinic_app.ui.labels import CASE_STATUS_NAMES, URGENCY_NAMES, word
from clinic_app.ui.records_api import RecordsApi
from clinic_app.ui.records_model import RecordsTableModel, first_look
from clinic_app.ui.search_worker import SearchWorker

SEARCH_DELAY_MS = 250


def default_filter(text: str, status: str | None = None, urgency: str | None = None) -> Any:
    """The repository's ``RecordFilter`` for a name or phone search, status and urgency."""
    from clinic_app.storage.records import RecordFilter

    return RecordFilter(text=text, status=status, urgency=urgency)


class RecordsList(QWidget):
    open_record = Signal(str)

    def __init__(
        self,
        records: RecordsApi,
        context: Context,
        *,
        make_filter: Callable[[str, str | None, str | None], Any] = default_filter,
        search_delay_ms: int = SEARCH_DELAY_MS,
    ) -> None:
        super().__init__()
        self.setObjectName("recordsList")
        self.make_filter = make_filter
        self.search = QLineEdit()
        self.search.setObjectName("recordSearch")
        self.search.setPlaceholderText(_("Search by name or phone"))
        self.search.setAccessibleName(_("Search records by name or phone"))
        self.search.setClearButtonEnabled(True)
        label = QLabel(_("Find a client:"))
        label.setBuddy(self.search)
        find = QShortcut(QKeySequence("Ctrl+F"), self)
        find.activated.connect(lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.count = QLabel()
        self.count.setObjectName("recordCount")
        self.count.setAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        self.model = RecordsTableModel(records, context)
        self.table = QTableView()
        self.table.setObjectName("recordsTable")
        self.table.setAccessibleName(_("Records"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        # One line a row, however long a name: elided in the middle so both the
        # given and the family name stay in sight (the tooltip has all of it).
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._on_activated)
        self._generation = self._shown = 0
        self._worker: SearchWorker | None = None
        if hasattr(records, "open_reader"):
            self._worker = SearchWorker(records.open_reader, first_look)
            self._worker.done.connect(self._on_found)
            self.destroyed.connect(self._worker.stop)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(search_delay_ms)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.apply_search)
        any_status = _("Any status")
        self.status = ChoiceInput(
            [(word(CASE_STATUS_NAMES, s), s) for s in CASE_STATUS], empty=any_status
        )
        self.status.setAccessibleName(_("Show only this case status"))
        any_urgency = _("Any urgency")
        self.urgency = ChoiceInput(
            [(word(URGENCY_NAMES, u), u) for u in URGENCIES], empty=any_urgency
        )
        self.urgency.setAccessibleName(_("Show only this urgency"))
        self.status.currentIndexChanged.connect(self.apply_search)
        self.urgency.currentIndexChanged.connect(self.apply_search)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.search, 1)
        top.addWidget(self.status)
        top.addWidget(self.urgency)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._show_count()
        # Scrolled past a capped count: the model counted all; so does the label.
        self.model.rowsInserted.connect(lambda *_args: self._show_count())

    def current_filter(self) -> Any:
        text = self.search.text().strip()
        status, urgency = self.status.value(), self.urgency.value()
        wanted = text or status or urgency
        return self.make_filter(text, status, urgency) if wanted else None

    def apply_search(self) -> None:
        """Searches for what the box and the filters say, off the GUI thread."""
        self._timer.stop()
        self._generation += 1
        flt = self.current_filter()
        if self._worker is None:
            self.model.set_filter(flt)
            self._show_count()
        else:
            self._worker.submit(self._generation, flt)

    @property
    def searching(self) -> bool:
        """Whether a search is still out (its result not shown yet)."""
        return self._shown != self._generation

    def _on_found(self, generation: int, flt: Any, total: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return  # a newer search is on its way
        self._shown = generation
        self.model.show_result(flt, total, rows)
        self._show_count()

    def refresh(self) -> None:
        self._generation += 1  # a search still out would show the old rows
        self._shown = self._generation
        self.model.refresh()
        self._show_count()

    def _show_count(self) -> None:
        n = self.model.total
        if self.model.counted_all:
            self.count.setText(ngettext("{n} record", "{n} records", n).format(n=n))
        else:
            shown = format_number(n, current_language())
            self.count.setText(ngettext("{n}+ record", "{n}+ records", n).format(n=shown))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_record.emit(self.model.record_id(index.row()))
