"""Backup and restore round trip; damaged backups are refused; nothing half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clinic_app.storage import backup
from clinic_app.storage.errors import NotAVault, VaultExists, WrongPassphrase
from clinic_app.storage.keyslots import keys_path
from clinic_app.storage.vault import VOLUNTEER, Vault
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE


def _folder_names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_round_trip(vault: Vault, tmp_path: Path) -> None:
    vault.add_user("vic", VOLUNTEER, OTHER_PASSPHRASE)
    ids = [vault.add_record(os.urandom(2000)) for _ in range(30)]
    info = backup.write_backup(vault, tmp_path / "out" / "b.cibackup")
    assert info.counts["records"] == 30
    vault.close()
    assert _folder_names(tmp_path / "out") == {"b.cibackup"}
    target = tmp_path / "restored" / "clinic.vault"
    counts = backup.restore_backup(info.path, target, "vic", OTHER_PASSPHRASE)
    assert counts["records"] == 30
    assert _folder_names(target.parent) == {"clinic.vault", "clinic.vault.keys"}
    with Vault.open(target, "sam", PASSPHRASE) as v:
        assert v.record_ids() == ids
        assert v.verify().ok
        assert [e.action for e in v.audit_entries()][-3:] == ["backup", "restore", "login"]


def test_the_backup_is_encrypted(vault: Vault, tmp_path: Path) -> None:
    marker = "MARKER-Zyxwvut-9876"
    vault.add_record(marker.encode())
    info = backup.write_backup(vault, tmp_path / "b.cibackup")
    data = info.path.read_bytes()
    assert marker.encode() not in data
    assert b"SQLite format 3" not in data


def test_wrong_passphrase_restores_nothing(vault: Vault, tmp_path: Path) -> None:
    info = backup.write_backup(vault, tmp_path / "b.cibackup")
    target = tmp_path / "r" / "v"
    with pytest.raises(WrongPassphrase):
        backup.restore_backup(info.path, target, "sam", "not the right passphrase")
    assert not target.exists() and not keys_path(target).exists()


@pytest.mark.parametrize("where", ["header", "keys", "pages", "end", "truncate"])
def test_damaged_backup_is_refused_and_nothing_written(
    vault: Vault, tmp_path: Path, where: str
) -> None:
    for _ in range(20):
        vault.add_record(os.urandom(2000))
    info = backup.write_backup(vault, tmp_path / "b.cibackup")
    data = bytearray(info.path.read_bytes())
    if where == "truncate":
        data = data[: len(data) // 2]
    else:
        index = {"header": 3, "keys": 60, "pages": len(data) // 2, "end": len(data) - 40}[where]
        data[index] ^= 0x10
    info.path.write_bytes(bytes(data))
    target = tmp_path / "r" / "v"
    with pytest.raises(NotAVault):
        backup.restore_backup(info.path, target, "sam", PASSPHRASE)
    assert not target.exists() and not keys_path(target).exists()
    assert not target.parent.exists() or not list(target.parent.iterdir())


def test_damage_behind_a_recomputed_digest_is_caught_by_the_checks(
    vault: Vault, tmp_path: Path
) -> None:
    """Someone fixes the SHA-256 after flipping a page byte: SQLCipher's HMAC still fails."""
    import hashlib

    for _ in range(20):
        vault.add_record(os.urandom(2000))
    info = backup.write_backup(vault, tmp_path / "b.cibackup")
    body = bytearray(info.path.read_bytes()[:-32])
    body[len(body) - 5000] ^= 0x10
    info.path.write_bytes(bytes(body) + hashlib.sha256(body).digest())
    target = tmp_path / "r" / "v"
    with pytest.raises(NotAVault):
        backup.restore_backup(info.path, target, "sam", PASSPHRASE)
    assert not list(target.parent.iterdir())


def test_restore_never_writes_over_a_vault(vault: Vault, tmp_path: Path) -> None:
    info = backup.write_backup(vault, tmp_path / "b.cibackup")
    vault.close()
    before = vault.path.read_bytes()
    with pytest.raises(VaultExists):
        backup.restore_backup(info.path, vault.path, "sam", PASSPHRASE)
    assert vault.path.read_bytes() == before


def test_a_vault_file_is_not_a_backup(vault: Vault, tmp_path: Path) -> None:
    vault.close()
    with pytest.raises(NotAVault):
        backup.restore_backup(vault.path, tmp_path / "r" / "v", "sam", PASSPHRASE)


def test_auto_backups_keep_the_newest_seven(vault: Vault, tmp_path: Path) -> None:
    folder = tmp_path / "auto"
    folder.mkdir()
    (folder / "unrelated.txt").write_text("keep me")
    made = [backup.auto_backup(vault, folder) for _ in range(9)]
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([p.name for p in made[-7:]] + ["unrelated.txt"])


@pytest.mark.parametrize("suffix", ["", ".keys", "-wal"])
def test_a_backup_is_never_written_over_the_vault(vault: Vault, suffix: str) -> None:
    target = Path(f"{vault.path}{suffix}")
    before = target.read_bytes() if target.exists() else None
    with pytest.raises(ValueError):
        backup.write_backup(vault, target)
    assert (target.read_bytes() if target.exists() else None) == before
    assert vault.verify().ok
