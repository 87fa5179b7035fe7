"""Shared fixtures for tests that open real vaults.

``cheap_kdf`` swaps the Argon2 parameters for new key slots for cheap ones, in
this test process only. The app never does this itself:
test_kdf_production.py proves it, and runs the production parameters once end
to end.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clinic_app.storage import keyslots
from clinic_app.storage.vault import Vault

TEST_PARAMS = keyslots.KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
PASSPHRASE = "correct horse battery staple"
OTHER_PASSPHRASE = "tulip marble orbit canyon"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(keyslots, "CURRENT_PARAMS", TEST_PARAMS)
    yield


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vault" / "clinic.vault"


@pytest.fixture
def vault(vault_path: Path) -> Iterator[Vault]:
    v = Vault.create(vault_path, "sam", PASSPHRASE)
    yield v
    v.close()
