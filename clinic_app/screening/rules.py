"""The rules file: dated, sourced facts (DACA status, TPS designations) as data.

``load_rules`` validates the whole file and either returns a complete rule
set or raises one ``RulesError`` that lists every problem; it never returns
a half-valid rule set. Format: ../shared/spec/screening.md, "Rules file
format"; optional extra fields are documented in docs/screening.md.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Literal

from clinic_app.i18n import _, ngettext
from clinic_app.resources import resource_path

SHIPPED_RULES: Final = ("rules", "rules.json")
STALE_AFTER_DAYS: Final = 90
TpsStatus = Literal["active", "terminated"]

_DATE_RE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_TOP_FIELDS: Final = frozenset({"as_of", "sources", "daca", "tps", "note"})
_SOURCE_FIELDS: Final = frozenset({"title", "url", "retrieved"})
_DACA_FIELDS: Final = frozenset({"initial_requests_granted", "note"})
_ENTRY_DATES: Final = (
    "continuous_residence_since",
    "continuous_presence_since",
    "designated_until",
)
_ENTRY_WINDOWS: Final = ("initial_registration", "reregistration")
_ENTRY_FIELDS: Final = frozenset(
    {"name", "status", "litigation", "verified", "note", "sources", "unverified"}
    | set(_ENTRY_DATES)
    | set(_ENTRY_WINDOWS)
)
# Codes CLDR knows that ISO 3166-1 does not assign (reserved or private use).
_NOT_ISO_3166_1: Final = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
)


class RulesError(ValueError):
    """A rules file that cannot be used; ``problems`` lists every reason."""

    def __init__(self, origin: str, problems: list[str]) -> None:
        self.origin = origin
        self.problems: tuple[str, ...] = tuple(problems)
        header = ngettext(
            "The rules file {origin} cannot be used ({count} problem):",
            "The rules file {origin} cannot be used ({count} problems):",
            len(problems),
        ).format(origin=origin, count=len(problems))
        super().__init__("\n".join([header, *(f"- {p}" for p in problems)]))


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    retrieved: date


@dataclass(frozen=True)
class Window:
    """A registration window; both ends inclusive."""

    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class TpsEntry:
    """One country's latest TPS designation."""

    country: str
    name: str
    status: TpsStatus
    litigation: bool
    continuous_residence_since: date | None
    continuous_presence_since: date | None
    designated_until: date | None
    initial_registration: Window | None
    reregistration: Window | None
    verified: bool
    note: str = ""
    unverified: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class DacaRules:
    initial_requests_granted: bool
    note: str


@dataclass(frozen=True)
class Rules:
    as_of: date
    sources: tuple[Source, ...]
    daca: DacaRules
    tps: Mapping[str, TpsEntry]
    note: str = ""

    def stale_on(self, today: date) -> bool:
        """Whether the app must warn: the file is more than 90 days older than today."""
        return (today - self.as_of).days > STALE_AFTER_DAYS


@cache
def iso_3166_alpha2() -> frozenset[str]:
    """The 249 ISO 3166-1 alpha-2 codes, from Babel's CLDR territory list."""
    from babel import Locale

    codes = (code for code in Locale("en").territories if isinstance(code, str))
    return frozenset(
        code for code in codes if len(code) == 2 and code.isalpha() and code not in _NOT_ISO_3166_1
    )


def load_rules(path: str | os.PathLike[str] | None = None) -> Rules:
    """The rules in ``path``, or the file shipped in resources/rules/.

    Raises RulesError (listing every problem) for a file that cannot be read,
    is not JSON, or does not follow the format.
    """
    file = Path(path) if path is not None else resource_path(*SHIPPED_RULES)
    origin = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(origin, [_("cannot be read: {error}").format(error=exc)]) from exc
    return parse_rules(text, origin)


def parse_rules(text: str, origin: str = "<rules>") -> Rules:
    """Validates rules-file text; raises RulesError listing every problem."""
    duplicates: list[str] = []

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                duplicates.append(_("{field}: given more than once").format(field=key))
            seen[key] = value
        return seen

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        raise RulesError(origin, [_("not valid JSON: {error}").format(error=exc)]) from exc
    checker = _Checker()
    checker.problems.extend(duplicates)
    rules = checker.rules(data)
    if checker.problems or rules is None:
        raise RulesError(origin, checker.problems or [_("no rules found")])
    return rules


class _Checker:
    """Walks the whole document, recording every problem instead of stopping."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, field: str, message: str) -> None:
        self.problems.append(f"{field}: {message}")

    def obj(self, value: object, field: str, allowed: frozenset[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(field, _("must be an object"))
            return None
        for key in sorted(set(value) - allowed):
            self.problem(f"{field}.{key}" if field else key, _("unknown field"))
        return value

    def date(self, parent: Mapping[str, Any], key: str, field: str, required: bool) -> date | None:
        if key not in parent or (parent[key] is None and not required):
            if required:
                self.problem(field, _("required"))
            return None
        value = parent[key]
        if isinstance(value, str) and _DATE_RE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(field, _("must be a date written YYYY-MM-DD"))
        return None

    def text(self, parent: Mapping[str, Any], key: str, field: str, required: bool) -> str:
        if key not in parent:
            if required:
                self.problem(field, _("required"))
            return ""
        value = parent[key]
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(field, _("must be a non-empty text") if required else _("must be a text"))
            return ""
        return value

    def flag(self, parent: Mapping[str, Any], key: str, field: str, required: bool) -> bool:
        if key not in parent:
            if required:
                self.problem(field, _("required"))
            return False
        value = parent[key]
        if not isinstance(value, bool):
            self.problem(field, _("must be true or false"))
            return False
        return value

    def window(
        self, parent: Mapping[str, Any], key: str, field: str, required: bool
    ) -> Window | None:
        if key not in parent:
            if required:
                self.problem(field, _("required"))
            return None
        value = parent[key]
        if value is None and key == "reregistration":
            return None  # no re-registration period announced (a first designation)
        raw = self.obj(value, field, frozenset({"start", "end"}))
        if raw is None:
            return None
        start = self.date(raw, "start", f"{field}.start", required=True)
        end = self.date(raw, "end", f"{field}.end", required=True)
        if start is None or end is None:
            return None
        if start > end:
            self.problem(field, _("starts after it ends"))
            return None
        return Window(start, end)

    def sources(self, value: object, field: str, required: bool) -> tuple[Source, ...]:
        if not isinstance(value, list) or (required and not value):
            self.problem(field, _("must be a non-empty list of sources"))
            return ()
        found = []
        for i, item in enumerate(value):
            where = f"{field}[{i}]"
            raw = self.obj(item, where, _SOURCE_FIELDS)
            if raw is None:
                continue
            title = self.text(raw, "title", f"{where}.title", required=True)
            url = self.text(raw, "url", f"{where}.url", required=True)
            if url and not url.startswith(("https://", "http://")):
                self.problem(f"{where}.url", _("must be a web address"))
            retrieved = self.date(raw, "retrieved", f"{where}.retrieved", required=True)
            if title and url and retrieved:
                found.append(Source(title, url, retrieved))
        return tuple(found)

    def rules(self, data: object) -> Rules | None:
        top = self.obj(data, "", _TOP_FIELDS)
        if top is None:
            return None
        as_of = self.date(top, "as_of", "as_of", required=True)
        sources = self.sources(top.get("sources"), "sources", required=True)
        note = self.text(top, "note", "note", required=False)
        daca = self.daca(top.get("daca"))
        tps_raw = top.get("tps")
        entries: dict[str, TpsEntry] = {}
        if not isinstance(tps_raw, dict):
            self.problem("tps", _("must be an object of countries"))
        else:
            for code, raw in tps_raw.items():
                entry = self.entry(code, raw)
                if entry is not None:
                    entries[code] = entry
        if self.problems or as_of is None or daca is None:
            return None
        return Rules(as_of, sources, daca, MappingProxyType(dict(sorted(entries.items()))), note)

    def daca(self, value: object) -> DacaRules | None:
        raw = self.obj(value, "daca", _DACA_FIELDS)
        if raw is None:
            return None
        granted = self.flag(raw, "initial_requests_granted", "daca.initial_requests_granted", True)
        return DacaRules(granted, self.text(raw, "note", "daca.note", required=True))

    def entry(self, code: str, value: object) -> TpsEntry | None:
        field = f"tps.{code}"
        before = len(self.problems)
        if code not in iso_3166_alpha2():
            self.problem(field, _("not an ISO 3166-1 alpha-2 country code"))
        raw = self.obj(value, field, _ENTRY_FIELDS)
        if raw is None:
            return None
        name = self.text(raw, "name", f"{field}.name", required=True)
        status = raw.get("status")
        if status not in ("active", "terminated"):
            self.problem(f"{field}.status", _('must be "active" or "terminated"'))
        active = status != "terminated"  # an unknown status is checked as strictly as active
        litigation = self.flag(raw, "litigation", f"{field}.litigation", required=True)
        verified = self.flag(raw, "verified", f"{field}.verified", required=active)
        dates = {k: self.date(raw, k, f"{field}.{k}", required=active) for k in _ENTRY_DATES}
        windows = {k: self.window(raw, k, f"{field}.{k}", required=active) for k in _ENTRY_WINDOWS}
        residence, presence = (
            dates["continuous_residence_since"],
            dates["continuous_presence_since"],
        )
        if residence and presence and residence > presence:
            self.problem(
                field,
                _("continuous_residence_since is after continuous_presence_since"),
            )
        unverified = self.unverified(raw, field, verified)
        sources = self.sources(raw["sources"], f"{field}.sources", True) if "sources" in raw else ()
        note = self.text(raw, "note", f"{field}.note", required=False)
        if len(self.problems) > before:
            return None
        return TpsEntry(
            country=code,
            name=name,
            status="active" if active else "terminated",
            litigation=litigation,
            continuous_residence_since=residence,
            continuous_presence_since=presence,
            designated_until=dates["designated_until"],
            initial_registration=windows["initial_registration"],
            reregistration=windows["reregistration"],
            verified=verified,
            note=note,
            unverified=unverified,
            sources=sources,
        )

    def unverified(self, raw: Mapping[str, Any], field: str, verified: bool) -> tuple[str, ...]:
        value = raw.get("unverified", [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(f"{field}.unverified", _("must be a list of field names"))
            return ()
        for name in value:
            if name not in _ENTRY_FIELDS:
                self.problem(f"{field}.unverified", _("{name} is not a field").format(name=name))
        if value and verified:
            self.problem(field, _("verified is true but some fields are listed as unverified"))
        return tuple(value)
