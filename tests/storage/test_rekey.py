"""Removing a user re-keys the vault: their old key file and key open nothing after."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clinic_app.storage import audit, connection, keyslots
from clinic_app.storage.backup import write_backup
from clinic_app.storage.errors import NotAVault, WrongPassphrase
from clinic_app.storage.keyslots import KeySlotFile, keys_path
from clinic_app.storage.vault import Vault
from tests.helpers import ROOT, app_env
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE

THIRD = "violet anchor meadow lantern"
KILLS = 30


def _team(path: Path) -> Vault:
    vault = Vault.create(path, "sam", PASSPHRASE)
    vault.add_user("vic", "volunteer", OTHER_PASSPHRASE)
    vault.add_user("val", "volunteer", THIRD)
    for i in range(20):
        vault.add_record(f"client {i}".encode())
    return vault


def _old_key_of_vic(keys_file: bytes) -> keyslots.KeyMaterial:
    keys = KeySlotFile.from_bytes(keys_file)
    slot = keys.slot("vic")
    assert slot is not None
    key = keyslots.unwrap(slot, OTHER_PASSPHRASE, keys.vault_id)
    assert key is not None
    return key


def _opens(path: Path, key: keyslots.KeyMaterial) -> bool:
    try:
        connection.connect(path, key).close()
    except NotAVault:
        return False
    return True


def test_a_removed_users_old_key_file_opens_nothing(vault_path: Path) -> None:
    vault = _team(vault_path)
    kept = keys_path(vault_path).read_bytes()  # what vic copied while still a user
    old_key = _old_key_of_vic(kept)
    assert _opens(vault_path, old_key)  # the threat: before removal it opens the vault
    vault.remove_user("vic")
    assert not _opens(vault_path, old_key)
    # Not the key-slot file they kept beside the live vault either.
    keys_path(vault_path).write_bytes(kept)
    with pytest.raises(NotAVault):
        Vault.open(vault_path, "vic", OTHER_PASSPHRASE)
    vault.close()


def test_everyone_else_still_opens_and_the_chain_holds(vault_path: Path) -> None:
    vault = _team(vault_path)
    witnessed = audit.current_head(vault.con).fingerprint
    ids = vault.record_ids()
    vault.remove_user("vic")
    assert vault.record_ids() == ids  # the session goes on under the new key
    vault.audit(audit.VIEW, ids[0])
    vault.close()
    for user, secret in (("sam", PASSPHRASE), ("val", THIRD)):
        with Vault.open(vault_path, user, secret) as v:
            assert v.record_ids() == ids
            assert v.verify().ok, v.verify().problems()
            assert audit.holds(v.con, witnessed)
            assert [e.action for e in v.audit_entries()].count(audit.REKEY) == 1
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, "vic", OTHER_PASSPHRASE)
    slots = KeySlotFile.load(keys_path(vault_path)).slots
    assert [s.user for s in slots] == ["sam", "val"]
    assert all(s.sealed_prev is None for s in slots)
    assert not list(vault_path.parent.glob(".*rekey*"))


def test_an_older_backup_stays_readable_with_the_old_key(vault_path: Path, tmp_path: Path) -> None:
    vault = _team(vault_path)
    write_backup(vault, tmp_path / "before.cibackup")
    vault.remove_user("vic")
    vault.close()
    from clinic_app.storage.backup import restore_backup

    target = tmp_path / "restored" / "v.vault"
    restore_backup(tmp_path / "before.cibackup", target, "vic", OTHER_PASSPHRASE)
    with Vault.open(target, "vic", OTHER_PASSPHRASE) as old:  # documented: destroy old backups
        assert len(old.record_ids()) == 20


def test_a_first_format_slot_is_upgraded_at_its_next_unlock(vault_path: Path) -> None:
    vault = _team(vault_path)
    vault.close()
    with keyslots.editing(keys_path(vault_path)) as fresh:  # as an older app wrote it
        slot = fresh.slot("val")
        assert slot is not None
        key = keyslots.unwrap(slot, THIRD, fresh.vault_id)
        assert key is not None
        old = keyslots.Slot(slot.user, slot.params, slot.salt, slot.nonce, b"")
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        kek = keyslots.derive(THIRD, old.salt, old.params)
        old.wrapped = AESGCM(kek.bytes()).encrypt(old.nonce, key.bytes(), old.aad(fresh.vault_id))
        fresh.put(old)
    assert KeySlotFile.load(keys_path(vault_path)).slot("val").public is None  # type: ignore[union-attr]
    Vault.open(vault_path, "val", THIRD).close()
    assert KeySlotFile.load(keys_path(vault_path)).slot("val").public is not None  # type: ignore[union-attr]
    Vault.open(vault_path, "val", THIRD).close()


@pytest.mark.slow
def test_kill_9_during_removal_never_loses_the_vault(vault_path: Path, tmp_path: Path) -> None:
    vault = _team(vault_path)
    vault.close()
    old_key = _old_key_of_vic(keys_path(vault_path).read_bytes())
    pristine = tmp_path / "pristine"
    shutil.copytree(vault_path.parent, pristine)
    env = app_env(tmp_path / "home")
    rng = random.Random(18)
    finished = 0
    for i in range(KILLS):
        run = tmp_path / f"run{i}"
        shutil.copytree(pristine, run)
        path = run / vault_path.name
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.storage.rekey_child", str(path), PASSPHRASE, "vic"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
        )
        assert child.stdout is not None
        child.stdout.readline()  # "open"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        finished += "done" in child.stdout.read().decode()
        child.wait()
        # The next unlock settles whatever the kill interrupted.
        with Vault.open(path, "val", THIRD) as v:
            assert len(v.record_ids()) == 20
            assert v.verify().ok, v.verify().problems()
            removed = "vic" in {u.name for u in v.users() if u.removed}
        if removed:
            assert not _opens(path, old_key), i
            with pytest.raises(WrongPassphrase):
                Vault.open(path, "vic", OTHER_PASSPHRASE)
        with Vault.open(path, "sam", PASSPHRASE) as v:
            assert v.verify().ok
        shutil.rmtree(run)
    assert finished < KILLS  # at least some kills landed mid-way


class Killed(Exception):
    pass


def _kill(*_args: object, **_kwargs: object) -> None:
    raise Killed


@pytest.mark.parametrize("step", ["export", "swap", "reopen"])
def test_each_interrupted_step_is_settled_by_the_next_unlock(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    from clinic_app.storage import rekey

    vault = _team(vault_path)
    old_key = _old_key_of_vic(keys_path(vault_path).read_bytes())
    target = {"export": (rekey, "_export"), "swap": (rekey, "_swap"), "reopen": (Vault, "_reopen")}
    with monkeypatch.context() as m:
        m.setattr(*target[step], _kill)
        with pytest.raises(Killed):
            vault.remove_user("vic")
    vault.close()
    if step == "reopen":  # the new file is in place; the previous key is still sealed
        assert any(s.sealed_prev for s in KeySlotFile.load(keys_path(vault_path)).slots)
    with Vault.open(vault_path, "val", THIRD) as v:
        assert len(v.record_ids()) == 20
        assert v.verify().ok, v.verify().problems()
    assert not _opens(vault_path, old_key)
    assert all(s.sealed_prev is None for s in KeySlotFile.load(keys_path(vault_path)).slots)
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, "vic", OTHER_PASSPHRASE)


def test_another_open_session_postpones_the_rekey(vault_path: Path) -> None:
    from clinic_app.storage.rekey import RekeyBusy

    vault = _team(vault_path)
    other = Vault.open(vault_path, "val", THIRD)  # e.g. the app open while an admin removes
    old_key = _old_key_of_vic(keys_path(vault_path).read_bytes())
    with pytest.raises(RekeyBusy):
        vault.remove_user("vic")
    assert len(vault.record_ids()) == 20  # this session goes on
    assert len(other.record_ids()) == 20
    vault.close()
    other.close()
    with Vault.open(vault_path, "sam", PASSPHRASE) as v:  # the next unlock finishes it
        assert v.verify().ok
    assert not _opens(vault_path, old_key)
