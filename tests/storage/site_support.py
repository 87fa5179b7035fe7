"""A site for tests: a hub and enrolled desks, each a real vault."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from clinic_app.storage import site
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE
from tests.storage.records_support import make_record


@dataclass
class Site:
    folder: Path
    hub: Vault
    desks: list[Vault]

    def close(self) -> None:
        for v in (self.hub, *self.desks):
            v.close()


def make_site(folder: Path, desks: int = 2) -> Site:
    hub = Vault.create(folder / "hub" / "hub.vault", "sam", PASSPHRASE)
    site_key = folder / "site.key"
    site.export_site_key(hub, site_key)
    made = []
    for i in range(desks):
        desk = Vault.create(folder / f"desk{i}" / "desk.vault", "sam", PASSPHRASE)
        desk_key = folder / f"desk{i}.key"
        site.enroll(desk, site_key, desk_key)
        site.add_desk(hub, desk_key)
        made.append(desk)
    return Site(folder, hub, made)


def add_clients(desk: Vault, n: int, family: str = "Pérez") -> list[str]:
    recs = Records(desk)
    return recs.create_many(make_record(given_name=f"Ana{i}", family_name=family) for i in range(n))


def record_ids(vault: Vault) -> set[str]:
    return {r[0] for r in vault.con.execute("SELECT id FROM records")}
