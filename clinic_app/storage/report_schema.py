"""Schema for the funder report: the countable facts of each record, kept by triggers.

Reading language, ZIP code, program outcomes and referral needs out of each
record's JSON costs about 5 microseconds per record per report; over 100,000
records that alone misses the 500 ms target. So the categories the report
counts (only those: no name, no date of birth, no answer) are copied into
``report_facts`` when a record is written, by triggers inside the vault, and
deleted with it (``ON DELETE`` trigger, so a purge leaves nothing behind).

Outcomes are packed one letter per program in ``domain.record.PROGRAMS``
order (``OUTCOME_LETTERS``); NULL when the record has no screening result.
"""

from __future__ import annotations

from typing import Any, Final

from clinic_app.domain.record import PROGRAMS

OUTCOME_LETTERS: Final = {
    "likely": "L",
    "possible": "P",
    "unlikely": "U",
    "needs_info": "N",
    "not_applicable": "A",
}
LETTER_OUTCOMES: Final = {v: k for k, v in OUTCOME_LETTERS.items()}


def _letter(program: str) -> str:
    whens = " ".join(f"WHEN '{o}' THEN '{c}'" for o, c in OUTCOME_LETTERS.items())
    path = f"$.screening_result.programs.{program}.outcome"
    return f"(CASE json_extract(t, '{path}') {whens} ELSE 'N' END)"


def _doc(column: str) -> str:
    # Rows written by the provisional v2 API may not be JSON: they count as empty.
    text = f"CAST({column} AS TEXT)"
    return f"CASE WHEN json_valid({text}) THEN {text} ELSE '{{}}' END"


_FACTS: Final = (
    "json_extract(t, '$.client_language'), json_extract(t, '$.zip_code'), "
    "CASE WHEN json_type(t, '$.screening_result') = 'object' THEN "
    + " || ".join(_letter(p) for p in PROGRAMS)
    + " END, json_extract(t, '$.referral_needs')"
)
_COLUMNS: Final = "num, language, zip_code, outcomes, needs"

# Only the fixed text above is joined into these statements (never a value).
V_REPORT_FACTS: Final[list[str]] = [
    """CREATE TABLE report_facts (
        num INTEGER PRIMARY KEY,
        language TEXT,
        zip_code TEXT,
        outcomes TEXT,
        needs TEXT
    ) STRICT""",
    f"""INSERT INTO report_facts ({_COLUMNS})
        SELECT num, {_FACTS} FROM (SELECT num, {_doc("data")} AS t FROM records)""",  # noqa: S608
    f"""CREATE TRIGGER report_facts_insert AFTER INSERT ON records BEGIN
        INSERT INTO report_facts ({_COLUMNS})
        SELECT NEW.num, {_FACTS} FROM (SELECT {_doc("NEW.data")} AS t);
    END""",  # noqa: S608
    f"""CREATE TRIGGER report_facts_update AFTER UPDATE OF data ON records BEGIN
        INSERT OR REPLACE INTO report_facts ({_COLUMNS})
        SELECT NEW.num, {_FACTS} FROM (SELECT {_doc("NEW.data")} AS t);
    END""",  # noqa: S608
    """CREATE TRIGGER report_facts_delete AFTER DELETE ON records BEGIN
        DELETE FROM report_facts WHERE num = OLD.num;
    END""",
]


# --- Issue 16: counts kept on write, the frozen months and the release ledger ---
#
# ``report_counts`` holds, for every month of intake, how many intakes fall in
# each category of each dimension of ``domain.report.dimensions()`` (and the
# month's intakes under ``_n``/``all``). Triggers keep it in the same
# transaction as the record, so after a crash (even kill -9) the counts and
# the records agree: SQLite commits both or neither. A report reads a few
# hundred rows, whatever the number of records.


def _borough_sql(zip_expr: str) -> str:
    z = f"CAST({zip_expr} AS INTEGER)"
    return f"""(CASE
        WHEN {zip_expr} IS NULL OR {zip_expr} = '' THEN 'not_given'
        WHEN length({zip_expr}) != 5 OR {zip_expr} GLOB '*[^0-9]*' THEN 'not_given'
        WHEN {z} BETWEEN 10001 AND 10299 THEN 'manhattan'
        WHEN {z} BETWEEN 10301 AND 10314 THEN 'staten_island'
        WHEN {z} BETWEEN 10451 AND 10475 THEN 'bronx'
        WHEN {z} BETWEEN 11201 AND 11256 THEN 'brooklyn'
        WHEN {z} IN (11004, 11005) OR {z} BETWEEN 11101 AND 11120
            OR {z} BETWEEN 11351 AND 11697 THEN 'queens'
        ELSE 'outside_nyc' END)"""


def _urgency_sql(prefix: str) -> str:
    # Urgency on the intake day itself: it depends on the row alone, never on today.
    from clinic_app.screening.urgency import (
        PRIORITY_HEARING_DAYS,
        URGENT_ASYLUM_DAYS,
        URGENT_HEARING_DAYS,
    )
    from clinic_app.storage import urgency_sql

    day = f"{prefix}intake_date"
    level = (
        urgency_sql.level_sql(prefix)
        .replace(":u_today", day)
        .replace(":u_hearing_urgent", f"date({day}, '+{URGENT_HEARING_DAYS} days')")
        .replace(":u_hearing_priority", f"date({day}, '+{PRIORITY_HEARING_DAYS} days')")
        .replace(":u_asylum_urgent", f"date({day}, '+{URGENT_ASYLUM_DAYS} days')")
    )
    names = " ".join(f"WHEN {i} THEN '{n}'" for i, n in enumerate(urgency_sql.LEVELS))
    return f"(CASE {level} {names} END)"


def facts_sql(doc: str, prefix: str) -> str:
    """A SELECT of (month, dim, cat) rows for one record.

    ``doc`` is the record's JSON column and ``prefix`` its row (``NEW.``,
    ``OLD.``, ``r.``). Generated from ``domain.report.dimensions()``, so the
    counts cannot drift from the catalogue's ``countable`` marks.
    """
    from clinic_app.domain.report import dimensions

    whens = ["WHEN '_n' THEN 'all'"]
    names = ["('_n')"]
    several = []
    for d in dimensions():
        path = f"'$.{d.field}'"
        if d.key == "borough":
            cat = _borough_sql(f"json_extract(t, {path})")
        elif d.key == "urgency":
            cat = _urgency_sql(prefix)
        elif d.program:
            out = f"json_extract(t, '$.{d.field}.programs.{d.program}.outcome')"
            cat = f"coalesce({out}, 'needs_info')"
        elif d.categories is None:
            cat = f"coalesce(nullif(trim(json_extract(t, {path})), ''), 'not_recorded')"
        elif d.categories[:2] == ("yes", "no"):
            cat = (
                f"(CASE json_type(t, {path}) WHEN 'true' THEN 'yes' "
                "WHEN 'false' THEN 'no' ELSE 'not_recorded' END)"
            )
        elif d.partition:
            cat = f"coalesce(json_extract(t, {path}), 'not_recorded')"
        else:
            several.append(
                f"SELECT '{d.key}', j.value FROM (SELECT {_doc(doc)} AS t) AS x, "  # noqa: S608
                f"json_each(CASE WHEN json_type(x.t, {path}) = 'array' "
                f"THEN json_extract(x.t, {path}) ELSE '[]' END) AS j"
            )
            continue
        whens.append(f"WHEN '{d.key}' THEN {cat}")
        names.append(f"('{d.key}')")
    one = (
        f"SELECT v.column1 AS dim, CASE v.column1 {' '.join(whens)} END AS cat "  # noqa: S608
        f"FROM (SELECT {_doc(doc)} AS t) AS x, (VALUES {', '.join(names)}) AS v"
    )
    body = " UNION ALL ".join([one, *several])
    return f"SELECT substr({prefix}intake_date, 1, 7) AS month, dim, cat FROM ({body})"  # noqa: S608


def _add(doc: str, prefix: str, sign: int) -> str:
    facts = facts_sql(doc, prefix)
    head = "INSERT INTO report_counts (month, dim, cat, n) SELECT month, dim, cat, "
    tail = f" WHERE true ON CONFLICT (month, dim, cat) DO UPDATE SET n = n + ({sign})"
    return head + f"{sign} FROM ({facts})" + tail


_ROW_COLUMNS: Final = (
    "data",
    "intake_date",
    "urgency_floor",
    "hearing",
    "asylum",
    "daca_from",
    "daca_until",
)


def _backfill(con: Any) -> None:
    """Counts the records already in the vault (SQLite has no lateral join)."""
    insert = _add(":data", ":", 1)
    rows = con.execute(f"SELECT {', '.join(_ROW_COLUMNS)} FROM records").fetchall()  # noqa: S608
    for row in rows:
        con.execute(insert, dict(zip(_ROW_COLUMNS, row, strict=True)))


def report_counts_migration() -> list[Any]:
    """The statements of the migration (built from the catalogue when called)."""
    return [
        "DROP TRIGGER IF EXISTS report_facts_insert",
        "DROP TRIGGER IF EXISTS report_facts_update",
        "DROP TRIGGER IF EXISTS report_facts_delete",
        "DROP TABLE IF EXISTS report_facts",
        """CREATE TABLE report_counts (
            month TEXT NOT NULL,
            dim TEXT NOT NULL,
            cat TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (month, dim, cat)
        ) STRICT, WITHOUT ROWID""",
        # The counts of a month as they were when it was first released: later
        # reports over it use these, so every release stays one linear system.
        """CREATE TABLE report_frozen (
            month TEXT NOT NULL,
            dim TEXT NOT NULL,
            cat TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (month, dim, cat)
        ) STRICT, WITHOUT ROWID""",
        # The release ledger: what each report published, by whom, when.
        """CREATE TABLE report_releases (
            seq INTEGER PRIMARY KEY,
            period TEXT NOT NULL UNIQUE,
            released_at TEXT NOT NULL,
            released_by TEXT NOT NULL,
            cells TEXT NOT NULL
        ) STRICT""",
        """CREATE TRIGGER report_releases_no_update BEFORE UPDATE ON report_releases
        BEGIN SELECT RAISE(ABORT, 'the release ledger is append-only'); END""",
        """CREATE TRIGGER report_releases_no_delete BEFORE DELETE ON report_releases
        BEGIN SELECT RAISE(ABORT, 'the release ledger is append-only'); END""",
        _backfill,
        f"""CREATE TRIGGER report_counts_insert AFTER INSERT ON records BEGIN
            {_add("NEW.data", "NEW.", 1)};
        END""",
        f"""CREATE TRIGGER report_counts_update AFTER UPDATE OF
            data, intake_date, urgency_floor, hearing, asylum, daca_from, daca_until
            ON records BEGIN
            {_add("OLD.data", "OLD.", -1)};
            {_add("NEW.data", "NEW.", 1)};
        END""",
        f"""CREATE TRIGGER report_counts_delete AFTER DELETE ON records BEGIN
            {_add("OLD.data", "OLD.", -1)};
        END""",
    ]


__all__ = [
    "LETTER_OUTCOMES",
    "OUTCOME_LETTERS",
    "V_REPORT_FACTS",
    "facts_sql",
    "report_counts_migration",
]
