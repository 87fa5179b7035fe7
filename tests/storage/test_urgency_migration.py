"""A vault written before the screening v2 urgency columns migrates and lists right."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from clinic_app.domain.record import IntakeRecord
from clinic_app.screening import urgency_on
from clinic_app.storage import connection, records, schema, urgency_schema, urgency_sql
from clinic_app.storage.records import RecordFilter, Records
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE
from tests.storage.records_support import TODAY, make_record, outcome_for
from tests.storage.test_migrations import _key_of, _vault_at_version

# The version just before this migration, wherever the lead orders it.
BEFORE = schema.MIGRATIONS.index(list(urgency_schema.V_URGENCY_V2))
OLD_COLUMNS = urgency_sql.COLUMNS[:5]

CLIENTS: dict[str, dict[str, Any]] = {
    "appeal": {"judge_decision_date": date(2026, 11, 20)},
    "sijs": {"date_of_birth": date(2006, 1, 10), "abused_neglected_abandoned_by_parent": True},
    "period": {
        "fear_of_return": True,
        "last_entry_date": date(2024, 1, 1),
        "parole_status": "expired",
        "parole_ended_on": date(2026, 7, 1),
    },
    "routine": {"fear_of_return": False},
}


def _old_row(con: Any, name: str, record: IntakeRecord) -> None:
    """The row the app wrote before the migration: only the v1 urgency columns."""
    old = dict(list(urgency_sql.columns_for(record.screening_result).values().items())[:5])
    con.execute(
        "INSERT INTO records (id, created_at, created_by, updated_at, display_name, "
        "intake_date, volunteer, data, "
        + ", ".join(OLD_COLUMNS)
        + ") VALUES (:id, '', 'sam', '', :id, :intake, 'sam', :data, "
        + ", ".join(f":{c}" for c in OLD_COLUMNS)
        + ")",
        {"id": name, "intake": TODAY.isoformat(), "data": records.document(record), **old},
    )


def test_an_old_vault_gets_the_v2_columns_and_its_urgent_clients(tmp_path: Path) -> None:
    path = tmp_path / "old.vault"
    _vault_at_version(path, BEFORE)
    stored = {name: make_record(screening_result=outcome_for(a)) for name, a in CLIENTS.items()}
    con = connection.connect(path, _key_of(path))
    with con:
        for name, record in stored.items():
            _old_row(con, name, record)
        # A provisional row that is not an intake record, and one with no screening.
        con.execute(
            "INSERT INTO records (id, created_at, created_by, updated_at, data) "
            "VALUES ('raw', '', 'sam', '', CAST('sijs_age_out' AS BLOB))"
        )
        _old_row(con, "unscreened", make_record())
    con.close()

    with Vault.open(path, "sam", PASSPHRASE) as vault:
        assert schema.read_version(vault.con) == schema.SCHEMA_VERSION
        for name, record in stored.items():
            got = vault.con.execute(
                f"SELECT {', '.join(urgency_sql.COLUMNS)} FROM records WHERE id = ?",
                (name,),
            ).fetchone()
            assert tuple(got) == tuple(
                urgency_sql.columns_for(record.screening_result).values().values()
            )
        listed = Records(vault, today=lambda: TODAY)
        rows = {row.record_id: row.urgency for row in listed.rows(0, 50)}
        for name, record in stored.items():
            assert record.screening_result is not None
            assert rows[name] == urgency_on(record.screening_result.to_dict(), TODAY), name
        assert rows["unscreened"] == rows["raw"] == "routine"
        urgent = listed.rows(0, 50, RecordFilter(urgency="urgent"))
        assert {r.record_id for r in urgent} == {"appeal", "sijs", "period"}
        for index in ("records_queue", "records_list"):
            columns = [r[2] for r in vault.con.execute(f"PRAGMA index_info({index})")]
            assert set(urgency_sql.COLUMNS) <= set(columns), index
        found = listed.rows_sql(RecordFilter(urgency="urgent"))
        assert found is not None
        sql, params = found
        plan = str(
            vault.con.execute(
                "EXPLAIN QUERY PLAN " + sql, {**params, "limit": 50, "offset": 0}
            ).fetchall()
        )
        assert "COVERING INDEX records_queue" in plan
        # The funder report's urgency at intake was counted by the old
        # triggers without the v2 reasons; the migration corrects it.
        counted = dict(
            vault.con.execute(
                "SELECT cat, n FROM report_counts WHERE dim = 'urgency' AND month = ? AND n != 0",
                (TODAY.isoformat()[:7],),
            ).fetchall()
        )
        assert counted == {"urgent": 3, "routine": 2}
