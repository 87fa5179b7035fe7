"""Finding 5: exit codes and hangs.

The review saw exit 1 "(OperationalError)" backing up a damaged vault,
"MemoryError/OverflowError" exit 1 for huge length fields in a backup, a FIFO
at the vault path hang the command line and the sign-in screen forever, and
codec jargon for a passphrase that is not UTF-8. Each refusal is now one
sentence with the contract's exit code (4 for damaged or not ours, 2 for
wrong usage).
"""

from __future__ import annotations

import hashlib
import io
import os
import signal
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from clinic_app.cli.main import main
from clinic_app.storage import connection
from clinic_app.storage.backup import MAGIC, write_backup
from clinic_app.storage.keyslots import keys_path
from clinic_app.storage.vault import Vault
from tests.helpers import ROOT
from tests.storage.fixtures import PASSPHRASE


class Hung(Exception):
    pass


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fails the test instead of hanging the suite when a read would block forever."""

    def hung(*_args: object) -> None:
        raise Hung("blocked for 20 s")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str, stdin: bytes
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_sentence(err: str) -> bool:
    return err.count("\n") == 1 and err.endswith(".\n") and "Error" not in err


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    path = tmp_path / "v" / "clinic.vault"
    with Vault.create(path, "sam", PASSPHRASE) as vault:
        for _ in range(60):
            vault.add_record(os.urandom(2000))
    return path


def test_backing_up_a_damaged_vault_exits_4(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(vault_path.read_bytes())
    page = len(data) // connection.PAGE_SIZE - 5  # a records page: sign-in still works
    data[page * connection.PAGE_SIZE + 1000] ^= 0x40
    vault_path.write_bytes(bytes(data))
    out = vault_path.parent.parent / "b.cibackup"
    argv = ("admin", "backup", "--vault", str(vault_path), "--out", str(out))
    code, stdout, err = cli(monkeypatch, capsys, *argv, stdin=PASSPHRASE.encode() + b"\n")
    assert code == 4, err
    assert err == "The vault is damaged; no backup was written.\n" and stdout == ""
    assert sorted(p.name for p in out.parent.iterdir()) == ["v"]  # no copy left behind


def forged(backup: Path, keys_len: int | None = None, db_len: int | None = None) -> None:
    """Rewrites a length field and recomputes the digest, as an attacker can."""
    data = bytearray(backup.read_bytes()[:-32])
    at = len(MAGIC) + 1
    real_keys_len = struct.unpack(">Q", data[at : at + 8])[0]
    if keys_len is not None:
        data[at : at + 8] = struct.pack(">Q", keys_len)
    if db_len is not None:
        at_db = at + 8 + real_keys_len
        data[at_db : at_db + 8] = struct.pack(">Q", db_len)
    backup.write_bytes(bytes(data) + hashlib.sha256(data).digest())


@pytest.mark.parametrize(
    ("keys_len", "db_len"), [(2**63, None), (2**64 - 1, None), (None, 2**63), (None, 2**40)]
)
def test_huge_length_fields_in_a_backup_exit_4(
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keys_len: int | None,
    db_len: int | None,
) -> None:
    with Vault.open(vault_path, "sam", PASSPHRASE) as vault:
        backup = write_backup(vault, tmp_path / "b.cibackup").path
    forged(backup, keys_len, db_len)
    target = tmp_path / "restored" / "clinic.vault"
    argv = ("admin", "restore", "--backup", str(backup), "--vault", str(target))
    code, _out, err = cli(monkeypatch, capsys, *argv, stdin=PASSPHRASE.encode() + b"\n")
    assert code == 4, err
    assert err == "This file is not a Clinic Intake backup, or it is damaged.\n"
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


def fifo_at(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


@pytest.mark.parametrize("which", ["vault", "keys", "backup"])
def test_a_fifo_is_refused_before_it_is_opened(
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    deadline: None,
    which: str,
) -> None:
    stdin = PASSPHRASE.encode() + b"\n"
    if which == "backup":
        backup = tmp_path / "b.cibackup"
        backup.touch()
        fifo_at(backup)
        target = str(tmp_path / "r" / "clinic.vault")
        argv = ("admin", "restore", "--backup", str(backup), "--vault", target)
    else:
        fifo_at(vault_path if which == "vault" else keys_path(vault_path))
        argv = ("admin", "verify", "--vault", str(vault_path))
    code, _out, err = cli(monkeypatch, capsys, *argv, stdin=stdin)
    assert code == 4, err
    assert one_sentence(err) and "not a regular file" in err, err


def test_the_command_line_does_not_hang_on_a_fifo_as_a_process(
    vault_path: Path, tmp_path: Path
) -> None:
    fifo_at(vault_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "clinic_app", "admin", "verify", "--vault", str(vault_path)],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 4, done.stderr
    assert done.stderr == "The vault is not a regular file; it was not opened.\n"


def test_the_sign_in_screen_does_not_hang_on_a_fifo(
    qtbot: object, vault_path: Path, deadline: None
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.test_vault_ui import _sign_in, _window

    fifo_at(vault_path)
    window = _window(qtbot, vault_path)  # type: ignore[arg-type]
    _sign_in(qtbot, window, "sam", PASSPHRASE)  # type: ignore[arg-type]
    dialogs = [d for d in window.findChildren(QMessageBox) if d.objectName() == "damageDialog"]
    assert dialogs and "not a regular file" in dialogs[0].text()
    assert window.vault is None
    dialogs[0].close()


@pytest.mark.parametrize("raw", [b"\xff\xfe\xfd not text\n", b"caf\xe9 latin-1 passphrase\n"])
def test_a_passphrase_that_is_not_utf8_gets_one_clear_sentence(
    vault_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    raw: bytes,
) -> None:
    argv = ("admin", "verify", "--vault", str(vault_path))
    code, _out, err = cli(monkeypatch, capsys, *argv, stdin=raw)
    assert code == 2
    assert err == (
        "The passphrase is not valid text; type it again with the keyboard set to UTF-8.\n"
    )


def test_a_non_utf8_passphrase_in_a_c_locale_process(vault_path: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "LC_ALL": "C"}
    env["PYTHONIOENCODING"] = "utf-8:surrogateescape"
    done = subprocess.run(
        [sys.executable, "-m", "clinic_app", "admin", "verify", "--vault", str(vault_path)],
        input=b"\xff\xfe not text\n",
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert b"codec" not in done.stderr and done.stderr.count(b"\n") == 1
