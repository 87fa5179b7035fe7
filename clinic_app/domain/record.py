"""The intake record: exactly what storage stores, and nothing it must not.

``IntakeRecord`` has one attribute per stored catalogue field and no others, so
a screening answer has nowhere to go: ``from_mapping`` refuses any key that is
not a stored field, naming screening-only keys as such. Text typed by users is
cleaned (``sanitise.clean_text``) on the way in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from clinic_app.domain.fields import (
    FIELDS,
    SCREENING_ANSWER_KEYS,
    STORED_FIELDS,
    Field,
    FieldClass,
    Kind,
    may_store,
)
from clinic_app.domain.sanitise import clean_text

PROGRAMS: tuple[str, ...] = (
    "daca",
    "tps",
    "asylum",
    "sijs",
    "u_visa",
    "t_visa",
    "vawa",
    "naturalization",
    "family",
)
OUTCOMES = frozenset({"likely", "possible", "unlikely", "needs_info", "not_applicable"})
DEADLINE_KINDS = frozenset(
    {
        "hearing",
        "asylum_one_year",
        "daca_expiration",
        "tps_registration_end",
        "tps_reregistration_end",
        "bia_appeal",
        "sijs_age_out",
        "asylum_reasonable_period",
    }
)
# Keys of ``screen(...).to_dict()`` that are recomputed, not stored.
RECOMPUTED_KEYS = frozenset({"urgency"})
# Urgency reasons that do not depend on the day (screening.urgency.FIXED_REASONS):
# the only ones kept, because ``urgency_on`` cannot recompute them from deadlines.
# Date-based reasons would be stale the next day and are dropped.
FIXED_URGENCY_REASONS: tuple[str, ...] = (
    "detained",
    "final_order",
    "reentry_after_removal",
    "asylum_exception_status_held",  # once the asylum deadline has passed it stays so
    "proceedings_no_hearing_date",
    "lpr_criminal_history",
)
_CODE = re.compile(r"[a-z][a-z0-9_]{0,63}")
_ZIP = re.compile(r"[0-9]{5}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z]{2,8})?")


class RecordError(ValueError):
    """A value that a record cannot hold. The message names the field, never the value."""


class UnstorableFieldError(RecordError):
    """A screening-only or unknown key was offered for storage."""


def _code(value: object, what: str) -> str:
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        raise RecordError(f"{what}: not a code")
    return value


def _iso_date(value: object, what: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise RecordError(f"{what}: not a date")


@dataclass(frozen=True, slots=True)
class ProgramOutcome:
    """One program's stored screening outcome."""

    program: str
    outcome: str
    reasons: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Deadline:
    kind: str
    date: date


@dataclass(frozen=True, slots=True)
class ScreeningOutcome:
    """The stored form of a screening result: ``screen().to_dict()`` minus urgency.

    It carries outcomes, reason codes, the names of missing answer keys,
    deadlines and the date-independent urgency reasons; never an answer.
    Urgency is recomputed from it on the day shown
    (``screening.urgency_on(outcome.to_dict(), day)``).
    """

    rules_as_of: date
    programs: tuple[ProgramOutcome, ...]
    needs_representation: bool
    deadlines: tuple[Deadline, ...]
    urgency_reasons: tuple[str, ...] = ()  # only FIXED_URGENCY_REASONS, in that order

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScreeningOutcome:
        """Validates the shape strictly; unknown keys are refused, urgency is dropped."""
        if not isinstance(data, Mapping):
            raise RecordError("screening_result: not a mapping")
        expected = {"rules_as_of", "programs", "needs_representation", "deadlines"}
        extra = set(data) - expected - RECOMPUTED_KEYS - {"urgency_reasons"}
        if extra or not expected <= set(data):
            raise RecordError("screening_result: unexpected shape")
        programs = data["programs"]
        if not isinstance(programs, Mapping) or set(programs) != set(PROGRAMS):
            raise RecordError("screening_result: programs must be exactly the nine programs")
        parsed = tuple(_program(name, programs[name]) for name in PROGRAMS)
        if not isinstance(data["needs_representation"], bool):
            raise RecordError("screening_result: needs_representation must be a bool")
        deadlines = data["deadlines"]
        if not isinstance(deadlines, Sequence) or isinstance(deadlines, str):
            raise RecordError("screening_result: deadlines must be a list")
        return cls(
            rules_as_of=_iso_date(data["rules_as_of"], "screening_result.rules_as_of"),
            programs=parsed,
            needs_representation=data["needs_representation"],
            deadlines=tuple(_deadline(d) for d in deadlines),
            urgency_reasons=_fixed_reasons(data.get("urgency_reasons", ())),
        )

    def __post_init__(self) -> None:
        if tuple(p.program for p in self.programs) != PROGRAMS:
            raise RecordError("screening_result: programs must be exactly the nine programs")
        if self.urgency_reasons != _fixed_reasons(self.urgency_reasons):
            raise RecordError("screening_result: urgency_reasons must be date-independent codes")

    def program(self, name: str) -> ProgramOutcome:
        return self.programs[PROGRAMS.index(name)]

    def to_dict(self) -> dict[str, Any]:
        """The JSON-serialisable stored shape (screening.md's, without urgency)."""
        return {
            "rules_as_of": self.rules_as_of.isoformat(),
            "programs": {
                p.program: {
                    "outcome": p.outcome,
                    "reasons": list(p.reasons),
                    "missing": list(p.missing),
                }
                for p in self.programs
            },
            "needs_representation": self.needs_representation,
            "deadlines": [{"kind": d.kind, "date": d.date.isoformat()} for d in self.deadlines],
            "urgency_reasons": list(self.urgency_reasons),
        }


def _fixed_reasons(value: object) -> tuple[str, ...]:
    """The date-independent urgency reasons among ``value``, in the contract's order."""
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise RecordError("screening_result.urgency_reasons: not a list")
    given = {_code(r, "screening_result.urgency_reasons") for r in value}
    return tuple(r for r in FIXED_URGENCY_REASONS if r in given)


def _program(name: str, value: object) -> ProgramOutcome:
    what = f"screening_result.{name}"
    if not isinstance(value, Mapping) or set(value) != {"outcome", "reasons", "missing"}:
        raise RecordError(f"{what}: unexpected shape")
    if value["outcome"] not in OUTCOMES:
        raise RecordError(f"{what}: unknown outcome")
    lists = []
    for key in ("reasons", "missing"):
        items = value[key]
        if not isinstance(items, Sequence) or isinstance(items, str):
            raise RecordError(f"{what}.{key}: not a list")
        lists.append(tuple(_code(i, f"{what}.{key}") for i in items))
    if any(key not in SCREENING_ANSWER_KEYS for key in lists[1]):
        raise RecordError(f"{what}.missing: not an answer key")
    return ProgramOutcome(name, value["outcome"], lists[0], lists[1])


def _deadline(value: object) -> Deadline:
    if not isinstance(value, Mapping) or set(value) != {"kind", "date"}:
        raise RecordError("screening_result.deadlines: unexpected shape")
    if value["kind"] not in DEADLINE_KINDS:
        raise RecordError("screening_result.deadlines: unknown kind")
    return Deadline(value["kind"], _iso_date(value["date"], "screening_result.deadlines"))


EO41_ITEMS: frozenset[str] = frozenset(
    f.name
    for f in STORED_FIELDS
    if f.field_class is FieldClass.EO41_CONFIDENTIAL and f.kind is not Kind.CONSENT
)
# What a consent may cover: the EO-41 items, and the referral needs, which are
# confidential on paper (confidentiality.md v2).
CONSENTABLE_ITEMS: frozenset[str] = EO41_ITEMS | {"referral_needs"}


@dataclass(frozen=True, slots=True)
class Consent:
    """The client's written consent to share some EO-41 items on a referral sheet.

    It is valid only with the date it was given and the volunteer who recorded it.
    """

    items: frozenset[str]
    given_on: date
    recorded_by: str

    def __post_init__(self) -> None:
        if not isinstance(self.items, frozenset) or not self.items <= CONSENTABLE_ITEMS:
            raise RecordError("eo41_consent: items must be EO-41 fields or referral needs")
        object.__setattr__(self, "given_on", _iso_date(self.given_on, "eo41_consent.given_on"))
        if not isinstance(self.recorded_by, str):
            raise RecordError("eo41_consent: recorded_by must be text")
        object.__setattr__(self, "recorded_by", clean_text(self.recorded_by))
        if not self.recorded_by:
            raise RecordError("eo41_consent: the volunteer's name is required")

    def covers(self, name: str) -> bool:
        return name in self.items

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": sorted(self.items),
            "given_on": self.given_on.isoformat(),
            "recorded_by": self.recorded_by,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Consent:
        if not isinstance(data, Mapping) or set(data) != {"items", "given_on", "recorded_by"}:
            raise RecordError("eo41_consent: unexpected shape")
        items = data["items"]
        if not isinstance(items, Sequence) or isinstance(items, str):
            raise RecordError("eo41_consent: items must be a list")
        return cls(
            frozenset(_code(i, "eo41_consent.items") for i in items),
            _iso_date(data["given_on"], "eo41_consent.given_on"),
            data["recorded_by"],
        )


@dataclass(frozen=True, slots=True)
class IntakeRecord:
    """One client's stored record: every stored catalogue field, nothing else.

    ``given_name``, ``family_name``, ``intake_date``, ``site``, ``volunteer``
    and ``client_language`` are required; everything else may be unknown (None).
    """

    record_id: str
    given_name: str
    family_name: str
    client_language: str
    intake_date: date
    site: str
    volunteer: str
    preferred_name: str | None = None
    date_of_birth: date | None = None
    phone: str | None = None
    email: str | None = None
    zip_code: str | None = None
    safe_to_call: bool | None = None
    safe_to_leave_voicemail: bool | None = None
    safe_to_send_mail: bool | None = None
    preferred_contact: str | None = None
    referral_needs: tuple[str, ...] = ()
    referral_destination: str | None = None
    appointment: datetime | None = None
    case_status: str = "new"
    case_closed_on: date | None = None
    case_outcome: str | None = None
    services_delivered: tuple[str, ...] = ()
    interpreter_needed: bool | None = None
    screening_consent_on: date | None = None
    screening_result: ScreeningOutcome | None = None
    dv_or_sexual_assault_victim: bool | None = None
    crime_victim_or_witness: bool | None = None
    public_assistance: bool | None = None
    tax_records: bool | None = None
    sexual_orientation: bool | None = None
    notes: str | None = None
    eo41_consent: Consent | None = None

    def __post_init__(self) -> None:
        for f in STORED_FIELDS:
            value = getattr(self, f.name)
            if value is None:
                continue
            object.__setattr__(self, f.name, _checked(f, value))
        for name in ("record_id", "given_name", "family_name", "site", "volunteer"):
            if not getattr(self, name):
                raise RecordError(f"{name}: required")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> IntakeRecord:
        """Builds a record from plain values (e.g. a form or a decrypted row).

        Screening-only answers and unknown keys are refused, so a caller that
        passes the whole screening session by mistake fails loudly.
        """
        for key in data:
            if not may_store(key):
                kind = "screening-only" if key in FIELDS else "unknown"
                raise UnstorableFieldError(f"{key}: {kind} field, never stored")
        values = dict(data)
        if isinstance(values.get("screening_result"), Mapping):
            values["screening_result"] = ScreeningOutcome.from_dict(values["screening_result"])
        if isinstance(values.get("eo41_consent"), Mapping):
            values["eo41_consent"] = Consent.from_dict(values["eo41_consent"])
        for name in ("date_of_birth", "intake_date", "case_closed_on", "screening_consent_on"):
            if isinstance(values.get(name), str):
                values[name] = _iso_date(values[name], name)
        if isinstance(values.get("appointment"), str):
            try:
                values["appointment"] = datetime.fromisoformat(values["appointment"])
            except ValueError:
                raise RecordError("appointment: not a date and time") from None
        for name in ("referral_needs", "services_delivered"):
            if isinstance(values.get(name), list):
                values[name] = tuple(values[name])
        try:
            return cls(**values)
        except TypeError:
            raise RecordError("a required field is missing") from None

    def to_mapping(self) -> dict[str, Any]:
        """Plain JSON-friendly values, one key per stored field."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, ScreeningOutcome | Consent):
                value = value.to_dict()
            elif isinstance(value, date):  # also datetime
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out


def _checked(f: Field, value: object) -> object:
    name, kind = f.name, f.kind
    ok: bool
    if kind is Kind.TEXT:
        if not isinstance(value, str):
            raise RecordError(f"{name}: not text")
        text = clean_text(value, multiline=name == "notes")
        if name == "zip_code" and not _ZIP.fullmatch(text):
            raise RecordError(f"{name}: not a five-digit ZIP code")
        return text
    if kind is Kind.DATE:
        ok = isinstance(value, date) and not isinstance(value, datetime)
    elif kind is Kind.DATETIME:
        ok = isinstance(value, datetime)
    elif kind is Kind.BOOL:
        ok = isinstance(value, bool)
    elif kind is Kind.CHOICE:
        ok = value in f.choices
    elif kind is Kind.CHOICES:
        ok = (
            isinstance(value, tuple)
            and all(v in f.choices for v in value)
            and len(set(value)) == len(value)
        )
    elif kind is Kind.LANGUAGE:
        ok = isinstance(value, str) and bool(_LANGUAGE.fullmatch(value))
    elif kind is Kind.SCREENING_RESULT:
        ok = isinstance(value, ScreeningOutcome)
    else:
        ok = isinstance(value, Consent)
    if not ok:
        raise RecordError(f"{name}: wrong type or value")
    return value
