"""The client's page speaks only the client's language.

Every sheet variant (with and without consent, training vault, no provider,
an urgent case, long names) is rendered in each of the ten languages through
the real path (``service.sheet_pdf``), its text read back from the PDF, and
the client's page (every page before the provider's copy) searched for any
English message of the catalogue.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import cache

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

import clinic_app
from clinic_app.domain.record import Consent, IntakeRecord
from clinic_app.i18n import LANGUAGES, SOURCE_LANGUAGE
from clinic_app.referrals.content import Site, build_sheets
from clinic_app.referrals.directory import Provider, parse_csv
from clinic_app.referrals.directory_store import demo_csv
from clinic_app.referrals.service import sheet_pdf
from clinic_app.referrals.sheet import Bullets, Notice, Rows, Signature, plain_text
from tests.storage.records_support import make_record, outcome_for

TODAY = date(2026, 11, 27)
POT = clinic_app.__file__.replace("clinic_app/__init__.py", "translations/clinic.pot")
CLIENT_LANGUAGES = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)
PROVIDER_TITLE = "Referral: copy for the receiving organization"
LONG_GIVEN = "Maria-Guadalupe Esperanza Concepcion"
LONG_FAMILY = "Hernandez-Villalobos de la Cruz Montenegro"
EVERYTHING = frozenset(
    {
        "screening_result",
        "dv_or_sexual_assault_victim",
        "public_assistance",
        "referral_needs",
        "notes",
    }
)


@cache
def directory() -> tuple[Provider, ...]:
    return tuple(parse_csv(demo_csv()))


@cache
def english_messages() -> tuple[str, ...]:
    """Every English msgid (and plural) of the template that is a real phrase."""
    with open(POT, "rb") as handle:
        catalog = read_po(handle)
    found = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        for msgid in ids:
            text = re.sub(r"\{[^}]*\}|%\(\w+\)\w|&", "", str(msgid)).strip(" .:…")
            # Acronyms and codes (DACA, TPS, I-821D) read the same in every language.
            if len(re.findall(r"[a-z]{2,}", text)) >= 1 and len(text) >= 4:
                found.add(text)
    return tuple(sorted(found))


def record(**changes: object) -> IntakeRecord:
    outcome = outcome_for({"daca_status": "current", "daca_expiration": TODAY + timedelta(120)})
    base = make_record(
        given_name="Ana",
        family_name="Pérez",
        phone="(917) 555-0123",
        preferred_contact="phone",
        safe_to_call=True,
        safe_to_send_mail=False,
        referral_needs=("daca", "removal_defense"),
        appointment=datetime(2026, 12, 3, 10, 30),
        dv_or_sexual_assault_victim=True,
        public_assistance=False,
        notes="Prefers mornings",
    )
    return replace(base, screening_result=outcome, **changes)  # type: ignore[arg-type]


def urgent() -> IntakeRecord:
    outcome = outcome_for(
        {
            "detained": True,
            "in_removal_proceedings": True,
            "next_hearing_date": TODAY + timedelta(days=12),
            "fear_of_return": True,
            "last_entry_date": date(2026, 3, 1),
            "asylum_filed": False,
        }
    )
    return replace(record(), screening_result=outcome)


SITE = Site("Sample Community Clinic (fictional)", "Front desk (fictional)")
Variant = tuple[IntakeRecord, int, Site]


def _consent() -> Consent:
    return Consent(EVERYTHING, TODAY, "sam")


VARIANTS: dict[str, Callable[[], Variant]] = {
    "consent": lambda: (record(eo41_consent=_consent()), 1, SITE),
    "no consent": lambda: (record(), 2, SITE),
    "training": lambda: (record(), 1, replace(SITE, training=True)),
    "no provider": lambda: (record(eo41_consent=_consent()), 0, SITE),
    "urgent": lambda: (replace(urgent(), eo41_consent=_consent()), 2, SITE),
    "long names": lambda: (
        record(given_name=LONG_GIVEN, family_name=LONG_FAMILY, preferred_name=None),
        3,
        replace(SITE, clinic_name="Northern Manhattan Immigrant Community Legal Clinic"),
    ),
}


def data_values(rec: IntakeRecord, providers: tuple[Provider, ...], site: Site) -> list[str]:
    """Typed values (names, addresses) that may be English whatever the language."""
    values = [rec.given_name, rec.family_name, rec.notes or "", "sam"]
    values += [site.clinic_name, site.clinic_contact]
    for p in providers:
        values += [p.name, p.address, p.hours, p.email]
    return [v for v in values if v]


def client_pages(pdf: bytes) -> Iterator[str]:
    """Text of the pages before the provider's copy."""
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text = " ".join(page.extract_text().split())
        if PROVIDER_TITLE in text:
            return
        yield text


@cache
def translated_text(language: str) -> str:
    """Every msgstr of the language: English names a translator kept on purpose
    ("Notice to Appear" beside its translation) are not stray English."""
    path = POT.replace("clinic.pot", f"{language}/LC_MESSAGES/clinic.po")
    with open(path, "rb") as handle:
        catalog = read_po(handle)
    out = []
    for message in catalog:
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        out += [str(s or "") for s in strings]
    return "\n".join(out)


def english_on(text: str, language: str) -> list[str]:
    """English messages found in ``text`` that the language does not share."""
    own = translated_text(language)
    found = []
    for msgid in english_messages():
        if msgid in own:
            continue  # the same word in this language ("Client" in French)
        if re.search(rf"(?<![\w-]){re.escape(msgid)}(?![\w-])", text):
            found.append(msgid)
    return found


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("language", CLIENT_LANGUAGES)
def test_the_clients_page_has_no_english_catalogue_text(language: str, variant: str) -> None:
    rec, count, site = VARIANTS[variant]()
    providers = directory()[:count]
    pdf = sheet_pdf(replace(rec, client_language=language), providers, site, TODAY)
    pages = list(client_pages(pdf))
    assert pages, "the client's page is missing"
    text = " ".join(pages)
    for value in data_values(rec, providers, site):
        text = text.replace(value, " ")
    # The translations' own text must be in their language: no stray English.
    assert english_on(text, language) == []


def test_the_check_finds_english_on_a_clients_page() -> None:
    """Before issue 12 the headings came out in English: the check must see it."""
    assert "Where to go" in english_on("Adónde ir Where to go Qué traer", "es")
    assert "This is not legal advice" in english_on("هذه This is not legal advice", "ar")
    assert english_on("Adónde ir Qué traer", "es") == []


def test_every_interface_string_of_an_english_sheet_is_a_catalogue_message() -> None:
    """What the sheet shows as interface text comes from clinic.pot, so extraction saw it."""
    with open(POT, "rb") as handle:
        msgids = {str(m.id) for m in read_po(handle) if m.id}
    for build in VARIANTS.values():
        rec, count, site = build()
        for part in build_sheets(rec, directory()[:count], site, TODAY, "en"):
            strings = [part.title]
            for section in part.sections:
                strings.append(section.heading)
                for block in section.blocks:
                    if isinstance(block, Rows):
                        strings += [row.label for row in block.rows]
                    elif isinstance(block, Bullets):
                        strings += [plain_text(item) for item in block.items]
                    elif isinstance(block, Notice):
                        strings += [block.title, *(plain_text(i) for i in block.body)]
                    elif isinstance(block, Signature):
                        strings += list(block.labels)
            for text in strings:
                pieces = text.split(" · ")  # "TRAINING · Referral sheet"
                assert all(p in msgids for p in pieces), text
