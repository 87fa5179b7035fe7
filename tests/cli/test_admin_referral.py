"""``clinic-intake admin referral``: a PDF written where asked, audited, nothing else."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from clinic_app.cli.main import main
from clinic_app.domain.record import Consent
from clinic_app.referrals.directory_store import demo_csv, import_csv
from clinic_app.storage import audit
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from tests.referrals.pdfcheck import extracted_text
from tests.storage.fixtures import PASSPHRASE
from tests.storage.records_support import make_record, outcome_for


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Path, str]:
    vpath = tmp_path / "v" / "clinic.vault"
    with Vault.create(vpath, "sam", PASSPHRASE) as vault:
        import_csv(vault, demo_csv())
        outcome = outcome_for(
            {"detained": True, "next_hearing_date": date.today() + timedelta(days=9)},
            today=date.today(),
        )
        record = make_record(
            given_name="Rahim",
            family_name="Uddin",
            client_language="bn",
            phone="(917) 555-0142",
            preferred_contact="phone",
            safe_to_call=False,
        )
        record = replace(
            record,
            screening_result=outcome,
            eo41_consent=Consent(frozenset({"screening_result"}), date.today(), "sam"),
        )
        record_id = Records(vault).create(record)
    return vpath, record_id


def run(monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    try:
        return main(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)


def test_writes_the_sheet_where_asked_and_audits_it(
    stored: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vpath, record_id = stored
    out = tmp_path / "out" / "sheet.pdf"
    out.parent.mkdir()
    code = run(
        monkeypatch,
        "admin", "referral", "--vault", str(vpath), "--record", record_id,
        "--lang", "bn", "--out", str(out),
    )  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out == f"{out}\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["sheet.pdf"]
    text = extracted_text(out.read_bytes())
    assert "Rahim" in text
    assert "Detention Defence" in text  # detained client: the detained provider
    assert "555-0142" not in text  # not safe to call
    assert "Immigration court hearing" in text  # consented screening result, English part
    with Vault.open(vpath, "sam", PASSPHRASE) as vault:
        exports = [e for e in vault.audit_entries() if e.action == audit.EXPORT]
        assert [e.record_id for e in exports] == [record_id]


def test_unknown_record_and_language(
    stored: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vpath, _record_id = stored
    out = tmp_path / "x.pdf"
    base = ("admin", "referral", "--vault", str(vpath), "--out", str(out))
    assert run(monkeypatch, *base, "--record", "NOPE", "--lang", "en") == 1
    assert run(monkeypatch, *base, "--record", "NOPE", "--lang", "xx") == 2
    assert not out.exists()
    assert list(tmp_path.glob("*.part")) == []
