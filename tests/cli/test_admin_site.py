"""The site commands and ``verify --expect-head`` as site IT runs them (cli.md)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from clinic_app.cli.main import main
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE
from tests.storage.records_support import make_record

P = PASSPHRASE + "\n"


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    def run(*argv: str, stdin: str = P) -> Run:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def _init(cli, path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("admin", "init", "--vault", str(path), "--user", "sam").code == 0


def _site(cli, tmp_path: Path) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    hub, desk = tmp_path / "hub" / "h.vault", tmp_path / "desk" / "d.vault"
    _init(cli, hub)
    _init(cli, desk)
    r = cli("admin", "site-key", "--vault", str(hub), "--out", str(tmp_path / "site.key"))
    assert r.code == 0 and r.out == "", r.err
    assert "AGE-SECRET" not in (tmp_path / "site.key").read_text()
    r = cli(
        "admin", "enroll", "--vault", str(desk), "--site-key", str(tmp_path / "site.key"),
        "--out", str(tmp_path / "desk.key"), "--as", "sam",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert re.fullmatch(r"[0-9a-f]{32}\n", r.out)
    r = cli(
        "admin", "add-desk", "--vault", str(hub), "--desk-key", str(tmp_path / "desk.key"),
        "--as", "sam",
    )  # fmt: skip
    assert r.code == 0, r.err
    return hub, desk


def test_send_receive_ack_through_the_command_line(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hub, desk = _site(cli, tmp_path)
    with Vault.open(desk, "sam", PASSPHRASE) as v:
        Records(v).create_many([make_record(given_name="Rosa"), make_record(given_name="Li")])
    bundle = tmp_path / "usb" / "desk.bundle"
    bundle.parent.mkdir()
    r = cli("admin", "send", "--vault", str(desk), "--out", str(bundle))
    assert (r.code, r.out) == (0, "2\n"), r.err
    r = cli("admin", "receive", "--vault", str(hub), "--in", str(bundle))
    assert (r.code, r.out) == (0, "2 new, 0 updated, 0 conflicts\n"), r.err
    receipt = Path(f"{bundle}.receipt")
    assert receipt.exists()
    r = cli("admin", "receive", "--vault", str(hub), "--in", str(bundle))
    assert (r.code, r.out) == (0, "0 new, 0 updated, 0 conflicts\n"), r.err
    r = cli("admin", "ack", "--vault", str(desk), "--receipt", str(receipt))
    assert r.code == 0 and r.out == "", r.err
    r = cli("admin", "send", "--vault", str(desk), "--out", str(tmp_path / "next.bundle"))
    assert (r.code, r.out) == (0, "0\n")


def test_a_tampered_bundle_exits_4_and_changes_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hub, desk = _site(cli, tmp_path)
    with Vault.open(desk, "sam", PASSPHRASE) as v:
        Records(v).create(make_record())
    bundle = tmp_path / "d.bundle"
    assert cli("admin", "send", "--vault", str(desk), "--out", str(bundle)).code == 0
    data = bytearray(bundle.read_bytes())
    data[-30] ^= 0x40
    bad = tmp_path / "bad.bundle"
    bad.write_bytes(bytes(data))
    r = cli("admin", "receive", "--vault", str(hub), "--in", str(bad))
    assert r.code == 4 and r.out == ""
    assert r.err.strip().count("\n") == 0
    assert not Path(f"{bad}.receipt").exists()
    with Vault.open(hub, "sam", PASSPHRASE) as v:
        assert Records(v).count() == 0
    # A receipt file that is not one.
    r = cli("admin", "ack", "--vault", str(desk), "--receipt", str(bad))
    assert r.code == 4


def test_receive_on_a_vault_that_is_not_a_hub_fails(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _hub, desk = _site(cli, tmp_path)
    bundle = tmp_path / "d.bundle"
    assert cli("admin", "send", "--vault", str(desk), "--out", str(bundle)).code == 0
    r = cli("admin", "receive", "--vault", str(desk), "--in", str(bundle))
    assert r.code == 1 and "not a hub" in r.err


def _head(out: str) -> tuple[int, str]:
    m = re.fullmatch(r"audit head: (\d+) entries, ([0-9a-f]{16})\n", out)
    assert m, out
    return int(m.group(1)), m.group(2)


def test_expect_head_passes_for_a_later_chain_and_fails_after_a_rollback(
    cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "v" / "c.vault"
    _init(cli, path)
    saved = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    for _ in range(3):  # three audited actions after the copy
        assert cli("admin", "verify", "--vault", str(path)).code == 0
    count, witnessed = _head(cli("admin", "verify", "--vault", str(path)).out)
    r = cli("admin", "verify", "--vault", str(path), "--expect-head", witnessed)
    assert r.code == 0, r.err
    assert _head(r.out)[0] == count + 1  # this verify's own login row came after
    for p in list(path.parent.iterdir()):
        p.unlink()
    for name, data in saved.items():  # rolled back by copying files: needs no key
        (path.parent / name).write_bytes(data)
    assert cli("admin", "verify", "--vault", str(path)).code == 0  # looks intact alone
    r = cli("admin", "verify", "--vault", str(path), "--expect-head", witnessed)
    assert r.code == 4
    assert "witnessed head" in r.err
    assert cli("admin", "verify", "--vault", str(path), "--expect-head", "xyz").code == 2


def test_a_backup_shows_the_head_it_holds(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "v" / "c.vault"
    _init(cli, path)
    out = tmp_path / "b.cibackup"
    r = cli("admin", "backup", "--vault", str(path), "--out", str(out))
    assert r.code == 0, r.err
    m = re.search(r"Audit head: (\d+) entries, ([0-9a-f]{16})", r.err)
    assert m, r.err
    target = tmp_path / "r" / "c.vault"
    assert cli("admin", "restore", "--backup", str(out), "--vault", str(target)).code == 0
    r = cli("admin", "verify", "--vault", str(target), "--expect-head", m.group(2))
    assert r.code == 0, r.err
