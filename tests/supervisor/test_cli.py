"""``admin report`` and ``admin purge`` in process, passphrases on standard input."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from clinic_app.cli.main import main
from clinic_app.domain.suppression import is_small
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE
from tests.supervisor.support import synthetic

VOLUNTEER_PASS = "another long passphrase here"


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    def run(*argv: str, stdin: str = PASSPHRASE + "\n") -> Run:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def filled(vault: Vault, vault_path: Path) -> tuple[Path, list[str]]:
    records = Records(vault)
    ids = records.create_many(synthetic(120, seed=5))
    closed = date.today() - timedelta(days=200)
    for rid in ids[:7]:
        records.set_status(rid, "closed", closed)
    vault.add_user("vic", "volunteer", VOLUNTEER_PASS)
    vault.close()
    return vault_path, ids[:7]


def test_report_csv(cli, filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vpath, _ = filled
    out = tmp_path / "report.csv"
    args = ("--from", "2026-01-01", "--to", "2026-03-31", "--format", "csv", "--out", str(out))
    r = cli("admin", "report", "--vault", str(vpath), *args)
    assert r.code == 0, r.err
    assert r.out == f"{out}\n"
    text = out.read_bytes().decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text, newline="")))
    assert lines[0] == ["Clinic Intake: aggregate report"]
    counts = [int(c) for line in lines[2:] for c in line if c.isdigit()]
    assert counts and not any(is_small(c) for c in counts)
    assert "Urgency at intake" in text and "Case outcome" in text
    assert "How small counts are protected" in text
    assert "Ana" not in text and "Pérez" not in text
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert "First released" in text
    with Vault.open(vpath, "sam", PASSPHRASE) as v:
        assert (v.audit_entries()[-2].action, v.audit_entries()[-2].record_id) == (
            "export",
            "report",
        )
        assert v.audit_entries()[-3].action == "report_release"
    # A re-print of a released period gives the same figures (and says when it was released).
    again = tmp_path / "again.csv"
    r = cli("admin", "report", "--vault", str(vpath), *args[:-1], str(again))
    assert r.code == 0, r.err
    assert again.read_bytes() == out.read_bytes()


def test_report_pdf(cli, filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vpath, _ = filled
    out = tmp_path / "report.pdf"
    args = ("--from", "2026-04-01", "--to", "2026-06-30", "--format", "pdf", "--out", str(out))
    r = cli("admin", "report", "--vault", str(vpath), *args)
    assert r.code == 0, r.err
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Client's language" in text and "Screening outcome: DACA" in text
    assert "No count from 1 to 4 is shown" in text
    # Every count drawn in the PDF (the rule mentions numbers and dates: leave them out).
    body = text.split("How small counts are protected")[0].replace("1 to 4", "")
    numbers = [int(t) for t in body.split() if t.isdigit()]
    assert numbers and not any(is_small(n) for n in numbers)


@pytest.mark.parametrize(
    ("argv", "stdin", "code"),
    [
        (("--from", "2026-13-01", "--to", "2026-12-31"), PASSPHRASE + "\n", 2),
        (("--from", "2026-12-01", "--to", "2026-01-31"), PASSPHRASE + "\n", 2),
        (("--from", "2026-01-01", "--to", "2026-12-31"), "wrong passphrase here\n", 3),
        # Free ranges are refused: only whole months, quarters and years.
        (("--from", "2026-01-01", "--to", "2026-01-30"), PASSPHRASE + "\n", 2),
        (("--from", "2026-01-02", "--to", "2026-02-01"), PASSPHRASE + "\n", 2),
        (("--from", "2026-02-01", "--to", "2026-04-30"), PASSPHRASE + "\n", 2),
        (("--from", "2026-01-01", "--to", "2026-06-30"), PASSPHRASE + "\n", 2),
        # A period that has not ended yet cannot be released.
        (("--from", "2099-01-01", "--to", "2099-12-31"), PASSPHRASE + "\n", 2),
    ],
)
def test_report_refusals(cli, filled, tmp_path: Path, argv, stdin, code) -> None:  # type: ignore[no-untyped-def]
    vpath, _ = filled
    out = tmp_path / "r.csv"
    r = cli(
        "admin",
        "report",
        "--vault",
        str(vpath),
        *argv,
        "--format",
        "csv",
        "--out",
        str(out),
        stdin=stdin,
    )
    assert r.code == code
    assert r.out == "" and len(r.err.strip().splitlines()) == 1
    assert not out.exists()


def test_volunteer_gets_no_report(cli, filled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    vpath, _ = filled
    out = tmp_path / "r.csv"
    args = ("--from", "2026-01-01", "--to", "2026-12-31", "--format", "csv", "--out", str(out))
    r = cli(
        "admin",
        "report",
        "--vault",
        str(vpath),
        "--user",
        "vic",
        *args,
        stdin=VOLUNTEER_PASS + "\n",
    )
    assert r.code == 1 and not out.exists()


def test_purge_dry_run_then_purge(cli, filled) -> None:  # type: ignore[no-untyped-def]
    vpath, due = filled
    r = cli("admin", "purge", "--vault", str(vpath), "--dry-run")
    assert r.code == 0, r.err
    assert sorted(r.out.split()) == sorted(due)
    assert "7 records are due" in r.err
    with Vault.open(vpath, "sam", PASSPHRASE) as v:
        assert Records(v).count() == 120
    r = cli("admin", "purge", "--vault", str(vpath))
    assert r.code == 0, r.err
    assert r.out == "" and "7 records purged" in r.err
    with Vault.open(vpath, "sam", PASSPHRASE) as v:
        assert Records(v).count() == 113
        assert [e.record_id for e in v.audit_entries() if e.action == "purge"] == ["count:7"]
    r = cli("admin", "purge", "--vault", str(vpath), "--user", "vic", stdin=VOLUNTEER_PASS + "\n")
    assert r.code == 1
