"""Finding 7: referral needs left through the record export.

The wizard pre-ticks detention, removal defense, VAWA, U and T visa needs
from the screening; the export then carried "vawa; detention; u_visa" while
the DV flag itself was withheld. Under confidentiality.md v2 the export
carries referral needs only with the client's consent.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from clinic_app.domain.policy import Channel, Context, allowed
from clinic_app.domain.record import Consent
from clinic_app.storage.export import export_records
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE
from tests.storage.records_support import make_record

NEEDS = ("vawa", "detention", "u_visa", "t_visa", "removal_defense")


def exported(tmp_path: Path, **values: object) -> str:
    with Vault.create(tmp_path / "v" / "clinic.vault", "sam", PASSPHRASE) as vault:
        record_id = Records(vault).create(make_record(referral_needs=NEEDS, **values))
        data = export_records(vault, [record_id], "client_request")
    return data.decode("utf-8-sig")


def test_the_export_withholds_referral_needs_without_consent(tmp_path: Path) -> None:
    text = exported(tmp_path, dv_or_sexual_assault_victim=True)
    header, row = text.splitlines()
    assert "referral_needs" in header.split(",")  # the column stays, empty
    for need in NEEDS:
        assert need not in row, need
    assert "Pérez" in row  # the record itself was exported


def test_consent_to_other_items_does_not_release_the_needs(tmp_path: Path) -> None:
    consent = Consent(frozenset({"dv_or_sexual_assault_victim"}), date(2026, 11, 27), "sam")
    text = exported(tmp_path, dv_or_sexual_assault_victim=True, eo41_consent=consent)
    for need in NEEDS:
        assert need not in text, need


def test_with_the_clients_consent_the_needs_are_exported(tmp_path: Path) -> None:
    consent = Consent(frozenset({"referral_needs"}), date(2026, 11, 27), "sam")
    text = exported(tmp_path, eo41_consent=consent)
    assert "vawa; detention; u_visa; t_visa; removal_defense" in text


def test_the_policy_says_so_for_every_context() -> None:
    record = make_record(referral_needs=NEEDS)
    supervisor = Context(viewer="sam", supervisor=True, export_reason="client_request")
    assert not allowed("referral_needs", Channel.RECORD_EXPORT, supervisor, record)
    consented = make_record(
        referral_needs=NEEDS,
        eo41_consent=Consent(frozenset({"referral_needs"}), date(2026, 11, 27), "sam"),
    )
    assert allowed("referral_needs", Channel.RECORD_EXPORT, supervisor, consented)
    reasonless = Context(viewer="sam", supervisor=True)
    assert not allowed("referral_needs", Channel.RECORD_EXPORT, reasonless, consented)
    assert allowed("referral_needs", Channel.SCREEN, supervisor, record)  # still on screen
