"""Issue 5, item 3: raw screening answers never reach the vault.

An intake with distinctive answers goes through the records repository the
way the wizard uses it (a draft of the whole form, duplicates check, save,
status change, edit); then the vault is unlocked and every table listed in
sqlite_master (FTS5 shadow tables and drafts included) is dumped, and a
plaintext export of the whole database is read byte by byte. None of the
answers is there, in any usual spelling, as text or as UTF-8/UTF-16 bytes.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from clinic_app.domain.fields import SCREENING_ONLY_FIELDS
from clinic_app.domain.record import ScreeningOutcome
from clinic_app.screening import screen
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE
from tests.storage.records_support import TODAY, make_record

# Answers chosen so that no program needs more information (no key is named
# in a "missing" list) and so that each value is unmistakable.
ANSWERS: dict[str, Any] = {
    "date_of_birth": date(1996, 4, 17),  # identity: stored, not searched for
    "nationality": "SV",
    "first_entry_date": date(2003, 7, 19),
    "continuous_residence_since": date(2004, 2, 11),
    "present_on_2012_06_15": True,
    "lawful_status_on_2012_06_15": False,
    "education": "ged",
    "felony_convictions": 0,
    "significant_misdemeanors": 0,
    "other_misdemeanors": 2,
    "daca_status": "never",
    "tps_status": "never",
    "in_removal_proceedings": True,
    "detained": False,
    "final_removal_order": False,
    "last_entry_date": date(2011, 9, 14),  # its asylum deadline (a year later) is stored
    "fear_of_return": True,
    "asylum_filed": False,
    "crime_victim": False,
    "trafficking_victim": False,
    "abused_by_usc_lpr_family": False,
    "abused_neglected_abandoned_by_parent": False,
    "married_to_usc_living_together": False,
    "usc_or_lpr_relative": True,
}
SECRET_DATES = [date(2003, 7, 19), date(2004, 2, 11), date(2011, 9, 14)]


def spellings(day: date) -> list[str]:
    return [
        day.isoformat(),
        day.strftime("%Y%m%d"),
        day.strftime("%Y/%m/%d"),
        day.strftime("%m/%d/%Y"),
        day.strftime("%d/%m/%Y"),
        day.strftime("%d.%m.%Y"),
        str(day.toordinal()),
    ]


def needles(outcome: dict[str, Any]) -> list[str]:
    found = [s for d in SECRET_DATES for s in spellings(d)]
    named = json.dumps(outcome)
    # Every screening-only key name, except any the stored result legitimately names.
    found += [f.name for f in SCREENING_ONLY_FIELDS if f.name not in named]
    found += ['"SV"', "'SV'", ":SV", "El Salvador", "Salvador"]
    return found


def dump(con: Any) -> tuple[list[str], list[bytes]]:
    texts: list[str] = []
    blobs: list[bytes] = []
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    assert {"records", "records_fts_data", "records_fts_idx", "drafts", "record_status"} <= set(
        tables
    )
    for table in tables:
        for row in con.execute(f'SELECT * FROM "{table}"'):  # names from sqlite_master
            for value in row:
                if isinstance(value, bytes):
                    blobs.append(value)
                    texts.append(value.decode("utf-8", "replace"))
                elif value is not None:
                    texts.append(str(value))
    return texts, blobs


def test_no_raw_answer_is_stored(vault: Vault, vault_path: Path, tmp_path: Path) -> None:
    result = screen(ANSWERS, today=TODAY).to_dict()
    assert all(not p["missing"] for p in result["programs"].values())
    records = Records(vault, today=lambda: TODAY)
    identity = {
        "given_name": "Xiomara",
        "family_name": "Quintanilla",
        "date_of_birth": ANSWERS["date_of_birth"],
        "phone": "347-555-0188",
    }
    # The wizard's autosave sees the whole form, answers included.
    records.save_draft({**identity, **ANSWERS, "screening_result": result})
    outcome = ScreeningOutcome.from_dict(result)
    record = make_record(**identity, screening_result=outcome)
    assert records.likely_duplicates(record) == []
    rid = records.create(record)
    records.set_status(rid, "referred", TODAY)
    stored = records.get(rid)
    assert stored is not None and stored.screening_result == outcome
    records.update(make_record(**identity, record_id=rid, screening_result=outcome, notes="ok"))
    records.save_draft({**identity, **ANSWERS})  # the next client's form, mid-intake
    vault.close()

    with Vault.open(vault_path, "sam", PASSPHRASE) as v:
        assert Records(v).load_draft() == {
            k: v for k, v in identity.items()
        }  # the draft kept identity only
        texts, blobs = dump(v.con)
        plain = tmp_path / "plain.db"
        v.con.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
        v.con.execute("SELECT sqlcipher_export('plain')").fetchall()
        v.con.execute("DETACH DATABASE plain")
    everything = "\n".join(texts)
    raw = plain.read_bytes() + b"".join(blobs)
    assert b"SQLite format 3" in raw[:16]  # the export really is plaintext
    assert "Quintanilla" in everything and b"Quintanilla" in raw  # the dump can see data
    assert "2012-09-14" in everything  # the stored asylum deadline, allowed
    for needle in needles(result):
        assert needle not in everything, needle
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert needle.encode(encoding) not in raw, (needle, encoding)
