"""The field catalogue: every piece of data the app knows about, with its class.

Classes are those of ``spec/confidentiality.md``. ``screening_only`` fields are
catalogued (so the UI can label them and the policy can refuse to store them)
but no record can hold one. ``never_collected`` items have no field at all;
they are listed in :data:`NEVER_COLLECTED` for documentation and for the
free-text note checker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from clinic_app.i18n import N_


class FieldClass(StrEnum):
    """Confidentiality class of a field (names fixed by the contract)."""

    IDENTITY = "identity"
    CONTACT_SAFETY = "contact_safety"
    SERVICE = "service"
    EO41_CONFIDENTIAL = "eo41_confidential"
    SCREENING_ONLY = "screening_only"
    NEVER_COLLECTED = "never_collected"


class Kind(StrEnum):
    """The value type of a field, as stored."""

    TEXT = "text"
    DATE = "date"
    DATETIME = "datetime"
    BOOL = "bool"
    COUNT = "count"
    CHOICE = "choice"
    CHOICES = "choices"  # a tuple of choice codes
    LANGUAGE = "language"
    SCREENING_RESULT = "screening_result"
    CONSENT = "consent"


@dataclass(frozen=True, slots=True)
class Field:
    """One catalogued field.

    ``label`` is an untranslated msgid (marked with ``N_``); translate it with
    ``_()`` at display time. ``countable`` marks the fields an aggregate report
    may count (categories, never free text).
    """

    name: str
    field_class: FieldClass
    label: str
    kind: Kind
    choices: tuple[str, ...] = ()
    countable: bool = False


PREFERRED_CONTACT = ("phone", "email", "none")
CASE_STATUS = ("new", "referred", "in_progress", "closed")
EDUCATION = ("in_school", "high_school_diploma", "ged", "honorable_discharge", "none")
STATUS_CHOICES = ("never", "current", "expired")
REFERRAL_NEEDS = (
    "daca",
    "tps",
    "asylum",
    "sijs",
    "u_visa",
    "t_visa",
    "vawa",
    "naturalization",
    "family",
    "removal_defense",
    "detention",
    "other",
)
# What the clinic did for the client, ticked when the case is closed.
SERVICES = ("screening", "application_help", "referral", "representation")
# How the case ended, chosen when it is closed (funders ask for these).
CASE_OUTCOMES = (
    "application_filed",
    "represented",
    "referred_out",
    "advice_only",
    "no_relief_available",
    "client_withdrew",
    "lost_contact",
)

_I = FieldClass.IDENTITY
_C = FieldClass.CONTACT_SAFETY
_S = FieldClass.SERVICE
_E = FieldClass.EO41_CONFIDENTIAL
_Q = FieldClass.SCREENING_ONLY

_STORED: tuple[Field, ...] = (
    # identity
    Field("record_id", _I, N_("Record number"), Kind.TEXT),
    Field("given_name", _I, N_("Given name"), Kind.TEXT),
    Field("family_name", _I, N_("Family name"), Kind.TEXT),
    Field("preferred_name", _I, N_("Preferred name"), Kind.TEXT),
    Field("date_of_birth", _I, N_("Date of birth"), Kind.DATE),
    Field("phone", _I, N_("Phone"), Kind.TEXT),
    Field("email", _I, N_("E-mail"), Kind.TEXT),
    Field("zip_code", _I, N_("ZIP code"), Kind.TEXT, countable=True),
    # contact_safety
    Field("safe_to_call", _C, N_("Safe to call"), Kind.BOOL),
    Field("safe_to_leave_voicemail", _C, N_("Safe to leave voicemail"), Kind.BOOL),
    Field("safe_to_send_mail", _C, N_("Safe to send mail"), Kind.BOOL),
    Field("preferred_contact", _C, N_("Preferred way to contact"), Kind.CHOICE, PREFERRED_CONTACT),
    # service
    Field("client_language", _S, N_("Client's language"), Kind.LANGUAGE, countable=True),
    Field("interpreter_needed", _S, N_("Interpreter needed"), Kind.BOOL, countable=True),
    Field("intake_date", _S, N_("Intake date"), Kind.DATE),
    Field("site", _S, N_("Site"), Kind.TEXT, countable=True),
    Field("referral_needs", _S, N_("Referral needs"), Kind.CHOICES, REFERRAL_NEEDS, countable=True),
    # Counted only under the name of a provider in the directory (domain/report.py).
    Field("referral_destination", _S, N_("Referred to"), Kind.TEXT, countable=True),
    Field("appointment", _S, N_("Appointment"), Kind.DATETIME),
    Field("case_status", _S, N_("Case status"), Kind.CHOICE, CASE_STATUS, countable=True),
    Field("case_closed_on", _S, N_("Case closed on"), Kind.DATE),
    Field("case_outcome", _S, N_("Case outcome"), Kind.CHOICE, CASE_OUTCOMES, countable=True),
    Field(
        "services_delivered", _S, N_("Services delivered"), Kind.CHOICES, SERVICES, countable=True
    ),
    Field("volunteer", _S, N_("Volunteer"), Kind.TEXT),
    # The date the client agreed to the screening questions; the record's
    # volunteer is the one who recorded it.
    Field("screening_consent_on", _S, N_("Consent to screening questions given on"), Kind.DATE),
    # eo41_confidential
    Field("screening_result", _E, N_("Screening result"), Kind.SCREENING_RESULT, countable=True),
    Field(
        "dv_or_sexual_assault_victim",
        _E,
        N_("Victim of domestic violence or sexual assault"),
        Kind.BOOL,
        countable=True,
    ),
    Field("crime_victim_or_witness", _E, N_("Crime victim or witness"), Kind.BOOL, countable=True),
    Field("public_assistance", _E, N_("Receives public assistance"), Kind.BOOL, countable=True),
    Field("tax_records", _E, N_("Income tax records"), Kind.BOOL, countable=True),
    Field(
        "sexual_orientation",
        _E,
        N_("Sexual orientation is relevant to the case"),
        Kind.BOOL,
        countable=True,
    ),
    # Notes are free text that may reveal status; treated as the strictest stored class.
    Field("notes", _E, N_("Notes"), Kind.TEXT),
    Field("eo41_consent", _E, N_("Consent to share confidential items"), Kind.CONSENT),
)

# Every answer key of spec/screening.md except date_of_birth (identity above).
_SCREENING: tuple[Field, ...] = (
    Field("nationality", _Q, N_("Nationality"), Kind.TEXT),
    Field("last_habitual_residence", _Q, N_("Country of last habitual residence"), Kind.TEXT),
    Field("first_entry_date", _Q, N_("First arrival in the United States"), Kind.DATE),
    Field(
        "continuous_residence_since", _Q, N_("Living in the US without a break since"), Kind.DATE
    ),
    Field("present_on_2012_06_15", _Q, N_("In the US on 15 June 2012"), Kind.BOOL),
    Field("lawful_status_on_2012_06_15", _Q, N_("Lawful status on 15 June 2012"), Kind.BOOL),
    Field("education", _Q, N_("Education"), Kind.CHOICE, EDUCATION),
    Field("felony_convictions", _Q, N_("Felony convictions"), Kind.COUNT),
    Field("significant_misdemeanors", _Q, N_("Significant misdemeanors"), Kind.COUNT),
    Field("other_misdemeanors", _Q, N_("Other misdemeanors"), Kind.COUNT),
    Field("daca_status", _Q, N_("DACA status"), Kind.CHOICE, STATUS_CHOICES),
    Field("daca_expiration", _Q, N_("DACA expiration date"), Kind.DATE),
    Field("tps_status", _Q, N_("TPS status"), Kind.CHOICE, STATUS_CHOICES),
    Field("in_removal_proceedings", _Q, N_("In removal proceedings"), Kind.BOOL),
    Field("detained", _Q, N_("In immigration detention"), Kind.BOOL),
    Field("next_hearing_date", _Q, N_("Next immigration court hearing"), Kind.DATE),
    Field("final_removal_order", _Q, N_("Final order of removal"), Kind.BOOL),
    Field("removed_before", _Q, N_("Deported or removed before and came back"), Kind.BOOL),
    Field("judge_decision_date", _Q, N_("Date of the immigration judge's decision"), Kind.DATE),
    Field("last_entry_date", _Q, N_("Most recent arrival in the US"), Kind.DATE),
    Field("fear_of_return", _Q, N_("Fears harm if returned"), Kind.BOOL),
    Field("asylum_filed", _Q, N_("Asylum application filed"), Kind.BOOL),
    Field("crime_victim", _Q, N_("Victim of a qualifying crime in the US"), Kind.BOOL),
    Field("trafficking_victim", _Q, N_("Victim of trafficking"), Kind.BOOL),
    Field(
        "abused_by_usc_lpr_family",
        _Q,
        N_("Abused by a US citizen or permanent resident family member"),
        Kind.BOOL,
    ),
    Field(
        "abused_neglected_abandoned_by_parent",
        _Q,
        N_("Abused, neglected or abandoned by a parent"),
        Kind.BOOL,
    ),
    Field("lpr_since", _Q, N_("Permanent resident since"), Kind.DATE),
    Field(
        "married_to_usc_living_together",
        _Q,
        N_("Married to and living with a US citizen"),
        Kind.BOOL,
    ),
    Field(
        "usc_or_lpr_relative",
        _Q,
        N_("Has a US citizen or permanent resident relative"),
        Kind.BOOL,
    ),
    Field("tps_ended_on", _Q, N_("Date TPS ended"), Kind.DATE),
    Field("parole_status", _Q, N_("Parole status"), Kind.CHOICE, STATUS_CHOICES),
    Field("parole_ended_on", _Q, N_("Date parole ended"), Kind.DATE),
)

FIELDS: Mapping[str, Field] = {f.name: f for f in (*_STORED, *_SCREENING)}
STORED_FIELDS: tuple[Field, ...] = _STORED
SCREENING_ONLY_FIELDS: tuple[Field, ...] = _SCREENING

# The answer keys of spec/screening.md, in the order of its table.
SCREENING_ANSWER_KEYS: tuple[str, ...] = (
    "date_of_birth",
    *(f.name for f in _SCREENING),
)

# Items that have no field; free-text notes are checked for some of them.
NEVER_COLLECTED: tuple[tuple[str, str], ...] = (
    ("ssn", N_("Social Security number")),
    ("itin", N_("Individual Taxpayer Identification Number (ITIN)")),
    ("a_number", N_("Alien registration number (A-number)")),
    ("id_number", N_("Passport or other ID number")),
    ("document_images", N_("Images of documents")),
    ("street_address", N_("Street address")),
    ("employer", N_("Employer")),
    ("others_details", N_("Other people's names or immigration details")),
)


def field(name: str) -> Field:
    """The catalogued field called ``name``; ``KeyError`` for anything else."""
    return FIELDS[name]


def may_store(item: Field | str) -> bool:
    """The storage check: True only for catalogued fields of a stored class.

    Screening-only answers, never-collected items and unknown names are
    refused (fail closed). Crash-recovery drafts ask the same question.
    """
    f = item if isinstance(item, Field) else FIELDS.get(item)
    return (
        f is not None
        and FIELDS.get(f.name) == f
        and f.field_class not in (FieldClass.SCREENING_ONLY, FieldClass.NEVER_COLLECTED)
    )


def storable(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` without every key storage must not keep (for crash-recovery drafts).

    A draft is saved from a form that may also hold the screening session's
    answers; they are dropped here, silently, because the session still has them.
    """
    return {k: v for k, v in values.items() if may_store(k)}
