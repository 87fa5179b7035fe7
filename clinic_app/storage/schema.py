"""The vault's versioned schema and its migrations.

``MIGRATIONS[n]`` brings a vault from version ``n`` to ``n + 1``; each runs in
its own transaction together with the new version number in ``meta``, so a
crash leaves a vault at one version or the next. A vault whose version is
higher than ``SCHEMA_VERSION`` is refused, never changed. Later issues append
migrations (the intake record schema is issue 5's migration).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Connection = Any  # sqlcipher3.Connection (the library ships no type hints)

MAGIC = "clinic-intake-vault"


# Each migration is a list of statements run one by one: ``executescript``
# would commit the surrounding transaction first.
V1_CORE = [
    """CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT""",
    """CREATE TABLE users (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('volunteer', 'supervisor')),
        created_at TEXT NOT NULL,
        created_by TEXT,
        removed_at TEXT
    ) STRICT""",
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT""",
    """CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        action TEXT NOT NULL,
        record_id TEXT,
        prev_hash BLOB NOT NULL,
        hash BLOB NOT NULL
    ) STRICT""",
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        count INTEGER NOT NULL,
        last_hash BLOB NOT NULL,
        mac BLOB NOT NULL
    ) STRICT""",
]

# Provisional: enough for crash-safety tests, backups and the benchmark.
# Issue 5 (intake) designs the real record and migrates this table.
V2_RECORDS = [
    """CREATE TABLE records (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        data BLOB NOT NULL
    ) STRICT""",
]


# A step is SQL text or, for data changes, a function of the connection.
Step = str | Callable[[Connection], None]
MIGRATIONS: list[list[Step]] = [list(V1_CORE), list(V2_RECORDS)]
SCHEMA_VERSION = len(MIGRATIONS)


def read_version(con: Connection) -> int:
    """The schema version recorded in ``meta``; 0 for an empty database."""
    has_meta = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if not has_meta:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: Connection, target: int = SCHEMA_VERSION) -> list[int]:
    """Applies the missing migrations up to ``target``; returns the versions reached."""
    reached = []
    version = read_version(con)
    while version < target:
        con.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[version]:
                if isinstance(statement, str):
                    con.execute(statement)
                else:
                    statement(con)
            version += 1
            con.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(version),),
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        reached.append(version)
    return reached
