"""The records list at scale (issue 14): search off the GUI thread, capped counts,
a bounded row cache, long names elided, on real vaults and real widgets."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clinic_app.domain.policy import Context
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from clinic_app.ui.records_list import RecordsList
from clinic_app.ui.records_model import COUNT_CAP, NAME_COLUMN, RecordsTableModel
from tests.storage.fixtures import PASSPHRASE
from tests.storage.records_support import TODAY, make_record

SUPERVISOR = Context(viewer="sam", supervisor=True)


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    v = Vault.create(tmp_path / "vault" / "clinic.vault", "sam", PASSPHRASE)
    yield v
    v.close()


def fill(records: Records, n: int) -> None:
    records.create_many(
        make_record(
            given_name=f"Client{i}",
            phone=f"718-555-{i % 10000:04d}",
            intake_date=TODAY - timedelta(days=i % 90),
        )
        for i in range(n)
    )


class SlowRecords(Records):
    """A real repository whose searches take long, as a huge vault's might."""

    delay = 0.0
    threads: list[int] = []  # noqa: RUF012 - shared on purpose: readers are copies

    def count(self, flt: Any = None, *, cap: int | None = None) -> int:
        if flt is not None:
            SlowRecords.threads.append(threading.get_ident())
            time.sleep(self.delay)
        return super().count(flt, cap=cap)


def test_typing_never_waits_for_a_search(qtbot: QtBot, vault: Vault) -> None:
    records = SlowRecords(vault, today=lambda: TODAY)
    fill(records, 30)
    view = RecordsList(records, SUPERVISOR, search_delay_ms=0)
    qtbot.addWidget(view)
    view.show()
    SlowRecords.delay = 0.6
    started = time.monotonic()
    view.search.setText("client1")
    view.apply_search()
    view.search.setText("client2")
    view.apply_search()
    assert time.monotonic() - started < 0.3  # the GUI thread went on at once
    assert view.searching and view.model.total == 30  # the old rows stay meanwhile
    qtbot.waitUntil(lambda: not view.searching, timeout=5000)
    # Only the latest search is shown, whatever finished first.
    names = {view.model.row(i).display_name for i in range(view.model.rowCount())}
    assert names and all(n.startswith("Client2") for n in names)
    assert threading.get_ident() not in SlowRecords.threads


def test_a_common_prefix_is_counted_up_to_a_cap(qtbot: QtBot, vault: Vault) -> None:
    records = Records(vault, today=lambda: TODAY)
    fill(records, COUNT_CAP + 150)
    view = RecordsList(records, SUPERVISOR, search_delay_ms=0)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    view.search.setText("555")
    view.apply_search()
    qtbot.waitUntil(lambda: not view.searching, timeout=5000)
    assert view.count.text() == "1,000+ records"
    assert not view.model.counted_all and view.model.rowCount() == COUNT_CAP
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.counted_all, timeout=5000)
    view.table.scrollToBottom()
    assert view.model.rowCount() == COUNT_CAP + 150
    assert view.count.text() == f"{COUNT_CAP + 150} records"
    last = view.model.row(COUNT_CAP + 149)
    assert last == records.rows(0, 2000, view.model.filter)[-1]


def test_memory_holds_a_few_pages_wherever_the_list_is(vault: Vault) -> None:
    records = Records(vault, today=lambda: TODAY)
    fill(records, 1000)
    model = RecordsTableModel(records, SUPERVISOR, page_size=50, cache_pages=3)
    everything = records.rows(0, 1000)
    for i in list(range(0, 1000, 7)) + list(range(999, 0, -13)):
        assert model.row(i) == everything[i]
        assert model.rows_held <= 150


def test_a_long_name_is_elided_with_its_whole_in_the_tooltip(qtbot: QtBot, vault: Vault) -> None:
    records = Records(vault, today=lambda: TODAY)
    family = "Montenegro-" * 19 + "Zyx"  # 212 characters
    records.create(make_record(given_name="Ana", family_name=family, phone="718-555-0100"))
    view = RecordsList(records, SUPERVISOR)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    model = view.model
    cell = model.index(0, NAME_COLUMN)
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == f"Ana {family}"
    assert view.table.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert not view.table.wordWrap()
    # The other columns stay in view: the phone column is not pushed out.
    phone_x = view.table.columnViewportPosition(1)
    assert 0 < phone_x < view.table.viewport().width()
    assert view.table.rowHeight(0) < 3 * view.fontMetrics().height()
    QApplication.processEvents()


def test_the_search_connection_lives_only_while_searches_come(qtbot: QtBot, vault: Vault) -> None:
    records = Records(vault, today=lambda: TODAY)
    fill(records, 10)
    view = RecordsList(records, SUPERVISOR, search_delay_ms=0)  # deleted below
    worker = view._worker
    assert worker is not None
    view.search.setText("client3")
    view.apply_search()
    qtbot.waitUntil(lambda: not view.searching, timeout=5000)
    assert view.model.total == 1
    qtbot.waitUntil(lambda: worker._con is None, timeout=2000)  # idle: closed
    view.deleteLater()
    qtbot.waitUntil(lambda: not worker._thread.is_alive(), timeout=5000)
