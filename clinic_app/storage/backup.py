"""Backups: one file holding the vault (an encrypted SQLCipher export) and its key slots.

A backup is written through SQLCipher (``sqlcipher_export``), never by copying
the live file, then opened and checked before it is kept. Layout::

    MAGIC (21 bytes) | format version (1) | len(keys) (8) | keys JSON
    | len(db) (8) | db (SQLCipher pages) | SHA-256 of all before (32)

The SHA-256 catches accidental damage quickly; the slots (AES-GCM) and the
pages (SQLCipher's HMAC) are what authenticate the content. Restoring writes
to temporary files beside the target and installs them only after every check
passed, so a failed restore leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import struct
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from clinic_app.i18n import _
from clinic_app.storage import audit, connection, keyslots
from clinic_app.storage.errors import NotAVault, PermissionDenied, VaultExists, WrongPassphrase
from clinic_app.storage.files import NotRegularFile, fsync_dir, open_regular, remove_quietly
from clinic_app.storage.keyslots import KeySlotFile, keys_path
from clinic_app.storage.tempfiles import clean_stale_temps, held_temp
from clinic_app.storage.vault import (
    Vault,
    VerifyReport,
    check_identity,
    check_user_name,
    role_of,
    table_counts,
    vault_exists,
    verify_connection,
)

MAGIC = b"CLINIC-INTAKE-BACKUP\x00"
FORMAT_VERSION = 1
SUFFIX = ".cibackup"
AUTO_PREFIX = "clinic-intake-"
AUTO_KEEP = 7
AUTO_NAME = re.compile(r"^clinic-intake-\d{8}-\d{6}-\d{6}\.cibackup$")
CHUNK = 1 << 20


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    counts: dict[str, int]


def _tmp_beside(path: Path, tag: str) -> Path:
    return path.with_name(f".{path.name}.{tag}-{uuid.uuid4().hex[:12]}.tmp")


def _problems(report: VerifyReport) -> None:
    if not report.ok:
        raise NotAVault(_("The backup copy failed its checks; it was not kept."))


# SQLite's words for a page it cannot read or authenticate (SQLCipher's HMAC
# failures read as "file is not a database"); other errors (a full disk) are not damage.
DAMAGE_WORDS = ("malformed", "not a database", "corrupt")


def _damage(exc: Exception) -> bool:
    return any(word in str(exc).lower() for word in DAMAGE_WORDS)


def export_encrypted(vault: Vault, target: Path) -> dict[str, int]:
    """``sqlcipher_export`` of the open vault into ``target`` (same key), checked."""
    con = vault.con
    key = vault.db_key
    con.execute("ATTACH DATABASE ? AS backup KEY ?", (str(target), f"x'{key.hex()}'"))
    try:
        con.execute("SELECT sqlcipher_export('backup')").fetchall()
        source = table_counts(con)
    except connection.DatabaseError as exc:
        if not _damage(exc):
            raise
        raise NotAVault(_("The vault is damaged; no backup was written.")) from None
    finally:
        con.execute("DETACH DATABASE backup")
    copy = connection.connect(target, key)
    hkey = audit.head_key(key)
    try:
        check_identity(copy, vault.keys.vault_id)
        report = verify_connection(copy, hkey)
    finally:
        copy.close()
        hkey.wipe()
    _problems(report)
    if report.counts != source:
        raise NotAVault(_("The backup copy does not hold every row; it was not kept."))
    return report.counts


def write_backup(vault: Vault, out: Path) -> BackupInfo:
    """Writes one backup file at ``out`` (replacing it atomically), checked first."""
    out = Path(out)
    base = vault.path.resolve()
    kpath = keys_path(base)
    own = {base, kpath, Path(f"{base}-wal"), Path(f"{base}-shm"), Path(f"{kpath}.lock")}
    if out.resolve() in own:
        raise ValueError(_("A backup cannot be written over the vault's own files."))
    out.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    clean_stale_temps(out.parent)
    vault.audit(audit.BACKUP)
    db_tmp = _tmp_beside(out, "db")
    out_tmp = _tmp_beside(out, "backup")
    try:
        with held_temp(db_tmp), held_temp(out_tmp):
            counts = export_encrypted(vault, db_tmp)
            keys = vault.keys.to_bytes()
            digest = hashlib.sha256()
            with out_tmp.open("r+b") as handle:
                _write(handle, digest, MAGIC + bytes([FORMAT_VERSION]))
                _write(handle, digest, struct.pack(">Q", len(keys)) + keys)
                _write(handle, digest, struct.pack(">Q", db_tmp.stat().st_size))
                with db_tmp.open("rb") as db:
                    while chunk := db.read(CHUNK):
                        _write(handle, digest, chunk)
                handle.write(digest.digest())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(out_tmp, out)
        fsync_dir(out.parent)
    finally:
        remove_quietly(db_tmp, out_tmp)
    return BackupInfo(out, counts)


def _write(handle: BinaryIO, digest: hashlib._Hash, data: bytes) -> None:
    handle.write(data)
    digest.update(data)


@dataclass
class _Parsed:
    keys: KeySlotFile
    db_offset: int
    db_length: int


def _not_a_backup() -> NotAVault:
    return NotAVault(_("This file is not a Clinic Intake backup, or it is damaged."))


def read_backup(path: Path) -> _Parsed:
    """Checks the whole file's digest and parses its header; raises ``NotAVault``."""
    try:
        fd = open_regular(path)
        with os.fdopen(fd, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(len(MAGIC) + 1)
            if head[: len(MAGIC)] != MAGIC:
                raise _not_a_backup()
            if head[len(MAGIC)] > FORMAT_VERSION:
                raise NotAVault(
                    _(
                        "This backup was written by a newer version of Clinic Intake; "
                        "update the app."
                    )
                )
            digest = hashlib.sha256(head)
            remaining = size - len(head) - 32
            while remaining > 0:
                chunk = handle.read(min(CHUNK, remaining))
                if not chunk:
                    raise _not_a_backup()
                digest.update(chunk)
                remaining -= len(chunk)
            if remaining < 0 or handle.read(32) != digest.digest():
                raise _not_a_backup()
            handle.seek(len(head))
            (keys_len,) = struct.unpack(">Q", handle.read(8))
            # Lengths are checked against the file before use: a forged header
            # (its digest recomputed) must not ask for exabytes of memory.
            if keys_len > min(keyslots.MAX_KEYS_FILE_BYTES, size):
                raise _not_a_backup()
            keys = KeySlotFile.from_bytes(handle.read(keys_len))
            (db_len,) = struct.unpack(">Q", handle.read(8))
            offset = handle.tell()
    except NotRegularFile:
        raise NotAVault(_("The backup is not a regular file; it was not opened.")) from None
    except (OSError, IndexError, struct.error, OverflowError, MemoryError):
        raise _not_a_backup() from None
    if offset + db_len + 32 != size:
        raise _not_a_backup()
    return _Parsed(keys, offset, db_len)


def restore_backup(
    backup: Path, vault_path: Path, user: str | None, secret: str, *, supervisor_only: bool = False
) -> dict[str, int]:
    """Restores ``backup`` as a new vault at ``vault_path``; returns its row counts.

    Refuses to write over an existing vault. Raises ``WrongPassphrase`` or
    ``NotAVault`` before anything is written at ``vault_path``; with
    ``supervisor_only`` (the command line), ``PermissionDenied`` unless the
    user is a supervisor in the backup.
    """
    backup, vault_path = Path(backup), Path(vault_path)
    if vault_exists(vault_path):
        raise VaultExists(
            _("A vault already exists there; move it away first. Nothing was changed.")
        )
    parsed = read_backup(backup)
    keys = parsed.keys
    name = check_user_name(user) if user else (keys.first_user() or "")
    slot = keys.slot(name)
    key = keyslots.unwrap(slot, secret, keys.vault_id) if slot else None
    if key is None:
        raise WrongPassphrase(_("The user name or passphrase is wrong."))
    clean_stale_temps(vault_path.parent)
    vault_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    db_tmp = _tmp_beside(vault_path, "restore")
    installed = False
    try:
        with held_temp(db_tmp):
            with backup.open("rb") as src, db_tmp.open("r+b") as dst:
                src.seek(parsed.db_offset)
                remaining = parsed.db_length
                while remaining:
                    chunk = src.read(min(CHUNK, remaining))
                    if not chunk:
                        raise _not_a_backup()
                    dst.write(chunk)
                    remaining -= len(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            connection.check_file(db_tmp)
            con = connection.connect(db_tmp, key)
            with contextlib.closing(con):
                check_identity(con, keys.vault_id)
                hkey = audit.head_key(key)
                report = verify_connection(con, hkey)
                hkey.wipe()
                if not report.ok:
                    raise NotAVault(_("The backup is damaged; nothing was restored."))
                role = role_of(con, name)
                if not user and role != "supervisor":
                    raise NotAVault(
                        _("The key-slot file names a default user who is not a supervisor.")
                    )
                if supervisor_only and role != "supervisor":
                    raise PermissionDenied(_("Only a supervisor can do this."))
            os.link(db_tmp, vault_path)  # fails rather than replace a vault made meanwhile
            installed = True
        keys.save(keys_path(vault_path), exclusive=True)
        fsync_dir(vault_path.parent)
    except BaseException:
        key.wipe()
        if installed:
            remove_quietly(vault_path)
        raise
    finally:
        remove_quietly(db_tmp, Path(f"{db_tmp}-wal"), Path(f"{db_tmp}-shm"))
    with Vault(vault_path, keys, connection.connect(vault_path, key), key, name, role) as v:
        v.audit(audit.RESTORE)
    return report.counts


FAILED_KEY = "auto_backup_failed_at"


def auto_backup(vault: Vault, folder: Path, keep: int = AUTO_KEEP) -> Path:
    """A dated backup in ``folder``, keeping the newest ``keep`` of them.

    A failure is remembered in the vault, so the next sign-in can say so: an
    automatic backup must not fail silently.
    """
    folder = Path(folder)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    try:
        info = write_backup(vault, folder / f"{AUTO_PREFIX}{stamp}{SUFFIX}")
        for old in list(_auto_backups(folder))[:-keep]:
            remove_quietly(old)
    except (OSError, ValueError, NotAVault):
        with contextlib.suppress(Exception), vault.transaction() as con:
            con.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (FAILED_KEY, audit.now_iso()),
            )
        raise
    with vault.transaction() as con:
        con.execute("DELETE FROM meta WHERE key = ?", (FAILED_KEY,))
    return info.path


def auto_backup_failed_at(vault: Vault) -> str | None:
    """When the last automatic backup failed (ISO time, UTC), or None if it did not."""
    row = vault.con.execute("SELECT value FROM meta WHERE key = ?", (FAILED_KEY,)).fetchone()
    return str(row[0]) if row else None


def _auto_backups(folder: Path) -> Iterator[Path]:
    yield from sorted(p for p in folder.iterdir() if AUTO_NAME.match(p.name))
