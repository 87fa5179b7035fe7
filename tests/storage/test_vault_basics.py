from __future__ import annotations

import json
from pathlib import Path

import pytest

from clinic_app.storage import keyslots
from clinic_app.storage.errors import (
    LockedOut,
    NotAVault,
    PermissionDenied,
    VaultExists,
    VaultLocked,
    WeakPassphrase,
    WrongPassphrase,
)
from clinic_app.storage.keyslots import keys_path
from clinic_app.storage.vault import SUPERVISOR, VOLUNTEER, Vault, VaultMissing
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE, TEST_PARAMS


def test_create_then_open_with_the_right_passphrase(vault_path: Path) -> None:
    Vault.create(vault_path, "sam", PASSPHRASE).close()
    assert vault_path.is_file() and keys_path(vault_path).is_file()
    with Vault.open(vault_path, "sam", PASSPHRASE) as v:
        assert v.user == "sam" and v.role == SUPERVISOR
        assert [a.action for a in v.audit_entries()] == ["user_add", "login", "login"]


def test_default_user_is_the_first_supervisor(vault_path: Path) -> None:
    Vault.create(vault_path, "sam", PASSPHRASE).close()
    with Vault.open(vault_path, None, PASSPHRASE) as v:
        assert v.user == "sam"


def test_wrong_passphrase_is_refused_and_the_file_is_unchanged(vault: Vault) -> None:
    path = vault.path
    vault.close()
    before = path.read_bytes()
    with pytest.raises(WrongPassphrase):
        Vault.open(path, "sam", "not the passphrase at all")
    assert path.read_bytes() == before


def test_unknown_user_is_a_wrong_passphrase(vault: Vault) -> None:
    vault.close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault.path, "nobody", PASSPHRASE)


def test_no_passphrase_hash_is_stored(vault: Vault) -> None:
    data = json.loads(keys_path(vault.path).read_text())
    (slot,) = data["slots"]
    assert set(slot) == {
        "user",
        "kdf",
        "salt",
        "nonce",
        "wrapped",
        "failures",
        "last_failure",
        "pending_failures",
        "supervisor",
        "public",  # the user's age public key (docs/decisions/0005)
        "sealed",  # the database key sealed to it
    }
    assert slot["kdf"] == {"alg": "argon2id", "v": 19, "t": 1, "m": 1024, "p": 1}


def test_create_refuses_an_existing_file(vault_path: Path) -> None:
    vault_path.parent.mkdir(parents=True)
    vault_path.write_bytes(b"something precious")
    with pytest.raises(VaultExists):
        Vault.create(vault_path, "sam", PASSPHRASE)
    assert vault_path.read_bytes() == b"something precious"
    assert not keys_path(vault_path).exists()


def test_create_refuses_an_existing_key_file(vault: Vault) -> None:
    vault.close()
    vault.path.unlink()
    with pytest.raises(VaultExists):
        Vault.create(vault.path, "sam", PASSPHRASE)


def test_open_without_a_vault_says_so(tmp_path: Path) -> None:
    with pytest.raises(VaultMissing):
        Vault.open(tmp_path / "none.vault", "sam", PASSPHRASE)


def test_weak_passphrases_are_refused(vault_path: Path) -> None:
    with pytest.raises(WeakPassphrase):
        Vault.create(vault_path, "sam", "short")
    assert not vault_path.exists()


def test_supervisor_adds_a_volunteer_who_can_log_in(vault: Vault) -> None:
    vault.add_user("vic", VOLUNTEER, OTHER_PASSPHRASE)
    vault.close()
    with Vault.open(vault.path, "vic", OTHER_PASSPHRASE) as v:
        assert v.role == VOLUNTEER
        with pytest.raises(PermissionDenied):
            v.add_user("eve", VOLUNTEER, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        Vault.open(vault.path, "vic", PASSPHRASE)


def test_changing_a_passphrase_rewraps_one_slot(vault: Vault) -> None:
    vault.add_user("vic", VOLUNTEER, OTHER_PASSPHRASE)
    before = json.loads(keys_path(vault.path).read_text())["slots"]
    vault.change_passphrase("a brand new passphrase here")
    after = json.loads(keys_path(vault.path).read_text())["slots"]
    assert after[1] == before[1]
    assert after[0]["wrapped"] != before[0]["wrapped"]
    vault.close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault.path, "sam", PASSPHRASE)
    Vault.open(vault.path, "sam", "a brand new passphrase here").close()


def test_removing_a_user_deletes_the_slot(vault: Vault) -> None:
    vault.add_user("vic", VOLUNTEER, OTHER_PASSPHRASE)
    vault.remove_user("vic")
    assert keyslots.KeySlotFile.load(keys_path(vault.path)).slot("vic") is None
    vault.close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault.path, "vic", OTHER_PASSPHRASE)


def test_a_supervisor_changes_a_role_and_it_is_audited(vault: Vault) -> None:
    vault.add_user("vic", VOLUNTEER, OTHER_PASSPHRASE)
    vault.set_role("vic", SUPERVISOR)
    assert keyslots.KeySlotFile.load(keys_path(vault.path)).slot("vic").supervisor
    assert vault.audit_entries()[-1].action == "user_role"
    vault.close()
    with Vault.open(vault.path, "vic", OTHER_PASSPHRASE) as v:
        assert v.role == SUPERVISOR
        v.set_role("sam", VOLUNTEER)
        with pytest.raises(PermissionDenied):
            v.set_role("vic", VOLUNTEER)  # never one's own: a supervisor always remains
    with Vault.open(vault.path, "sam", PASSPHRASE) as v:
        assert v.role == VOLUNTEER
        with pytest.raises(PermissionDenied):
            v.set_role("vic", VOLUNTEER)
        assert not keyslots.KeySlotFile.load(keys_path(vault.path)).slot("sam").supervisor


def test_roles_of_unknown_or_removed_users_cannot_change(vault: Vault) -> None:
    vault.add_user("vic", VOLUNTEER, OTHER_PASSPHRASE)
    vault.remove_user("vic")
    with pytest.raises(ValueError):
        vault.set_role("vic", SUPERVISOR)
    with pytest.raises(ValueError):
        vault.set_role("nobody", SUPERVISOR)
    with pytest.raises(ValueError):
        vault.set_role("sam", "owner")


def test_lockout_after_five_failures_survives_a_restart(vault: Vault) -> None:
    vault.close()
    now = [1_000_000.0]
    for _ in range(5):
        with pytest.raises(WrongPassphrase):
            Vault.open(vault.path, "sam", "wrong wrong wrong", clock=lambda: now[0])
    # A "restart": nothing in memory is kept; the counters come from the file.
    with pytest.raises(LockedOut) as locked:
        Vault.open(vault.path, "sam", PASSPHRASE, clock=lambda: now[0])
    assert locked.value.retry_after == pytest.approx(30.0)
    now[0] += 31
    with pytest.raises(WrongPassphrase):
        Vault.open(vault.path, "sam", "wrong wrong wrong", clock=lambda: now[0])
    with pytest.raises(LockedOut) as locked:
        Vault.open(vault.path, "sam", PASSPHRASE, clock=lambda: now[0] + 31)
    assert locked.value.retry_after == pytest.approx(29.0)  # the delay doubled to 60 s
    now[0] += 61
    with Vault.open(vault.path, "sam", PASSPHRASE, clock=lambda: now[0]) as v:
        failed = [(a.user, a.record_id) for a in v.audit_entries() if a.action == "login_failed"]
    # One row with the count (issue 19: nothing but a bounded number from the key file).
    assert failed == [("sam", "failures:6")]
    slot = keyslots.KeySlotFile.load(keys_path(vault.path)).slot("sam")
    assert slot is not None and slot.failures == 0 and slot.pending_failures == 0


def test_lock_closes_and_wipes(vault: Vault) -> None:
    key = vault.db_key
    vault.lock()
    assert key.wiped and not vault.is_open
    with pytest.raises(VaultLocked):
        vault.record_ids()


def test_settings_have_defaults_and_persist(vault: Vault) -> None:
    from dataclasses import replace

    s = vault.settings()
    assert s.auto_lock_minutes == 5 and s.retention_days == 180
    vault.update_settings(replace(s, clinic_name="Harbor Legal", auto_lock_minutes=10))
    vault.close()
    with Vault.open(vault.path, "sam", PASSPHRASE) as v:
        assert v.settings().clinic_name == "Harbor Legal"
        assert v.settings().auto_lock_minutes == 10


def test_records_round_trip_and_views_are_audited(vault: Vault) -> None:
    rid = vault.add_record(b"x" * 2048)
    assert vault.read_record(rid) == b"x" * 2048
    actions = [(a.action, a.record_id) for a in vault.audit_entries()]
    assert ("create", rid) in actions and ("view", rid) in actions


def test_the_test_suite_really_uses_cheap_parameters() -> None:
    assert keyslots.CURRENT_PARAMS == TEST_PARAMS
    assert keyslots.PRODUCTION_PARAMS.memory_kib >= 64 * 1024


def test_plain_sqlite_is_refused_without_a_key_derivation(vault: Vault) -> None:
    import sqlite3

    vault.close()
    vault.path.unlink()
    plain = sqlite3.connect(vault.path)
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    before = vault.path.read_bytes()
    with pytest.raises(NotAVault, match="unencrypted"):
        Vault.open(vault.path, "sam", PASSPHRASE)
    assert vault.path.read_bytes() == before


def test_two_sessions_do_not_lose_each_others_slots(vault: Vault) -> None:
    """The key-slot file is reloaded under a lock for every change."""
    other = Vault.open(vault.path, "sam", PASSPHRASE)  # e.g. a scheduled admin command
    try:
        vault.add_user("vic", VOLUNTEER, OTHER_PASSPHRASE)
        other.add_user("ana", VOLUNTEER, OTHER_PASSPHRASE)
        other.change_passphrase("a brand new passphrase here")
    finally:
        other.close()
    vault.close()
    users = [s.user for s in keyslots.KeySlotFile.load(keys_path(vault.path)).slots]
    assert users == ["sam", "vic", "ana"]
    Vault.open(vault.path, "vic", OTHER_PASSPHRASE).close()
    Vault.open(vault.path, "sam", "a brand new passphrase here").close()


def test_create_leaves_only_the_vault_and_its_key_slots(vault_path: Path) -> None:
    Vault.create(vault_path, "sam", PASSPHRASE).close()
    assert {p.name for p in vault_path.parent.iterdir()} == {"clinic.vault", "clinic.vault.keys"}


@pytest.mark.parametrize(
    "change", [{"t": 10**9}, {"m": 2**40}, {"p": 0}, {"m": 4}, {"t": True}, {"alg": "argon2i"}]
)
def test_absurd_or_foreign_kdf_parameters_are_refused(
    vault: Vault, change: dict[str, object]
) -> None:
    vault.close()
    kp = keys_path(vault.path)
    data = json.loads(kp.read_text())
    data["slots"][0]["kdf"].update(change)
    kp.write_text(json.dumps(data))
    with pytest.raises(NotAVault):
        Vault.open(vault.path, "sam", PASSPHRASE)


def test_a_slot_moved_to_another_user_does_not_unlock(vault: Vault) -> None:
    vault.add_user("vic", VOLUNTEER, OTHER_PASSPHRASE)
    vault.close()
    kp = keys_path(vault.path)
    data = json.loads(kp.read_text())
    sam, vic = data["slots"]
    vic.update({k: sam[k] for k in ("kdf", "salt", "nonce", "wrapped")})
    kp.write_text(json.dumps(data))
    with pytest.raises(WrongPassphrase):
        Vault.open(vault.path, "vic", PASSPHRASE)


def test_settings_are_validated(vault: Vault) -> None:
    from dataclasses import replace

    for bad in ({"auto_lock_minutes": 0}, {"retention_days": 0}, {"backup_folder": "rel/dir"}):
        with pytest.raises(ValueError):
            vault.update_settings(replace(vault.settings(), **bad))  # type: ignore[arg-type]


def test_default_user_is_the_first_remaining_supervisor(vault: Vault) -> None:
    vault.add_user("vic", VOLUNTEER, OTHER_PASSPHRASE)
    vault.add_user("ana", SUPERVISOR, OTHER_PASSPHRASE)
    vault.close()
    with Vault.open(vault.path, "ana", OTHER_PASSPHRASE) as v:
        v.remove_user("sam")
    with Vault.open(vault.path, None, OTHER_PASSPHRASE) as v:
        assert v.user == "ana"


def test_check_passphrase(vault: Vault) -> None:
    assert vault.check_passphrase(PASSPHRASE)
    assert not vault.check_passphrase(OTHER_PASSPHRASE)
