"""A lazy table model over the records repository: 300,000 records open at once.

The model knows how many rows the list has and holds only a few pages of
them (``CACHE_PAGES``, least recently used dropped), so memory stays flat
wherever the list is scrolled. A page is read by key from a neighbouring
page already read (``Records.page``: forward, or backward from the next
page), from the top, from the bottom, or with a short skip from the nearest
known key: never by OFFSET from the top, so dragging the scrollbar to the
end costs one page. A search's count is capped (``COUNT_CAP``): the list
says "1,000+" and counts the rest only if the list is scrolled past them.
Every cell asks the confidentiality policy (screen channel, the signed-in
viewer) first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
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
CACHE_PAGES = 12  # 2,400 rows at most in memory
COUNT_CAP = 1000
# Column: (heading msgid, the catalogue field the cell shows).
COLUMNS: tuple[tuple[str, str], ...] = (
    (N_("Name"), "given_name"),
    (N_("Phone"), "phone"),
    (N_("Intake date"), "intake_date"),
    (N_("Status"), "case_status"),
    (N_("Urgency"), "screening_result"),
)
NAME_COLUMN = 0
URGENCY_COLUMN = 4
HIDDEN = "—"
DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole, without touching Qt's enums at import
AnyIndex = QModelIndex | QPersistentModelIndex


def first_look(records: RecordsApi, flt: Any, page_size: int = PAGE_SIZE) -> tuple[int, list[Row]]:
    """What a search shows first: its count (capped unless unfiltered) and first page."""
    total = records.count(flt, cap=None if flt is None else COUNT_CAP)
    rows = list(records.page(flt, None, page_size)) if total else []
    return total, rows


class RecordsTableModel(QAbstractTableModel):
    def __init__(
        self,
        records: RecordsApi,
        context: Context,
        flt: Any = None,
        page_size: int = PAGE_SIZE,
        cache_pages: int = CACHE_PAGES,
    ) -> None:
        super().__init__()
        self.records = records
        self.context = context
        self.page_size = page_size
        self.cache_pages = max(2, cache_pages)
        self.filter = flt
        self._total = 0
        self._exact = True
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._first: dict[int, int] = {}  # page -> key of its first row
        self._last: dict[int, int] = {}  # page -> key of its last row
        self.show_result(flt, *first_look(records, flt, page_size))

    # --- what the list shows -------------------------------------------------

    def set_filter(self, flt: Any) -> None:
        """Shows ``flt``'s rows: capped count and first page, read now (the search
        thread does the same off the GUI thread and calls ``show_result``)."""
        self.show_result(flt, *first_look(self.records, flt, self.page_size))

    def show_result(self, flt: Any, total: int, first_page: Sequence[Row]) -> None:
        self.beginResetModel()
        self.filter = flt
        self._exact = flt is None or total <= COUNT_CAP
        self._total = total if self._exact else COUNT_CAP
        self._pages.clear()
        self._first.clear()
        self._last.clear()
        if first_page:
            self._keep(0, list(first_page))
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self.filter)

    @property
    def total(self) -> int:
        """Rows in the list (at least this many when ``counted_all`` is False)."""
        return self._total

    @property
    def counted_all(self) -> bool:
        return self._exact

    @property
    def rows_held(self) -> int:
        return sum(len(p) for p in self._pages.values())

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and not self._exact

    def fetchMore(self, parent: AnyIndex) -> None:
        """Scrolled past the capped count: count the rest (once, for this search)."""
        if parent.isValid() or self._exact:
            return
        total = self.records.count(self.filter)
        self._exact = True
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()

    # --- pages ---------------------------------------------------------------

    def _keep(self, number: int, rows: list[Row]) -> None:
        self._pages[number] = rows
        self._pages.move_to_end(number)
        if rows:
            self._first[number] = rows[0].key
            self._last[number] = rows[-1].key
        while len(self._pages) > self.cache_pages:
            self._pages.popitem(last=False)

    def _page(self, number: int) -> list[Row]:
        rows = self._pages.get(number)
        if rows is not None:
            self._pages.move_to_end(number)
            return rows
        rows = self._read(number)
        self._keep(number, rows)
        return rows

    def _read(self, number: int) -> list[Row]:
        size = self.page_size
        start = number * size
        wanted = min(size, self._total - start)
        flt = self.filter
        if flt is not None and getattr(flt, "order", "newest") != "newest":
            return list(self.records.rows(start, wanted, flt))  # the urgency order has no key
        if number - 1 in self._last:
            return list(self.records.page(flt, self._last[number - 1], wanted))
        if number + 1 in self._first:
            return list(self.records.page(flt, self._first[number + 1], wanted, backward=True))
        # The nearest known place: the top, the bottom (when counted) or a page read before.
        options: list[tuple[int, int | None, bool]] = [(start, None, False)]
        if self._exact:
            options.append((self._total - start - wanted, None, True))
        options += [(start - (p + 1) * size, k, False) for p, k in self._last.items() if p < number]
        options += [
            (p * size - start - wanted, k, True) for p, k in self._first.items() if p > number
        ]
        skip, key, backward = min(options, key=lambda o: o[0])
        return list(self.records.page(flt, key, wanted, skip=skip, backward=backward))

    def row(self, index: int) -> Row:
        return self._page(index // self.page_size)[index % self.page_size]

    def record_id(self, index: int) -> str:
        return self.row(index).record_id

    # --- cells ---------------------------------------------------------------

    def _text(self, row: Row, column: int) -> str:
        field = COLUMNS[column][1]
        if not row_allows(field, row.volunteer, self.context):
            return HIDDEN
        if column == NAME_COLUMN:
            return row.display_name
        if column == 1:
            return row.phone or ""
        if column == 2:
            return _date(row.intake_date)
        if column == 3:
            return word(CASE_STATUS_NAMES, row.case_status)
        return word(URGENCY_NAMES, row.urgency)

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or index.row() >= self._total:
            return None
        try:
            row = self.row(index.row())
        except IndexError:  # a record left the list since it was counted
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME_COLUMN:
            return self._text(row, column)  # the whole of a name too long for its column
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
