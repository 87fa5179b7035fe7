"""The directory in the vault, as ``Provider`` objects (storage keeps plain JSON)."""

from __future__ import annotations

from clinic_app.referrals.directory import Provider, parse_csv
from clinic_app.resources import resource_path
from clinic_app.storage import providers as store
from clinic_app.storage.vault import Vault

DEMO_CSV = ("referrals", "demo-providers.csv")


def load_directory(vault: Vault) -> list[Provider]:
    """Every provider of the vault's directory, in name order."""
    return [Provider.from_mapping(p.data, p.provider_id) for p in store.list_providers(vault)]


def add_provider(vault: Vault, provider: Provider) -> int:
    return store.add(vault, provider.to_mapping())


def update_provider(vault: Vault, provider: Provider) -> None:
    if provider.provider_id is None:
        raise ValueError("provider: not stored yet")
    store.update(vault, provider.provider_id, provider.to_mapping())


def remove_provider(vault: Vault, provider_id: int) -> None:
    store.remove(vault, provider_id)


def import_csv(vault: Vault, text: str) -> int:
    """Replaces the directory with a CSV file's providers, or changes nothing.

    Raises ``CsvImportError`` (every bad line) before anything is written.
    """
    providers = parse_csv(text)
    return store.replace_all(vault, [p.to_mapping() for p in providers])


def demo_csv() -> str:
    """The shipped, plainly fictional demo directory."""
    return resource_path(*DEMO_CSV).read_text(encoding="utf-8")
