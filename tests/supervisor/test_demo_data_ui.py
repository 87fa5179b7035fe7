"""Demo clients from the workspace: off the GUI thread, one job at a time, training only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from clinic_app.ui.supervisor.workspace import SupervisorWorkspace
from tests.supervisor.support import synthetic


def test_demo_clients_are_added_off_the_gui_thread(vault: Vault, qtbot: QtBot) -> None:
    workspace = SupervisorWorkspace(vault, lambda: date(2026, 11, 27))
    qtbot.addWidget(workspace)
    row = workspace.settings.demo
    row.count.setValue(3000)
    ticks: list[bool] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(row.job.busy))
    timer.start(5)
    with qtbot.waitSignal(row.finished, timeout=120_000) as added:
        row.add_button.click()
        assert row.job.busy and not row.add_button.isEnabled() and not row.bar.isHidden()
        assert row.start() is False  # a second start while it runs does nothing
    timer.stop()
    assert added.args == [3000]
    assert any(ticks), "the GUI thread was blocked while demo clients were added"
    assert row.add_button.isEnabled() and row.bar.isHidden()
    records = Records(vault)
    assert records.count() == 3000 and records.is_training()  # the GUI's own connection sees them


def test_no_demo_clients_in_a_vault_with_real_records(vault: Vault, qtbot: QtBot) -> None:
    records = Records(vault)
    records.create_many([replace(r, volunteer="sam") for r in synthetic(2, seed=1)])
    workspace = SupervisorWorkspace(vault, lambda: date(2026, 11, 27))
    qtbot.addWidget(workspace)
    row = workspace.settings.demo
    assert row.start() is False
    assert "training vault" in row.message.text()
    assert records.count() == 2 and not records.is_training()
