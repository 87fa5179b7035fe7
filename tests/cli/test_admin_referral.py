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
        "--lang", "bn", "--out", str(out), "--consent",
    )  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out == f"{out}\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["sheet.pdf"]
    text = extracted_text(out.read_bytes())
    assert "Rahim" in text
    assert "Detention Defense" in text  # detained client: the detained provider
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


def test_without_consent_no_confidential_item_and_no_referral_need(
    stored: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vpath, record_id = stored
    out = tmp_path / "plain.pdf"
    code = run(
        monkeypatch,
        "admin", "referral", "--vault", str(vpath), "--record", record_id,
        "--lang", "en", "--out", str(out),
    )  # fmt: skip
    assert code == 0
    text = extracted_text(out.read_bytes())
    assert "Rahim" in text and "Legal consultation" in text
    for secret in ("Immigration court hearing", "detention", "Urgency", "Recorded by"):
        assert secret not in text.replace("Detention Defense", "")


def provider_lines(
    vpath: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[tuple[int, str]]:
    assert run(monkeypatch, "admin", "providers", "--vault", str(vpath)) == 0
    lines = capsys.readouterr().out.splitlines()
    return [(int(i), name) for i, name in (line.split("\t") for line in lines)]


def test_admin_providers_lists_id_and_name(
    stored: tuple[Path, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    vpath, _record_id = stored
    listed = provider_lines(vpath, monkeypatch, capsys)
    assert len(listed) == len(demo_csv().strip().splitlines()) - 1
    assert ("Example Legal Aid (fictional)") in [name for _i, name in listed]
    assert len({i for i, _name in listed}) == len(listed)


def test_provider_named_on_the_command_line(
    stored: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vpath, record_id = stored
    listed = dict((name, i) for i, name in provider_lines(vpath, monkeypatch, capsys))
    wanted = listed["Example Legal Aid (fictional)"]
    out = tmp_path / "chosen.pdf"
    base = ("admin", "referral", "--vault", str(vpath), "--record", record_id, "--lang", "en")
    assert run(monkeypatch, *base, "--out", str(out), "--provider", str(wanted)) == 0
    text = extracted_text(out.read_bytes())
    assert "Example Legal Aid" in text
    assert "Detention Defense" not in text and "No organization was chosen" not in text
    missing = tmp_path / "missing.pdf"
    assert run(monkeypatch, *base, "--out", str(missing), "--provider", "99999") == 1
    assert "99999" in capsys.readouterr().err
    assert not missing.exists()


def test_a_volunteer_may_list_the_directory(
    stored: tuple[Path, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Organizations, not clients: volunteers see the directory in the app too."""
    from tests.storage.fixtures import OTHER_PASSPHRASE

    vpath, _record_id = stored
    with Vault.open(vpath, "sam", PASSPHRASE) as vault:
        vault.add_user("ana", "volunteer", OTHER_PASSPHRASE)
    monkeypatch.setattr("sys.stdin", io.StringIO(OTHER_PASSPHRASE + "\n"))
    assert main(["admin", "providers", "--vault", str(vpath), "--user", "ana"]) == 0
    assert "Example Legal Aid (fictional)" in capsys.readouterr().out
