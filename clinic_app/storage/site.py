"""Several desks, one site: keys, enrolment, and the bundles that move records.

A hub (the supervisor's vault) has an age transfer identity and an Ed25519
key for receipts; a desk has an Ed25519 key and the hub's public keys. Every
secret is a row of ``site_keys`` inside the SQLCipher vault. ``send`` writes
the records a desk changed since the hub last acknowledged them, with the
desk's audit rows since the head the hub witnessed, signed and encrypted to
the hub (``bundle.py``); ``receive`` checks and merges one bundle in one
transaction and writes a signed receipt; ``ack`` marks the records received,
and ``purge_received`` deletes them from the desk after ``desk_keep_days``.
See docs/decisions/0005 and docs/site.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from clinic_app.i18n import _
from clinic_app.storage import audit, site_crypto
from clinic_app.storage.errors import PermissionDenied, VaultError
from clinic_app.storage.site_crypto import SiteRefused
from clinic_app.storage.vault import Vault, guard

Connection = Any

# site_keys rows
HUB_ID: Final = "hub_id"
HUB_IDENTITY: Final = "hub_identity"
HUB_SIGN: Final = "hub_sign"
DESK_ID: Final = "desk_id"
DESK_SIGN: Final = "desk_sign"
PEER_HUB_ID: Final = "peer_hub_id"
PEER_HUB_RECIPIENT: Final = "peer_hub_recipient"
PEER_HUB_VERIFY: Final = "peer_hub_verify"
OUT_SEQ: Final = "out_seq"
WITNESS_COUNT: Final = "witness_count"
HUB_SEEN: Final = "hub_seen"  # the key of the "seen before" hashes
DESK_IDENTITY: Final = "desk_identity"  # lets the hub seal that key to the desk
DESK_SEEN: Final = "desk_seen"
SEEN_BYTES: Final = 16


class SiteError(VaultError):
    """A site command that does not fit this vault (not a hub, not enrolled; exit 1)."""


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="microseconds")


def get_key(con: Connection, name: str) -> bytes | None:
    row = con.execute("SELECT value FROM site_keys WHERE name = ?", (name,)).fetchone()
    return bytes(row[0]) if row else None


def _text(con: Connection, name: str) -> str | None:
    value = get_key(con, name)
    return value.decode("utf-8") if value is not None else None


def _put(con: Connection, name: str, value: bytes | str) -> None:
    data = value.encode("utf-8") if isinstance(value, str) else value
    con.execute(
        "INSERT INTO site_keys (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (name, data),
    )


def is_hub(vault: Vault) -> bool:
    with guard():
        return get_key(vault.con, HUB_ID) is not None


def is_desk(vault: Vault) -> bool:
    with guard():
        return get_key(vault.con, DESK_ID) is not None


# --- keys and enrolment -------------------------------------------------------


@dataclass(frozen=True)
class HubKey:
    hub_id: str
    recipient: str
    verify: bytes

    @property
    def fingerprint(self) -> str:
        return site_crypto.key_fingerprint(self.hub_id, self.recipient, self.verify)


def hub_key(vault: Vault) -> HubKey:
    """The hub's public keys, made the first time (supervisors only; audited then)."""
    vault.require_supervisor()
    if is_desk(vault):
        raise SiteError(_("This vault is a desk; a desk cannot be a hub."))
    with vault.transaction() as con:
        hub_id = _text(con, HUB_ID)
        if hub_id is None:
            volunteers = con.execute(
                "SELECT count(*) FROM users WHERE role != 'supervisor' AND removed_at IS NULL"
            ).fetchone()[0]
            if volunteers:
                # They hold this vault's key; remove them first (which re-keys).
                raise SiteError(
                    _(
                        "A hub holds the caseload, which volunteers must not have a key to: "
                        "remove this vault's volunteers first, or use a new vault as the hub."
                    )
                )
            hub_id = uuid.uuid4().hex
            _put(con, HUB_ID, hub_id)
            _put(con, HUB_IDENTITY, site_crypto.new_identity())
            _put(con, HUB_SIGN, site_crypto.new_signing_key())
            audit.append(con, vault._head_key, vault.user, audit.SITE_KEY, f"hub:{hub_id}")
        if get_key(con, HUB_SEEN) is None:
            _put(con, HUB_SEEN, os.urandom(32))
        identity = _text(con, HUB_IDENTITY) or ""
        sign_key = get_key(con, HUB_SIGN) or b""
    return HubKey(hub_id, site_crypto.recipient_of(identity), site_crypto.public_of(sign_key))


def export_site_key(vault: Vault, out: Path) -> HubKey:
    key = hub_key(vault)
    site_crypto.write_key_file(
        out,
        site_crypto.SITE_KEY_FORMAT,
        {"hub_id": key.hub_id, "recipient": key.recipient, "verify": site_crypto.b64(key.verify)},
    )
    return key


def read_site_key(path: Path) -> HubKey:
    data = site_crypto.read_key_file(path, site_crypto.SITE_KEY_FORMAT)
    try:
        key = HubKey(str(data["hub_id"]), str(data["recipient"]), site_crypto.unb64(data["verify"]))
        site_crypto.seal(b"", [key.recipient])  # a recipient age accepts
        if len(key.verify) != 32 or not key.hub_id.isalnum():
            raise ValueError("bad key")
    except (KeyError, ValueError, TypeError, Exception) as exc:
        if isinstance(exc, SiteRefused):
            raise
        raise SiteRefused(_("This is not a Clinic Intake key file of the expected kind.")) from None
    return key


@dataclass(frozen=True)
class DeskKey:
    desk_id: str
    hub_id: str
    verify: bytes
    recipient: str

    @property
    def fingerprint(self) -> str:
        return site_crypto.key_fingerprint(self.desk_id, self.hub_id, self.verify)


def enroll(vault: Vault, site_key: Path, out: Path) -> DeskKey:
    """Makes this vault a desk of the hub whose key file is ``site_key``; writes its key."""
    vault.require_supervisor()
    hub = read_site_key(site_key)
    if is_hub(vault):
        raise SiteError(_("This vault is a hub; a hub cannot be a desk."))
    with vault.transaction() as con:
        desk_id = _text(con, DESK_ID)
        if desk_id is None:
            desk_id = uuid.uuid4().hex
            _put(con, DESK_ID, desk_id)
            _put(con, DESK_SIGN, site_crypto.new_signing_key())
        if get_key(con, DESK_IDENTITY) is None:
            _put(con, DESK_IDENTITY, site_crypto.new_identity())
        _put(con, PEER_HUB_ID, hub.hub_id)
        _put(con, PEER_HUB_RECIPIENT, hub.recipient)
        _put(con, PEER_HUB_VERIFY, hub.verify)
        public = site_crypto.public_of(get_key(con, DESK_SIGN) or b"")
        recipient = site_crypto.recipient_of(_text(con, DESK_IDENTITY) or "")
        audit.append(con, vault._head_key, vault.user, audit.SITE_ENROLL, f"hub:{hub.hub_id}")
        key = DeskKey(desk_id, hub.hub_id, public, recipient)
        site_crypto.write_key_file(
            out,
            site_crypto.DESK_KEY_FORMAT,
            {
                "desk_id": desk_id,
                "hub_id": hub.hub_id,
                "verify": site_crypto.b64(public),
                "recipient": recipient,
            },
        )
    return key


def read_desk_key(path: Path) -> DeskKey:
    data = site_crypto.read_key_file(path, site_crypto.DESK_KEY_FORMAT)
    try:
        key = DeskKey(
            str(data["desk_id"]),
            str(data["hub_id"]),
            site_crypto.unb64(data["verify"]),
            str(data["recipient"]),
        )
        site_crypto.seal(b"", [key.recipient])  # a recipient age accepts
    except Exception:
        raise SiteRefused(_("This is not a Clinic Intake key file of the expected kind.")) from None
    if len(key.verify) != 32 or not key.desk_id.isalnum():
        raise SiteRefused(_("This is not a Clinic Intake key file of the expected kind."))
    return key


def add_desk(vault: Vault, desk_key: Path) -> DeskKey:
    """Lets this hub accept bundles signed by the desk whose key file is ``desk_key``."""
    vault.require_supervisor()
    key = read_desk_key(desk_key)
    own = hub_key(vault)
    if key.hub_id != own.hub_id:
        raise SiteRefused(_("That desk was enrolled for another hub."))
    with vault.transaction() as con:
        con.execute(
            "INSERT INTO site_desks (desk_id, name, sign_public, recipient, added_at, added_by) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (desk_id) DO UPDATE SET "
            "sign_public = excluded.sign_public, recipient = excluded.recipient",
            (key.desk_id, key.desk_id[:8], key.verify, key.recipient, audit.now_iso(), vault.user),
        )
        audit.append(con, vault._head_key, vault.user, audit.SITE_ADD_DESK, f"desk:{key.desk_id}")
    return key


@dataclass(frozen=True)
class Desk:
    desk_id: str
    last_seq: int
    head_count: int
    head_fingerprint: str


def desks(vault: Vault) -> list[Desk]:
    """The enrolled desks with the audit head the hub last witnessed for each."""
    with guard():
        rows = vault.con.execute(
            "SELECT desk_id, last_seq, head_count, head_hash FROM site_desks ORDER BY added_at"
        ).fetchall()
    return [
        Desk(r[0], int(r[1]), int(r[2]), audit.fingerprint(int(r[2]), bytes(r[3] or audit.GENESIS)))
        for r in rows
    ]


# --- retention on a desk --------------------------------------------------------


def purge_received(vault: Vault, now: datetime | None = None) -> int:
    """Deletes records the hub acknowledged more than ``desk_keep_days`` ago (desks only).

    Secure delete is on in every vault, so the freed pages are overwritten;
    the search index is merged so no folded name stays in an old segment.
    """
    if not is_desk(vault):
        return 0
    from clinic_app.storage.retention import _delete_batch, _drop_drafts

    days = vault.settings().desk_keep_days
    cutoff = _iso((now or _now()) - timedelta(days=days))
    with vault.transaction() as con:
        rows = con.execute(
            "SELECT r.num, r.id FROM records AS r JOIN site_track AS t ON t.record_id = r.id "
            "WHERE t.acked_rev >= t.rev AND t.acked_at IS NOT NULL AND t.acked_at <= ?",
            (cutoff,),
        ).fetchall()
        if not rows:
            return 0
        nums = [int(r[0]) for r in rows]
        for start in range(0, len(nums), 500):
            _delete_batch(con, nums[start : start + 500])
        _drop_drafts(con, {r[1] for r in rows})
        con.execute("INSERT INTO records_fts (records_fts) VALUES ('optimize')")
        audit.append(con, vault._head_key, vault.user, audit.PURGE, f"received:{len(rows)}")
    with guard():
        vault.con.execute("VACUUM")
    return len(rows)


# --- receipts -------------------------------------------------------------------

RECEIPT_FORMAT: Final = "clinic-intake-receipt"
MAX_RECEIPT: Final = 64 * 1024 * 1024


@dataclass(frozen=True)
class Receipt:
    hub_id: str
    desk_id: str
    seq: int
    received: list[tuple[str, int]]
    head_count: int
    head_hash: bytes
    seen_key: bytes = b""  # the "seen before" key, sealed (age) to the desk
    seen: bytes = b""  # SEEN_BYTES per client of the hub's caseload


def seen_digest(key: bytes, given: str, family: str, birth: str) -> bytes:
    """Keyed hash of a folded name and a birth date (ISO): "seen before" without the record."""
    from clinic_app.storage.search import name_key

    return seen_digest_of_key(key, name_key(given, family), birth)


def seen_digest_of_key(key: bytes, folded: str, birth: str) -> bytes:
    message = f"{folded}|{birth}".encode()
    return hmac.new(key, message, hashlib.sha256).digest()[:SEEN_BYTES]


def caseload_digests(vault: Vault, desk_id: str) -> tuple[bytes, bytes]:
    """The hub's "seen before" key sealed to ``desk_id`` and one digest per client."""
    with guard():
        con = vault.con
        key = get_key(con, HUB_SEEN)
        row = con.execute(
            "SELECT recipient FROM site_desks WHERE desk_id = ?", (desk_id,)
        ).fetchone()
        if key is None or row is None or not row[0]:
            return b"", b""
        digests = {
            seen_digest_of_key(key, folded, birth)
            for folded, birth in con.execute(
                "SELECT name_key, date_of_birth FROM records "
                "WHERE date_of_birth IS NOT NULL AND name_key != ''"
            )
        }
    return site_crypto.seal(key, [str(row[0])]), b"".join(sorted(digests))


def seen_before(vault: Vault, given: str, family: str, birth: str) -> bool:
    """Whether the hub has a client of that name and birth date (as of the last receipt).

    The desk holds only keyed hashes: it learns "seen before", never the record.
    """
    with guard():
        key = get_key(vault.con, DESK_SEEN)
        if key is None:
            return False
        digest = seen_digest(key, given, family, birth)
        row = vault.con.execute("SELECT 1 FROM site_seen WHERE digest = ?", (digest,)).fetchone()
    return row is not None


def receipt_bytes(vault: Vault, receipt: Receipt) -> bytes:
    with guard():
        sign_key = get_key(vault.con, HUB_SIGN)
    if sign_key is None:
        raise SiteError(_("This vault is not a hub."))
    payload = json.dumps(
        {
            "format": RECEIPT_FORMAT,
            "version": 1,
            "hub_id": receipt.hub_id,
            "desk_id": receipt.desk_id,
            "seq": receipt.seq,
            "received": [[rid, rev] for rid, rev in receipt.received],
            "desk_head": [receipt.head_count, receipt.head_hash.hex()],
            "seen": [site_crypto.b64(receipt.seen_key), site_crypto.b64(receipt.seen)],
        },
        separators=(",", ":"),
    )
    signature = site_crypto.sign(sign_key, payload.encode("utf-8"))
    return json.dumps({"payload": payload, "signature": site_crypto.b64(signature)}).encode()


def _parse_receipt(raw: bytes, verify_key: bytes) -> Receipt:
    bad = SiteRefused(
        _("This receipt is damaged, was tampered with, or is not from this desk's hub.")
    )
    try:
        outer = json.loads(raw.decode("utf-8"))
        payload = outer["payload"]
        signature = site_crypto.unb64(outer["signature"])
        if not isinstance(payload, str):
            raise ValueError("payload")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise bad from None
    if not site_crypto.verify(verify_key, signature, payload.encode("utf-8")):
        raise bad
    try:
        data = json.loads(payload)
        if data["format"] != RECEIPT_FORMAT or data["version"] != 1:
            raise ValueError("format")
        received = [(str(rid), int(rev)) for rid, rev in data["received"]]
        count, head_hex = data["desk_head"]
        sealed, seen = (site_crypto.unb64(x) for x in data["seen"])
        if len(seen) % SEEN_BYTES:
            raise ValueError("seen")
        return Receipt(
            str(data["hub_id"]),
            str(data["desk_id"]),
            int(data["seq"]),
            received,
            int(count),
            bytes.fromhex(head_hex),
            sealed,
            seen,
        )
    except (ValueError, KeyError, TypeError):
        raise bad from None


def ack(vault: Vault, path: Path, now: datetime | None = None) -> int:
    """Marks the records of a hub's receipt as received; returns how many; then purges."""
    with guard():
        desk_id = _text(vault.con, DESK_ID)
        verify_key = get_key(vault.con, PEER_HUB_VERIFY)
        hub_id = _text(vault.con, PEER_HUB_ID)
    if desk_id is None or verify_key is None:
        raise SiteError(_("This vault is not enrolled as a desk."))
    with path.open("rb") as handle:
        raw = handle.read(MAX_RECEIPT + 1)
    receipt = _parse_receipt(raw, verify_key)
    if receipt.hub_id != hub_id or receipt.desk_id != desk_id:
        raise SiteRefused(
            _("This receipt is damaged, was tampered with, or is not from this desk's hub.")
        )
    when = _iso(now or _now())
    with vault.transaction() as con:
        con.executemany(
            "UPDATE site_track SET "
            "acked_at = CASE WHEN acked_rev < :r AND :r >= rev THEN :now ELSE acked_at END, "
            "acked_rev = max(acked_rev, :r) WHERE record_id = :id",
            [{"r": rev, "id": rid, "now": when} for rid, rev in receipt.received],
        )
        witnessed = int(_text(con, WITNESS_COUNT) or "0")
        if receipt.head_count > witnessed:
            _put(con, WITNESS_COUNT, str(receipt.head_count))
        _store_seen(con, receipt)
        audit.append(con, vault._head_key, vault.user, audit.SITE_ACK, f"bundle:{receipt.seq}")
    purge_received(vault, now)
    return len(receipt.received)


def _store_seen(con: Connection, receipt: Receipt) -> None:
    identity = _text(con, DESK_IDENTITY)
    key = site_crypto.open_sealed(receipt.seen_key, identity) if identity else None
    if key is None:
        return
    _put(con, DESK_SEEN, key)
    con.execute("DELETE FROM site_seen")
    con.executemany(
        "INSERT OR IGNORE INTO site_seen (digest) VALUES (?)",
        [(receipt.seen[i : i + SEEN_BYTES],) for i in range(0, len(receipt.seen), SEEN_BYTES)],
    )


# --- conflicts --------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    conflict_id: int
    record_id: str
    desk_id: str
    rev: int
    received_at: str
    desk_data: bytes


def conflicts(vault: Vault) -> list[Conflict]:
    """Unresolved conflicts, oldest first (supervisors only)."""
    vault.require_supervisor()
    with guard():
        rows = vault.con.execute(
            "SELECT id, record_id, desk_id, rev, received_at, data FROM site_conflicts "
            "WHERE resolved_at IS NULL ORDER BY id"
        ).fetchall()
    return [Conflict(int(r[0]), r[1], r[2], int(r[3]), r[4], bytes(r[5])) for r in rows]


def resolve(vault: Vault, conflict_id: int, keep: str) -> None:
    """Ends a conflict: ``keep`` is "hub" (nothing changes) or "desk" (its version applies)."""
    from clinic_app.storage import site_merge

    vault.require_supervisor()
    if keep not in ("hub", "desk"):
        raise ValueError(keep)
    with vault.transaction() as con:
        row = con.execute(
            "SELECT record_id, desk_id, rev, data FROM site_conflicts "
            "WHERE id = ? AND resolved_at IS NULL",
            (conflict_id,),
        ).fetchone()
        if row is None:
            raise ValueError(_("There is no such conflict."))
        record_id, desk_id, rev, data = row[0], row[1], int(row[2]), bytes(row[3])
        if keep == "desk":
            site_merge.apply_document(con, record_id, data, desk_id, rev)
        else:
            site_merge.mark_applied(con, record_id, desk_id, rev)
        con.execute(
            "UPDATE site_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ? "
            "WHERE id = ?",
            (audit.now_iso(), vault.user, keep, conflict_id),
        )
        audit.append(con, vault._head_key, vault.user, audit.SITE_RESOLVE, record_id)


def require_role(vault: Vault, *, hub: bool) -> None:
    if hub and not is_hub(vault):
        raise SiteError(_("This vault is not a hub: run admin site-key on it first."))
    if not hub and not is_desk(vault):
        raise SiteError(_("This vault is not enrolled as a desk: run admin enroll first."))


def doc_hash(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def rows_in(con: Connection, sql: str, ids: Sequence[Any]) -> list[Any]:
    out: list[Any] = []
    for start in range(0, len(ids), 500):
        part = list(ids[start : start + 500])
        marks = ", ".join("?" for _ in part)
        out += con.execute(sql.format(marks=marks), part).fetchall()
    return out


__all__ = [
    "Conflict",
    "Desk",
    "DeskKey",
    "HubKey",
    "PermissionDenied",
    "Receipt",
    "SiteError",
    "SiteRefused",
    "ack",
    "add_desk",
    "conflicts",
    "desks",
    "enroll",
    "export_site_key",
    "hub_key",
    "purge_received",
    "resolve",
]
