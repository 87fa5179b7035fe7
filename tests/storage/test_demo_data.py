"""``admin demo-data``: a training vault of synthetic clients, and one of 100,000."""

from __future__ import annotations

import io
import json
import time
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from clinic_app.cli.main import main
from clinic_app.domain.record import IntakeRecord
from clinic_app.storage.demo import DEMO_LANGUAGES
from clinic_app.storage.records import RecordFilter, Records
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE
from tests.storage.records_support import make_record


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str, stdin: str
) -> Run:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def demo(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    path: Path,
    count: int,
    *extra: str,
    stdin: str = PASSPHRASE + "\n",
) -> Run:
    return run(
        monkeypatch,
        capsys,
        "admin",
        "demo-data",
        "--vault",
        str(path),
        "--count",
        str(count),
        *extra,
        stdin=stdin,
    )


def scripts_of(text: str) -> set[str]:
    names = set()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            names.add(name.split()[0])
    return names


def stored(vault: Vault) -> list[IntakeRecord]:
    rows = vault.con.execute("SELECT data FROM records").fetchall()
    return [IntakeRecord.from_mapping(json.loads(bytes(r[0]))) for r in rows]


def test_demo_data_makes_a_varied_training_vault(
    vault: Vault,
    vault_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault.close()
    r = demo(monkeypatch, capsys, vault_path, 600, "--seed", "7")
    assert r.code == 0, r.err
    ids = r.out.splitlines()
    assert len(ids) == len(set(ids)) == 600
    assert "600 of 600" in r.err  # progress on standard error only
    with Vault.open(vault_path, "sam", PASSPHRASE) as v:
        records = Records(v)
        assert records.is_training()
        assert records.count() == 600
        assert {row.record_id for row in records.rows(0, 1000)} == set(ids)
        clients = stored(v)
        assert v.verify().ok
        urgencies = Counter(row.urgency for row in records.rows(0, 1000))
    assert set(urgencies) == {"emergency", "urgent", "priority", "routine"}
    assert {c.client_language for c in clients} == set(DEMO_LANGUAGES)
    assert len(DEMO_LANGUAGES) == 11
    scripts = set().union(*(scripts_of(c.given_name + c.family_name) for c in clients))
    assert {"LATIN", "CJK", "HANGUL", "CYRILLIC", "BENGALI", "ARABIC"} <= scripts
    urdu = "".join(c.given_name + c.family_name for c in clients if c.client_language == "ur")
    assert set(urdu) & set("ہیکٹڈے")  # Urdu letters, not just Arabic ones
    results = [c.screening_result for c in clients if c.screening_result is not None]
    outcomes = {p.outcome for res in results for p in res.programs}
    assert outcomes == {"likely", "possible", "unlikely", "needs_info", "not_applicable"}
    kinds = {d.kind for res in results for d in res.deadlines}
    assert {"hearing", "asylum_one_year", "daca_expiration"} <= kinds
    assert any(c.screening_result is None for c in clients)
    assert {c.case_status for c in clients} == {"new", "referred", "in_progress", "closed"}
    assert all(c.phone is None or "555-01" in c.phone for c in clients)
    assert all(c.email is None or c.email.endswith("@example.org") for c in clients)


def test_same_seed_same_clients(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    names = []
    for i in range(2):
        path = tmp_path / str(i) / "v.vault"
        Vault.create(path, "sam", PASSPHRASE).close()
        assert demo(monkeypatch, capsys, path, 50, "--seed", "3").code == 0
        with Vault.open(path, "sam", PASSPHRASE) as v:
            names.append(sorted((c.given_name, c.family_name) for c in stored(v)))
    assert names[0] == names[1]


def test_demo_data_refuses_a_vault_with_real_records(
    vault: Vault,
    vault_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    Records(vault).create(make_record())
    vault.close()
    r = demo(monkeypatch, capsys, vault_path, 5)
    assert r.code == 1 and r.out == ""
    assert "real records" in r.err
    with Vault.open(vault_path, "sam", PASSPHRASE) as v:
        assert not Records(v).is_training()
        assert Records(v).count() == 1


def test_demo_data_usage_and_permissions(
    vault: Vault,
    vault_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault.add_user("val", "volunteer", OTHER_PASSPHRASE)
    vault.close()
    assert demo(monkeypatch, capsys, vault_path, 0).code == 2
    r = demo(monkeypatch, capsys, vault_path, 5, "--user", "val", stdin=OTHER_PASSPHRASE + "\n")
    assert r.code == 1 and r.out == ""
    assert demo(monkeypatch, capsys, vault_path, 5, stdin="wrong words here ok\n").code == 3


@pytest.mark.slow
def test_a_vault_of_100000_demo_clients(
    vault: Vault,
    vault_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault.close()
    start = time.perf_counter()
    r = demo(monkeypatch, capsys, vault_path, 100_000, "--seed", "11")
    made = time.perf_counter() - start
    assert r.code == 0, r.err
    assert len(set(r.out.splitlines())) == 100_000
    assert made < 240, made  # generous for a busy shared CI machine; see docs/storage.md
    with Vault.open(vault_path, "sam", PASSPHRASE) as v:
        records = Records(v)
        start = time.perf_counter()
        assert records.count() == 100_000
        page = records.rows(0, 100)
        opened = time.perf_counter() - start
        assert len(page) == 100
        assert page == sorted(page, key=lambda row: row.intake_date, reverse=True)
        deep = records.rows(99_950, 100)
        assert len(deep) == 50
        # Sanity bounds only (benchmarks measure): loose enough for a busy machine.
        assert opened < 2.0, opened
        for target in page[:20]:
            t0 = time.perf_counter()
            found = records.rows(0, 1000, RecordFilter(text=target.display_name))
            assert time.perf_counter() - t0 < 1.0
            assert target.record_id in {row.record_id for row in found}
        for level in ("emergency", "urgent", "priority", "routine"):
            start = time.perf_counter()
            n = records.count(RecordFilter(urgency=level))
            assert n > 0
            assert time.perf_counter() - start < 2.0
        levels = ("emergency", "urgent", "priority", "routine")
        assert sum(records.count(RecordFilter(urgency=u)) for u in levels) == 100_000
