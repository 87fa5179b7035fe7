"""Whatever is not an encrypted Clinic Intake vault is refused and left untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clinic_app.storage import connection, schema
from clinic_app.storage.errors import NotAVault, VaultTooNew, WrongPassphrase
from clinic_app.storage.keyslots import keys_path
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE


def _refused_untouched(path: Path, exc: type[Exception] = NotAVault) -> None:
    before = path.read_bytes()
    keys_before = keys_path(path).read_bytes()
    with pytest.raises(exc):
        Vault.open(path, "sam", PASSPHRASE)
    assert path.read_bytes() == before
    assert keys_path(path).read_bytes() == keys_before


def test_random_file_is_refused(vault: Vault) -> None:
    vault.close()
    vault.path.write_bytes(os.urandom(8192))
    _refused_untouched(vault.path)


def test_truncated_file_is_refused(vault: Vault) -> None:
    for _ in range(20):
        vault.add_record(os.urandom(2000))
    vault.close()
    data = vault.path.read_bytes()
    vault.path.write_bytes(data[: len(data) // 2 + 100])
    _refused_untouched(vault.path)


def test_page_aligned_truncation_is_found_by_verify_or_refused(vault: Vault) -> None:
    for _ in range(40):
        vault.add_record(os.urandom(2000))
    vault.close()
    data = vault.path.read_bytes()
    vault.path.write_bytes(data[: len(data) - 3 * connection.PAGE_SIZE])
    try:
        v = Vault.open(vault.path, "sam", PASSPHRASE)
    except NotAVault:
        return
    with v:
        assert not v.verify().ok


def test_flipped_byte_in_the_first_page_is_refused(vault: Vault) -> None:
    vault.close()
    data = bytearray(vault.path.read_bytes())
    data[100] ^= 0x01
    vault.path.write_bytes(bytes(data))
    _refused_untouched(vault.path)


def test_key_file_of_another_vault_is_refused(vault: Vault, tmp_path: Path) -> None:
    other = Vault.create(tmp_path / "other" / "v", "sam", PASSPHRASE)
    other.close()
    vault.close()
    keys_path(vault.path).write_bytes(keys_path(other.path).read_bytes())
    _refused_untouched(vault.path)


def test_garbage_key_file_is_refused(vault: Vault) -> None:
    vault.close()
    keys_path(vault.path).write_bytes(b"\x00garbage")
    _refused_untouched(vault.path)


def test_missing_key_file_is_refused(vault: Vault) -> None:
    vault.close()
    keys_path(vault.path).unlink()
    before = vault.path.read_bytes()
    with pytest.raises(NotAVault):
        Vault.open(vault.path, "sam", PASSPHRASE)
    assert vault.path.read_bytes() == before


def test_newer_schema_version_is_refused(vault: Vault) -> None:
    with vault.transaction() as con:
        con.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'",
            (str(schema.SCHEMA_VERSION + 1),),
        )
    vault.close()
    _refused_untouched(vault.path, VaultTooNew)


def test_newer_key_file_format_is_refused(vault: Vault) -> None:
    vault.close()
    kp = keys_path(vault.path)
    kp.write_text(kp.read_text().replace('"version": 1', '"version": 2'))
    _refused_untouched(vault.path, VaultTooNew)


def test_encrypted_database_that_is_not_ours_is_refused(vault: Vault) -> None:
    """Right key, valid SQLCipher file, but no Clinic Intake meta: refused."""
    key = vault.db_key
    vault.close()
    # A vault whose meta magic is wrong cannot be made without the key; make
    # one from scratch with the same key and slot file instead.
    from clinic_app.storage.keymaterial import KeyMaterial

    del key
    path = vault.path
    path.unlink()
    # Unwrap the real key again through the slot, to build a foreign database with it.
    from clinic_app.storage.keyslots import KeySlotFile, unwrap

    keys = KeySlotFile.load(keys_path(path))
    slot = keys.slot("sam")
    assert slot is not None
    real = unwrap(slot, PASSPHRASE, keys.vault_id)
    assert isinstance(real, KeyMaterial)
    con = connection.connect(path, real)
    con.execute("CREATE TABLE other (x)")
    con.close()
    _refused_untouched(path)


def test_wrong_passphrase_on_a_damaged_vault_is_still_wrong_passphrase(vault: Vault) -> None:
    vault.close()
    data = bytearray(vault.path.read_bytes())
    data[100] ^= 0x01
    vault.path.write_bytes(bytes(data))
    with pytest.raises(WrongPassphrase):
        Vault.open(vault.path, "sam", "this is not the passphrase")
