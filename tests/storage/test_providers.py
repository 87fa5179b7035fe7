"""The directory table: supervisors change it, each change audited, imports all-or-nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from clinic_app.referrals.directory import CsvImportError, parse_csv
from clinic_app.referrals.directory_store import (
    add_provider,
    demo_csv,
    import_csv,
    load_directory,
    remove_provider,
    update_provider,
)
from clinic_app.storage import providers as store
from clinic_app.storage.errors import PermissionDenied
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE


def test_import_list_update_remove_audited(vault: Vault) -> None:
    assert import_csv(vault, demo_csv()) == len(parse_csv(demo_csv()))
    stored = load_directory(vault)
    assert [p.name for p in stored] == sorted(p.name for p in stored)
    first = stored[0]
    assert first.provider_id is not None
    update_provider(vault, replace(first, hours="Closed (fictional)"))
    assert load_directory(vault)[0].hours == "Closed (fictional)"
    remove_provider(vault, first.provider_id)
    assert len(load_directory(vault)) == len(stored) - 1
    new_id = add_provider(vault, first)
    assert new_id != first.provider_id
    actions = [e.action for e in vault.audit_entries()]
    for action in (
        store.DIRECTORY_IMPORT,
        store.DIRECTORY_EDIT,
        store.DIRECTORY_REMOVE,
        store.DIRECTORY_ADD,
    ):
        assert action in actions
    assert all(e.record_id is None for e in vault.audit_entries() if "directory" in e.action)
    assert vault.verify().ok


def test_a_bad_import_changes_nothing(vault: Vault) -> None:
    import_csv(vault, demo_csv())
    before = load_directory(vault)
    broken = demo_csv() + "Broken (fictional),nothing,en,,,,,,,walk_in,\n"
    with pytest.raises(CsvImportError):
        import_csv(vault, broken)
    assert load_directory(vault) == before


def test_duplicate_names_are_refused(vault: Vault) -> None:
    import_csv(vault, demo_csv())
    first = load_directory(vault)[0]
    with pytest.raises(store.DuplicateProvider):
        add_provider(vault, first)


def test_volunteers_read_but_cannot_change(vault: Vault, vault_path: Path) -> None:
    import_csv(vault, demo_csv())
    vault.add_user("vic", "volunteer", OTHER_PASSPHRASE)
    vault.close()
    with Vault.open(vault_path, "vic", OTHER_PASSPHRASE) as v:
        assert load_directory(v)
        with pytest.raises(PermissionDenied):
            import_csv(v, demo_csv())
        with pytest.raises(PermissionDenied):
            remove_provider(v, load_directory(v)[0].provider_id or 0)
    with Vault.open(vault_path, "sam", PASSPHRASE) as v:
        assert len(load_directory(v)) == len(parse_csv(demo_csv()))
