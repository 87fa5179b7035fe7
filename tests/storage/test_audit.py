"""The audit chain: appends only, and verify names every tampered row."""

from __future__ import annotations

import pytest

from clinic_app.storage import audit, connection
from clinic_app.storage.vault import Vault


def _filled(vault: Vault, n: int = 10) -> Vault:
    for i in range(n):
        vault.audit(audit.VIEW, f"rec{i}")
    assert vault.verify().ok
    return vault


def _untriggered(vault: Vault) -> connection.Connection:
    """What an attacker holding the key could do: drop the guards."""
    con = vault.con
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("DROP TRIGGER audit_log_no_delete")
    return con


def test_update_and_delete_are_refused_by_the_database(vault: Vault) -> None:
    _filled(vault)
    with pytest.raises(connection.sqlcipher3.IntegrityError):
        vault.con.execute("UPDATE audit_log SET user = 'x' WHERE seq = 2")
    with pytest.raises(connection.sqlcipher3.IntegrityError):
        vault.con.execute("DELETE FROM audit_log WHERE seq = 2")


def test_an_edited_row_is_named(vault: Vault) -> None:
    _filled(vault)
    _untriggered(vault).execute("UPDATE audit_log SET record_id = 'other' WHERE seq = 5")
    assert vault.verify().audit == ["Audit row 5 was edited."]


def test_a_deleted_middle_row_is_named(vault: Vault) -> None:
    _filled(vault)
    _untriggered(vault).execute("DELETE FROM audit_log WHERE seq = 6")
    problems = vault.verify().audit
    assert "Audit row 6 is missing (deleted)." in problems


def test_deleted_newest_rows_are_found_through_the_head(vault: Vault) -> None:
    _filled(vault)
    count = len(vault.audit_entries())
    _untriggered(vault).execute("DELETE FROM audit_log WHERE seq > ?", (count - 2,))
    problems = vault.verify().audit
    assert problems == [
        f"The newest audit rows, from row {count - 1} to row {count}, were deleted."
    ]


def test_a_row_appended_outside_the_app_is_found(vault: Vault) -> None:
    _filled(vault)
    con = vault.con
    last = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = last[0] + 1, bytes(last[1])
    digest = audit.row_hash(prev, seq, "2026-01-01", "mallory", "view", "r")
    con.execute(
        "INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?)",
        (seq, "2026-01-01", "mallory", "view", "r", prev, digest),
    )
    assert vault.verify().audit == [f"Audit rows after row {seq - 1} were added outside the app."]


def test_a_row_inserted_in_the_middle_is_found(vault: Vault) -> None:
    _filled(vault)
    con = _untriggered(vault)
    rows = con.execute("SELECT * FROM audit_log WHERE seq >= 4 ORDER BY seq").fetchall()
    con.execute("DELETE FROM audit_log WHERE seq >= 4")
    prev = bytes(con.execute("SELECT hash FROM audit_log WHERE seq = 3").fetchone()[0])
    forged = audit.row_hash(prev, 4, "2026-01-01", "mallory", "view", "r")
    con.execute(
        "INSERT INTO audit_log VALUES (4, '2026-01-01', 'mallory', 'view', 'r', ?, ?)",
        (prev, forged),
    )
    for row in rows:  # the old rows, shifted up by one, with their old hashes
        con.execute("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?)", (row[0] + 1, *row[1:]))
    problems = vault.verify().audit
    assert any("Audit row 5" in p for p in problems), problems


def test_a_forged_head_is_found(vault: Vault) -> None:
    _filled(vault)
    _untriggered(vault).execute(
        "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)"
    )
    last = vault.con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    vault.con.execute("UPDATE audit_head SET count = ?, last_hash = ?", (last[0], bytes(last[1])))
    assert vault.verify().audit == ["The audit log's head record was altered."]


def test_the_audit_log_holds_no_client_data(vault: Vault) -> None:
    rid = vault.add_record("María Quispe 555-0100".encode())
    vault.read_record(rid)
    for row in vault.con.execute("SELECT * FROM audit_log"):
        assert "María" not in repr(row)
