"""One byte flipped inside a data page: verify reports it, the app refuses to use it."""

from __future__ import annotations

import os

import pytest

from clinic_app.storage import connection
from clinic_app.storage.errors import NotAVault
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE


def test_flipped_byte_in_a_data_page(vault: Vault) -> None:
    for _ in range(60):
        vault.add_record(os.urandom(2000))
    vault.close()
    data = bytearray(vault.path.read_bytes())
    pages = len(data) // connection.PAGE_SIZE
    assert pages > 20
    page = pages - 5  # a records page, not page 1 or the schema
    data[page * connection.PAGE_SIZE + 1000] ^= 0x40
    vault.path.write_bytes(bytes(data))
    v = Vault.open(vault.path, "sam", PASSPHRASE)
    try:
        report = v.verify()
        assert not report.ok
        assert any(str(page + 1) in p for p in report.cipher), report.cipher
        with pytest.raises(NotAVault):
            for rid in v.record_ids():
                v.read_record(rid)
            v.con.execute("SELECT sum(length(data)) FROM records").fetchone()
            raise AssertionError("read every record from a damaged vault")
    finally:
        v.close()
