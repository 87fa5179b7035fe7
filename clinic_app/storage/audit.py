"""The append-only, hash-chained audit log and the check of its chain.

Each row carries ``hash = SHA-256(prev_hash || content)``, where ``content``
is the row's sequence number, time, user, action and record id. The chain's
head (row count and latest hash) is also kept in ``audit_head`` with an
HMAC-SHA-256 under a key derived from the database key, so that deleting the
newest rows, which leaves a valid shorter chain, still shows. The log holds a
record id at most, never client data (confidentiality.md, "audit log").
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from clinic_app.i18n import _
from clinic_app.storage.keymaterial import KeyMaterial

Connection = Any
GENESIS = bytes(32)
HEAD_KEY_INFO = b"clinic-intake audit head v1"

# Actions (stable identifiers stored in the log; not user-facing text).
LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOCK = "lock"
VIEW = "view"
CREATE = "create"
EDIT = "edit"
PRINT = "print"
EXPORT = "export"
PURGE = "purge"
USER_ADD = "user_add"
USER_REMOVE = "user_remove"
USER_ROLE = "user_role"
PASSPHRASE_CHANGE = "passphrase_change"  # noqa: S105 - an action name
SETTINGS_CHANGE = "settings_change"
BACKUP = "backup"
RESTORE = "restore"
MIGRATE = "migrate"


def head_key(db_key: KeyMaterial) -> KeyMaterial:
    """The key that authenticates the chain head, derived from the database key."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HEAD_KEY_INFO)
    return KeyMaterial(hkdf.derive(db_key.bytes()))


def row_hash(
    prev_hash: bytes, seq: int, at: str, user: str, action: str, record_id: str | None
) -> bytes:
    content = json.dumps(
        [seq, at, user, action, record_id], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(prev_hash + content.encode("utf-8")).digest()


def head_mac(key: KeyMaterial, count: int, last_hash: bytes) -> bytes:
    return hmac.new(key.bytes(), f"{count}|".encode() + last_hash, hashlib.sha256).digest()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def append(
    con: Connection,
    key: KeyMaterial,
    user: str,
    action: str,
    record_id: str | None = None,
    at: str | None = None,
) -> int:
    """Appends one row and moves the head; call inside the caller's transaction."""
    head = con.execute("SELECT count, last_hash FROM audit_head WHERE id = 1").fetchone()
    count, prev = (int(head[0]), bytes(head[1])) if head else (0, GENESIS)
    seq = count + 1
    when = at or now_iso()
    digest = row_hash(prev, seq, when, user, action, record_id)
    con.execute(
        "INSERT INTO audit_log (seq, at, user, action, record_id, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (seq, when, user, action, record_id, prev, digest),
    )
    con.execute(
        "INSERT INTO audit_head (id, count, last_hash, mac) VALUES (1, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET count = excluded.count, "
        "last_hash = excluded.last_hash, mac = excluded.mac",
        (seq, digest, head_mac(key, seq, digest)),
    )
    return seq


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    user: str
    action: str
    record_id: str | None


def entries(con: Connection) -> list[AuditEntry]:
    rows = con.execute(
        "SELECT seq, at, user, action, record_id FROM audit_log ORDER BY seq"
    ).fetchall()
    return [AuditEntry(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows]


def verify(con: Connection, key: KeyMaterial) -> list[str]:
    """Every break in the chain, one sentence each, naming the rows; empty when intact."""
    problems: list[str] = []
    expected_seq = 1
    prev = GENESIS
    count = 0
    rows = con.execute(
        "SELECT seq, at, user, action, record_id, prev_hash, hash FROM audit_log ORDER BY seq"
    )
    for seq, at, user, action, record_id, prev_hash, stored in rows:
        count += 1
        prev_hash, stored = bytes(prev_hash), bytes(stored)
        if seq > expected_seq:
            problems.append(
                _("Audit rows {first} to {last} are missing (deleted).").format(
                    first=expected_seq, last=seq - 1
                )
                if seq - 1 > expected_seq
                else _("Audit row {seq} is missing (deleted).").format(seq=expected_seq)
            )
        if row_hash(prev_hash, seq, at, user, action, record_id) != stored:
            problems.append(_("Audit row {seq} was edited.").format(seq=seq))
        elif prev_hash != prev and seq == expected_seq:
            problems.append(
                _(
                    "Audit row {seq} does not follow the row before it: a row was "
                    "inserted or replaced before it."
                ).format(seq=seq)
            )
        prev = stored
        expected_seq = seq + 1
    head = con.execute("SELECT count, last_hash, mac FROM audit_head WHERE id = 1").fetchone()
    if head is None:
        if count:
            problems.append(_("The audit log's head record is missing."))
        return problems
    head_count, head_hash, mac = int(head[0]), bytes(head[1]), bytes(head[2])
    if not hmac.compare_digest(mac, head_mac(key, head_count, head_hash)):
        problems.append(_("The audit log's head record was altered."))
    elif head_count > expected_seq - 1:
        problems.append(
            _("The newest audit rows, from row {first} to row {last}, were deleted.").format(
                first=expected_seq, last=head_count
            )
        )
    elif head_count < expected_seq - 1:
        problems.append(
            _("Audit rows after row {last} were added outside the app.").format(last=head_count)
        )
    elif head_hash != prev:
        problems.append(
            _("Audit row {seq} is not the row the head records: it was replaced.").format(
                seq=head_count
            )
        )
    return problems
