"""Bounded search and keyset paging (issue 14), on a real vault.

The search index's rowid is the record's place in the list, so a search reads
its page in index order; ``page`` walks the list by key, forward, backward or
with a skip, and must agree row for row with the plain OFFSET query; a capped
count stops at the cap; phone numbers keep three tokens.
"""

from __future__ import annotations

import os
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_app.storage import connection, schema, search, search_schema
from clinic_app.storage.keymaterial import KeyMaterial
from clinic_app.storage.records import RecordFilter, Records
from clinic_app.storage.vault import Vault
from tests.storage.records_support import TODAY, make_record


@pytest.fixture
def records(vault: Vault) -> Records:
    return Records(vault, today=lambda: TODAY)


def _fill(records: Records, n: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    batch = []
    for i in range(n):
        batch.append(
            make_record(
                given_name=rng.choice(["Maria", "Mario", "Ana", "Zoë"]) + f"x{i}",
                family_name=rng.choice(["Pérez", "Ng", "Ortiz"]),
                intake_date=TODAY - timedelta(days=rng.randrange(5)),  # many ties on a day
                phone=f"718-555-{rng.randrange(10_000):04d}",
            )
        )
    records.create_many(batch)


@given(
    day=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    num=st.integers(min_value=1, max_value=2**32 - 1),
)
def test_fts_key_round_trips(day: date, num: int) -> None:
    key = search.fts_key(day.isoformat(), num)
    assert search.key_parts(key) == (day.isoformat(), num)
    assert 0 < key < 2**63


@given(
    a=st.tuples(st.dates(), st.integers(1, 2**31)), b=st.tuples(st.dates(), st.integers(1, 2**31))
)
def test_fts_key_ascends_in_the_lists_order(a: tuple[date, int], b: tuple[date, int]) -> None:
    """Newest intake first, then the higher record number first."""
    ka, kb = (search.fts_key(d.isoformat(), n) for d, n in (a, b))
    assert (ka < kb) == ((a[0], a[1]) > (b[0], b[1]))


def test_key_sql_is_fts_key(records: Records) -> None:
    con = records.vault.con
    for day, num in [("2026-11-27", 5), ("", 7), ("0001-01-01", 1), ("9999-12-31", 2**32 - 1)]:
        sql = f"SELECT {search.key_sql('t.')} FROM (SELECT ? AS intake_date, ? AS num) AS t"
        assert con.execute(sql, (day, num)).fetchone()[0] == search.fts_key(day, num)
        key = search.fts_key(day, num)
        assert con.execute(f"SELECT {search.num_sql('?')}", (key,)).fetchone()[0] == num


def test_phone_numbers_keep_three_tokens() -> None:
    assert search.phone_tokens("7185550123") == "7185550123 5550123 0123"
    assert search.phone_tokens("5550123") == "5550123 0123"
    assert search.phone_tokens("911") == "911"
    assert search.phone_tokens(None) == ""


@pytest.mark.parametrize(
    "flt",
    [None, RecordFilter(text="mari"), RecordFilter(text="555"), RecordFilter(status="new")],
    ids=["all", "name", "phone", "status"],
)
def test_keyset_pages_agree_with_offset(records: Records, flt: RecordFilter | None) -> None:
    _fill(records, 230)
    everything = records.rows(0, 1000, flt)
    assert len(everything) > 40
    walked, key = [], None
    while True:
        page = records.page(flt, key, 17)
        if not page:
            break
        walked += page
        key = page[-1].key
    assert walked == everything
    back, key = [], None
    while True:
        page = records.page(flt, key, 13, backward=True)
        if not page:
            break
        back = page + back
        key = page[0].key
    assert back == everything
    mid = everything[20]
    assert records.page(flt, mid.key, 5, skip=7) == everything[28:33]
    assert records.page(flt, mid.key, 5, skip=3, backward=True) == everything[12:17]
    assert records.page(flt, None, 4, backward=True) == everything[-4:]


def test_search_reads_hits_in_index_order(records: Records) -> None:
    _fill(records, 30)
    for flt in (RecordFilter(text="maria"), RecordFilter(text="555")):
        found = records.page_sql(flt, search.fts_key("2026-01-01", 9))
        assert found is not None
        sql, params = found
        plan = records.vault.con.execute(
            "EXPLAIN QUERY PLAN " + sql, {**params, "limit": 200, "offset": 0}
        ).fetchall()
        text = "\n".join(str(r[3]) for r in plan)
        assert "TEMP B-TREE" not in text  # no sort of every hit before the LIMIT
        assert "COVERING INDEX records_list (num=?)" in text
    plain = records.page_sql(RecordFilter(), search.fts_key("2026-01-01", 9))
    assert plain is not None
    plan = records.vault.con.execute(
        "EXPLAIN QUERY PLAN " + plain[0], {**plain[1], "limit": 200, "offset": 0}
    ).fetchall()
    assert "SEARCH r USING COVERING INDEX records_queue" in str(plan)
    assert "TEMP B-TREE" not in str(plan)


def test_capped_count(records: Records) -> None:
    _fill(records, 40)
    assert records.count(RecordFilter(text="555")) == 40
    assert records.count(RecordFilter(text="555"), cap=10) == 11  # "10+"
    assert records.count(RecordFilter(text="555"), cap=100) == 40
    assert records.count(RecordFilter(text="zzzz"), cap=10) == 0


def test_phone_fragments(records: Records) -> None:
    rid = records.create(make_record(given_name="Rosa", phone="(718) 555-0123"))
    for typed in ("718", "7185550123", "555", "5550", "0123", "012"):
        assert [r.record_id for r in records.rows(0, 5, RecordFilter(text=typed))] == [rid]
    # A run of digits inside the number that starts none of its three parts.
    assert records.count(RecordFilter(text="8555")) == 0


def test_deleting_a_record_removes_its_index_row(records: Records) -> None:
    rid = records.create(make_record(given_name="Quentin"))
    con = records.vault.con
    assert records.count(RecordFilter(text="quentin")) == 1
    con.execute("DELETE FROM record_status")
    con.execute("DELETE FROM records WHERE id = ?", (rid,))  # as the retention purge does
    assert con.execute("SELECT count(*) FROM records_fts").fetchone()[0] == 0


def test_a_changed_intake_date_moves_the_index_row(records: Records) -> None:
    first = records.create(make_record(given_name="Quentin", intake_date=TODAY))
    second = records.create(make_record(given_name="Quinn", intake_date=TODAY))
    old = records.get(first)
    assert old is not None
    records.update(
        old.__class__.from_mapping({**old.to_mapping(), "intake_date": TODAY + timedelta(days=1)})
    )
    found = [r.record_id for r in records.page(RecordFilter(text="qu"), None, 5)]
    assert found == [first, second]
    assert records.vault.con.execute("SELECT count(*) FROM records_fts").fetchone()[0] == 2


def test_an_older_vault_is_migrated(tmp_path: Path) -> None:
    """The index of a vault from before issue 14 is rebuilt: new keys, three phone tokens."""
    con = connection.connect(tmp_path / "old.vault", KeyMaterial(os.urandom(32)))
    mine = schema.MIGRATIONS.index(search_schema.V_SEARCH_KEYS)
    schema.migrate(con, target=mine)
    con.execute("BEGIN")
    for num, (day, digits) in enumerate([("2026-01-02", "7185550123"), ("", None)], start=1):
        con.execute(
            "INSERT INTO records (num, id, created_at, created_by, updated_at, intake_date, "
            "phone_digits, data) VALUES (?, ?, '', '', '', ?, ?, x'7b7d')",
            (num, f"R{num}", day, digits),
        )
        old_phone = " ".join(digits[i:] for i in range(len(digits))) if digits else ""
        con.execute(
            "INSERT INTO records_fts (rowid, name, phone) VALUES (?, 'ana', ?)", (num, old_phone)
        )
    con.execute("COMMIT")
    schema.migrate(con)
    rows = con.execute("SELECT rowid, phone FROM records_fts ORDER BY rowid").fetchall()
    assert rows == [
        (search.fts_key("2026-01-02", 1), "7185550123 5550123 0123"),
        (search.fts_key("", 2), ""),
    ]
    con.close()


def test_a_save_removes_the_draft_in_the_same_transaction(records: Records) -> None:
    con = records.vault.con
    records.save_draft({"given_name": "Ana"})
    con.execute(
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON records "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(sqlite_errors(), match="refused"):
        records.create(make_record(given_name="Ana"), discard_draft=True)
    assert records.load_draft() == {"given_name": "Ana"}  # rolled back together
    con.execute("DROP TRIGGER temp.refuse")
    records.create(make_record(given_name="Ana"), discard_draft=True)
    assert records.load_draft() is None
    records.save_draft({"given_name": "Bea"})
    records.create(make_record(given_name="Bea"))  # imports and demo data keep drafts
    assert records.load_draft() == {"given_name": "Bea"}


def sqlite_errors() -> type[Exception]:
    return connection.DatabaseError  # type: ignore[no-any-return]


def test_a_volunteers_list_is_read_from_the_index_in_order(vault: Vault) -> None:
    """A volunteer's own records come from the index's volunteer token, in list order."""
    from clinic_app.storage.vault import VOLUNTEER
    from tests.storage.fixtures import OTHER_PASSPHRASE

    vault.add_user("vic.tor", VOLUNTEER, OTHER_PASSPHRASE)
    records = Records(vault, today=lambda: TODAY)
    rng = random.Random(4)
    records.create_many(
        make_record(
            given_name=f"Maria{i}",
            volunteer=rng.choice(["vic.tor", "sam", "vic"]),  # "vic" shares a prefix
            intake_date=TODAY - timedelta(days=rng.randrange(4)),
            phone=f"718-555-{i:04d}",
        )
        for i in range(120)
    )
    everyone = records.rows(0, 500)
    vault.close()
    with Vault.open(vault.path, "vic.tor", OTHER_PASSPHRASE) as v:
        mine = Records(v, today=lambda: TODAY)
        for flt in (
            None,
            RecordFilter(text="maria"),
            RecordFilter(text="555"),
            RecordFilter(status="new"),
        ):
            expected = [r for r in records_of(everyone, "vic.tor", flt)]
            assert mine.rows(0, 500, flt) == expected
            assert mine.count(flt) == len(expected)
            walked, key = [], None
            while page := mine.page(flt, key, 9):
                walked += page
                key = page[-1].key
            assert walked == expected
            assert mine.page(flt, None, 5, skip=7) == expected[7:12]
            assert mine.page(flt, expected[3].key, 4, skip=2) == expected[6:10]
            assert mine.page(flt, None, 3, skip=2, backward=True) == expected[-5:-2]
            assert mine.page(flt, None, 3, skip=len(expected)) == []
            found = mine.page_sql(flt, None)
            assert found is not None
            plan = v.con.execute(
                "EXPLAIN QUERY PLAN " + found[0], {**found[1], "limit": 9, "offset": 0}
            ).fetchall()
            assert "TEMP B-TREE" not in str(plan) and "records_fts VIRTUAL TABLE" in str(plan)


def records_of(rows: list[Any], volunteer: str, flt: RecordFilter | None) -> list[Any]:
    text = flt.text if flt is not None else ""
    return [
        r
        for r in rows
        if r.volunteer == volunteer
        and (text != "maria" or r.display_name.lower().startswith("maria"))
        and (text != "555" or "555" in (r.phone or ""))
    ]
