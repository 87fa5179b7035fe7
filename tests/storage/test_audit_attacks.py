"""The audit attacks of the outside review, each caught by reopening and verify."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinic_app.storage import audit
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE


def _filled(path: Path) -> tuple[Vault, str]:
    vault = Vault.create(path, "sam", PASSPHRASE)
    for i in range(8):
        vault.audit(audit.EXPORT, f"rec{i}")
    return vault, audit.current_head(vault.con).fingerprint


def _attacker(vault: Vault) -> None:
    vault.con.execute("DROP TRIGGER audit_log_no_update")
    vault.con.execute("DROP TRIGGER audit_log_no_delete")


def _refused_twice(path: Path) -> None:
    """Reopening refuses, and keeps refusing: nothing re-signed the head."""
    for _ in range(2):
        with pytest.raises(audit.AuditBroken):
            Vault.open(path, "sam", PASSPHRASE)


def test_a_zeroed_head_mac_is_refused_on_reopen(vault_path: Path) -> None:
    vault, _fp = _filled(vault_path)
    vault.con.execute("UPDATE audit_head SET mac = zeroblob(32)")
    assert "The audit log's head record was altered." in vault.verify().audit
    vault.close()
    _refused_twice(vault_path)


def test_truncated_chain_with_a_fixed_head_is_refused(vault_path: Path) -> None:
    vault, _fp = _filled(vault_path)
    _attacker(vault)
    vault.con.execute("DELETE FROM audit_log WHERE seq > 5")
    last = vault.con.execute("SELECT seq, hash FROM audit_log WHERE seq = 5").fetchone()
    vault.con.execute("UPDATE audit_head SET count = ?, last_hash = ?", (5, bytes(last[1])))
    vault.close()
    _refused_twice(vault_path)


def test_a_key_holder_rewriting_head_and_mac_is_caught_by_a_witness(vault_path: Path) -> None:
    vault, witnessed = _filled(vault_path)
    _attacker(vault)
    vault.con.execute("DELETE FROM audit_log WHERE seq > 5")
    last = bytes(vault.con.execute("SELECT hash FROM audit_log WHERE seq = 5").fetchone()[0])
    mac = audit.head_mac(vault._head_key, 5, last)  # only someone with the key can do this
    vault.con.execute("UPDATE audit_head SET count = 5, last_hash = ?, mac = ?", (last, mac))
    vault.close()
    with Vault.open(vault_path, "sam", PASSPHRASE) as again:  # consistent: opens
        assert again.verify().ok
        assert not audit.holds(again.con, witnessed)  # but the witness catches it


def test_a_wiped_log_is_refused_and_named(vault_path: Path) -> None:
    vault, _fp = _filled(vault_path)
    _attacker(vault)
    vault.con.execute("DELETE FROM audit_log")
    vault.con.execute("DELETE FROM audit_head")
    assert vault.verify().audit == ["The audit log is empty: it was wiped."]
    vault.close()
    _refused_twice(vault_path)


def test_deleting_the_newest_rows_only_is_refused(vault_path: Path) -> None:
    vault, _fp = _filled(vault_path)
    _attacker(vault)
    vault.con.execute("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    vault.close()
    _refused_twice(vault_path)


def test_a_rollback_is_caught_by_the_witness(vault_path: Path) -> None:
    vault, _fp = _filled(vault_path)
    vault.close()
    saved = {p.name: p.read_bytes() for p in vault_path.parent.iterdir()}
    with Vault.open(vault_path, "sam", PASSPHRASE) as v:
        for i in range(3):
            v.audit(audit.EXPORT, f"later{i}")
        witnessed = audit.current_head(v.con).fingerprint
    for p in list(vault_path.parent.iterdir()):
        p.unlink()
    for name, data in saved.items():
        (vault_path.parent / name).write_bytes(data)
    with Vault.open(vault_path, "sam", PASSPHRASE) as v:
        assert v.verify().ok  # alone, the old copy looks intact
        assert not audit.holds(v.con, witnessed)
        v.audit(audit.VIEW, "x")
        assert not audit.holds(v.con, witnessed)  # growing again does not help


def test_fingerprint_is_sixteen_hex_digits_and_changes_with_every_row(vault: Vault) -> None:
    first = audit.current_head(vault.con).fingerprint
    vault.audit(audit.VIEW, "r")
    second = audit.current_head(vault.con).fingerprint
    assert len(first) == 16 and int(first, 16) >= 0
    assert first != second
    assert audit.holds(vault.con, first) and audit.holds(vault.con, second)
