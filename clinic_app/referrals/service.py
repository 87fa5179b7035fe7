"""A referral sheet for a stored record: site settings, directory, content, PDF.

What the UI flow and ``clinic-intake admin referral`` share. The PDF stays in
memory; the caller decides where it goes (the printer, or a file the user
chose after a warning). Every sheet produced is audited as a print or an
export by the caller, with the record id only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final

from clinic_app.domain.record import IntakeRecord
from clinic_app.referrals.content import Site, build_sheets
from clinic_app.referrals.directory import Provider
from clinic_app.referrals.matching import needs_of_record, rank
from clinic_app.referrals.pdf import render_sheets
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault

DEFAULT_CHOICES: Final = 3


def site_of(vault: Vault, records: Records | None = None) -> Site:
    """The clinic's name and contact from the site settings; whether it is a training vault."""
    settings = vault.settings()
    training = (records or Records(vault)).is_training()
    return Site(settings.clinic_name, settings.clinic_contact, training)


def default_choice(
    providers: Sequence[Provider], record: IntakeRecord, today: date
) -> list[Provider]:
    """The providers a sheet lists when nobody chose: the one the record was referred
    to (``referral_destination``, by name) if it is in the directory, else the best
    few that match at least one need."""
    if record.referral_destination:
        wanted = record.referral_destination.casefold()
        named = [p for p in providers if p.name.casefold() == wanted]
        if named:
            return named
    ranked = rank(providers, needs_of_record(record, today))
    return [s.provider for s in ranked if s.matched_services][:DEFAULT_CHOICES]


def sheet_pdf(
    record: IntakeRecord,
    chosen: Sequence[Provider],
    site: Site,
    today: date,
    language: str | None = None,
) -> bytes:
    """The two-part sheet (client's language, then English) as PDF bytes in memory."""
    return render_sheets(build_sheets(record, chosen, site, today, language))
