"""The supervisor's workspace with real widgets and a real vault."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton, QTableWidget
from pytestqt.qtbot import QtBot

from clinic_app.domain.periods import fiscal_year_period, month, quarter
from clinic_app.domain.suppression import is_small
from clinic_app.storage.errors import PermissionDenied
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from clinic_app.ui.supervisor.chart import BarChart
from clinic_app.ui.supervisor.workspace import SupervisorWorkspace
from tests.storage.fixtures import PASSPHRASE
from tests.supervisor.support import synthetic
from tests.supervisor.test_rules_update import newer

TODAY = date(2026, 11, 27)
LEE = "another long passphrase here"


@pytest.fixture
def workspace(vault: Vault, qtbot: QtBot) -> SupervisorWorkspace:
    vault.add_user("lee", "volunteer", LEE)
    vault.add_user("zed", "volunteer", LEE)
    records = Records(vault, today=lambda: TODAY)
    made = synthetic(80, seed=21, start=date(2026, 1, 5), days=300)
    made[0] = replace(made[0], given_name="Urgent", family_name="Case", volunteer="zed")
    ids = records.create_many(made)
    for rid in ids[1:6]:
        records.set_status(rid, "closed", TODAY - timedelta(days=300))
    w = SupervisorWorkspace(vault, lambda: TODAY)
    qtbot.addWidget(w)
    return w


def test_volunteers_get_no_workspace(vault: Vault, vault_path: Path, qtbot: QtBot) -> None:
    vault.add_user("lee", "volunteer", LEE)
    with Vault.open(vault_path, "lee", LEE) as v, pytest.raises(PermissionDenied):
        SupervisorWorkspace(v)


def test_queue_orders_counts_filters_and_closes(workspace: SupervisorWorkspace) -> None:
    page = workspace.queue
    levels = [r.urgency for r in page.found]
    order = ["emergency", "urgent", "priority", "routine"]
    assert levels == sorted(levels, key=order.index)
    counts = page.queue.counts(page.current_filter())
    assert page.counts.text().startswith(f"Emergency: {counts['emergency']}")
    assert page.table.rowCount() == len(page.found) == 75
    page.volunteer.setCurrentIndex(page.volunteer.findData("zed"))
    assert [r.display_name for r in page.found] == ["Urgent Case"]
    page.table.selectRow(0)
    page.close_selected()
    assert page.table.rowCount() == 0
    page.status.setCurrentIndex(page.status.findData("closed"))
    assert page.table.rowCount() == 1


def test_due_soon_horizon(workspace: SupervisorWorkspace) -> None:
    page = workspace.due
    page.horizon.setValue(10)
    few = page.table.rowCount()
    page.horizon.setValue(365)
    assert page.table.rowCount() >= few
    days = [page.table.item(i, 0).text() for i in range(page.table.rowCount())]
    assert days == sorted(days)


def test_report_screen_shows_no_small_count(workspace: SupervisorWorkspace, tmp_path: Path) -> None:
    page = workspace.report
    page.set_period(fiscal_year_period(2026))
    assert page.period() == fiscal_year_period(2026)
    report = page.run()
    assert report is not None and report.intakes == 80
    assert "has not ended" in page.released.text()
    assert not page.pdf_button.isEnabled()
    grids = page.body.findChildren(QTableWidget)
    assert grids
    for grid in grids:
        for i in range(grid.rowCount()):
            for j in range(1, grid.columnCount()):
                text = grid.item(i, j).text()
                assert not (text.isdigit() and is_small(int(text))), text
    for chart in page.findChildren(BarChart):
        assert not any(v is not None and is_small(v) for _, v in chart.bars)
    # The fiscal year has not ended on TODAY: it cannot be released yet.
    assert page.release_blocked()
    page.set_period(quarter(2026, 1))
    assert page.run() is not None and not page.release_blocked()
    assert "Not released" in page.released.text() and page.pdf_button.isEnabled()
    out = page.save("csv", tmp_path / "r.csv")
    assert out is not None and out.read_bytes().startswith("\ufeff".encode())
    assert page.save("pdf", tmp_path / "r.pdf") is not None
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert "Released on" in page.released.text()
    page.set_period(month(2026, 3))
    assert page.period() == month(2026, 3)
    page.set_period(quarter(2026, 2))
    assert page.period() == quarter(2026, 2)


def test_purge_cancel_changes_nothing_then_purges(
    workspace: SupervisorWorkspace, vault: Vault
) -> None:
    from clinic_app.storage import retention

    page = workspace.retention
    assert page.table.rowCount() == 5
    retention_batch = retention.BATCH
    retention.BATCH = 2
    try:

        def click_cancel(done: int, total: int) -> None:
            dialog = page.runner.dialog
            assert dialog is not None
            (button,) = dialog.findChildren(QPushButton)
            button.click()

        page.runner.on_progress = click_cancel
        assert page.run_purge() is None
        assert page.table.rowCount() == 5
        assert Records(vault).count() == 80
        page.runner.on_progress = None
        assert page.run_purge() == 5
    finally:
        retention.BATCH = retention_batch
    assert page.table.rowCount() == 0
    assert Records(vault).count() == 75


def test_settings_saved(workspace: SupervisorWorkspace, vault: Vault) -> None:
    page = workspace.settings
    page.retention.setValue(365)
    page.clinic_name.setText("Sunset Park Clinic")
    assert page.save()
    assert vault.settings().retention_days == 365
    assert vault.settings().clinic_name == "Sunset Park Clinic"


def test_rules_import_shows_changes_then_accepts(
    workspace: SupervisorWorkspace, tmp_path: Path
) -> None:
    page = workspace.rules
    assert "more than 90 days" in page.state.text()  # shipped rules are old by TODAY
    file = tmp_path / "new.json"
    file.write_text(json.dumps(newer(100)), encoding="utf-8")
    assert page.load(file)
    text = page.changes.toPlainText()
    assert "TPS SV (El Salvador): changed" in text and "designated_until" in text
    assert "TPS LB" in text and "TPS FJ" in text
    page.accept_candidate()
    assert "more than 90 days" not in page.state.text()
    assert page.rollback_button.isEnabled()


def test_reset_passphrase_needs_the_supervisor(
    workspace: SupervisorWorkspace, vault: Vault, vault_path: Path
) -> None:
    from clinic_app.ui.supervisor.admin_pages import ResetPassphraseDialog

    dialog = ResetPassphraseDialog(vault, "lee")
    dialog.passphrase.secret.setText("brand new passphrase words")
    dialog.passphrase.repeat.setText("brand new passphrase words")
    dialog.supervisor.setText("not the supervisor")
    assert not dialog.reset()
    dialog.supervisor.setText(PASSPHRASE)
    assert dialog.reset()
    with Vault.open(vault_path, "lee", "brand new passphrase words") as v:
        assert v.user == "lee"


def test_users_page_changes_a_role_after_confirmation(
    workspace: SupervisorWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    page = workspace.users
    row = [u.name for u in page.users].index("lee")
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    page.table.selectRow(row)
    page.toggle_role_selected()
    assert {u.name: u.role for u in page.vault.users()}["lee"] == "volunteer"
    page.table.selectRow(row)
    page.toggle_role_selected()
    assert {u.name: u.role for u in page.vault.users()}["lee"] == "supervisor"
