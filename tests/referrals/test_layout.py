"""Layout of real sheets: one page per language part for a typical client, boxes kept
whole and with their heading, a visible fallback for characters no font has, and
right-to-left sentences ending on the left."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from pypdf import PdfReader

from clinic_app.domain.record import Consent, IntakeRecord
from clinic_app.i18n import LANGUAGES, translation
from clinic_app.referrals.content import Site, build_sheets
from clinic_app.referrals.directory import parse_csv
from clinic_app.referrals.directory_store import demo_csv
from clinic_app.referrals.pdf import render_sheets
from tests.referrals.pdfcheck import extracted_text, glyphs
from tests.storage.records_support import make_record, outcome_for

TODAY = date(2026, 11, 27)
SITE = Site("Sample Community Clinic (fictional)", "Front desk, ext. one (fictional)")


def typical(language: str) -> IntakeRecord:
    """One program, one deadline, one provider, an appointment, consent to the result."""
    outcome = outcome_for({"daca_status": "current", "daca_expiration": TODAY + timedelta(120)})
    record = make_record(
        given_name="Ana",
        family_name="Pérez",
        client_language=language,
        phone="(917) 555-0123",
        preferred_contact="phone",
        safe_to_call=True,
        referral_needs=("daca",),
        appointment=datetime(2026, 12, 3, 10, 30),
    )
    consent = Consent(frozenset({"screening_result", "referral_needs"}), TODAY, "sam")
    return replace(record, screening_result=outcome, eo41_consent=consent)


def pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def squash(text: str) -> str:
    """Without whitespace and direction marks (line breaks fall anywhere)."""
    return re.sub(r"[\s\u200e\u200f\u2066-\u2069]", "", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_part_fits_one_page_for_a_typical_client(language: str) -> None:
    providers = parse_csv(demo_csv())[:1]
    for part in build_sheets(typical(language), providers, SITE, TODAY):
        assert len(pages(render_sheets((part,)))) == 1, (language, part.title)


# Urdu is left out: text extractors garble Nastaliq ligatures (the glyph checks cover it).
@pytest.mark.parametrize("language", ["ar", "bn", "en", "zh_Hant"])
def test_the_legal_advice_box_is_never_alone_nor_split(language: str) -> None:
    """A long sheet (three providers, an urgent case) runs over pages; the box stays
    whole and on the page of its section's heading."""
    outcome = outcome_for(
        {
            "detained": True,
            "next_hearing_date": TODAY + timedelta(days=12),
            "fear_of_return": True,
            "last_entry_date": date(2026, 3, 1),
            "asylum_filed": False,
        }
    )
    record = replace(typical(language), screening_result=outcome)
    client = build_sheets(record, parse_csv(demo_csv())[:3], SITE, TODAY)[0]
    g = translation(client.language).gettext
    text = [squash(page) for page in pages(render_sheets((client,)))]
    assert len(text) >= 2
    notice = squash(g("This is not legal advice"))
    holding = [i for i, page in enumerate(text) if notice in page]
    assert len(holding) == 1
    page = text[holding[0]]
    assert squash(g("Your clinic")) in page and squash(g("Clinic")) in page
    first_words = g(
        "Volunteers prepared this referral. Only a lawyer or an accredited "
        "representative can advise you about your case."
    ).split()[:2]
    assert squash("".join(first_words)) in page


def test_a_character_no_font_has_is_printed_as_its_code() -> None:
    record = replace(typical("es"), preferred_name="Ana \U0001f600")
    text = extracted_text(render_sheets(build_sheets(record, [], SITE, TODAY)))
    assert "Ana [U+1F600]" in " ".join(text.split())
    assert "Ana ?" not in text


@pytest.mark.parametrize("language", ["ar", "ur"])
def test_right_to_left_sentences_end_on_the_left(language: str) -> None:
    """The client's page is all in its language: its full stop lies left of the words."""
    record = replace(typical(language), safe_to_send_mail=False)
    client = build_sheets(record, [], SITE, TODAY)[0]
    sentence = translation(language).gettext("Do not send mail to the client.")
    stop = sentence.strip()[-1]
    drawn = glyphs(render_sheets((client,)))
    want = sorted(ch for ch in sentence if not ch.isspace())
    for block in sorted({g.block for g in drawn}):
        line = [g for g in drawn if g.block == block and g.text.strip() and g.text != "•"]
        if sorted("".join(g.text for g in line)) == want:
            stops = [g for g in line if g.text == stop]
            letters = [g for g in line if g.text.isalpha()]
            assert stops and max(g.x for g in stops) < min(g.x for g in letters)
            return
    raise AssertionError(f"{sentence!r} not drawn")
