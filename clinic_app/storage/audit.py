"""The append-only, hash-chained audit log and the check of its chain.

Each row carries ``hash = SHA-256(prev_hash || content)``, where ``content``
is the row's sequence number, time, user, action and record id. The chain's
head (row count and latest hash) is also kept in ``audit_head`` with an
HMAC-SHA-256 under a key derived from the database key, so that deleting the
newest rows, which leaves a valid shorter chain, still shows. The log holds a
record id at most, never client data (confidentiality.md, "audit log").

Every append first checks the head (``check_head``): its MAC, and that the
newest row is the one it names. A vault whose head fails refuses to go on
(``AuditBroken``), so a forged or truncated log is never re-signed by the next
login. Someone holding the database key can still rebuild a consistent chain;
only a witness outside the vault catches that: the head's ``fingerprint`` is
shown in backups, reports and ``admin verify``, ``holds`` checks a chain
against a witnessed fingerprint, and a hub keeps each desk's head
(docs/decisions/0005).
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
from clinic_app.storage.errors import NotAVault
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
REKEY = "rekey"
SITE_KEY = "site_key"
SITE_ENROLL = "site_enroll"
SITE_ADD_DESK = "site_add_desk"
SITE_SEND = "site_send"
SITE_RECEIVE = "site_receive"
SITE_ACK = "site_ack"
SITE_MERGE = "site_merge"  # one row per record a bundle added, updated or put in conflict
SITE_RESOLVE = "site_resolve"

FINGERPRINT_CONTEXT = b"clinic-intake audit head|"


class AuditBroken(NotAVault):
    """The audit log's head does not authenticate its rows: the vault refuses to go on."""


@dataclass(frozen=True)
class Head:
    """The chain's head as a witness sees it: row count and fingerprint."""

    count: int
    last_hash: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.count, self.last_hash)


def fingerprint(count: int, last_hash: bytes) -> str:
    """16 hex digits naming a chain head (the spec's FINGERPRINT)."""
    data = FINGERPRINT_CONTEXT + f"{count}|".encode() + last_hash
    return hashlib.sha256(data).hexdigest()[:16]


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


def _broken(problem: str) -> AuditBroken:
    return AuditBroken(
        _(
            "The audit log was tampered with ({problem}); nothing was changed. "
            "Compare it with a witnessed head (admin verify --expect-head)."
        ).format(problem=problem)
    )


def check_head(con: Connection, key: KeyMaterial, *, start: bool = False) -> tuple[int, bytes]:
    """The head's count and hash after checking it; raises ``AuditBroken`` when it fails.

    ``start`` allows the one empty log there is: a vault being created.
    """
    head = con.execute("SELECT count, last_hash, mac FROM audit_head WHERE id = 1").fetchone()
    last = con.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    if head is None:
        if last is None and start:
            return 0, GENESIS
        raise _broken(_("its head record is missing"))
    count, last_hash, mac = int(head[0]), bytes(head[1]), bytes(head[2])
    if not hmac.compare_digest(mac, head_mac(key, count, last_hash)):
        raise _broken(_("its head record was altered"))
    if last is None or int(last[0]) != count or bytes(last[1]) != last_hash:
        raise _broken(_("its newest rows do not match the head"))
    return count, last_hash


def current_head(con: Connection) -> Head:
    """The head as stored (check it with ``check_head`` or ``verify`` first)."""
    head = con.execute("SELECT count, last_hash FROM audit_head WHERE id = 1").fetchone()
    return Head(int(head[0]), bytes(head[1])) if head else Head(0, GENESIS)


def witness_line(con: Connection, key: KeyMaterial) -> str:
    """ "Audit head: N entries, FINGERPRINT", for backups, reports and the supervisor window.

    The head is checked first (``AuditBroken`` when it fails), so a forged
    head is never shown as a witness.
    """
    count, last_hash = check_head(con, key)
    return _("Audit head: {count} entries, {fingerprint}").format(
        count=count, fingerprint=fingerprint(count, last_hash)
    )


def holds(con: Connection, witnessed: str) -> bool:
    """Whether some prefix of the chain has the fingerprint ``witnessed``.

    A chain that grew after the witness was taken still holds it; a rolled
    back, truncated or rewritten one does not.
    """
    wanted = witnessed.strip().lower()
    return any(
        fingerprint(int(seq), bytes(digest)) == wanted
        for seq, digest in con.execute("SELECT seq, hash FROM audit_log ORDER BY seq")
    )


def append(
    con: Connection,
    key: KeyMaterial,
    user: str,
    action: str,
    record_id: str | None = None,
    at: str | None = None,
    *,
    start: bool = False,
) -> int:
    """Appends one row and moves the head; call inside the caller's transaction.

    The head is checked first: a forged or truncated log is never re-signed.
    """
    count, prev = check_head(con, key, start=start)
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


def append_many(
    con: Connection,
    key: KeyMaterial,
    user: str,
    action: str,
    record_ids: list[str],
    at: str | None = None,
) -> None:
    """Appends one row per record id after one head check (bulk merges); in a transaction."""
    if not record_ids:
        return
    count, prev = check_head(con, key)
    when = at or now_iso()
    rows = []
    for record_id in record_ids:
        count += 1
        digest = row_hash(prev, count, when, user, action, record_id)
        rows.append((count, when, user, action, record_id, prev, digest))
        prev = digest
    con.executemany(
        "INSERT INTO audit_log (seq, at, user, action, record_id, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    con.execute(
        "UPDATE audit_head SET count = ?, last_hash = ?, mac = ? WHERE id = 1",
        (count, prev, head_mac(key, count, prev)),
    )


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
        else:
            # Every vault logs its first user's creation: an empty log was wiped.
            problems.append(_("The audit log is empty: it was wiped."))
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
