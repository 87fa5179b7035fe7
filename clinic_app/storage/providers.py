"""The provider directory's table in the vault (schema v4).

Rows are organisations, stored as JSON documents whose shape belongs to
``clinic_app.referrals.directory`` (storage does not import it: layers point
down). Everyone signed in may read the directory; only a supervisor changes
it, and every change is audited (action only: a directory row is not a
record). ``replace_all`` swaps the whole directory in one transaction, so an
import is all-or-nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from clinic_app.i18n import _
from clinic_app.storage import audit
from clinic_app.storage.vault import Vault, guard

# Audit actions (stable identifiers, not user-facing text).
DIRECTORY_ADD: Final = "directory_add"
DIRECTORY_EDIT: Final = "directory_edit"
DIRECTORY_REMOVE: Final = "directory_remove"
DIRECTORY_IMPORT: Final = "directory_import"


class ProviderNotFound(KeyError):
    """No provider has that id."""


class DuplicateProvider(ValueError):
    """Another provider already has that name; the message is translated."""


@dataclass(frozen=True)
class StoredProvider:
    provider_id: int
    data: dict[str, Any]


def _name(data: Mapping[str, Any]) -> str:
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError("provider: a name is required")
    return name


def _encode(data: Mapping[str, Any]) -> bytes:
    return json.dumps(dict(data), ensure_ascii=False, sort_keys=True).encode("utf-8")


def list_providers(vault: Vault) -> list[StoredProvider]:
    """Every provider, in name order."""
    with guard():
        rows = vault.con.execute("SELECT id, data FROM providers ORDER BY name, id").fetchall()
    return [StoredProvider(int(r[0]), json.loads(bytes(r[1]).decode("utf-8"))) for r in rows]


def _check_unique(con: Any, name: str, except_id: int | None = None) -> None:
    for other_id, other in con.execute("SELECT id, name FROM providers").fetchall():
        if other_id != except_id and str(other).casefold() == name.casefold():
            raise DuplicateProvider(
                _("Another provider is already called {name}.").format(name=name)
            )


def _append(vault: Vault, con: Any, action: str) -> None:
    audit.append(con, vault._head_key, vault.user, action, None)


def add(vault: Vault, data: Mapping[str, Any]) -> int:
    """Stores a new provider; returns its id. Supervisors only; audited."""
    vault.require_supervisor()
    name = _name(data)
    now = audit.now_iso()
    with vault.transaction() as con:
        _check_unique(con, name)
        con.execute(
            "INSERT INTO providers (name, data, updated_at, updated_by) VALUES (?, ?, ?, ?)",
            (name, _encode(data), now, vault.user),
        )
        provider_id = int(con.execute("SELECT last_insert_rowid()").fetchone()[0])
        _append(vault, con, DIRECTORY_ADD)
    return provider_id


def update(vault: Vault, provider_id: int, data: Mapping[str, Any]) -> None:
    """Replaces one provider. Supervisors only; audited."""
    vault.require_supervisor()
    name = _name(data)
    with vault.transaction() as con:
        _check_unique(con, name, provider_id)
        cursor = con.execute(
            "UPDATE providers SET name = ?, data = ?, updated_at = ?, updated_by = ? WHERE id = ?",
            (name, _encode(data), audit.now_iso(), vault.user, provider_id),
        )
        if cursor.rowcount != 1:
            raise ProviderNotFound(provider_id)
        _append(vault, con, DIRECTORY_EDIT)


def remove(vault: Vault, provider_id: int) -> None:
    """Removes one provider. Supervisors only; audited."""
    vault.require_supervisor()
    with vault.transaction() as con:
        cursor = con.execute("DELETE FROM providers WHERE id = ?", (provider_id,))
        if cursor.rowcount != 1:
            raise ProviderNotFound(provider_id)
        _append(vault, con, DIRECTORY_REMOVE)


def replace_all(vault: Vault, providers: Iterable[Mapping[str, Any]]) -> int:
    """Replaces the whole directory in one transaction (an import); returns the count.

    Supervisors only; audited. Any error leaves the old directory untouched.
    """
    vault.require_supervisor()
    items = [(_name(p), _encode(p)) for p in providers]
    seen: set[str] = set()
    for name, _data in items:
        if name.casefold() in seen:
            raise DuplicateProvider(
                _("Another provider is already called {name}.").format(name=name)
            )
        seen.add(name.casefold())
    now = audit.now_iso()
    with vault.transaction() as con:
        con.execute("DELETE FROM providers")
        con.executemany(
            "INSERT INTO providers (name, data, updated_at, updated_by) VALUES (?, ?, ?, ?)",
            [(name, data, now, vault.user) for name, data in items],
        )
        _append(vault, con, DIRECTORY_IMPORT)
    return len(items)
