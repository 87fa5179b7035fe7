"""Every earlier schema version upgrades to the current one, keeping its data."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from clinic_app.storage import audit, backup, connection, keyslots, schema
from clinic_app.storage import settings as site_settings
from clinic_app.storage.keymaterial import KeyMaterial
from clinic_app.storage.keyslots import KeySlotFile, keys_path
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE


def _vault_at_version(path: Path, version: int) -> None:
    """A vault as the app of schema ``version`` would have written it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = KeyMaterial(os.urandom(32))
    vault_id = uuid.uuid4().hex
    con = connection.connect(path, key)
    schema.migrate(con, target=version)
    hkey = audit.head_key(key)
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [("magic", schema.MAGIC), ("vault_id", vault_id), ("created_at", "2026-01-01")],
    )
    con.execute(
        "INSERT INTO users (name, role, created_at) VALUES ('sam', 'supervisor', '2026-01-01')"
    )
    site_settings.save(con, site_settings.SiteSettings(clinic_name="Old Clinic"))
    audit.append(con, hkey, "sam", audit.USER_ADD, "user:sam", start=True)
    con.execute("COMMIT")
    con.close()
    keys = KeySlotFile(vault_id, [keyslots.wrap(key, "sam", PASSPHRASE, vault_id)])
    keys.save(keys_path(path))


@pytest.mark.parametrize("version", range(1, schema.SCHEMA_VERSION))
def test_upgrade_from_every_earlier_version(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.vault"
    _vault_at_version(path, version)
    with Vault.open(path, "sam", PASSPHRASE) as v:
        assert schema.read_version(v.con) == schema.SCHEMA_VERSION
        assert v.settings().clinic_name == "Old Clinic"
        assert v.verify().ok, v.verify().problems()
        assert any(e.action == "migrate" for e in v.audit_entries())
        v.add_record(b"works after the upgrade")
    (kept,) = path.parent.glob(f"old.vault.before-v{schema.SCHEMA_VERSION}-*.cibackup")
    restored = tmp_path / "restored" / "old.vault"
    backup.restore_backup(kept, restored, "sam", PASSPHRASE)
    con = connection.connect(restored, _key_of(restored))
    assert schema.read_version(con) == version
    con.close()


def _key_of(path: Path) -> KeyMaterial:
    keys = KeySlotFile.load(keys_path(path))
    key = keyslots.unwrap(keys.slots[0], PASSPHRASE, keys.vault_id)
    assert key is not None
    return key


def test_migrate_from_empty_reaches_the_current_version(tmp_path: Path) -> None:
    con = connection.connect(tmp_path / "x.db", KeyMaterial(os.urandom(32)))
    assert schema.migrate(con) == list(range(1, schema.SCHEMA_VERSION + 1))
    assert schema.read_version(con) == schema.SCHEMA_VERSION
    con.close()


def test_a_failing_migration_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = connection.connect(tmp_path / "x.db", KeyMaterial(os.urandom(32)))
    schema.migrate(con, target=1)
    broken = [*schema.MIGRATIONS, ["CREATE TABLE fine (x)", "THIS IS NOT SQL"]]
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    with pytest.raises(connection.sqlcipher3.OperationalError):
        schema.migrate(con, target=len(broken))
    assert schema.read_version(con) == len(broken) - 1
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert "fine" not in tables
    con.close()
