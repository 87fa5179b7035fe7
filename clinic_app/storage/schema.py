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

from clinic_app.storage import report_schema, search_schema, site_schema, urgency_schema

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


# Issue 5: the intake record (storage/records.py). The provisional table is
# rebuilt with an explicit INTEGER PRIMARY KEY (``num``): the full-text index
# refers to records by rowid, and only an explicit one survives VACUUM and
# ``sqlcipher_export``. ``data`` holds the IntakeRecord as JSON; the other
# columns are what the list, search, duplicates and urgency need. Old rows keep
# their data; their list columns take the defaults.
_STATUSES = "'new', 'referred', 'in_progress', 'closed'"
V3_INTAKE = [
    f"""CREATE TABLE records_v3 (
        num INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        display_name TEXT NOT NULL DEFAULT '',
        name_key TEXT NOT NULL DEFAULT '',
        date_of_birth TEXT,
        phone TEXT,
        phone_digits TEXT,
        intake_date TEXT NOT NULL DEFAULT '',
        case_status TEXT NOT NULL DEFAULT 'new' CHECK (case_status IN ({_STATUSES})),
        volunteer TEXT NOT NULL DEFAULT '',
        urgency_floor INTEGER NOT NULL DEFAULT 3 CHECK (urgency_floor BETWEEN 0 AND 3),
        hearing TEXT,
        asylum TEXT,
        daca_from TEXT,
        daca_until TEXT,
        data BLOB NOT NULL
    ) STRICT""",
    """INSERT INTO records_v3 (id, created_at, created_by, updated_at, data)
        SELECT id, created_at, created_by, updated_at, data FROM records ORDER BY rowid""",
    "DROP TABLE records",
    "ALTER TABLE records_v3 RENAME TO records",
    # Two covering indexes hold every column of a list row, so the list, its
    # filters and search never read the (large) record rows: records_queue in
    # the list's order, records_list by number for joining search hits.
    """CREATE INDEX records_queue ON records (
        intake_date DESC, num DESC, case_status, urgency_floor,
        hearing, asylum, daca_from, daca_until, id, display_name, phone, volunteer)""",
    """CREATE INDEX records_list ON records (
        num, intake_date, case_status, urgency_floor,
        hearing, asylum, daca_from, daca_until, id, display_name, phone, volunteer)""",
    "CREATE INDEX records_name_dob ON records (name_key, date_of_birth)",
    "CREATE INDEX records_phone ON records (phone_digits) WHERE phone_digits IS NOT NULL",
    # Folded name tokens and phone-digit suffixes only (domain/textfold.py).
    # A plain FTS5 table (it keeps its folded input): a row is deleted by
    # rowid alone, never by re-folding old text, so a later change to the
    # folding cannot corrupt the index; and it works on SQLite before 3.43.
    """CREATE VIRTUAL TABLE records_fts USING fts5(
        name, phone,
        tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M*'")""",
    f"""CREATE TABLE record_status (
        seq INTEGER PRIMARY KEY,
        record_num INTEGER NOT NULL REFERENCES records (num) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ({_STATUSES})),
        on_date TEXT NOT NULL,
        by_user TEXT NOT NULL,
        at TEXT NOT NULL
    ) STRICT""",
    "CREATE INDEX record_status_num ON record_status (record_num, seq)",
    """CREATE TABLE drafts (
        user TEXT PRIMARY KEY,
        saved_at TEXT NOT NULL,
        data BLOB NOT NULL
    ) STRICT""",
    "CREATE INDEX audit_log_record ON audit_log (record_id) WHERE record_id IS NOT NULL",
]


# Issue 7: the referral provider directory (storage/providers.py). Organisations,
# not clients: ``data`` is the provider as JSON (referrals/directory.py's shape).
V4_PROVIDERS = [
    """CREATE TABLE providers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        data BLOB NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
    ) STRICT""",
    "CREATE UNIQUE INDEX providers_name ON providers (name)",
]


# A step is SQL text or, for data changes, a function of the connection.
Step = str | Callable[[Connection], None]
MIGRATIONS: list[list[Step]] = [
    list(V1_CORE),
    list(V2_RECORDS),
    list(V3_INTAKE),
    list(V4_PROVIDERS),  # issue 7: the provider directory
    list(report_schema.V_REPORT_FACTS),  # issue 8: the funder report's facts
    report_schema.report_counts_migration(),  # issue 16: counts on write, release ledger
    list(search_schema.V_SEARCH_KEYS),  # issue 14: bounded search
    list(urgency_schema.V_URGENCY_V2),  # screening v2: urgency columns of its deadlines
    list(site_schema.V_SITE),  # issue 15: desks and a hub
]
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
