"""A lazy table model over the records repository: 100,000 records open at once.

Only ``count()`` runs when the list opens; rows come a page at a time through
``canFetchMore``/``fetchMore`` as the view scrolls. Every cell asks the
confidentiality policy (screen channel, the signed-in viewer) first.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from clinic_app.domain.policy import Context
from clinic_app.i18n import N_, _, current_language
from clinic_app.i18n.locales import format_date
from clinic_app.ui.labels import CASE_STATUS_NAMES, URGENCY_COLOURS, URGENCY_NAMES, word
from clinic_app.ui.records_api import RecordsApi, Row
from clinic_app.ui.screen_policy import row_allows

PAGE_SIZE = 200
# Column: (heading msgid, the catalogue field the cell shows).
COLUMNS: tuple[tuple[str, str], ...] = (
    (N_("Name"), "given_name"),
    (N_("Phone"), "phone"),
    (N_("Intake date"), "intake_date"),
    (N_("Status"), "case_status"),
    (N_("Urgency"), "screening_result"),
)
URGENCY_COLUMN = 4
HIDDEN = "—"
DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole, without touching Qt's enums at import
AnyIndex = QModelIndex | QPersistentModelIndex


class RecordsTableModel(QAbstractTableModel):
    def __init__(
        self, records: RecordsApi, context: Context, flt: Any = None, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__()
        self.records = records
        self.context = context
        self.page_size = page_size
        self.filter = flt
        self._rows: list[Row] = []
        self._total = records.count(flt)
        self.fetchMore(QModelIndex())  # the first page at once: the list is never blank

    def set_filter(self, flt: Any) -> None:
        self.beginResetModel()
        self.filter = flt
        self._rows = []
        self._total = self.records.count(flt)
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        self.set_filter(self.filter)

    @property
    def total(self) -> int:
        return self._total

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        if parent.isValid():
            return
        more = list(self.records.rows(len(self._rows), self.page_size, self.filter))
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def row(self, index: int) -> Row:
        return self._rows[index]

    def record_id(self, index: int) -> str:
        return self._rows[index].record_id

    def _text(self, row: Row, column: int) -> str:
        field = COLUMNS[column][1]
        if not row_allows(field, row.volunteer, self.context):
            return HIDDEN
        if column == 0:
            return row.display_name
        if column == 1:
            return row.phone or ""
        if column == 2:
            return _date(row.intake_date)
        if column == 3:
            return word(CASE_STATUS_NAMES, row.case_status)
        return word(URGENCY_NAMES, row.urgency)

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.record_id
        if column == URGENCY_COLUMN and self._text(row, column) != HIDDEN:
            colours = URGENCY_COLOURS.get(row.urgency)
            if colours and role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(colours[0]))
            if colours and role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(colours[1]))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section][0])
        return None


def _date(value: date) -> str:
    return format_date(value, current_language())  # medium: "9/11/26" is ambiguous
