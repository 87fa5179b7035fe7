"""Finding 2: the key-slot file is untrusted input.

The review planted slots whose pending failures wrote signed ``login_failed``
rows with arbitrary user strings (newline included) and dates of 1970 and
2100, a timestamp of 1e20 that made every login fail with OverflowError, an
uncapped list, eight parallel wrong guesses against five allowed, and a
supervisor hint that made a volunteer the default acting user.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from clinic_app.cli.main import main
from clinic_app.storage import keyslots
from clinic_app.storage.errors import LockedOut, NotAVault, WrongPassphrase
from clinic_app.storage.keyslots import keys_path
from clinic_app.storage.vault import Vault
from tests.helpers import ROOT
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    path = tmp_path / "v" / "clinic.vault"
    with Vault.create(path, "sam", PASSPHRASE) as vault:
        vault.add_user("ana", "volunteer", OTHER_PASSPHRASE)
    return path


def plant(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    kpath = keys_path(path)
    data = json.loads(kpath.read_text())
    change(data)
    kpath.write_text(json.dumps(data))


def slot_of(data: dict[str, Any], user: str) -> dict[str, Any]:
    return next(s for s in data["slots"] if s["user"] == user)


def cli(monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(argv))


def test_planted_failure_rows_carry_only_a_count_and_the_real_time(vault_path: Path) -> None:
    plant(vault_path, lambda d: slot_of(d, "ana").update(pending_failures=[0.0, 4102444800.0]))
    with Vault.open(vault_path, "sam", PASSPHRASE) as vault:
        rows = [a for a in vault.audit_entries() if a.action == "login_failed"]
        assert vault.verify().ok
    assert [(r.user, r.record_id) for r in rows] == [("ana", "failures:2")]
    assert all(r.at.startswith(time.strftime("%Y")) for r in rows), [r.at for r in rows]


BAD_SLOTS: dict[str, Callable[[dict[str, Any]], None]] = {
    "a user name with a newline": lambda s: s.update(user="ana\nsam login"),
    "a bidi override in the name": lambda s: s.update(user="ana\u202e"),
    "a name not in stored form": lambda s: s.update(user=" ana "),
    "last failure 1e20": lambda s: s.update(last_failure=1e20),
    "last failure NaN": lambda s: s.update(last_failure=float("nan")),
    "last failure text": lambda s: s.update(last_failure="yesterday"),
    "a failure time of 1e20": lambda s: s.update(pending_failures=[1e20]),
    "an uncapped list": lambda s: s.update(pending_failures=[1.0e9] * 5000),
    "a negative count": lambda s: s.update(failures=-1),
    "a count as text": lambda s: s.update(failures="5"),
    "a count as a boolean": lambda s: s.update(failures=True),
    "a huge count": lambda s: s.update(failures=10**30),
    "a short salt": lambda s: s.update(salt="AAAA"),
    "a long nonce": lambda s: s.update(nonce="A" * 400),
    "a short wrapped key": lambda s: s.update(wrapped="AAAA"),
    "a supervisor hint as text": lambda s: s.update(supervisor="yes"),
    "a float KDF version": lambda s: s["kdf"].update(v=19.0),
    "absurd memory": lambda s: s["kdf"].update(m=2**40),
}


@pytest.mark.parametrize("name", sorted(BAD_SLOTS))
def test_a_slot_out_of_shape_fails_closed_with_exit_4(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    plant(vault_path, lambda d: BAD_SLOTS[name](slot_of(d, "ana")))
    before = (vault_path.read_bytes(), keys_path(vault_path).read_bytes())
    code = cli(monkeypatch, "admin", "verify", "--vault", str(vault_path), stdin=PASSPHRASE + "\n")
    err = capsys.readouterr().err
    assert code == 4, err
    assert err.count("\n") == 1 and "Error" not in err, err
    assert (vault_path.read_bytes(), keys_path(vault_path).read_bytes()) == before


FILE_CHANGES: dict[str, Callable[[dict[str, Any]], None]] = {
    "two slots for one user": lambda d: d["slots"].append(dict(d["slots"][0])),
    "no slot": lambda d: d.update(slots=[]),
    "too many slots": lambda d: d.update(slots=d["slots"] * 600),
    "a vault id that is not hex": lambda d: d.update(vault_id="x" * 32),
    "a boolean version": lambda d: d.update(version=True),
    "a huge app version": lambda d: d.update(app_version="9" * 10_000),
}


@pytest.mark.parametrize("name", sorted(FILE_CHANGES))
def test_a_key_file_out_of_shape_is_refused(vault_path: Path, name: str) -> None:
    plant(vault_path, FILE_CHANGES[name])
    with pytest.raises(NotAVault):
        Vault.open(vault_path, "sam", PASSPHRASE)


def test_an_oversized_key_file_is_refused_without_reading_it_all(vault_path: Path) -> None:
    kpath = keys_path(vault_path)
    kpath.write_bytes(kpath.read_bytes() + b" " * (keyslots.MAX_KEYS_FILE_BYTES + 1))
    with pytest.raises(NotAVault):
        Vault.open(vault_path, "sam", PASSPHRASE)


def test_failure_counters_stay_bounded(vault_path: Path) -> None:
    slot = keyslots.KeySlotFile.load(keys_path(vault_path)).slot("ana")
    assert slot is not None
    for _ in range(keyslots.MAX_PENDING + 50):
        keyslots.record_failure(slot, 1e20)
    assert slot.pending_failures == keyslots.MAX_PENDING
    assert slot.last_failure == keyslots.MAX_TIME
    keyslots.Slot.from_json(slot.as_json())  # what the app writes, it reads back


def test_the_supervisor_hint_cannot_make_a_volunteer_the_default_user(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def promote(data: dict[str, Any]) -> None:
        slot_of(data, "sam")["supervisor"] = False
        slot_of(data, "ana")["supervisor"] = True

    plant(vault_path, promote)
    with pytest.raises(NotAVault):
        Vault.open(vault_path, None, OTHER_PASSPHRASE)
    code = cli(
        monkeypatch, "admin", "backup", "--vault", str(vault_path), "--out",
        str(vault_path.parent / "b.cibackup"), stdin=OTHER_PASSPHRASE + "\n",
    )  # fmt: skip
    assert code == 4
    assert not (vault_path.parent / "b.cibackup").exists()
    # Named explicitly, the volunteer still signs in as what the vault says she is.
    with Vault.open(vault_path, "ana", OTHER_PASSPHRASE) as vault:
        assert vault.role == "volunteer"


GUESS = """
import sys, time
from pathlib import Path
from clinic_app.storage import keyslots
from clinic_app.storage.errors import LockedOut, WrongPassphrase
from clinic_app.storage.vault import Vault

real = keyslots.derive
def slow(*args, **kwargs):
    time.sleep(0.4)  # as long as a production Argon2id derivation
    return real(*args, **kwargs)
keyslots.derive = slow
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.005)
try:
    Vault.open(Path(sys.argv[1]), "sam", "a wrong guess at the passphrase")
except WrongPassphrase:
    print("wrong")
except LockedOut:
    print("locked")
"""


@pytest.mark.slow
def test_eight_parallel_guesses_get_only_the_five_allowed(vault_path: Path) -> None:
    go = vault_path.parent / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", GUESS, str(vault_path), str(go)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for _ in range(8)
    ]
    time.sleep(1.5)  # every child imported and waiting
    go.touch()
    outcomes = sorted(c.communicate(timeout=120)[0].strip() for c in children)
    assert outcomes == ["locked"] * 3 + ["wrong"] * 5
    slot = keyslots.KeySlotFile.load(keys_path(vault_path)).slot("sam")
    assert slot is not None and slot.failures == 5
    with pytest.raises(LockedOut):
        Vault.open(vault_path, "sam", PASSPHRASE)


def test_a_wrong_guess_after_a_planted_reset_is_still_counted(vault_path: Path) -> None:
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, "sam", "a wrong guess at the passphrase")
    slot = keyslots.KeySlotFile.load(keys_path(vault_path)).slot("sam")
    assert slot is not None and slot.failures == 1 and slot.pending_failures == 1
