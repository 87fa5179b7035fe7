"""The pinned SQLCipher and SQLite settings are in force on every open vault."""

from __future__ import annotations

from clinic_app.storage import connection
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE


def _pragma(v: Vault, name: str) -> str:
    return str(v.con.execute(f"PRAGMA {name}").fetchone()[0])


def test_pragmas_on_a_new_and_a_reopened_vault(vault: Vault) -> None:
    for v in (vault, None):
        if v is None:
            vault.close()
            v = Vault.open(vault.path, "sam", PASSPHRASE)
        assert _pragma(v, "journal_mode") == "wal"
        assert _pragma(v, "synchronous") == "2"  # FULL
        assert _pragma(v, "secure_delete") == "1"
        assert _pragma(v, "temp_store") == "2"  # MEMORY
        assert _pragma(v, "foreign_keys") == "1"
        assert _pragma(v, "cipher_page_size") == "4096"
        assert _pragma(v, "cipher_hmac_algorithm") == "HMAC_SHA512"
        assert _pragma(v, "cipher_kdf_algorithm") == "PBKDF2_HMAC_SHA512"
        assert _pragma(v, "cipher_plaintext_header_size") == "0"
        assert _pragma(v, "cipher_version").startswith("4.")
        v.close()


def test_the_file_has_no_sqlite_header(vault: Vault) -> None:
    vault.close()
    assert not vault.path.read_bytes().startswith(connection.SQLITE_HEADER)


def test_check_pragmas_notices_a_weaker_setting(vault: Vault) -> None:
    import pytest

    vault.con.execute("PRAGMA secure_delete = OFF")
    with pytest.raises(RuntimeError, match="secure_delete"):
        connection.check_pragmas(vault.con)
