"""The referral sheet's content: through the policy, in two languages, read back from the PDF."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import cache

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from clinic_app.domain.fields import FIELDS
from clinic_app.domain.policy import Channel, Context, allowed
from clinic_app.domain.record import Consent, IntakeRecord
from clinic_app.i18n import LANGUAGES, translation
from clinic_app.i18n.locales import format_date
from clinic_app.referrals.content import (
    DEADLINE_NAMES,
    EO41_FLAGS,
    PURPOSES,
    Site,
    build_sheets,
    display_name,
    sheet_date,
)
from clinic_app.referrals.directory import Provider, parse_csv
from clinic_app.referrals.directory_store import demo_csv
from clinic_app.referrals.pdf import render_sheets
from clinic_app.referrals.sheet import Bullets, Notice, Rows, Sheet, all_text, plain_text
from clinic_app.screening import explain
from tests.referrals.pdfcheck import extracted_text, missing_glyph_draws
from tests.storage.records_support import make_record, outcome_for

TODAY = date(2026, 11, 27)
SITE = Site("Sample Community Clinic (fictional)", "Front desk, ext. one (fictional)")
CONSENTABLE = (*EO41_FLAGS, "screening_result", "notes")
NAMES = ("Ana Pérez", "محمد عبد الله", "রহিম উদ্দিন", "Łukasz Wójcik", "陳美玲")


@cache
def directory() -> tuple[Provider, ...]:
    return tuple(parse_csv(demo_csv()))


def squash(text: str) -> str:
    """Extracted text without bidi marks and whitespace (line breaks fall anywhere)."""
    return re.sub(r"[\s\u200e\u200f\u2066-\u2069]", "", text)


def rich_record(**changes: object) -> IntakeRecord:
    outcome = outcome_for(
        {
            "detained": True,
            "next_hearing_date": TODAY + timedelta(days=12),
            "fear_of_return": True,
            "last_entry_date": date(2026, 3, 1),
            "asylum_filed": False,
            "daca_status": "current",
            "daca_expiration": date(2027, 2, 1),
        }
    )
    record = make_record(
        given_name="Mohammed",
        family_name="Abdullah",
        preferred_name="محمد",
        client_language="ar",
        phone="(917) 555-0188",
        preferred_contact="phone",
        safe_to_call=True,
        zip_code="10451",
        date_of_birth=date(1990, 4, 3),
        referral_needs=("removal_defense",),
    )
    return replace(record, screening_result=outcome, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["en", "ar", "bn", "es", "zh_Hant"])
def test_a_full_sheet_in_each_language_then_english(code: str) -> None:
    consent = Consent(frozenset({"screening_result", "public_assistance"}), TODAY, "sam")
    record = rich_record(client_language=code, eo41_consent=consent, public_assistance=True)
    parts = build_sheets(record, directory()[:2], SITE, TODAY)
    assert [p.language for p in parts] == [code, "en"]  # the client's page, the provider's copy
    pdf = render_sheets(parts)
    assert missing_glyph_draws(pdf) == []
    text = squash(extracted_text(pdf))
    assert squash("محمد") in text
    assert squash("(917) 555-0188") in text
    assert squash(directory()[0].name) in text and squash("(212) 555-0101") in text
    hearing = TODAY + timedelta(days=12)
    for lang in {code, "en"}:
        g = translation(lang).gettext
        assert squash(plain_text((sheet_date(hearing, lang),))) in text
        assert squash(g(DEADLINE_NAMES["hearing"])) in text
        if lang == code:  # the reminder is the client's
            assert squash(g("This is not legal advice")) in text
    assert squash(SITE.clinic_name) in text
    assert record.screening_result is not None
    as_of = record.screening_result.rules_as_of
    assert squash(plain_text((sheet_date(as_of, "en"),))) in text
    assert "TRAINING" not in text


def test_training_vault_sheets_say_so() -> None:
    parts = build_sheets(rich_record(), directory()[:1], replace(SITE, training=True), TODAY)
    assert all(p.title.startswith(translation(p.language).gettext("TRAINING")) for p in parts)
    assert "TRAINING" in extracted_text(render_sheets(parts))


def test_unsafe_phone_is_never_printed_and_the_sheet_says_how_to_reach() -> None:
    record = rich_record(client_language="en", safe_to_call=False)
    text = all_text(build_sheets(record, directory()[:1], SITE, TODAY)[0])
    assert "555-0188" not in text
    assert "Reach the client through the clinic only." in text


def test_voicemail_and_mail_cautions() -> None:
    record = rich_record(
        client_language="en", safe_to_leave_voicemail=False, safe_to_send_mail=False
    )
    text = all_text(build_sheets(record, directory()[:1], SITE, TODAY)[0])
    assert "Do not leave a voicemail." in text and "Do not send mail to the client." in text


def test_preferred_name_wins_and_legal_name_is_the_fallback() -> None:
    assert display_name(rich_record()) == "محمد"
    assert display_name(rich_record(preferred_name=None)) == "Mohammed Abdullah"


def test_with_consent_to_the_needs_only_the_purpose_comes_from_the_ticked_needs() -> None:
    consent = Consent(frozenset({"referral_needs"}), TODAY, "sam")
    record = rich_record(client_language="en", eo41_consent=consent)
    text = all_text(build_sheets(record, directory()[1:2], SITE, TODAY)[0])
    assert "A lawyer to defend you in immigration court." in text
    assert "Legal help for a person held in immigration detention." not in text  # screening only
    assert "Dates to act on" not in text


def test_without_consent_the_sheet_says_only_legal_consultation() -> None:
    """Contract v2: no referral need, no confidential item, on any part of the sheet."""
    record = rich_record(client_language="en", appointment=datetime(2026, 12, 3, 10, 30))
    parts = build_sheets(record, directory()[:2], SITE, TODAY)
    for part in parts:
        text = all_text(part)
        assert "Legal consultation" in text
        for purpose in PURPOSES.values():
            assert purpose not in text
        for words in ("detention", "Detention defense", "U visa", "asylum", "Urgency", "DACA"):
            assert words not in text.replace(directory()[1].name, "")
        assert "Dates to act on" not in text and "Recorded by" not in text
        assert directory()[0].name in text  # the destination
        assert "What to bring" in text or part is parts[1]
    assert "Dec 3, 2026" in all_text(parts[0])  # the appointment


# --- the property: what the policy forbids never appears; what was consented does -----

records_st = st.builds(
    dict,
    name=st.sampled_from(NAMES),
    language=st.sampled_from(["en", "es", "ar", "bn"]),
    phone=st.sampled_from(["(917) 555-0177", "(347) 555-0166"]),
    email=st.sampled_from(["client.one@example.net", "c2@example.com"]),
    contact=st.sampled_from(["phone", "email", "none"]),
    safe=st.sampled_from([True, False, None]),
    zip_code=st.sampled_from(["10451", "11372", "10027"]),
    flags=st.fixed_dictionaries({f: st.sampled_from([True, False, None]) for f in EO41_FLAGS}),
    notes=st.sampled_from([None, "Keepsake note zebra", "Quartz memo walrus"]),
    consented=st.frozensets(st.sampled_from(CONSENTABLE)),
    hearing_days=st.integers(5, 400),
)


def _record(d: dict[str, object]) -> IntakeRecord:
    given, _, family = str(d["name"]).partition(" ")
    outcome = outcome_for(
        {
            "next_hearing_date": TODAY + timedelta(days=int(d["hearing_days"])),  # type: ignore[call-overload]
            "fear_of_return": True,
            "last_entry_date": date(2026, 1, 9),
        }
    )
    consented = frozenset(d["consented"])  # type: ignore[arg-type]
    record = make_record(
        given_name=given,
        family_name=family or given,
        client_language=d["language"],
        phone=d["phone"],
        email=d["email"],
        preferred_contact=d["contact"],
        safe_to_call=d["safe"],
        zip_code=d["zip_code"],
        date_of_birth=date(1988, 7, 19),
        notes=d["notes"],
        appointment=datetime(2026, 12, 3, 14, 30),
        **d["flags"],  # type: ignore[arg-type]
    )
    consent = Consent(consented, TODAY, "sam") if consented else None
    return replace(record, screening_result=outcome, eo41_consent=consent)


def interface_text(sheet: Sheet) -> str:
    """Titles, headings, labels, bullets and notices: what the renderer caches."""
    out = [sheet.title]
    for section in sheet.sections:
        out.append(section.heading)
        for block in section.blocks:
            if isinstance(block, Rows):
                out += [row.label for row in block.rows]
            elif isinstance(block, Bullets):
                out += [plain_text(item) for item in block.items]
            elif isinstance(block, Notice):
                out += [block.title, *(plain_text(item) for item in block.body)]
    return "\n".join(out)


def _may(record: IntakeRecord, name: str) -> bool:
    return allowed(name, Channel.REFERRAL_SHEET, Context(), record)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    # Each example renders two PDFs: shrinking would take minutes; the example prints whole.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(records_st)
def test_rendered_sheet_carries_only_what_the_policy_allows(d: dict[str, object]) -> None:
    record = _record(d)
    parts = build_sheets(record, directory()[:2], SITE, TODAY)
    text = squash(extracted_text(render_sheets(parts)))
    langs = {record.client_language, "en"}

    def present(value: str) -> bool:
        return squash(value) in text

    # Identity beyond the name and the chosen, safe contact: never.
    for name in ("phone", "email"):
        value = getattr(record, name)
        assert present(value) == _may(record, name), name
    assert not re.search(rf"(?<!\d){record.zip_code}(?!\d)", text)
    for lang in langs:
        assert not present(plain_text((sheet_date(date(1988, 7, 19), lang),)))
        assert not present(format_date(date(1988, 7, 19), lang, "short"))
    # The screening result: deadlines and documents only with consent.
    outcome = record.screening_result
    assert outcome is not None
    screening = _may(record, "screening_result")
    for lang in langs:
        g = translation(lang).gettext
        for deadline in outcome.deadlines:
            label = squash(g(DEADLINE_NAMES[deadline.kind]))[:14]  # long labels wrap
            assert present(label) == screening, deadline.kind
        if lang == record.client_language:  # what to bring is on the client's page
            doc = explain("asylum_fear_of_return", lang).documents[1]
            assert present(doc) == screening
        for flag in EO41_FLAGS:
            # A long label wraps in its column, and the extracted text may put
            # the value between its lines: look for its beginning.
            label = squash(g(FIELDS[flag].label))[:14]
            shown = _may(record, flag) and getattr(record, flag) is not None
            assert present(label) == shown, flag
    if record.notes:
        assert present(record.notes) == _may(record, "notes")
    consent_shown = record.eo41_consent is not None
    assert present("Consent given on") == consent_shown
    # Personal data only where the renderer never caches it (sheet.py).
    shared = [record.phone, record.email, record.notes, display_name(record), "sam"]
    for part in parts:
        interface = squash(interface_text(part))
        for value in shared:
            assert not value or squash(value) not in interface
    # The name, always. pypdf misplaces ligatures of an Arabic run inside a
    # left-to-right part (test_render.py checks glyph order); then compare letters.
    name = display_name(record)
    if any("\u0600" <= ch <= "\u06ff" for ch in name):
        assert all(text.count(ch) >= name.count(ch) for ch in squash(name))
    else:
        assert present(name)


def test_every_language_builds() -> None:
    for code in LANGUAGES:
        parts = build_sheets(rich_record(client_language=code), directory()[:1], SITE, TODAY)
        assert parts[0].language == code


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("mam", "mam (ISO 639-3)"),
        ("quc", "Kʼicheʼ (quc)"),
        ("wo", "Wolof (wo)"),
        ("ar", "Arabic (ar)"),
    ],
)
def test_the_providers_copy_names_any_language_and_the_interpreter_need(
    code: str, shown: str
) -> None:
    record = rich_record(client_language=code, interpreter_needed=True)
    client, provider = build_sheets(record, directory()[:1], SITE, TODAY)
    assert client.language == (code if code in LANGUAGES else "en")
    text = extracted_text(render_sheets((provider,)))
    assert shown in text
    assert "Interpreter needed: Yes" in " ".join(text.split())


def test_the_providers_copy_has_urgency_reasons_and_next_steps_only_with_consent() -> None:
    consent = Consent(frozenset({"screening_result"}), TODAY, "sam")
    urgent = all_text(
        build_sheets(rich_record(eo41_consent=consent), directory()[:1], SITE, TODAY)[1]
    )
    assert "Urgency" in urgent and "Emergency" in urgent
    assert explain("detained", "en").sentence in urgent
    assert "Next steps" in urgent
    plain = all_text(build_sheets(rich_record(), directory()[:1], SITE, TODAY)[1])
    assert "Urgency" not in plain and explain("detained", "en").sentence not in plain


def test_every_stored_deadline_kind_has_a_name_on_the_sheet() -> None:
    # The kinds typed out from spec/screening.md v2, not imported from the code.
    kinds = {
        "hearing", "asylum_one_year", "daca_expiration", "tps_registration_end",
        "tps_reregistration_end", "bia_appeal", "sijs_age_out", "asylum_reasonable_period",
    }  # fmt: skip
    assert kinds <= set(DEADLINE_NAMES)


def test_a_sheet_lists_the_version_2_deadlines_with_consent() -> None:
    outcome = outcome_for(
        {
            "date_of_birth": TODAY.replace(year=TODAY.year - 21) + timedelta(days=60),
            "abused_neglected_abandoned_by_parent": True,
            "judge_decision_date": TODAY - timedelta(days=3),
            "fear_of_return": True,
            "last_entry_date": date(2020, 1, 1),
            "asylum_filed": False,
            "tps_status": "expired",
            "tps_ended_on": TODAY - timedelta(days=10),
        }
    )
    kinds = {d.kind for d in outcome.deadlines}
    assert {"bia_appeal", "sijs_age_out", "asylum_reasonable_period"} <= kinds
    record = replace(
        rich_record(),
        screening_result=outcome,
        eo41_consent=Consent(frozenset({"screening_result"}), TODAY, "sam"),
    )
    sheets = build_sheets(record, directory()[:1], SITE, TODAY)
    text = squash(extracted_text(render_sheets(sheets)))
    for kind in ("bia_appeal", "sijs_age_out", "asylum_reasonable_period"):
        assert squash(DEADLINE_NAMES[kind])[:14] in text
