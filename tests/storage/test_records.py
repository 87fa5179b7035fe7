"""The records repository on real vaults: storage, audit, status, list, duplicates, drafts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from clinic_app.domain.textfold import FTS5_TOKENIZE
from clinic_app.storage import backup, schema, search
from clinic_app.storage.records import RecordFilter, RecordNotFound, Records, new_record_id
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE
from tests.storage.records_support import TODAY, make_record, outcome_for


@pytest.fixture
def records(vault: Vault) -> Records:
    return Records(vault, today=lambda: TODAY)


def actions(records: Records, record_id: str) -> list[str]:
    return [e.action for e in records.history(record_id)]


def test_create_get_round_trip_and_audit(records: Records) -> None:
    record = make_record(
        date_of_birth=date(1990, 3, 4),
        phone="(718) 555-0123",
        notes="Prefers mornings.",
        screening_result=outcome_for({"detained": True, "next_hearing_date": date(2027, 1, 5)}),
    )
    rid = records.create(record)
    assert rid != "new" and len(rid) == 11
    got = records.get(rid)
    assert got is not None
    assert got == make_record(
        record_id=rid,
        date_of_birth=date(1990, 3, 4),
        phone="(718) 555-0123",
        notes="Prefers mornings.",
        screening_result=record.screening_result,
    )
    assert actions(records, rid) == ["create", "view"]
    assert all(e.record_id == rid and e.user == "sam" for e in records.history(rid))
    assert records.get("NOPE0-NOPE0") is None
    assert records.vault.verify().ok


def test_record_ids_are_readable_and_unique() -> None:
    ids = {new_record_id() for _ in range(2000)}
    assert len(ids) == 2000
    assert all(len(i) == 11 and i[5] == "-" and not set(i) & set("ILOU") for i in ids)


def test_update_rewrites_the_list_and_the_index(records: Records) -> None:
    rid = records.create(make_record(given_name="María", family_name="González"))
    stored = records.get(rid)
    assert stored is not None
    records.update(stored.__class__.from_mapping({**stored.to_mapping(), "given_name": "Lucía"}))
    assert records.count(RecordFilter(text="maria")) == 0
    assert [r.display_name for r in records.rows(0, 5, RecordFilter(text="lucia"))] == [
        "Lucía González"
    ]
    assert actions(records, rid) == ["create", "view", "edit"]
    with pytest.raises(RecordNotFound):
        records.update(make_record(record_id="NOPE0-NOPE0"))


def test_status_history_is_dated(records: Records) -> None:
    rid = records.create(make_record(intake_date=date(2026, 11, 2)))
    records.set_status(rid, "referred", date(2026, 11, 10))
    records.set_status(rid, "in_progress", date(2026, 11, 12))
    records.set_status(rid, "closed", date(2026, 11, 20))
    assert records.status_history(rid) == [
        ("new", date(2026, 11, 2)),
        ("referred", date(2026, 11, 10)),
        ("in_progress", date(2026, 11, 12)),
        ("closed", date(2026, 11, 20)),
    ]
    closed = records.get(rid)
    assert closed is not None
    assert closed.case_status == "closed" and closed.case_closed_on == date(2026, 11, 20)
    assert records.rows(0, 1)[0].case_status == "closed"
    assert records.count(RecordFilter(status="closed")) == 1
    # An edit that changes the status is dated today.
    records.update(make_record(record_id=rid, intake_date=date(2026, 11, 2), case_status="new"))
    assert records.status_history(rid)[-1] == ("new", TODAY)
    assert actions(records, rid).count("edit") == 4
    with pytest.raises(ValueError, match="status"):
        records.set_status(rid, "open", TODAY)
    with pytest.raises(RecordNotFound):
        records.set_status("NOPE0-NOPE0", "closed", TODAY)


def test_rows_are_newest_first_and_paged(records: Records) -> None:
    ids = [
        records.create(make_record(given_name=f"Name{i}", intake_date=TODAY - timedelta(days=i)))
        for i in range(30)
    ]
    assert records.count() == 30
    page = records.rows(0, 10)
    assert [r.record_id for r in page] == ids[:10]
    assert [r.record_id for r in records.rows(25, 10)] == ids[25:]
    assert records.rows(40, 10) == []
    week = RecordFilter(intake_from=TODAY - timedelta(days=6), intake_to=TODAY)
    assert records.count(week) == 7
    assert page[0].intake_date == TODAY and page[0].volunteer == "sam"
    assert page[0].display_name == "Name0 Pérez" and page[0].urgency == "routine"


@pytest.mark.parametrize(
    ("language", "given", "family", "shown"),
    [
        ("es", "María", "González", "María González"),
        ("zh_Hant", "小明", "王", "王小明"),
        ("ko", "민준", "김", "김민준"),
        ("zh_Hant", "Ming", "Wang", "Wang Ming"),
        ("ru", "Пётр", "Иванов", "Пётр Иванов"),
    ],
)
def test_display_name_follows_the_clients_name_order(
    records: Records, language: str, given: str, family: str, shown: str
) -> None:
    records.create(make_record(client_language=language, given_name=given, family_name=family))
    assert records.rows(0, 1)[0].display_name == shown


def test_display_name_prefers_the_preferred_name(records: Records) -> None:
    records.create(make_record(given_name="Guadalupe", preferred_name="Lupe"))
    assert records.rows(0, 1)[0].display_name == "Lupe"
    assert records.count(RecordFilter(text="guadalupe")) == 1
    assert records.count(RecordFilter(text="lupe")) == 1


def test_urgency_is_recomputed_for_today(vault: Vault) -> None:
    day = [TODAY]
    records = Records(vault, today=lambda: day[0])
    hearing = TODAY + timedelta(days=45)
    records.create(make_record(screening_result=outcome_for({"next_hearing_date": hearing})))
    records.create(make_record(screening_result=outcome_for({"detained": True})))
    records.create(make_record())
    assert [r.urgency for r in records.rows(0, 5)] == ["routine", "emergency", "priority"]
    day[0] = TODAY + timedelta(days=20)  # the hearing is now 25 days away
    assert [r.urgency for r in records.rows(0, 5)] == ["routine", "emergency", "urgent"]
    assert records.count(RecordFilter(urgency="urgent")) == 1
    assert records.count(RecordFilter(urgency="priority")) == 0
    with pytest.raises(ValueError, match="urgency"):
        records.count(RecordFilter(urgency="soon"))
    queue = records.rows(0, 5, RecordFilter(order="urgency"))
    assert [r.urgency for r in queue] == ["emergency", "urgent", "routine"]
    with pytest.raises(ValueError, match="order"):
        records.rows(0, 5, RecordFilter(order="alphabetical"))


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("maria", ["María González"]),
        ("ИВАНОВ", ["Иванов Пётр"]),
        ("احمد", ["أحمد الحسن"]),
        ("小明", ["王小明"]),
        ("민준", ["김민준"]),
        ("গোস্বামী", ["রাহুল গোস্বামী"]),
        ("gonz mar", ["María González"]),
        ("NGUYỄN", ["Nguyễn Văn An"]),
        ("jean-b", ["Jean-Baptiste Pierre"]),
        ("555 0123", ["María González"]),  # no letters: digits, separators ignored
        ("555", ["أحمد الحسن", "María González"]),
        ("555-0123", ["María González"]),
        ("0123", ["María González"]),
        ("7185550", ["María González"]),
        ("+1 718 555 0123", ["María González"]),
        ("!!!", []),
        ('" OR "', []),
    ],
)
def test_search_across_scripts(records: Records, typed: str, found: list[str]) -> None:
    names = [
        ("María", "González", "718-555-0123"),
        ("Иванов", "Пётр", None),
        ("أحمد", "الحسن", "646 555 0199"),
        ("小明", "王", "zh_Hant"),
        ("민준", "김", "ko"),
        ("রাহুল", "গোস্বামী", None),
        ("Nguyễn", "Văn An", None),
        ("Jean-Baptiste", "Pierre", None),
    ]
    for given, family, extra in names:
        if extra and extra[0].isdigit():
            records.create(make_record(given_name=given, family_name=family, phone=extra))
        else:
            language = extra or "es"
            records.create(
                make_record(given_name=given, family_name=family, client_language=language)
            )
    got = [r.display_name for r in records.rows(0, 20, RecordFilter(text=typed))]
    assert got == found
    assert records.count(RecordFilter(text=typed)) == len(found)


def test_search_combines_with_other_filters(records: Records) -> None:
    records.create(make_record(given_name="Maria", case_status="new"))
    rid = records.create(make_record(given_name="Mariana"))
    records.set_status(rid, "referred", TODAY)
    assert records.count(RecordFilter(text="mari")) == 2
    assert [
        r.record_id for r in records.rows(0, 5, RecordFilter(text="mari", status="referred"))
    ] == [rid]


def plan(records: Records, flt: RecordFilter) -> str:
    found = records.rows_sql(flt)
    assert found is not None
    sql, params = found
    rows = records.vault.con.execute(
        "EXPLAIN QUERY PLAN " + sql, {**params, "limit": 50, "offset": 0}
    ).fetchall()
    return "\n".join(str(r[3]) for r in rows)


def test_query_plans_use_the_indexes(records: Records) -> None:
    for i in range(20):
        records.create(make_record(given_name=f"Client{i}"))
    text = plan(records, RecordFilter(text="maria"))
    # 64: FTS5 returns hits in rowid order (the list's order), so no sort of all hits.
    assert "SCAN records_fts VIRTUAL TABLE INDEX 64:M" in text
    assert "TEMP B-TREE" not in text
    assert "SEARCH r USING COVERING INDEX records_list (num=?)" in text
    assert "SCAN r\n" not in text + "\n"  # never a full scan of the records
    assert "SCAN r USING COVERING INDEX records_queue" in plan(records, RecordFilter())
    filtered = plan(records, RecordFilter(urgency="urgent", status="new"))
    assert "SCAN r USING COVERING INDEX records_queue" in filtered
    count_plan = records.vault.con.execute(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM records AS r WHERE r.case_status = 'new'"
    ).fetchall()
    assert "USING COVERING INDEX" in str(count_plan)


def test_likely_duplicates(records: Records) -> None:
    first = records.create(
        make_record(given_name="María", family_name="González", date_of_birth=date(1990, 3, 4))
    )
    by_phone = records.create(make_record(given_name="Rosa", phone="+1 (718) 555-0123"))
    records.create(make_record(given_name="María", family_name="González"))  # no birth date

    same_name = make_record(
        given_name="MARIA", family_name="gonzalez", date_of_birth=date(1990, 3, 4)
    )
    assert [r.record_id for r in records.likely_duplicates(same_name)] == [first]
    swapped = make_record(
        given_name="Gonzalez", family_name="Maria", date_of_birth=date(1990, 3, 4)
    )
    assert [r.record_id for r in records.likely_duplicates(swapped)] == [first]
    other_day = make_record(
        given_name="María", family_name="González", date_of_birth=date(1991, 3, 4)
    )
    assert records.likely_duplicates(other_day) == []
    phone = make_record(given_name="Someone", phone="718.555.0123")
    assert [r.record_id for r in records.likely_duplicates(phone)] == [by_phone]
    records.create(make_record(given_name="Short", phone="911"))
    assert records.likely_duplicates(make_record(given_name="Other", phone="911")) == []
    # A stored record is not its own duplicate.
    stored = records.get(first)
    assert stored is not None and records.likely_duplicates(stored) == []


def test_drafts_keep_only_storable_fields(records: Records) -> None:
    result = outcome_for({"next_hearing_date": date(2027, 1, 5)})
    form = {
        "given_name": "Ana",
        "date_of_birth": date(1990, 3, 4),
        "appointment": datetime(2026, 12, 1, 9, 30),
        "referral_needs": ("asylum", "daca"),
        "screening_result": result,
        "next_hearing_date": date(2027, 1, 5),  # a screening answer
        "felony_convictions": 0,
        "whatever": "unknown key",
    }
    records.save_draft(form)
    assert records.load_draft() == {
        "given_name": "Ana",
        "date_of_birth": date(1990, 3, 4),
        "appointment": datetime(2026, 12, 1, 9, 30),
        "referral_needs": ["asylum", "daca"],
        "screening_result": result.to_dict(),
    }
    records.save_draft({"given_name": "Bea"})  # one draft per user: replaced
    assert records.load_draft() == {"given_name": "Bea"}
    assert records.vault.con.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
    records.discard_draft()
    assert records.load_draft() is None


def test_a_draft_with_a_malformed_result_drops_it(records: Records) -> None:
    records.save_draft({"given_name": "Ana", "screening_result": {"answers": {"detained": True}}})
    assert records.load_draft() == {"given_name": "Ana"}


def test_drafts_are_per_user_and_purged_after_24_hours(vault: Vault, vault_path: Path) -> None:
    now = [datetime(2026, 11, 27, 12, 0, tzinfo=UTC)]
    vault.add_user("val", "volunteer", OTHER_PASSPHRASE)
    sam = Records(vault, today=lambda: TODAY, clock=lambda: now[0])
    sam.save_draft({"given_name": "Ana"})
    vault.close()
    with Vault.open(vault_path, "val", OTHER_PASSPHRASE) as v:
        val = Records(v, today=lambda: TODAY, clock=lambda: now[0] + timedelta(hours=1))
        assert val.load_draft() is None
        val.save_draft({"given_name": "Bea"})
    now[0] += timedelta(hours=24, minutes=30)
    with Vault.open(vault_path, "sam", PASSPHRASE) as v:
        # Opening the repository purges: sam's draft is 24.5 h old, val's 23.5 h.
        sam = Records(v, today=lambda: TODAY, clock=lambda: now[0])
        assert sam.load_draft() is None
        assert v.con.execute("SELECT user FROM drafts").fetchall() == [("val",)]
        now[0] += timedelta(hours=1)
        assert sam.purge_stale_drafts() == 1


def test_training_flag(records: Records) -> None:
    assert not records.is_training()
    records.mark_training()
    records.mark_training()
    assert records.is_training()


def test_backup_and_restore_keep_search_working(records: Records, tmp_path: Path) -> None:
    for name in ("María", "Иван", "王小明"):
        records.create(make_record(given_name=name))
    rid = records.create(make_record(given_name="Zoë"))
    key = f"(SELECT {search.key_sql()} FROM records WHERE num = 1)"
    records.vault.con.execute(f"DELETE FROM records_fts WHERE rowid = {key}")  # rowids must survive
    records.vault.con.execute("VACUUM")
    out = tmp_path / "b.cibackup"
    backup.write_backup(records.vault, out)
    restored = tmp_path / "restored" / "clinic.vault"
    backup.restore_backup(out, restored, "sam", PASSPHRASE)
    with Vault.open(restored, "sam", PASSPHRASE) as v:
        again = Records(v, today=lambda: TODAY)
        assert [r.record_id for r in again.rows(0, 5, RecordFilter(text="zoe"))] == [rid]
        assert again.count(RecordFilter(text="小明")) == 1
        assert again.count(RecordFilter(text="maria")) == 0  # its index row was deleted
        assert v.verify().ok


def test_the_migration_pins_the_domain_tokenizer() -> None:
    # The index must be rebuilt by a new migration if the domain's design changes.
    v3 = " ".join(str(s) for s in schema.MIGRATIONS[2])
    assert f'tokenize="{FTS5_TOKENIZE}"' in " ".join(v3.split())


def test_provisional_rows_survive_the_upgrade(tmp_path: Path) -> None:
    from tests.storage.test_migrations import _vault_at_version

    path = tmp_path / "old.vault"
    _vault_at_version(path, 2)
    from clinic_app.storage import connection
    from tests.storage.test_migrations import _key_of

    con = connection.connect(path, _key_of(path))
    con.execute(
        "INSERT INTO records (id, created_at, created_by, updated_at, data) "
        "VALUES ('old', '2026-01-01', 'sam', '2026-01-01', x'00ff')"
    )
    con.close()
    with Vault.open(path, "sam", PASSPHRASE) as v:
        assert v.read_record("old") == b"\x00\xff"
        records = Records(v, today=lambda: TODAY)
        assert records.count() == 1
        assert records.rows(0, 1)[0].record_id == "old"
        rid = records.create(make_record())
        assert records.rows(0, 1)[0].record_id == rid


def index_bytes(records: Records) -> bytes:
    rows = records.vault.con.execute("SELECT block FROM records_fts_data").fetchall()
    return b"".join(bytes(r[0]) for r in rows)


def test_optimizing_the_index_drops_deleted_and_edited_names(records: Records) -> None:
    # When segments merge on their own depends on FTS5 internals; switched off
    # here so the test sees the state a purge can leave behind.
    records.vault.con.execute("INSERT INTO records_fts (records_fts, rank) VALUES ('automerge', 0)")
    made = records.create_many(
        [
            *(make_record(given_name=f"Common{i}") for i in range(30)),
            make_record(given_name="Xiomara", family_name="Quintanilla"),
            make_record(given_name="Zenobia"),
            *(make_record(given_name=f"Later{i}") for i in range(30)),
        ]
    )
    gone, edited = made[30], made[31]
    records.update(make_record(record_id=edited, given_name="Ana"))
    # What a retention purge does to a record's rows (no API deletes records yet).
    with records.vault.transaction() as con:
        num = con.execute("SELECT num FROM records WHERE id = ?", (gone,)).fetchone()[0]
        con.execute("DELETE FROM records_fts WHERE rowid = ?", (num,))
        con.execute("DELETE FROM records WHERE num = ?", (num,))
    assert records.count(RecordFilter(text="quintanilla")) == 0
    before = index_bytes(records)  # FTS5 deletes add tombstones; the old tokens stay
    assert b"quintanilla" in before and b"zenobia" in before
    records.optimize_index()
    data = index_bytes(records)
    assert b"quintanilla" not in data and b"zenobia" not in data
    assert records.count(RecordFilter(text="later29")) == 1
