"""Schema for several desks and a hub (issue 15; docs/decisions/0005).

- ``site_keys``: the site's secrets and peers' public keys, inside the vault.
- ``site_track``: a revision per record, bumped by triggers on every insert or
  change of ``records.data`` (so no save path can forget), and the revision
  the hub has acknowledged, with when.
- ``site_desks``: on a hub, the enrolled desks, their public signing keys, the
  last bundle number and the desk's audit head the hub witnessed.
- ``site_bundles``: on a hub, every bundle received (digest and counts).
- ``site_applied``: on a hub, the revision of each record last applied from a
  desk and a hash of the document as applied (a later hub edit shows).
- ``site_conflicts``: on a hub, a desk version that met a hub change.
- ``site_desk_audit``: on a hub, each desk's audit rows, as the desk chained them.
- ``site_seen``: on a desk, keyed hashes of the hub's clients (name, birth date).
"""

from __future__ import annotations

from typing import Final

_BUMP: Final = (
    "INSERT INTO site_track (record_id, rev) VALUES (NEW.id, 1) "
    "ON CONFLICT (record_id) DO UPDATE SET rev = rev + 1;"
)

V_SITE: Final[list[str]] = [
    """CREATE TABLE site_keys (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
    ) STRICT""",
    """CREATE TABLE site_track (
        record_id TEXT PRIMARY KEY,
        rev INTEGER NOT NULL,
        acked_rev INTEGER NOT NULL DEFAULT 0,
        acked_at TEXT
    ) STRICT""",
    "INSERT INTO site_track (record_id, rev) SELECT id, 1 FROM records",
    f"CREATE TRIGGER site_track_insert AFTER INSERT ON records BEGIN {_BUMP} END",
    f"CREATE TRIGGER site_track_update AFTER UPDATE OF data ON records BEGIN {_BUMP} END",
    """CREATE TRIGGER site_track_delete AFTER DELETE ON records BEGIN
        DELETE FROM site_track WHERE record_id = OLD.id;
    END""",
    """CREATE TABLE site_desks (
        desk_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        sign_public BLOB NOT NULL,
        recipient TEXT,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0,
        head_count INTEGER NOT NULL DEFAULT 0,
        head_hash BLOB
    ) STRICT""",
    """CREATE TABLE site_bundles (
        desk_id TEXT NOT NULL REFERENCES site_desks (desk_id),
        seq INTEGER NOT NULL,
        digest BLOB NOT NULL,
        received_at TEXT NOT NULL,
        received_by TEXT NOT NULL,
        new INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        conflicts INTEGER NOT NULL,
        PRIMARY KEY (desk_id, seq)
    ) STRICT""",
    """CREATE TABLE site_applied (
        record_id TEXT PRIMARY KEY,
        desk_id TEXT NOT NULL,
        rev INTEGER NOT NULL,
        doc_hash BLOB NOT NULL
    ) STRICT""",
    """CREATE TABLE site_conflicts (
        id INTEGER PRIMARY KEY,
        record_id TEXT NOT NULL,
        desk_id TEXT NOT NULL,
        rev INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        data BLOB NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT,
        resolution TEXT CHECK (resolution IN ('hub', 'desk')),
        UNIQUE (record_id, desk_id, rev)
    ) STRICT""",
    # On a desk: keyed hashes of the hub's caseload (name and birth date), so a
    # volunteer learns "seen before" without any record (site.seen_before).
    """CREATE TABLE site_seen (
        digest BLOB PRIMARY KEY
    ) STRICT, WITHOUT ROWID""",
    """CREATE TABLE site_desk_audit (
        desk_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        action TEXT NOT NULL,
        record_id TEXT,
        prev_hash BLOB NOT NULL,
        hash BLOB NOT NULL,
        PRIMARY KEY (desk_id, seq)
    ) STRICT""",
]

__all__ = ["V_SITE"]
