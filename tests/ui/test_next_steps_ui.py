"""Next steps shown wherever a screening result is: result step, record view, queue."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from clinic_app.domain.policy import Context
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from clinic_app.ui.record_view import RecordView
from clinic_app.ui.supervisor.queue_page import QueuePage
from tests.storage.fixtures import PASSPHRASE
from tests.storage.records_support import TODAY, make_record, outcome_for

SUPERVISOR = Context(viewer="sam", supervisor=True)


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    v = Vault.create(tmp_path / "vault" / "clinic.vault", "sam", PASSPHRASE)
    yield v
    v.close()


def test_record_view_shows_next_steps_and_the_rules_version(qtbot: QtBot, vault: Vault) -> None:
    records = Records(vault, today=lambda: TODAY)
    outcome = outcome_for({"next_hearing_date": TODAY + timedelta(days=45), "crime_victim": True})
    rid = records.create(make_record(screening_result=outcome))
    later = TODAY + timedelta(days=20)  # the hearing is now within 30 days
    view = RecordView(records, rid, SUPERVISOR, today=later)
    qtbot.addWidget(view)
    box = view.next_steps
    assert box.instruction.text() == "Urgent: call the supervising attorney today."
    assert "U visa" in box.steps.text() or "U-visa" in box.steps.text()
    assert "police or court reports help" in box.steps.text()
    note = box.rescreen.text()
    assert "new intake session with the client present" in note
    assert "Aug 21, 2026" in note  # the shipped rules_as_of date, formatted
    labels = [w.text() for w in view.findChildren(QLabel)]
    assert any("an attorney decides" in t for t in labels)


def test_queue_has_a_next_step_column(qtbot: QtBot, vault: Vault) -> None:
    records = Records(vault, today=lambda: TODAY)
    records.create(make_record(screening_result=outcome_for({"detained": True})))
    records.create(make_record(given_name="Rui", screening_result=outcome_for({})))
    page = QueuePage(vault, today=lambda: TODAY)
    qtbot.addWidget(page)
    header = page.table.horizontalHeaderItem(1).text()
    assert header == "Next step"
    steps = [page.table.item(i, 1).text() for i in range(page.table.rowCount())]
    assert steps[0] == "Emergency: call the supervising attorney now."
    assert "Routine: refer to an attorney at the next regular appointment." in steps


def test_rules_as_of_of_an_old_record_is_its_own(qtbot: QtBot, vault: Vault) -> None:
    records = Records(vault, today=lambda: TODAY)
    old = outcome_for({"crime_victim": True})
    from dataclasses import replace

    rid = records.create(make_record(screening_result=replace(old, rules_as_of=date(2025, 3, 1))))
    view = RecordView(records, rid, SUPERVISOR, today=TODAY)
    qtbot.addWidget(view)
    assert "2025" in view.next_steps.rescreen.text()


def test_due_soon_lists_the_v2_deadlines(qtbot: QtBot, vault: Vault) -> None:
    from clinic_app.storage.queue import due_soon
    from clinic_app.ui.supervisor.queue_page import DueSoonPage

    records = Records(vault, today=lambda: TODAY)
    appeal = outcome_for({"judge_decision_date": TODAY - timedelta(days=10)})
    records.create(make_record(screening_result=appeal))
    kinds = [item.kind for item in due_soon(vault, TODAY, 30)]
    assert kinds == ["bia_appeal"]
    page = DueSoonPage(vault, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.horizon.setValue(30)
    texts = [page.table.item(0, j).text() for j in range(page.table.columnCount())]
    assert "Appeal to the Board of Immigration Appeals due" in texts
