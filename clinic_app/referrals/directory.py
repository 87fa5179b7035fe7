"""The provider directory: legal-services organisations a client can be referred to.

Pure data and CSV. A provider is an organisation, never a client: nothing in
this module is confidential, but imported text is cleaned like any other
input, and exported CSV cells are neutralised against formula injection
(a spreadsheet would run a cell starting with ``=``, ``+``, ``-`` or ``@``).
An import is all-or-nothing: every bad line is reported with its line number
and the reason, and nothing is stored unless every line is good.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final

from clinic_app.domain import csvsafe
from clinic_app.domain.sanitise import clean_text
from clinic_app.i18n import N_, _

# Services, in the order the sheet and the editor list them.
SERVICES: Final[tuple[str, ...]] = (
    "daca",
    "tps",
    "removal_defense",
    "detained",
    "asylum",
    "children_sijs",
    "u_t_vawa",
    "family",
    "naturalization",
)
SERVICE_NAMES: Final[Mapping[str, str]] = {
    "daca": N_("DACA"),
    "tps": N_("TPS"),
    "removal_defense": N_("Removal defense"),
    "detained": N_("Detained cases"),
    "asylum": N_("Asylum"),
    "children_sijs": N_("Children and SIJS"),
    "u_t_vawa": N_("U visa, T visa, VAWA"),
    "family": N_("Family petitions"),
    "naturalization": N_("Naturalization"),
}
BOROUGHS: Final[tuple[str, ...]] = ("bronx", "brooklyn", "manhattan", "queens", "staten_island")
BOROUGH_NAMES: Final[Mapping[str, str]] = {
    "bronx": N_("Bronx"),
    "brooklyn": N_("Brooklyn"),
    "manhattan": N_("Manhattan"),
    "queens": N_("Queens"),
    "staten_island": N_("Staten Island"),
}
# USPS three-digit ZIP prefixes of New York City.
ZIP3_BOROUGH: Final[Mapping[str, str]] = {
    "100": "manhattan",
    "101": "manhattan",
    "102": "manhattan",
    "103": "staten_island",
    "104": "bronx",
    "110": "queens",
    "111": "queens",
    "112": "brooklyn",
    "113": "queens",
    "114": "queens",
    "116": "queens",
}
ACCESS: Final[tuple[str, ...]] = ("walk_in", "appointment", "both")
ACCESS_NAMES: Final[Mapping[str, str]] = {
    "walk_in": N_("Walk-in"),
    "appointment": N_("By appointment"),
    "both": N_("Walk-in or by appointment"),
}
COLUMNS: Final[tuple[str, ...]] = (
    "name",
    "services",
    "languages",
    "boroughs",
    "zip_prefixes",
    "phone",
    "email",
    "address",
    "hours",
    "access",
    "eligibility",
    "notes",
)
# Columns a file (or a provider stored before they existed) may leave out.
OPTIONAL_COLUMNS: Final = frozenset({"eligibility"})
LIST_SEPARATOR: Final = ";"
MAX_TEXT: Final = 300
MAX_PROVIDERS: Final = 2000
# A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_STARTS: Final = tuple(sorted(csvsafe.TRIGGERS))

_LANGUAGE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z]{2,8})?")
_ZIP_PREFIX = re.compile(r"[0-9]{1,5}")
_PHONE = re.compile(r"[0-9+() .\-x]{7,40}")
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,190}\.[A-Za-z]{2,24}")


class ProviderError(ValueError):
    """A provider value that is not acceptable; the message is translated."""


@dataclass(frozen=True)
class Provider:
    """One organisation of the directory. ``provider_id`` is the vault's, or None."""

    name: str
    services: frozenset[str]
    languages: frozenset[str]
    boroughs: frozenset[str] = frozenset()
    zip_prefixes: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    address: str = ""
    hours: str = ""
    access: str = "appointment"
    # Who the provider serves (free text: "Queens residents; under 21; income limit").
    eligibility: str = ""
    notes: str = ""
    provider_id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        for name in ("name", "phone", "email", "address", "hours", "eligibility", "notes"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise ProviderError(_("{field}: must be text.").format(field=name))
            text = clean_text(value).strip()
            if len(text) > MAX_TEXT:
                raise ProviderError(_("{field}: too long.").format(field=name))
            object.__setattr__(self, name, text)
        if not self.name:
            raise ProviderError(_("name: required."))
        _check_set(self.services, SERVICES, "services")
        if not self.services:
            raise ProviderError(_("services: at least one is required."))
        if not isinstance(self.languages, frozenset) or not all(
            isinstance(code, str) and _LANGUAGE.fullmatch(code) for code in self.languages
        ):
            raise ProviderError(_("languages: use language codes such as en, es, zh_Hant."))
        if not self.languages:
            raise ProviderError(_("languages: at least one is required."))
        _check_set(self.boroughs, BOROUGHS, "boroughs")
        if not all(isinstance(z, str) and _ZIP_PREFIX.fullmatch(z) for z in self.zip_prefixes):
            raise ProviderError(_("zip_prefixes: use one to five digits each."))
        object.__setattr__(self, "zip_prefixes", tuple(sorted(set(self.zip_prefixes))))
        if self.phone and not _PHONE.fullmatch(self.phone):
            raise ProviderError(_("phone: not a phone number."))
        if self.email and not _EMAIL.fullmatch(self.email):
            raise ProviderError(_("email: not an e-mail address."))
        if self.access not in ACCESS:
            raise ProviderError(
                _("access: must be one of {choices}.").format(choices=", ".join(ACCESS))
            )
        if not self.phone and not self.email and not self.address:
            raise ProviderError(_("contact: give a phone number, an e-mail or an address."))

    def serves_area(self, zip_code: str | None) -> bool:
        """True when the provider lists the client's ZIP prefix or its borough."""
        if not zip_code:
            return False
        if any(zip_code.startswith(p) for p in self.zip_prefixes):
            return True
        return borough_of(zip_code) in self.boroughs

    def to_mapping(self) -> dict[str, Any]:
        """Plain JSON values (what the vault stores); without the id."""
        return {
            "name": self.name,
            "services": sorted(self.services, key=SERVICES.index),
            "languages": sorted(self.languages),
            "boroughs": sorted(self.boroughs),
            "zip_prefixes": list(self.zip_prefixes),
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
            "hours": self.hours,
            "access": self.access,
            "eligibility": self.eligibility,
            "notes": self.notes,
        }

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], provider_id: int | None = None) -> Provider:
        required = set(COLUMNS) - OPTIONAL_COLUMNS
        if not isinstance(data, Mapping) or not required <= set(data) <= set(COLUMNS):
            raise ProviderError(_("The provider data has an unexpected shape."))
        for name in ("services", "languages", "boroughs", "zip_prefixes"):
            if not isinstance(data[name], list | tuple):
                raise ProviderError(_("{field}: must be a list.").format(field=name))
        return cls(
            name=data["name"],
            services=frozenset(data["services"]),
            languages=frozenset(data["languages"]),
            boroughs=frozenset(data["boroughs"]),
            zip_prefixes=tuple(data["zip_prefixes"]),
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            hours=data["hours"],
            access=data["access"],
            eligibility=data.get("eligibility", ""),
            notes=data["notes"],
            provider_id=provider_id,
        )


def _check_set(values: object, allowed: Sequence[str], name: str) -> None:
    if not isinstance(values, frozenset) or not values <= set(allowed):
        raise ProviderError(
            _("{field}: use only {choices}.").format(field=name, choices=", ".join(allowed))
        )


def borough_of(zip_code: str | None) -> str | None:
    """The NYC borough of a five-digit ZIP code, or None outside the city."""
    if not zip_code or len(zip_code) < 3:
        return None
    return ZIP3_BOROUGH.get(zip_code[:3])


# --- CSV -----------------------------------------------------------------


@dataclass(frozen=True)
class LineProblem:
    line: int  # 1-based line of the file; the header is line 1
    reason: str  # translated

    def __str__(self) -> str:
        return _("Line {line}: {reason}").format(line=self.line, reason=self.reason)


class CsvImportError(ValueError):
    """The file was refused; ``problems`` lists every bad line. Nothing was imported."""

    def __init__(self, problems: Sequence[LineProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


def _provider_from_row(row: Mapping[str, str]) -> Provider:
    # Undoes the export's neutralising, so an exported file imports back unchanged.
    cells = {k: csvsafe.restore(row.get(k) or "") for k in COLUMNS}
    return Provider(
        name=cells["name"],
        services=frozenset(_split(cells["services"])),
        languages=frozenset(_split(cells["languages"])),
        boroughs=frozenset(_split(cells["boroughs"])),
        zip_prefixes=tuple(_split(cells["zip_prefixes"])),
        phone=cells["phone"],
        email=cells["email"],
        address=cells["address"],
        hours=cells["hours"],
        access=cells["access"].strip() or "appointment",
        eligibility=cells["eligibility"],
        notes=cells["notes"],
    )


def parse_csv(text: str) -> list[Provider]:
    """Every provider of a directory CSV, or ``CsvImportError`` naming every bad line.

    The first line is the header and must name every column of ``COLUMNS``
    (in any order, no others; ``eligibility`` may be left out). Lists inside a
    cell are separated by ``;``. The format is documented in docs/referral-sheets.md.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[LineProblem] = []
    providers: list[Provider] = []
    try:
        header = next(reader, None)
    except csv.Error:
        raise CsvImportError([LineProblem(1, _("The header line is not valid CSV."))]) from None
    if header is None:
        raise CsvImportError([LineProblem(1, _("The file is empty."))])
    names = [h.strip().lower() for h in header]
    required = set(COLUMNS) - OPTIONAL_COLUMNS
    if len(set(names)) != len(names) or not required <= set(names) <= set(COLUMNS):
        raise CsvImportError(
            [
                LineProblem(
                    1,
                    _("The header must name exactly these columns: {columns}.").format(
                        columns=", ".join(COLUMNS)
                    ),
                )
            ]
        )
    seen: dict[str, int] = {}
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            problems.append(LineProblem(start, _("This line is not valid CSV.")))
            break  # the reader cannot resynchronise after a broken quote
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(names):
            problems.append(
                LineProblem(
                    start,
                    _("Expected {expected} cells, found {found}.").format(
                        expected=len(names), found=len(cells)
                    ),
                )
            )
            continue
        try:
            provider = _provider_from_row(dict(zip(names, cells, strict=True)))
        except ProviderError as error:
            problems.append(LineProblem(start, str(error)))
            continue
        key = provider.name.casefold()
        if key in seen:
            problems.append(
                LineProblem(
                    start,
                    _("The same organization is already on line {line}.").format(line=seen[key]),
                )
            )
            continue
        seen[key] = start
        providers.append(provider)
    if len(providers) > MAX_PROVIDERS:
        problems.append(LineProblem(1, _("At most {count} providers.").format(count=MAX_PROVIDERS)))
    if problems:
        raise CsvImportError(problems)
    return providers


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return csvsafe.neutralise(cell)


def to_csv(providers: Iterable[Provider]) -> str:
    """The directory as CSV text (UTF-8 when written), formula-safe, importable back."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for p in providers:
        data = p.to_mapping()
        row = [
            LIST_SEPARATOR.join(v) if isinstance(v, list) else str(v)
            for v in (data[c] for c in COLUMNS)
        ]
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()


def with_id(provider: Provider, provider_id: int) -> Provider:
    return replace(provider, provider_id=provider_id)
