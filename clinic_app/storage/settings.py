"""Site settings, stored in the vault and read by everything that needs them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import PurePath
from typing import Any

from clinic_app.i18n import _

Connection = Any


@dataclass(frozen=True)
class SiteSettings:
    """One clinic site's settings; the supervisor screen edits them (later issue)."""

    clinic_name: str = ""
    clinic_contact: str = ""
    auto_lock_minutes: int = 5
    retention_days: int = 180
    backup_folder: str = ""  # empty: no automatic backups on close
    # How long a desk keeps records the hub has received (issue 15).
    desk_keep_days: int = 7
    fiscal_year_start: int = 1  # the month (1 to 12) the site's fiscal year begins in

    def validate(self) -> None:
        if not 1 <= self.auto_lock_minutes <= 240:
            raise ValueError(_("Auto-lock must be between 1 and 240 minutes."))
        if not 1 <= self.retention_days <= 3650:
            raise ValueError(_("Retention must be between 1 and 3650 days."))
        if not 1 <= self.desk_keep_days <= 90:
            raise ValueError(_("A desk keeps received records between 1 and 90 days."))
        if not 1 <= self.fiscal_year_start <= 12:
            raise ValueError(_("The fiscal year must start in a month from 1 to 12."))
        if self.backup_folder and not PurePath(self.backup_folder).is_absolute():
            raise ValueError(_("The backup folder must be a full path."))


FIELDS = {f.name: f for f in fields(SiteSettings)}


def load(con: Connection) -> SiteSettings:
    stored = dict(con.execute("SELECT key, value FROM settings").fetchall())
    values: dict[str, Any] = {}
    for name in FIELDS:
        if name in stored:
            values[name] = json.loads(stored[name])
    return replace(SiteSettings(), **values)


def save(con: Connection, settings: SiteSettings) -> None:
    """Writes every field; call inside the caller's transaction."""
    settings.validate()
    for name, value in asdict(settings).items():
        con.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (name, json.dumps(value, ensure_ascii=False)),
        )
