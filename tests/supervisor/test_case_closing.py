"""Closing a case records its outcome and services; the report counts them."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from clinic_app.domain.periods import fiscal_year_period
from clinic_app.domain.policy import Context
from clinic_app.storage.records import Records
from clinic_app.storage.reports import funder_report
from clinic_app.storage.vault import Vault
from clinic_app.ui.record_view import RecordView
from tests.supervisor.support import synthetic

TODAY = date(2026, 11, 27)


def test_closing_records_outcome_and_services(vault: Vault, qtbot: QtBot) -> None:
    records = Records(vault, today=lambda: TODAY)
    ids = records.create_many(synthetic(30, seed=4))
    for rid in ids:
        view = RecordView(records, rid, Context(viewer="sam", supervisor=True), today=TODAY)
        qtbot.addWidget(view)
        view.closing.outcome.set_value("application_filed")
        view.closing.services["application_help"].setChecked(True)
        view.status_choice.set_value("closed")
        view.set_status()
    stored = records.get(ids[0])
    assert stored is not None and stored.case_status == "closed"
    assert stored.case_outcome == "application_filed"
    assert "application_help" in stored.services_delivered
    assert "screening" in stored.services_delivered or stored.screening_result is None
    report = funder_report(vault, fiscal_year_period(2026))
    outcome = next(t for t in report.tables if t.key == "case_outcome")
    assert dict(zip(outcome.rows, outcome.cells, strict=True))["application_filed"] == 30
    services = next(t for t in report.tables if t.key == "services_delivered")
    assert dict(zip(services.rows, services.cells, strict=True))["application_help"] == 30
