"""Schema migration for bounded search (issue 14).

The full-text index is rebuilt: its rowid becomes the record's place in the
list (``search.fts_key``), so a search reads hits newest first straight from
FTS5 and stops at its page; phone numbers keep three tokens instead of every
suffix; FTS5 prefix indexes of one to three characters make a typed prefix
one doclist instead of a merge of every word it starts; each record's
volunteer is one token, so a volunteer's own list is read from the index too. A trigger removes a
record's index row whenever the record is deleted (retention, any later
code), because the index no longer shares the record's number. The old index
is dropped inside the migration's transaction; ``secure_delete`` zeroes its
pages.
"""

from __future__ import annotations

from typing import Any, Final

from clinic_app.domain.textfold import FTS5_TOKENIZE
from clinic_app.storage import search

Connection = Any

FTS_PREFIXES: Final = "1 2 3 4"


def create_index_sql(name: str) -> str:
    return (
        f"CREATE VIRTUAL TABLE {name} USING fts5(name, phone, volunteer, "
        f"tokenize=\"{FTS5_TOKENIZE}\", prefix='{FTS_PREFIXES}')"
    )


FORGET_TRIGGER: Final = (
    "CREATE TRIGGER records_fts_forget AFTER DELETE ON records BEGIN "  # noqa: S608 - fixed SQL
    f"DELETE FROM records_fts WHERE rowid = {search.key_sql('old.')}; END"
)


def _rebuild_index(con: Connection) -> None:
    con.execute(create_index_sql("records_fts_new"))
    rows = con.execute(
        f"SELECT {search.key_sql('r.')}, f.name, r.phone_digits, r.volunteer "  # noqa: S608
        "FROM records_fts AS f JOIN records AS r ON r.num = f.rowid"
    )
    con.executemany(
        "INSERT INTO records_fts_new (rowid, name, phone, volunteer) VALUES (?, ?, ?, ?)",
        (
            (key, name, search.phone_tokens(digits), search.owner_token(volunteer))
            for key, name, digits, volunteer in rows
        ),
    )
    con.execute("INSERT INTO records_fts_new (records_fts_new) VALUES ('optimize')")
    con.execute("DROP TABLE records_fts")
    con.execute("ALTER TABLE records_fts_new RENAME TO records_fts")
    con.execute(FORGET_TRIGGER)


V_SEARCH_KEYS: Final = [_rebuild_index]
