"""Every cell of the contract's channel table, and each conditional cell's behaviour."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from clinic_app.domain.fields import FIELDS, SCREENING_ONLY_FIELDS, FieldClass
from clinic_app.domain.policy import (
    CLIPBOARD_CLEAR_SECONDS,
    MATRIX,
    Channel,
    Context,
    Rule,
    allowed,
    redact,
    rule_for,
)
from clinic_app.domain.record import Consent, IntakeRecord

# spec/confidentiality.md, "Output channels", transcribed cell by cell.
CONTRACT = {
    Channel.SCREEN: ("yes", "yes", "yes", "yes", "during the session only"),
    Channel.REFERRAL_SHEET: (
        "name and the contact the client chose",
        "honoured (no phone if unsafe to call)",
        "yes",
        "only the items the client consented to",
        "never",
    ),
    Channel.RECORD_EXPORT: ("yes", "yes", "yes", "never", "never"),
    Channel.AGGREGATE_REPORT: ("counts only", "never", "counts only", "counts only", "never"),
    Channel.AUDIT_LOG: (
        "record id only",
        "never",
        "action, user, time (no record field)",
        "never",
        "never",
    ),
    Channel.APPLICATION_LOG: ("never", "never", "never", "never", "never"),
    Channel.CLIPBOARD: ("only an explicit copy by the user",) * 4 + ("never",),
}
COLUMNS = (
    FieldClass.IDENTITY,
    FieldClass.CONTACT_SAFETY,
    FieldClass.SERVICE,
    FieldClass.EO41_CONFIDENTIAL,
    FieldClass.SCREENING_ONLY,
)
CELLS = [(ch, cls, CONTRACT[ch][i]) for ch in Channel for i, cls in enumerate(COLUMNS)]


def test_channels_are_the_contracts_seven() -> None:
    assert list(Channel) == list(CONTRACT)
    assert CLIPBOARD_CLEAR_SECONDS == 30


@pytest.mark.parametrize(("channel", "field_class", "wording"), CELLS)
def test_each_cell_matches_the_contract(
    channel: Channel, field_class: FieldClass, wording: str
) -> None:
    assert MATRIX[channel][field_class] == Rule(wording)


@pytest.mark.parametrize("channel", list(Channel))
def test_never_collected_is_never_anywhere(channel: Channel) -> None:
    assert MATRIX[channel][FieldClass.NEVER_COLLECTED] is Rule.NEVER


def base(**changes: object) -> IntakeRecord:
    record = IntakeRecord(
        record_id="R-1",
        given_name="María",
        family_name="González",
        client_language="es",
        intake_date=date(2026, 11, 27),
        site="Jackson Heights",
        volunteer="vol.ana",
        date_of_birth=date(1990, 5, 4),
        phone="(718) 555-0123",
        email="maria@example.org",
        zip_code="11372",
        safe_to_call=True,
        safe_to_leave_voicemail=False,
        safe_to_send_mail=False,
        preferred_contact="phone",
        dv_or_sexual_assault_victim=True,
        public_assistance=True,
        notes="Needs an evening appointment",
    )
    return replace(record, **changes)  # type: ignore[arg-type]


SHEET = Channel.REFERRAL_SHEET
ANY = Context()


def test_referral_sheet_names_but_not_birth_date_zip_or_record_id() -> None:
    r = base()
    for name in ("given_name", "family_name", "preferred_name"):
        assert allowed(name, SHEET, ANY, r)
    for name in ("date_of_birth", "zip_code", "record_id"):
        assert not allowed(name, SHEET, ANY, r)


@pytest.mark.parametrize(
    ("preferred", "safe_to_call", "phone", "email"),
    [
        ("phone", True, True, False),
        ("phone", False, False, False),
        ("phone", None, False, False),  # unknown safety is unsafe
        ("email", True, False, True),
        ("email", False, False, True),
        ("none", True, False, False),
        (None, True, False, False),
    ],
)
def test_referral_sheet_carries_only_the_chosen_safe_contact(
    preferred: str | None, safe_to_call: bool | None, phone: bool, email: bool
) -> None:
    r = base(preferred_contact=preferred, safe_to_call=safe_to_call)
    assert allowed("phone", SHEET, ANY, r) is phone
    assert allowed("email", SHEET, ANY, r) is email
    assert ("phone" in redact(r, SHEET, ANY)) is phone


def test_referral_sheet_carries_the_safety_instructions() -> None:
    carried = redact(base(), SHEET, ANY)
    assert carried["safe_to_leave_voicemail"] is False
    assert carried["safe_to_send_mail"] is False
    assert carried["preferred_contact"] == "phone"


def test_referral_sheet_carries_only_consented_eo41_items() -> None:
    r = base()
    assert not any(allowed(n, SHEET, ANY, r) for n in ("dv_or_sexual_assault_victim", "notes"))
    consent = Consent(frozenset({"public_assistance"}), date(2026, 11, 27), "vol.ana")
    r = base(eo41_consent=consent)
    carried = redact(r, SHEET, ANY)
    assert carried["public_assistance"] is True
    assert "dv_or_sexual_assault_victim" not in carried
    assert "notes" not in carried
    assert carried["eo41_consent"] == {
        "items": ["public_assistance"],
        "given_on": "2026-11-27",
        "recorded_by": "vol.ana",
    }
    empty = base(eo41_consent=Consent(frozenset(), date(2026, 11, 27), "vol.ana"))
    assert "eo41_consent" not in redact(empty, SHEET, ANY)


def test_consent_needs_date_and_volunteer() -> None:
    with pytest.raises(ValueError, match="volunteer"):
        Consent(frozenset({"notes"}), date(2026, 11, 27), " \u202e ")
    with pytest.raises(ValueError, match="EO-41"):
        Consent(frozenset({"phone"}), date(2026, 11, 27), "vol.ana")


def test_screen_is_for_the_records_volunteer_or_a_supervisor() -> None:
    r = base()
    assert redact(r, Channel.SCREEN, Context(viewer="vol.ana"))
    assert redact(r, Channel.SCREEN, Context(viewer="vol.bob", supervisor=True))
    assert redact(r, Channel.SCREEN, Context(viewer="vol.bob")) == {}
    assert redact(r, Channel.SCREEN, Context()) == {}


@pytest.mark.parametrize("f", SCREENING_ONLY_FIELDS, ids=lambda f: f.name)
def test_screening_answers_only_on_screen_during_the_session(f: object) -> None:
    session = Context(viewer="vol.ana", in_session=True)
    assert allowed(f, Channel.SCREEN, session)  # type: ignore[arg-type]
    assert not allowed(f, Channel.SCREEN, Context(viewer="vol.ana"), base())  # type: ignore[arg-type]
    for channel in Channel:
        if channel is not Channel.SCREEN:
            everything = Context(
                viewer="vol.ana",
                supervisor=True,
                in_session=True,
                explicit_copy=True,
                export_reason="x",
            )
            assert not allowed(f, channel, everything, base())  # type: ignore[arg-type]


def test_record_export_needs_a_supervisor_and_a_reason_and_drops_eo41() -> None:
    r = base()
    ok = Context(viewer="sup", supervisor=True, export_reason="client asked for a copy")
    carried = redact(r, Channel.RECORD_EXPORT, ok)
    assert carried["date_of_birth"] == "1990-05-04"
    assert carried["safe_to_call"] is True
    assert "public_assistance" not in carried
    assert "notes" not in carried
    assert redact(r, Channel.RECORD_EXPORT, Context(viewer="vol.ana", export_reason="x")) == {}
    assert redact(r, Channel.RECORD_EXPORT, Context(supervisor=True)) == {}


def test_aggregate_report_carries_categories_only() -> None:
    carried = redact(base(), Channel.AGGREGATE_REPORT, ANY)
    assert carried == {
        "zip_code": "11372",
        "client_language": "es",
        "site": "Jackson Heights",
        "referral_needs": [],
        "case_status": "new",
        "services_delivered": [],  # counted for funders (empty here)
        "dv_or_sexual_assault_victim": True,
        "public_assistance": True,
    }


def test_audit_and_application_logs() -> None:
    assert redact(base(), Channel.AUDIT_LOG, ANY) == {"record_id": "R-1"}
    everything = Context(viewer="vol.ana", supervisor=True, explicit_copy=True, export_reason="x")
    assert redact(base(), Channel.APPLICATION_LOG, everything) == {}


def test_clipboard_only_on_explicit_copy_by_an_allowed_viewer() -> None:
    r = base()
    assert not allowed("phone", Channel.CLIPBOARD, Context(viewer="vol.ana"), r)
    assert allowed("phone", Channel.CLIPBOARD, Context(viewer="vol.ana", explicit_copy=True), r)
    assert not allowed("phone", Channel.CLIPBOARD, Context(viewer="x", explicit_copy=True), r)


def test_rule_for_and_unknown_fields() -> None:
    assert rule_for("phone", SHEET) is Rule.CHOSEN_CONTACT
    assert rule_for(FIELDS["notes"], Channel.RECORD_EXPORT) is Rule.NEVER
    with pytest.raises(KeyError):
        allowed("ssn", Channel.SCREEN, Context(supervisor=True))
