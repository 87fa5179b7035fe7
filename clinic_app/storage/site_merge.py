"""``send`` on a desk and ``receive`` on the hub: the bundle's contents and the merge.

Receive checks everything before it writes anything (age, signature, hub,
enrolment, bundle number, the desk's audit chain, every record), then merges
in one transaction: a new record is added, a newer revision is applied when
the hub has not changed the record since it last applied one, and otherwise
the desk's version is kept as a conflict for the supervisor. The receipt is
written after the commit; a crash before it loses nothing (receiving the same
bundle again writes it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from clinic_app.domain.record import RecordError
from clinic_app.i18n import _
from clinic_app.storage import audit, records, site, site_bundle, site_crypto
from clinic_app.storage.files import atomic_write
from clinic_app.storage.site_bundle import Header, refused
from clinic_app.storage.site_crypto import SiteRefused
from clinic_app.storage.vault import Vault, guard

Connection = Any
RECORD_ID: Final = re.compile(r"^[0-9A-Z]{5}-[0-9A-Z]{5}$|^[0-9a-f]{32}$")
STATUSES: Final = ("new", "referred", "in_progress", "closed")
MAX_BUNDLE: Final = 512 * 1024 * 1024

_INSERT: Final = (
    "INSERT INTO records (id, created_at, created_by, updated_at, "  # noqa: S608
    + ", ".join(records._LIST_COLUMNS)
    + ") VALUES (:id, :created_at, :created_by, :updated_at, "
    + ", ".join(f":{c}" for c in records._LIST_COLUMNS)
    + ")"
)
_INSERT_NUM: Final = (
    "INSERT INTO records (num, id, created_at, created_by, updated_at, "  # noqa: S608
    + ", ".join(records._LIST_COLUMNS)
    + ") VALUES (:num, :id, :created_at, :created_by, :updated_at, "
    + ", ".join(f":{c}" for c in records._LIST_COLUMNS)
    + ")"
)
_UPDATE: Final = (
    "UPDATE records SET updated_at = :updated_at, "  # noqa: S608
    + ", ".join(f"{c} = :{c}" for c in records._LIST_COLUMNS)
    + " WHERE num = :num"
)


# --- send -----------------------------------------------------------------------


def send(vault: Vault, out: Path) -> int:
    """Writes a bundle of every record changed since the hub last acknowledged it.

    Returns the number of records. The bundle number and the audit row are
    committed only if the file was written.
    """
    site.require_role(vault, hub=False)
    site.purge_received(vault)
    with vault.transaction() as con:
        desk_id = site._text(con, site.DESK_ID) or ""
        hub_id = site._text(con, site.PEER_HUB_ID) or ""
        recipient = site._text(con, site.PEER_HUB_RECIPIENT) or ""
        sign_key = site.get_key(con, site.DESK_SIGN) or b""
        seq = int(site._text(con, site.OUT_SEQ) or "0") + 1
        site._put(con, site.OUT_SEQ, str(seq))
        audit.append(con, vault._head_key, vault.user, audit.SITE_SEND, f"bundle:{seq}")
        rows = con.execute(
            "SELECT r.num, r.id, r.created_at, r.created_by, r.updated_at, r.data, t.rev "
            "FROM records AS r JOIN site_track AS t ON t.record_id = r.id "
            "WHERE t.rev > t.acked_rev ORDER BY r.num"
        ).fetchall()
        history: dict[int, list[list[str]]] = {}
        for num, status, on, by, at in con.execute(
            "SELECT s.record_num, s.status, s.on_date, s.by_user, s.at FROM record_status AS s "
            "JOIN records AS r ON r.num = s.record_num "
            "JOIN site_track AS t ON t.record_id = r.id "
            "WHERE t.rev > t.acked_rev ORDER BY s.seq"
        ):
            history.setdefault(int(num), []).append([status, on, by, at])
        witnessed = int(site._text(con, site.WITNESS_COUNT) or "0")
        log = [
            [int(r[0]), r[1], r[2], r[3], r[4], bytes(r[5]).hex(), bytes(r[6]).hex()]
            for r in con.execute(
                "SELECT seq, at, user, action, record_id, prev_hash, hash FROM audit_log "
                "WHERE seq > ? ORDER BY seq",
                (witnessed,),
            )
        ]
        head = audit.current_head(con)
        body = {
            "records": [
                {
                    "id": r[1],
                    "rev": int(r[6]),
                    "created_at": r[2],
                    "created_by": r[3],
                    "updated_at": r[4],
                    "data": bytes(r[5]).decode("utf-8"),
                    "status": history.get(int(r[0]), []),
                }
                for r in rows
            ],
            "audit": log,
        }
        header = Header(hub_id, desk_id, seq, audit.now_iso(), head.count, head.last_hash)
        atomic_write(out, site_bundle.build(header, body, sign_key, recipient))
    return len(rows)


# --- receive ----------------------------------------------------------------------


@dataclass(frozen=True)
class Received:
    new: int
    updated: int
    conflicts: int
    receipt: Path
    desk_id: str
    repeated: bool  # the same bundle had been received before


@dataclass(frozen=True)
class Incoming:
    record_id: str
    rev: int
    created_at: str
    created_by: str
    updated_at: str
    data: bytes
    values: dict[str, Any]
    status: list[tuple[str, str, str, str]]


def _text(value: object, limit: int = 200) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError("bad text")
    return value


def _incoming(item: object) -> Incoming:
    if not isinstance(item, dict):
        raise ValueError("bad record")
    record_id = _text(item["id"], 40)
    rev = item["rev"]
    if not RECORD_ID.match(record_id) or not isinstance(rev, int) or rev < 1:
        raise ValueError("bad record")
    raw = _text(item["data"], 4 * 1024 * 1024).encode("utf-8")
    record = records._decode(raw)  # validates every field (RecordError is a ValueError)
    if record.record_id != record_id:
        raise ValueError("record id differs from its data")
    status = []
    for entry in item["status"]:
        st, on, by, at = (_text(x) for x in entry)
        if st not in STATUSES:
            raise ValueError("bad status")
        date.fromisoformat(on)
        status.append((st, on, by, at))
    values = records._columns(record)
    return Incoming(
        record_id,
        rev,
        _text(item["created_at"]),
        _text(item["created_by"]),
        _text(item["updated_at"]),
        values["data"],
        values,
        status,
    )


def _audit_rows(log: object) -> list[tuple[int, str, str, str, str | None, bytes, bytes]]:
    if not isinstance(log, list):
        raise ValueError("bad audit rows")
    out = []
    for row in log:
        seq, at, user, action, rid, prev, digest = row
        if not isinstance(seq, int) or isinstance(seq, bool):
            raise ValueError("bad audit row")
        if rid is not None:
            rid = _text(rid)
        out.append(
            (
                seq,
                _text(at),
                _text(user),
                _text(action),
                rid,
                bytes.fromhex(prev),
                bytes.fromhex(digest),
            )
        )
    return out


def _check_chain(con: Connection, desk_id: str, header: Header, rows: list[Any]) -> None:
    """The desk's log must extend the one the hub witnessed: longer or equal, same rows."""
    known = con.execute(
        "SELECT head_count, head_hash FROM site_desks WHERE desk_id = ?", (desk_id,)
    ).fetchone()
    count, head_hash = int(known[0]), bytes(known[1] or audit.GENESIS)
    rolled_back = SiteRefused(
        _(
            "The desk's audit log is shorter than, or differs from, the one this hub "
            "witnessed before: the desk was rolled back or its log rewritten; nothing was changed."
        )
    )
    if header.head_count < count:
        raise rolled_back
    first = rows[0][0] if rows else header.head_count + 1
    if first > count + 1 or first < 1:
        raise refused()
    if first == 1:
        prev = audit.GENESIS
    else:
        stored = con.execute(
            "SELECT hash FROM site_desk_audit WHERE desk_id = ? AND seq = ?", (desk_id, first - 1)
        ).fetchone()
        if stored is None:
            raise refused()
        prev = bytes(stored[0])
    expected = first
    for seq, at, user, action, rid, prev_hash, digest in rows:
        if seq != expected or prev_hash != prev:
            raise refused()
        if audit.row_hash(prev, seq, at, user, action, rid) != digest:
            raise refused()
        if seq == count and digest != head_hash:
            raise rolled_back
        prev = digest
        expected += 1
    if expected - 1 != header.head_count or prev != header.head_hash:
        raise refused()


def receive(vault: Vault, bundle: Path, receipt: Path | None = None) -> Received:
    """Verifies, decrypts and merges one bundle; writes the receipt (FILE.receipt by default)."""
    vault.require_supervisor()
    site.require_role(vault, hub=True)
    with bundle.open("rb") as handle:
        raw = handle.read(MAX_BUNDLE + 1)
    if len(raw) > MAX_BUNDLE:
        raise refused()
    with guard():
        con = vault.con
        identity = site._text(con, site.HUB_IDENTITY) or ""
        hub_id = site._text(con, site.HUB_ID) or ""
    opened = site_bundle.open_bundle(raw, identity)
    header = opened.header
    if header.hub_id != hub_id:
        raise refused()
    with guard():
        desk = vault.con.execute(
            "SELECT sign_public, last_seq FROM site_desks WHERE desk_id = ?", (header.desk_id,)
        ).fetchone()
    if desk is None:
        raise SiteRefused(
            _("This bundle comes from a desk this hub has not enrolled; nothing was changed.")
        )
    if not site_crypto.verify(bytes(desk[0]), opened.signature, opened.signed):
        raise refused()
    body = site_bundle.body_of(opened)
    try:
        items = [_incoming(item) for item in body["records"]]
        log = _audit_rows(body["audit"])
    except (KeyError, TypeError, ValueError, RecordError):
        raise refused() from None
    if len({i.record_id for i in items}) != len(items):
        raise refused()
    target = receipt or bundle.with_name(bundle.name + ".receipt")
    with vault.transaction() as con:
        seen = con.execute(
            "SELECT digest FROM site_bundles WHERE desk_id = ? AND seq = ?",
            (header.desk_id, header.seq),
        ).fetchone()
        if seen is not None:
            if bytes(seen[0]) != opened.digest:
                raise refused()
            counts = (0, 0, 0)
            repeated = True
        else:
            last_seq = con.execute(
                "SELECT last_seq FROM site_desks WHERE desk_id = ?", (header.desk_id,)
            ).fetchone()[0]
            if header.seq <= int(last_seq):
                raise SiteRefused(
                    _(
                        "This bundle is older than one already received from that desk "
                        "(a replay); nothing was changed."
                    )
                )
            _check_chain(con, header.desk_id, header, log)
            counts = _merge(con, vault, header.desk_id, items)
            _witness(con, header, log)
            con.execute(
                "INSERT INTO site_bundles (desk_id, seq, digest, received_at, received_by, "
                "new, updated, conflicts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (header.desk_id, header.seq, opened.digest, audit.now_iso(), vault.user, *counts),
            )
            audit.append(
                con, vault._head_key, vault.user, audit.SITE_RECEIVE, f"desk:{header.desk_id}"
            )
            repeated = False
    made = site.Receipt(
        hub_id,
        header.desk_id,
        header.seq,
        [(i.record_id, i.rev) for i in items],
        header.head_count,
        header.head_hash,
        *site.caseload_digests(vault, header.desk_id),
    )
    atomic_write(target, site.receipt_bytes(vault, made))
    return Received(*counts, target, header.desk_id, repeated)


def _witness(con: Connection, header: Header, log: list[Any]) -> None:
    con.executemany(
        "INSERT OR IGNORE INTO site_desk_audit "
        "(desk_id, seq, at, user, action, record_id, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(header.desk_id, *row) for row in log],
    )
    con.execute(
        "UPDATE site_desks SET last_seq = ?, head_count = ?, head_hash = ? WHERE desk_id = ?",
        (header.seq, header.head_count, header.head_hash, header.desk_id),
    )


def _merge(
    con: Connection, vault: Vault, desk_id: str, items: list[Incoming]
) -> tuple[int, int, int]:
    """Adds, applies or keeps as conflicts; new records go in with bulk statements."""
    now = audit.now_iso()
    ids = [i.record_id for i in items]
    applied = {
        r[0]: (r[1], int(r[2]), bytes(r[3]))
        for r in site.rows_in(
            con,
            "SELECT record_id, desk_id, rev, doc_hash FROM site_applied "
            "WHERE record_id IN ({marks})",
            ids,
        )
    }
    current = {
        r[0]: (int(r[1]), bytes(r[2]))
        for r in site.rows_in(con, "SELECT id, num, data FROM records WHERE id IN ({marks})", ids)
    }
    fresh: list[Incoming] = []
    touched: list[str] = []
    updated = conflicted = 0
    for item in items:
        was = applied.get(item.record_id)
        now_there = current.get(item.record_id)
        if was is not None and was[0] == desk_id and item.rev <= was[1]:
            continue  # already have this revision or a newer one
        if now_there is None and was is None:
            fresh.append(item)
            continue
        if (
            now_there is not None
            and was is not None
            and was[0] == desk_id
            and site.doc_hash(now_there[1]) == was[2]
        ):
            _update(con, now_there[0], item)
            mark_applied(con, item.record_id, desk_id, item.rev, item.data)
            updated += 1
        else:
            cursor = con.execute(
                "INSERT OR IGNORE INTO site_conflicts (record_id, desk_id, rev, received_at, data) "
                "VALUES (?, ?, ?, ?, ?)",
                (item.record_id, desk_id, item.rev, now, item.data),
            )
            if not cursor.rowcount:
                continue
            conflicted += 1
        touched.append(item.record_id)
    _insert_many(con, desk_id, fresh)
    audit.append_many(
        con,
        vault._head_key,
        vault.user,
        audit.SITE_MERGE,
        [*(f.record_id for f in fresh), *touched],
        now,
    )
    return len(fresh), updated, conflicted


def _insert_many(con: Connection, desk_id: str, items: list[Incoming]) -> None:
    if not items:
        return
    first = int(con.execute("SELECT coalesce(max(num), 0) FROM records").fetchone()[0]) + 1
    nums = range(first, first + len(items))
    con.executemany(
        _INSERT_NUM,
        [
            {
                **{c: i.values[c] for c in records._LIST_COLUMNS},
                "num": num,
                "id": i.record_id,
                "created_at": i.created_at,
                "created_by": i.created_by,
                "updated_at": i.updated_at,
            }
            for num, i in zip(nums, items, strict=True)
        ],
    )
    con.executemany(
        records.INDEX_INSERT,
        [records.index_row_values(n, i.values) for n, i in zip(nums, items, strict=True)],
    )
    con.executemany(
        "INSERT INTO record_status (record_num, status, on_date, by_user, at) "
        "VALUES (?, ?, ?, ?, ?)",
        [(n, *e) for n, i in zip(nums, items, strict=True) for e in i.status],
    )
    con.executemany(
        "INSERT INTO site_applied (record_id, desk_id, rev, doc_hash) VALUES (?, ?, ?, ?)",
        [(i.record_id, desk_id, i.rev, site.doc_hash(i.data)) for i in items],
    )


def _insert(con: Connection, item: Incoming) -> None:
    cursor = con.execute(
        _INSERT,
        {
            **{c: item.values[c] for c in records._LIST_COLUMNS},
            "id": item.record_id,
            "created_at": item.created_at,
            "created_by": item.created_by,
            "updated_at": item.updated_at,
        },
    )
    num = int(cursor.lastrowid)
    _index(con, num, item)
    _history(con, num, item)


def _update(con: Connection, num: int, item: Incoming) -> None:
    # The index row is keyed by the old intake date: removed before it changes.
    records.forget_index_row(con, num)
    con.execute(
        _UPDATE,
        {
            **{c: item.values[c] for c in records._LIST_COLUMNS},
            "num": num,
            "updated_at": item.updated_at,
        },
    )
    _index(con, num, item)
    con.execute("DELETE FROM record_status WHERE record_num = ?", (num,))
    _history(con, num, item)


def _index(con: Connection, num: int, item: Incoming) -> None:
    records.index_row(con, num, item.values)


def _history(con: Connection, num: int, item: Incoming) -> None:
    con.executemany(
        "INSERT INTO record_status (record_num, status, on_date, by_user, at) "
        "VALUES (?, ?, ?, ?, ?)",
        [(num, *entry) for entry in item.status],
    )


def mark_applied(
    con: Connection, record_id: str, desk_id: str, rev: int, data: bytes | None = None
) -> None:
    """Records that the hub now holds ``rev`` (with ``data``, or as it stands now)."""
    if data is None:
        row = con.execute("SELECT data FROM records WHERE id = ?", (record_id,)).fetchone()
        data = bytes(row[0]) if row else b""
    con.execute(
        "INSERT INTO site_applied (record_id, desk_id, rev, doc_hash) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (record_id) DO UPDATE SET desk_id = excluded.desk_id, "
        "rev = max(rev, excluded.rev), doc_hash = excluded.doc_hash",
        (record_id, desk_id, rev, site.doc_hash(data)),
    )


def apply_document(con: Connection, record_id: str, data: bytes, desk_id: str, rev: int) -> None:
    """A supervisor takes a desk's version of a conflicted record."""
    record = records._decode(data)
    values = records._columns(record)
    row = con.execute("SELECT num FROM records WHERE id = ?", (record_id,)).fetchone()
    item = Incoming(
        record_id, rev, audit.now_iso(), "", audit.now_iso(), values["data"], values, []
    )
    if row is None:
        _insert(con, item)
    else:
        records.forget_index_row(con, int(row[0]))
        con.execute(
            _UPDATE,
            {
                **{c: values[c] for c in records._LIST_COLUMNS},
                "num": int(row[0]),
                "updated_at": item.updated_at,
            },
        )
        _index(con, int(row[0]), item)
    mark_applied(con, record_id, desk_id, rev, values["data"])


def hub_document(vault: Vault, record_id: str) -> bytes | None:
    """The hub's current version of a record, for showing beside a conflict (audited view)."""
    with guard():
        row = vault.con.execute("SELECT data FROM records WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        return None
    vault.audit(audit.VIEW, record_id)
    return bytes(row[0])


def describe(received: Received) -> str:
    """The spec's output line: "N new, M updated, K conflicts"."""
    return f"{received.new} new, {received.updated} updated, {received.conflicts} conflicts"


__all__ = ["Received", "describe", "receive", "send"]
