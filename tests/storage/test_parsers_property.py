"""Parsers of untrusted files fail only with the vault's own clear errors."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_app.storage import audit, backup
from clinic_app.storage.errors import NotAVault
from clinic_app.storage.keyslots import KeySlotFile
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import TEST_PARAMS

FAST = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


@FAST
@given(st.binary(max_size=300))
def test_key_file_parser_on_random_bytes(raw: bytes) -> None:
    with contextlib.suppress(NotAVault):
        KeySlotFile.from_bytes(raw)


@FAST
@given(field=st.sampled_from(["format", "version", "vault_id", "slots"]), value=json_values)
def test_key_file_parser_on_wrong_fields(field: str, value: object) -> None:
    good = {"format": "clinic-intake-keys", "version": 1, "vault_id": "v", "slots": []}
    good[field] = value
    with contextlib.suppress(NotAVault):
        KeySlotFile.from_bytes(json.dumps(good).encode())


@FAST
@given(
    key=st.sampled_from(["user", "kdf", "salt", "nonce", "wrapped", "failures"]), value=json_values
)
def test_key_file_parser_on_wrong_slot_fields(key: str, value: object) -> None:
    slot = {
        "user": "sam",
        "kdf": TEST_PARAMS.as_json(),
        "salt": "AAAA",
        "nonce": "AAAA",
        "wrapped": "AAAA",
        "failures": 0,
    }
    slot[key] = value
    data = {"format": "clinic-intake-keys", "version": 1, "vault_id": "v", "slots": [slot]}
    with contextlib.suppress(NotAVault):
        KeySlotFile.from_bytes(json.dumps(data).encode())


@pytest.fixture
def backup_bytes(vault: Vault, tmp_path: Path) -> bytes:
    for _ in range(5):
        vault.add_record(b"r" * 500)
    return backup.write_backup(vault, tmp_path / "b.cibackup").path.read_bytes()


@FAST
@given(data=st.data())
def test_backup_reader_on_mutated_files(
    backup_bytes: bytes, tmp_path: Path, data: st.DataObject
) -> None:
    raw = bytearray(backup_bytes)
    kind = data.draw(st.sampled_from(["flip", "cut", "junk"]))
    if kind == "flip":
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] ^= data.draw(st.integers(1, 255))
    elif kind == "cut":
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    else:
        raw = bytearray(data.draw(st.binary(max_size=200)))
    path = tmp_path / "m.cibackup"
    path.write_bytes(bytes(raw))
    with pytest.raises(NotAVault):
        backup.read_backup(path)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_single_edit_or_deletion_of_the_audit_log_is_found(
    vault: Vault, data: st.DataObject
) -> None:
    con = vault.con
    for i in range(8):
        vault.audit(audit.VIEW, f"r{i}")
    con.execute("SAVEPOINT tamper")
    try:
        con.execute("DROP TRIGGER audit_log_no_update")
        con.execute("DROP TRIGGER audit_log_no_delete")
        count = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        seq = count - 7 + data.draw(st.integers(0, 7))  # one of the 8 newest rows
        op = data.draw(st.sampled_from(["delete", "user", "action", "record_id", "at"]))
        if op == "delete":
            con.execute("DELETE FROM audit_log WHERE seq = ?", (seq,))
        else:
            con.execute(f"UPDATE audit_log SET {op} = {op} || 'x' WHERE seq = ?", (seq,))
        problems = audit.verify(con, vault._head_key)
        assert problems, (op, seq)
        assert any(str(seq) in p for p in problems), (op, seq, problems)
    finally:
        con.execute("ROLLBACK TO tamper")
        con.execute("RELEASE tamper")
    assert audit.verify(con, vault._head_key) == []
