"""Rules updates: import a newer rules file, see the changes, keep the old one to go back.

Rules files are public facts (program guidelines, TPS designations), not
client data, so they live in a plain folder beside the vault,
``<vault folder>/rules/``: ``current.json`` is the file in force and
``previous.json`` the one it replaced. Without ``current.json`` the file
shipped with the app applies. A file is accepted only if
``screening.parse_rules`` accepts it and it is newer than the one in force;
every accept and roll-back is audited (no record data involved).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Final

from clinic_app.i18n import _
from clinic_app.screening.rules import Rules, RulesError, TpsEntry, load_rules, parse_rules
from clinic_app.storage import audit
from clinic_app.storage.files import atomic_write
from clinic_app.storage.vault import Vault

CURRENT: Final = "current.json"
PREVIOUS: Final = "previous.json"
RULES_ACTION: Final = audit.SETTINGS_CHANGE
# What a supervisor compares, country by country (dates, status, litigation, windows).
_COMPARED: Final = tuple(
    f.name for f in fields(TpsEntry) if f.name not in ("country", "sources", "unverified")
)


def rules_folder(vault_path: Path) -> Path:
    return Path(vault_path).parent / "rules"


def active_rules(folder: Path) -> Rules:
    """The rules in force: the imported file, else the shipped one.

    A damaged imported file falls back to the shipped rules rather than
    stopping every screening; the supervisor screen shows the problem.
    """
    current = folder / CURRENT
    if current.is_file():
        try:
            return load_rules(current)
        except RulesError:
            pass
    return load_rules()


@dataclass(frozen=True)
class Change:
    """One difference: a field of a country's entry (or of the DACA rules)."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class CountryDiff:
    country: str
    name: str
    kind: str  # "added", "removed", "changed"
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class RulesDiff:
    old_as_of: date
    new_as_of: date
    daca: tuple[Change, ...]
    countries: tuple[CountryDiff, ...]

    @property
    def empty(self) -> bool:
        return not self.daca and not self.countries


def _text(value: object) -> str:
    if value is None:
        return "—"
    if hasattr(value, "start") and hasattr(value, "end"):
        return f"{value.start.isoformat()} – {value.end.isoformat()}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def diff_rules(old: Rules, new: Rules) -> RulesDiff:
    """What changes from ``old`` to ``new``, country by country (sorted by code)."""
    daca = tuple(
        Change(name, _text(getattr(old.daca, name)), _text(getattr(new.daca, name)))
        for name in ("initial_requests_granted", "note")
        if getattr(old.daca, name) != getattr(new.daca, name)
    )
    countries: list[CountryDiff] = []
    for code in sorted(set(old.tps) | set(new.tps)):
        before, after = old.tps.get(code), new.tps.get(code)
        if before is None and after is not None:
            countries.append(CountryDiff(code, after.name, "added"))
        elif after is None and before is not None:
            countries.append(CountryDiff(code, before.name, "removed"))
        elif before is not None and after is not None:
            changes = tuple(
                Change(name, _text(getattr(before, name)), _text(getattr(after, name)))
                for name in _COMPARED
                if getattr(before, name) != getattr(after, name)
            )
            if changes:
                countries.append(CountryDiff(code, after.name, "changed", changes))
    return RulesDiff(old.as_of, new.as_of, daca, tuple(countries))


@dataclass(frozen=True)
class Candidate:
    """A validated rules file waiting for the supervisor's decision."""

    text: str
    rules: Rules
    diff: RulesDiff


class RulesRefused(ValueError):
    """The file is not newer than the rules in force."""


def preview(folder: Path, file: Path) -> Candidate:
    """Reads and validates ``file``; raises ``RulesError`` or ``RulesRefused``."""
    try:
        text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(str(file), [_("cannot be read: {error}").format(error=exc)]) from exc
    new = parse_rules(text, str(file))
    old = active_rules(folder)
    if new.as_of <= old.as_of:
        raise RulesRefused(
            _("This rules file (as of {new}) is not newer than the rules in force ({old}).").format(
                new=new.as_of.isoformat(), old=old.as_of.isoformat()
            )
        )
    return Candidate(text, new, diff_rules(old, new))


def accept(vault: Vault, candidate: Candidate) -> None:
    """Puts the candidate in force, keeping the replaced file as ``previous.json``."""
    vault.require_supervisor()
    parse_rules(candidate.text)  # the text is what is written: check it again
    folder = rules_folder(vault.path)
    folder.mkdir(parents=True, exist_ok=True)
    current = folder / CURRENT
    if current.is_file():
        os.replace(current, folder / PREVIOUS)
    else:
        atomic_write(folder / PREVIOUS, load_rules_text())
    atomic_write(current, candidate.text.encode("utf-8"))
    vault.audit(RULES_ACTION, f"rules:{candidate.rules.as_of.isoformat()}")


def load_rules_text() -> bytes:
    from clinic_app.resources import resource_path
    from clinic_app.screening.rules import SHIPPED_RULES

    return resource_path(*SHIPPED_RULES).read_bytes()


def roll_back(vault: Vault) -> Rules:
    """Swaps the current and previous files (so the roll-back can itself be undone)."""
    vault.require_supervisor()
    folder = rules_folder(vault.path)
    current, previous = folder / CURRENT, folder / PREVIOUS
    if not previous.is_file():
        raise RulesRefused(_("There is no earlier rules file to go back to."))
    rules = load_rules(previous)
    swap = folder / ".swap.json"
    os.replace(previous, swap)
    if current.is_file():
        os.replace(current, previous)
    os.replace(swap, current)
    vault.audit(RULES_ACTION, f"rules:{rules.as_of.isoformat()}")
    return rules


def stale_warning(rules: Rules, today: date) -> str | None:
    """The home screen's warning when the rules are more than 90 days old."""
    if not rules.stale_on(today):
        return None
    return _(
        "The screening rules are from {date}, more than 90 days ago. "
        "Ask a supervisor to import the latest rules file."
    ).format(date=rules.as_of.isoformat())


__all__ = [
    "Candidate",
    "Change",
    "CountryDiff",
    "RulesDiff",
    "RulesRefused",
    "accept",
    "active_rules",
    "diff_rules",
    "preview",
    "roll_back",
    "rules_folder",
    "stale_warning",
]
