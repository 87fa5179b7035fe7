"""Re-keying a vault: a new random database key, re-sealed to every remaining user.

Removing a user calls ``rekey``: whatever the removed user kept (their old
key-slot file, the 32-byte key itself) opens nothing of the vault afterwards.
Backups made before stay readable with the old key (docs/security.md says how
to destroy them).

Steps, each leaving a vault that opens (kill -9 at any point):

1. ``meta.rekey_pending`` is set in the same transaction that removes the user
   (``Vault.remove_user``); from then on they cannot sign in through the app.
2. The vault is exported under the new key to a temporary file beside it
   (``sqlcipher_export``, the same page re-encryption as ``PRAGMA rekey``, but
   never a half-rewritten live file), while a write lock keeps other sessions
   from committing; in the copy the flag is cleared, the audit head is
   re-authenticated under the new key after checking it under the old, and a
   "rekey" row is appended.
3. The key-slot file gets the new key sealed to each remaining user, with the
   old one beside it (``sealed_prev``), atomically; removed users' slots go.
4. The old connection closes (its WAL is checkpointed away) and the copy is
   renamed over the vault.
5. ``sealed_prev`` is dropped.

An unlock after a crash (``settle``) finds either the old vault with the flag
(step 2 or 3 interrupted: the re-key runs again) or the new one with
``sealed_prev`` left (step 5 interrupted: it is dropped).
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path
from typing import Final

from clinic_app.i18n import _
from clinic_app.storage import audit, connection, keyslots
from clinic_app.storage.errors import NotAVault, VaultError
from clinic_app.storage.files import fsync_dir, remove_quietly
from clinic_app.storage.keymaterial import KeyMaterial
from clinic_app.storage.paths import keys_path
from clinic_app.storage.vault import Vault, check_identity, guard, table_counts

PENDING: Final = "rekey_pending"
TMP_TAG: Final = ".rekey-"
ATTEMPTS: Final = 3


class RekeyBusy(VaultError):
    """Another session holds the vault open; the re-key finishes at the next unlock."""


def _pending(con: connection.Connection) -> bool:
    row = con.execute("SELECT value FROM meta WHERE key = ?", (PENDING,)).fetchone()
    return row is not None


def mark_pending(con: connection.Connection) -> None:
    """Step 1; call inside the transaction that removes the user."""
    con.execute(
        "INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = '1'",
        (PENDING,),
    )


def settle(vault: Vault, secret: str) -> None:
    """After an unlock: finish an interrupted re-key; give a first-format slot a key pair."""
    with guard():
        pending = _pending(vault.con)
    if pending:
        rekey(vault)
        return
    kpath = keys_path(vault.path)
    if any(s.sealed_prev is not None for s in vault.keys.slots):
        with keyslots.editing(kpath) as fresh:
            for slot in fresh.slots:
                slot.sealed_prev = None
        vault.keys = fresh
    mine = vault.keys.slot(vault.user)
    if mine is not None and mine.public is None:
        # The passphrase is at hand only now: wrap a key pair for this user.
        upgraded = keyslots.wrap(
            vault.db_key, vault.user, secret, vault.keys.vault_id, supervisor=mine.supervisor
        )
        with keyslots.editing(kpath) as fresh:
            current = fresh.slot(vault.user)
            if current is not None and current.public is None:
                upgraded.failures, upgraded.last_failure = current.failures, current.last_failure
                upgraded.pending_failures = current.pending_failures
                fresh.put(upgraded)
        vault.keys = fresh


def _tmp_for(path: Path) -> Path:
    return path.with_name(f".{path.name}{TMP_TAG}{uuid.uuid4().hex[:12]}")


def _clean_leftovers(path: Path) -> None:
    for old in path.parent.glob(f".{path.name}{TMP_TAG}*"):
        remove_quietly(old)


def rekey(vault: Vault) -> list[str]:
    """Steps 2-5 for an open vault; returns users whose first-format slots had to go.

    Those users (whose slot predates key pairs and who have not unlocked since)
    need a new passphrase from a supervisor.
    """
    path, kpath = vault.path, keys_path(vault.path)
    active = {u.name for u in vault.users() if not u.removed}
    _clean_leftovers(path)
    old_key = KeyMaterial(vault.db_key.bytes())
    new_key = KeyMaterial(os.urandom(keyslots.KEY_BYTES))
    tmp = _tmp_for(path)
    try:
        _export(vault, tmp, new_key, old_key)
        dropped: list[str] = []
        with keyslots.editing(kpath) as fresh:  # step 3
            kept = []
            for slot in fresh.slots:
                if slot.user not in active:
                    continue  # the removed user's slot goes with the old key
                if slot.public is None:
                    dropped.append(slot.user)
                    continue
                keyslots.reseal(slot, new_key, old_key)
                kept.append(slot)
            fresh.slots = kept
        vault.keys = fresh
        _swap(vault, tmp, old_key)  # step 4
        vault._reopen(new_key)
        with keyslots.editing(kpath) as final:  # step 5
            for slot in final.slots:
                slot.sealed_prev = None
        vault.keys = final
        return dropped
    finally:
        old_key.wipe()
        remove_quietly(tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal"))


def _export(vault: Vault, tmp: Path, new_key: KeyMaterial, old_key: KeyMaterial) -> None:
    """Step 2: the vault under ``new_key`` in ``tmp``, checked, flag cleared, head re-signed."""
    con = vault.con
    with guard():
        audit.check_head(con, vault._head_key)
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        con.execute("ATTACH DATABASE ? AS rekeyed KEY ?", (str(tmp), f"x'{new_key.hex()}'"))
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                con.execute("SELECT sqlcipher_export('rekeyed')").fetchall()
                con.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(connection.DatabaseError):
                    con.execute("ROLLBACK")
                raise
        finally:
            con.execute("DETACH DATABASE rekeyed")
        source = table_counts(con)
    copy = connection.connect(tmp, new_key)
    old_head, new_head = audit.head_key(old_key), audit.head_key(new_key)
    try:
        check_identity(copy, vault.keys.vault_id)
        if table_counts(copy) != source:
            raise NotAVault(_("The re-keyed copy does not hold every row; nothing was changed."))
        copy.execute("BEGIN IMMEDIATE")
        count, last = audit.check_head(copy, old_head)
        copy.execute(
            "UPDATE audit_head SET mac = ? WHERE id = 1", (audit.head_mac(new_head, count, last),)
        )
        copy.execute("DELETE FROM meta WHERE key = ?", (PENDING,))
        audit.append(copy, new_head, vault.user, audit.REKEY)
        copy.execute("COMMIT")
        copy.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        copy.close()
        old_head.wipe()
        new_head.wipe()
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())


def _swap(vault: Vault, tmp: Path, old_key: KeyMaterial) -> None:
    """Step 4: close the old vault (no WAL left behind), rename the copy over it."""
    path = vault.path
    with guard():
        vault.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    vault._drop_connection()
    if Path(f"{path}-wal").exists() or Path(f"{path}-shm").exists():
        # SQLite removes both when the last connection closes: another session
        # still has the old vault open, and its WAL must not meet the new file.
        # This session goes on with the old file; the next unlock re-keys.
        vault._reopen(KeyMaterial(old_key.bytes()))
        raise RekeyBusy(
            _(
                "Another session has the vault open; close it. The re-key will "
                "finish at the next unlock."
            )
        )
    os.replace(tmp, path)
    fsync_dir(path.parent)


__all__ = ["PENDING", "RekeyBusy", "mark_pending", "rekey", "settle"]
