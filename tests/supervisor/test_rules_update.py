"""Rules updates: validated, newer only, changes shown by country, the old file kept."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from clinic_app.resources import resource_path
from clinic_app.screening.rules import RulesError, load_rules
from clinic_app.storage.errors import PermissionDenied
from clinic_app.storage.rules_update import (
    accept,
    active_rules,
    diff_rules,
    preview,
    roll_back,
    rules_folder,
    stale_warning,
)
from clinic_app.storage.vault import Vault

SHIPPED = json.loads(resource_path("rules", "rules.json").read_text(encoding="utf-8"))


def newer(days: int = 30) -> dict[str, Any]:
    data = copy.deepcopy(SHIPPED)
    data["as_of"] = (date.fromisoformat(data["as_of"]) + timedelta(days=days)).isoformat()
    data["tps"]["SV"]["designated_until"] = "2027-09-09"
    del data["tps"]["LB"]
    data["tps"]["FJ"] = {**copy.deepcopy(data["tps"]["UA"]), "name": "Fiji"}
    data["daca"]["initial_requests_granted"] = not data["daca"]["initial_requests_granted"]
    return data


def write(tmp_path: Path, data: dict[str, Any], name: str = "new.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_diff_country_by_country(tmp_path: Path) -> None:
    old = load_rules()
    new = load_rules(write(tmp_path, newer()))
    diff = diff_rules(old, new)
    kinds = {(c.country, c.kind) for c in diff.countries}
    assert kinds == {("SV", "changed"), ("LB", "removed"), ("FJ", "added")}
    sv = next(c for c in diff.countries if c.country == "SV")
    assert [(ch.field, ch.new) for ch in sv.changes] == [("designated_until", "2027-09-09")]
    assert [ch.field for ch in diff.daca] == ["initial_requests_granted"]
    assert diff_rules(old, old).empty


def test_accept_then_roll_back(vault: Vault, tmp_path: Path) -> None:
    folder = rules_folder(vault.path)
    shipped = load_rules()
    assert active_rules(folder) == shipped
    candidate = preview(folder, write(tmp_path, newer()))
    accept(vault, candidate)
    assert active_rules(folder).as_of == candidate.rules.as_of
    assert load_rules(folder / "previous.json") == shipped
    # A second, newer file keeps the first as the previous one.
    second = preview(folder, write(tmp_path, newer(60), "second.json"))
    assert second.diff.countries == ()
    accept(vault, second)
    assert roll_back(vault).as_of == candidate.rules.as_of
    assert active_rules(folder).as_of == candidate.rules.as_of
    assert [e.record_id for e in vault.audit_entries() if e.action == "settings_change"][-3:] == [
        f"rules:{candidate.rules.as_of}",
        f"rules:{second.rules.as_of}",
        f"rules:{candidate.rules.as_of}",
    ]


def test_refusals(vault: Vault, vault_path: Path, tmp_path: Path) -> None:
    folder = rules_folder(vault.path)
    with pytest.raises(ValueError, match="not newer"):
        preview(folder, write(tmp_path, newer(-1)))
    broken = newer()
    broken["tps"]["SV"]["status"] = "paused"
    with pytest.raises(RulesError):
        preview(folder, write(tmp_path, broken))
    (tmp_path / "junk.json").write_text("{", encoding="utf-8")
    with pytest.raises(RulesError):
        preview(folder, tmp_path / "junk.json")
    with pytest.raises(ValueError, match="no earlier"):
        roll_back(vault)
    vault.add_user("vic", "volunteer", "another long passphrase here")
    candidate = preview(folder, write(tmp_path, newer()))
    with (
        Vault.open(vault_path, "vic", "another long passphrase here") as v,
        pytest.raises(PermissionDenied),
    ):
        accept(v, candidate)
    assert not (folder / "current.json").exists()


def test_damaged_current_file_falls_back_to_shipped(vault: Vault) -> None:
    folder = rules_folder(vault.path)
    folder.mkdir()
    (folder / "current.json").write_text("not json", encoding="utf-8")
    assert active_rules(folder) == load_rules()


def test_stale_warning_after_90_days() -> None:
    rules = load_rules()
    assert stale_warning(rules, rules.as_of + timedelta(days=90)) is None
    warning = stale_warning(rules, rules.as_of + timedelta(days=91))
    assert warning is not None and rules.as_of.isoformat() in warning
