"""The contract's closing rule: render every channel for many generated records
and assert that no value of a class the channel must not carry appears in it.

The oracle below is written from spec/confidentiality.md, independently of
``policy.MATRIX``, so a wrong cell in the code fails here.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app.domain.fields import FIELDS, STORED_FIELDS, FieldClass, Kind
from clinic_app.domain.policy import Channel, Context, redact
from clinic_app.domain.record import IntakeRecord
from tests.domain.strategies import records

IDENTITY = {f.name for f in STORED_FIELDS if f.field_class is FieldClass.IDENTITY}
CONTACT = {f.name for f in STORED_FIELDS if f.field_class is FieldClass.CONTACT_SAFETY}
SERVICE = {f.name for f in STORED_FIELDS if f.field_class is FieldClass.SERVICE}
EO41 = {f.name for f in STORED_FIELDS if f.field_class is FieldClass.EO41_CONFIDENTIAL}
ALL = IDENTITY | CONTACT | SERVICE | EO41
SERVICE_CATEGORIES = {
    "client_language",
    "site",
    "referral_needs",
    "case_status",
    # What funders ask for (counted; a destination only under a directory name).
    "case_outcome",
    "services_delivered",
    "interpreter_needed",
    "referral_destination",
}
EO41_FLAGS = EO41 - {"screening_result", "notes", "eo41_consent"}


def may_carry(record: IntakeRecord, channel: Channel) -> set[str]:
    """Fields whose values the channel may carry for this record (the contract)."""
    if channel is Channel.SCREEN or channel is Channel.CLIPBOARD:
        return ALL
    if channel is Channel.RECORD_EXPORT:
        # Referral needs only with the client's consent (../shared/spec/confidentiality.md).
        consent = record.eo41_consent
        if consent is not None and consent.covers("referral_needs"):
            return IDENTITY | CONTACT | SERVICE
        return IDENTITY | CONTACT | (SERVICE - {"referral_needs"})
    if channel is Channel.AUDIT_LOG:
        return {"record_id"}
    if channel is Channel.APPLICATION_LOG:
        return set()
    if channel is Channel.AGGREGATE_REPORT:
        return {"zip_code"} | SERVICE_CATEGORIES | EO41_FLAGS | {"screening_result"}
    # referral sheet
    # Referral needs are confidential on paper (contract v2): only with consent.
    out = {"given_name", "family_name", "preferred_name"} | CONTACT | (SERVICE - {"referral_needs"})
    if record.preferred_contact == "phone" and record.safe_to_call is True:
        out.add("phone")
    if record.preferred_contact == "email":
        out.add("email")
    consent = record.eo41_consent
    if consent is not None and consent.items:
        out |= set(consent.items) | {"eo41_consent"}
    return out


def needles(record: IntakeRecord, name: str) -> list[str]:
    """Distinctive strings that show ``name``'s value leaked into a rendering."""
    value: Any = getattr(record, name)
    if value is None:
        return []
    if name == "screening_result":
        return [
            value.rules_as_of.isoformat(),
            *(r for p in value.programs for r in p.reasons),
            *(d.date.isoformat() for d in value.deadlines),
        ]
    if name == "eo41_consent":
        return [value.recorded_by.split()[0], value.given_on.isoformat()]
    if FIELDS[name].kind is Kind.TEXT:
        return [value.split()[0]] if value.split()[0][:3].isupper() else [value]
    if hasattr(value, "isoformat"):
        return [value.isoformat()]
    return []  # booleans and choice codes are not distinctive: checked by key instead


def render(carried: dict[str, Any]) -> str:
    return json.dumps(carried, ensure_ascii=False, default=str)


CONTEXTS = {
    Channel.SCREEN: Context(supervisor=True),
    Channel.REFERRAL_SHEET: Context(),
    Channel.RECORD_EXPORT: Context(supervisor=True, export_reason="court subpoena"),
    Channel.AGGREGATE_REPORT: Context(),
    Channel.AUDIT_LOG: Context(),
    Channel.APPLICATION_LOG: Context(),
    Channel.CLIPBOARD: Context(supervisor=True, explicit_copy=True),
}


@settings(max_examples=200, deadline=None)
@given(record=records)
def test_no_channel_carries_what_it_must_not(record: IntakeRecord) -> None:
    for channel in Channel:
        carried = redact(record, channel, CONTEXTS[channel])
        text = render(carried)
        allowed_here = may_carry(record, channel)
        assert set(carried) <= allowed_here, (channel, set(carried) - allowed_here)
        for name in ALL - allowed_here:
            for needle in needles(record, name):
                assert needle not in text, (channel, name)
        if channel is Channel.AGGREGATE_REPORT:
            # counts only: the screening result keeps no reason codes or dates
            for needle in needles(record, "screening_result"):
                assert needle not in text, needle


@settings(max_examples=150, deadline=None)
@given(record=records)
def test_channels_carry_what_they_may(record: IntakeRecord) -> None:
    """The other direction, so the test above cannot pass by carrying nothing."""
    for channel in Channel:
        carried = redact(record, channel, CONTEXTS[channel])
        known = {n for n in ALL if getattr(record, n) is not None}
        expected = may_carry(record, channel) & known
        assert set(carried) == expected, (channel, set(carried) ^ expected)


@settings(max_examples=60, deadline=None)
@given(record=records, channel=st.sampled_from([Channel.SCREEN, Channel.CLIPBOARD]))
def test_gated_channels_carry_nothing_when_closed(record: IntakeRecord, channel: Channel) -> None:
    stranger = Context(viewer="someone else entirely")
    assert redact(record, channel, stranger) == {}
    no_copy = Context(supervisor=True)
    assert redact(record, Channel.CLIPBOARD, no_copy) == {}
    owner = Context(viewer=record.volunteer, explicit_copy=True)
    assert redact(record, channel, owner) != {}
    for reasonless in (Context(supervisor=True), Context(supervisor=True, export_reason="  ")):
        assert redact(record, Channel.RECORD_EXPORT, reasonless) == {}
    assert (
        redact(record, Channel.RECORD_EXPORT, Context(viewer=record.volunteer, export_reason="x"))
        == {}
    )
