"""The admin commands in process (cheap Argon2), passphrases on standard input."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from clinic_app.cli.main import main
from clinic_app.storage.keyslots import keys_path
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    def run(*argv: str, stdin: str = "") -> Run:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def vpath(tmp_path: Path) -> Path:
    return tmp_path / "v" / "clinic.vault"


def _init(cli, vpath: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("admin", "init", "--vault", str(vpath), "--user", "sam", stdin=PASSPHRASE + "\n")
    assert r.code == 0, r.err
    assert r.out == f"{vpath}\n"


def test_init_then_verify(cli, vpath: Path) -> None:  # type: ignore[no-untyped-def]
    _init(cli, vpath)
    r = cli("admin", "verify", "--vault", str(vpath), stdin=PASSPHRASE + "\n")
    assert r.code == 0, r.err
    assert re.fullmatch(r"audit head: \d+ entries, [0-9a-f]{16}\n", r.out), r.out
    assert "intact" in r.err


def test_init_refuses_an_existing_vault(cli, vpath: Path) -> None:  # type: ignore[no-untyped-def]
    _init(cli, vpath)
    before = vpath.read_bytes()
    r = cli("admin", "init", "--vault", str(vpath), "--user", "x", stdin=PASSPHRASE + "\n")
    assert r.code == 1 and r.out == ""
    assert vpath.read_bytes() == before


def test_init_refuses_a_weak_passphrase(cli, vpath: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("admin", "init", "--vault", str(vpath), "--user", "sam", stdin="short\n")
    assert r.code == 1
    assert not vpath.exists()


def test_missing_passphrase_is_wrong_usage(cli, vpath: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("admin", "init", "--vault", str(vpath), "--user", "sam", stdin="")
    assert r.code == 2
    assert not vpath.exists()


def test_add_user_reads_the_acting_then_the_new_passphrase(cli, vpath: Path) -> None:  # type: ignore[no-untyped-def]
    _init(cli, vpath)
    r = cli(
        "admin", "add-user", "--vault", str(vpath), "--user", "vic", "--role", "volunteer",
        "--as", "sam", stdin=f"{PASSPHRASE}\n{OTHER_PASSPHRASE}\n",
    )  # fmt: skip
    assert r.code == 0, r.err
    with Vault.open(vpath, "vic", OTHER_PASSPHRASE) as v:
        assert v.role == "volunteer"


def test_add_user_by_a_volunteer_fails(cli, vpath: Path) -> None:  # type: ignore[no-untyped-def]
    _init(cli, vpath)
    with Vault.open(vpath, "sam", PASSPHRASE) as v:
        v.add_user("vic", "volunteer", OTHER_PASSPHRASE)
    r = cli(
        "admin", "add-user", "--vault", str(vpath), "--user", "eve", "--role", "supervisor",
        "--as", "vic", stdin=f"{OTHER_PASSPHRASE}\n{PASSPHRASE}\n",
    )  # fmt: skip
    assert r.code == 1
    assert "supervisor" in r.err


def test_wrong_passphrase_exits_3(cli, vpath: Path) -> None:  # type: ignore[no-untyped-def]
    _init(cli, vpath)
    r = cli("admin", "verify", "--vault", str(vpath), stdin="not the passphrase!\n")
    assert r.code == 3
    assert r.err.strip().count("\n") == 0  # one sentence


def test_lockout_exits_3(cli, vpath: Path) -> None:  # type: ignore[no-untyped-def]
    _init(cli, vpath)
    for _ in range(5):
        assert cli("admin", "verify", "--vault", str(vpath), stdin="wrong one here!\n").code == 3
    r = cli("admin", "verify", "--vault", str(vpath), stdin=PASSPHRASE + "\n")
    assert r.code == 3
    assert "Try again" in r.err


def test_plain_sqlite_exits_4(cli, vpath: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    _init(cli, vpath)
    vpath.unlink()
    con = sqlite3.connect(vpath)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    before = vpath.read_bytes()
    r = cli("admin", "verify", "--vault", str(vpath), stdin=PASSPHRASE + "\n")
    assert r.code == 4
    assert vpath.read_bytes() == before


def test_damaged_page_verify_exits_4(cli, vpath: Path) -> None:  # type: ignore[no-untyped-def]
    _init(cli, vpath)
    with Vault.open(vpath, "sam", PASSPHRASE) as v:
        for _ in range(60):
            v.add_record(os.urandom(2000))
    data = bytearray(vpath.read_bytes())
    data[len(data) - 3 * 4096 + 77] ^= 1
    vpath.write_bytes(bytes(data))
    r = cli("admin", "verify", "--vault", str(vpath), stdin=PASSPHRASE + "\n")
    assert r.code == 4, r.err
    assert "damaged" in r.err


def test_tampered_audit_verify_exits_4(cli, vpath: Path) -> None:  # type: ignore[no-untyped-def]
    _init(cli, vpath)
    with Vault.open(vpath, "sam", PASSPHRASE) as v:
        v.con.execute("DROP TRIGGER audit_log_no_update")
        v.con.execute("UPDATE audit_log SET user = 'mallory' WHERE seq = 1")
    r = cli("admin", "verify", "--vault", str(vpath), stdin=PASSPHRASE + "\n")
    assert r.code == 4
    assert "Audit row 1 was edited." in r.err


def test_backup_and_restore(cli, vpath: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _init(cli, vpath)
    out = tmp_path / "b.cibackup"
    r = cli("admin", "backup", "--vault", str(vpath), "--out", str(out), stdin=PASSPHRASE + "\n")
    assert r.code == 0, r.err
    assert r.out == f"{out}\n"
    target = tmp_path / "r" / "clinic.vault"
    r = cli(
        "admin", "restore", "--backup", str(out), "--vault", str(target),
        stdin=PASSPHRASE + "\n",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert r.out == f"{target}\n"
    assert keys_path(target).exists()
    r = cli("admin", "verify", "--vault", str(target), stdin=PASSPHRASE + "\n")
    assert r.code == 0, r.err


def test_restore_of_a_damaged_backup_exits_4(cli, vpath: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _init(cli, vpath)
    out = tmp_path / "b.cibackup"
    assert (
        cli(
            "admin", "backup", "--vault", str(vpath), "--out", str(out), stdin=PASSPHRASE + "\n"
        ).code
        == 0
    )
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0xFF
    out.write_bytes(bytes(data))
    target = tmp_path / "r" / "clinic.vault"
    r = cli(
        "admin", "restore", "--backup", str(out), "--vault", str(target), stdin=PASSPHRASE + "\n"
    )
    assert r.code == 4
    assert not target.exists()


def test_vault_option_before_the_command(cli, vpath: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("--vault", str(vpath), "admin", "init", "--user", "sam", stdin=PASSPHRASE + "\n")
    assert r.code == 0, r.err
    assert vpath.exists()


def test_missing_option_exits_2(cli, vpath: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("admin", "init", "--vault", str(vpath)).code == 2
    assert (
        cli(
            "admin", "add-user", "--vault", str(vpath), "--user", "x", "--role", "boss", "--as", "s"
        ).code
        == 2
    )


def test_lockout_survives_a_real_restart(tmp_path: Path) -> None:
    """Each attempt is a new process; the delay is still there on the sixth."""
    from tests.helpers import app_env, python_app, run

    vpath = tmp_path / "v" / "clinic.vault"
    Vault.create(vpath, "sam", PASSPHRASE).close()  # cheap slot: unlocking it is cheap too
    env = app_env(tmp_path / "home")
    verify = [*python_app(), "admin", "verify", "--vault", str(vpath)]
    for _ in range(5):
        assert run(verify, env, stdin="a wrong passphrase here\n").returncode == 3
    locked = run(verify, env, stdin=PASSPHRASE + "\n")
    assert locked.returncode == 3
    assert locked.stderr.strip() == "Too many failed attempts. Try again in 30 seconds."


def test_an_unexpected_error_is_one_sentence_without_its_text(  # type: ignore[no-untyped-def]
    cli, vpath: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _init(cli, vpath)

    def broken(self: Vault) -> None:
        raise RuntimeError("María Quispe, 555-0100")  # what an error could quote

    monkeypatch.setattr(Vault, "verify", broken)
    r = cli("admin", "verify", "--vault", str(vpath), stdin=PASSPHRASE + "\n")
    assert r.code == 1
    assert r.err == "The command failed (RuntimeError).\n"
