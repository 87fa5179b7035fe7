"""The search design, run through a real FTS5 table in SQLCipher's SQLite.

Storage indexes ``index_tokens(name)`` in an FTS5 table made with
``FTS5_TOKENIZE`` and queries it with ``match_query(typed)``. The last tests
record why FTS5's own tokenizers are not enough on their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sqlcipher3

from clinic_app.domain.textfold import FTS5_TOKENIZE, index_tokens, match_query

NAMES = [
    "María González",
    "Иванов Пётр",
    "أحمد الحسن",
    "王小明",
    "김민준",
    "মুহাম্মদ রহমান",
    "Łukasz Wałęsa",
    "فاطمة الزهراء",
    "Mario Gonzaga",
]


@pytest.fixture
def db() -> Iterator[Any]:
    conn = sqlcipher3.connect(":memory:")
    conn.execute("PRAGMA key = 'test-only'")
    conn.execute(f'CREATE VIRTUAL TABLE names USING fts5(tokens, tokenize="{FTS5_TOKENIZE}")')
    conn.executemany(
        "INSERT INTO names(rowid, tokens) VALUES (?, ?)",
        [(i, index_tokens(n)) for i, n in enumerate(NAMES)],
    )
    yield conn
    conn.close()


def search(conn: Any, typed: str) -> list[str]:
    rows = conn.execute(
        "SELECT rowid FROM names WHERE names MATCH ? ORDER BY rowid", (match_query(typed),)
    )
    return [NAMES[r[0]] for r in rows]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("maria", ["María González"]),
        ("ИВАНОВ", ["Иванов Пётр"]),
        ("احمد", ["أحمد الحسن"]),
        ("小明", ["王小明"]),
        ("王小明", ["王小明"]),
        ("王", ["王小明"]),
        ("민준", ["김민준"]),
        ("김민준", ["김민준"]),
        ("মুহাম্মদ", ["মুহাম্মদ রহমান"]),
        ("রহ", ["মুহাম্মদ রহমান"]),  # prefix inside Bengali
        ("gonz", ["María González", "Mario Gonzaga"]),
        ("gonzalez maria", ["María González"]),  # any order
        ("lukasz", ["Łukasz Wałęsa"]),
        ("petr", []),  # no transliteration across scripts
        ("حسن", ["أحمد الحسن"]),  # without the article
        ("فاطمه", ["فاطمة الزهراء"]),
        ("小王", []),  # Han characters must be consecutive
        ('" OR "', []),
        ("NEAR(maria", []),
    ],
)
def test_search_examples(db: Any, typed: str, found: list[str]) -> None:
    query = match_query(typed)
    assert (search(db, typed) if query else []) == found


def test_sqlcipher_bundles_fts5() -> None:
    conn = sqlcipher3.connect(":memory:")
    options = {row[0] for row in conn.execute("PRAGMA compile_options")}
    assert "ENABLE_FTS5" in options


def test_trigram_alone_misses_two_character_names() -> None:
    conn = sqlcipher3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(name, tokenize='trigram')")
    conn.execute("INSERT INTO t(name) VALUES ('王小明')")
    assert conn.execute("SELECT count(*) FROM t WHERE t MATCH '\"王小明\"'").fetchone() == (1,)
    assert conn.execute("SELECT count(*) FROM t WHERE t MATCH '\"小明\"'").fetchone() == (0,)


def test_default_unicode61_splits_bengali_at_vowel_signs() -> None:
    conn = sqlcipher3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(name, tokenize='unicode61')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, row)")
    conn.execute("INSERT INTO t(name) VALUES ('মুহাম্মদ')")
    terms = [row[0] for row in conn.execute("SELECT term FROM v")]
    assert len(terms) > 1  # the word is cut into pieces; ours keeps it whole
