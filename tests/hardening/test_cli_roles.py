"""Finding 4: a volunteer could ``admin backup`` every record.

Every admin command now checks the acting user's role as the app does: the
supervisor-only commands refuse a volunteer (exit 1, one sentence, nothing
written); ``referral`` shows a volunteer only her own records, as the app's
record list does.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from clinic_app.cli.admin import COMMANDS
from clinic_app.cli.main import main
from clinic_app.storage.backup import write_backup
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE
from tests.storage.records_support import make_record

# What each admin command needs; a new command must be classified here.
SUPERVISOR_ONLY = {"add-user", "verify", "backup", "restore", "report", "purge", "demo-data"}
NO_ACTING_USER = {"init"}
OWN_RECORDS = {"referral"}
# The provider directory holds organizations, no client: volunteers read it in the app too.
ANY_USER = {"providers"}
PERIOD = ("--from", "2026-01-01", "--to", "2026-01-31")


def test_every_admin_command_is_classified() -> None:
    names = {name for name, _module, _help in COMMANDS}
    assert names == SUPERVISOR_ONLY | NO_ACTING_USER | OWN_RECORDS | ANY_USER


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "v" / "clinic.vault"
    with Vault.create(path, "sam", PASSPHRASE) as vault:
        vault.add_user("ana", "volunteer", OTHER_PASSPHRASE)
        backup = write_backup(vault, tmp_path / "b.cibackup").path
    return path, backup


def argv_for(command: str, vault: Path, backup: Path, tmp: Path) -> list[str]:
    out = str(tmp / f"out-{command}")
    extra = {
        "add-user": ["--user", "eve", "--role", "supervisor", "--as", "ana"],
        "verify": ["--user", "ana", "--repair"],
        "backup": ["--user", "ana", "--out", out],
        "restore": ["--user", "ana", "--backup", str(backup)],
        "report": [*PERIOD, "--user", "ana", "--format", "csv", "--out", out],
        "purge": ["--user", "ana"],
        "demo-data": ["--user", "ana", "--count", "3"],
    }[command]
    where = str(tmp / "restored.vault") if command == "restore" else str(vault)
    return ["admin", command, "--vault", where, *extra]


@pytest.mark.parametrize("command", sorted(SUPERVISOR_ONLY))
def test_a_volunteer_is_refused_every_supervisor_command(
    setup: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    vault, backup = setup
    before = sorted(p.name for p in tmp_path.rglob("*"))
    stdin = OTHER_PASSPHRASE + "\n" + "a brand new passphrase here\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv_for(command, vault, backup, tmp_path))
    captured = capsys.readouterr()
    assert code == 1, captured.err
    assert captured.err == "Only a supervisor can do this.\n" and captured.out == ""
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written
    with Vault.open(vault, "sam", PASSPHRASE) as v:
        assert [u.name for u in v.users()] == ["sam", "ana"]
        actions = [(a.user, a.action) for a in v.audit_entries()]
    assert ("sam", "backup") in actions and ("ana", "backup") not in actions


def test_a_volunteer_gets_a_referral_only_for_her_own_record(
    setup: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault, _backup = setup
    with Vault.open(vault, "sam", PASSPHRASE) as v:
        record_id = Records(v).create(make_record())
    out = tmp_path / "sheet.pdf"
    monkeypatch.setattr("sys.stdin", io.StringIO(OTHER_PASSPHRASE + "\n"))
    argv = ["admin", "referral", "--vault", str(vault), "--user", "ana"]
    code = main([*argv, "--record", record_id, "--lang", "en", "--out", str(out)])
    assert code == 1 and not out.exists()
    assert capsys.readouterr().err == "This record belongs to another volunteer's client.\n"
