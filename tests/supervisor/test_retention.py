"""Retention purge: due list, secure delete, VACUUM, audit by count, cancellation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from clinic_app.storage.longwork import Cancelled, CancelToken
from clinic_app.storage.records import Records
from clinic_app.storage.retention import due_for_purge, purge
from clinic_app.storage.vault import Vault
from tests.supervisor.support import synthetic

TODAY = date(2026, 11, 27)
MARK = "Zebulonquist"  # a family name only the purged records carry


def dump(vault: Vault) -> str:
    """Every row of every table (FTS5 shadow tables included), bytes read as text."""
    con = vault.con
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    lines = []
    for t in sorted(tables):
        if t == "records_fts":  # the virtual table itself; its shadow tables are dumped
            continue
        for row in con.execute(f'SELECT * FROM "{t}"'):
            cells = [c.decode("latin-1") if isinstance(c, bytes) else str(c) for c in row]
            lines.append(t + ": " + " | ".join(cells))
    return "\n".join(lines).lower()


def setup(vault: Vault) -> tuple[Records, list[str], list[str]]:
    records = Records(vault, today=lambda: TODAY)
    old = [replace(r, family_name=MARK) for r in synthetic(6, seed=3)]
    recent = synthetic(6, seed=4)
    old_ids = records.create_many(old)
    keep_ids = records.create_many(recent)
    for rid in old_ids:
        records.set_status(rid, "closed", TODAY - timedelta(days=200))
    for rid in keep_ids[:3]:
        records.set_status(rid, "closed", TODAY - timedelta(days=100))
    return records, old_ids, keep_ids


def test_due_list_follows_the_site_setting(vault: Vault) -> None:
    _, old_ids, _keep = setup(vault)
    assert sorted(d.record_id for d in due_for_purge(vault, TODAY)) == sorted(old_ids)
    vault.update_settings(replace(vault.settings(), retention_days=90))
    assert len(due_for_purge(vault, TODAY)) == 9
    vault.update_settings(replace(vault.settings(), retention_days=365))
    assert due_for_purge(vault, TODAY) == []


def test_reopened_case_is_not_due(vault: Vault) -> None:
    records, old_ids, _ = setup(vault)
    records.set_status(old_ids[0], "in_progress", TODAY - timedelta(days=10))
    assert old_ids[0] not in {d.record_id for d in due_for_purge(vault, TODAY)}


def test_purge_removes_every_trace_and_audits_a_count(vault: Vault) -> None:
    records, old_ids, keep_ids = setup(vault)
    assert MARK.lower() in dump(vault)  # the dump can see names: in records and the index
    vault.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = {r.record_id for r in records.rows(0, 100)}
    assert set(old_ids) <= before
    assert records.count() == 12
    assert purge(vault, TODAY) == 6
    text = dump(vault)
    assert MARK.lower() not in text
    after = {r.record_id for r in records.rows(0, 100)}
    assert after == set(keep_ids)
    # No index, history or record row is left for them.
    con = vault.con
    assert con.execute("SELECT count(*) FROM records").fetchone()[0] == 6
    assert con.execute("SELECT count(*) FROM record_status").fetchone()[0] == 6 + 3
    from clinic_app.storage.records import RecordFilter

    assert records.count(RecordFilter(text=MARK)) == 0
    assert con.execute("PRAGMA freelist_count").fetchone()[0] == 0  # VACUUM ran
    last = vault.audit_entries()[-1]
    assert (last.action, last.record_id) == ("purge", "count:6")
    assert not vault.verify().problems()
    assert purge(vault, TODAY) == 0


def test_purge_drops_the_draft_editing_a_purged_record(vault: Vault) -> None:
    records, old_ids, _ = setup(vault)
    records.save_draft({"record_id": old_ids[0], "family_name": MARK})
    assert records.load_draft() is not None
    purge(vault, TODAY)
    assert records.load_draft() is None


def test_cancelled_purge_changes_nothing(vault: Vault) -> None:
    setup(vault)
    before = dump(vault)
    token = CancelToken()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        token.cancel()

    from clinic_app.storage import retention

    old_batch = retention.BATCH
    retention.BATCH = 2  # several batches, cancelled after the first
    try:
        with pytest.raises(Cancelled):
            purge(vault, TODAY, token=token, progress=progress)
    finally:
        retention.BATCH = old_batch
    assert seen == [(2, 6)]
    assert dump(vault) == before
    assert len(due_for_purge(vault, TODAY)) == 6


def test_volunteers_cannot_purge(vault: Vault, vault_path: object) -> None:
    from pathlib import Path

    from clinic_app.storage.errors import PermissionDenied

    vault.add_user("vic", "volunteer", "another long passphrase here")
    with (
        Vault.open(Path(str(vault_path)), "vic", "another long passphrase here") as v,
        pytest.raises(PermissionDenied),
    ):
        purge(v, TODAY)
