"""Demo referral screens for ``make screenshots``: a fictional client, the demo directory.

Nothing here touches a vault or the disk; the client is invented and the
directory is the shipped fictional one.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QWidget

from clinic_app.domain.record import IntakeRecord, ScreeningOutcome
from clinic_app.i18n import current_language
from clinic_app.referrals.content import Site
from clinic_app.referrals.directory import Provider, parse_csv
from clinic_app.referrals.directory_store import demo_csv
from clinic_app.referrals.samples import SAMPLES
from clinic_app.screening import screen
from clinic_app.ui.provider_directory import DirectoryStore, ProviderDirectory
from clinic_app.ui.referral_flow import ReferralFlow, ReferralInputs

TODAY = date(2026, 11, 27)
SITE = Site("Sample Community Clinic (fictional)", "(212) 555-0199", training=True)


def demo_record() -> IntakeRecord:
    code = current_language()
    code = code if code in SAMPLES else "en"  # the pseudo-locale has no sample client
    result = screen(
        {
            "detained": True,
            "next_hearing_date": TODAY + timedelta(days=9),
            "fear_of_return": True,
            "last_entry_date": date(2026, 2, 1),
        },
        today=TODAY,
    ).to_dict()
    return IntakeRecord(
        record_id="DEMO0001",
        given_name=SAMPLES[code].name,
        family_name="(demo)",
        client_language=code,
        intake_date=TODAY,
        site="Demo",
        volunteer="demo",
        screening_result=ScreeningOutcome.from_dict(result),
        public_assistance=True,
    )


def _flow(step: int) -> QWidget:
    inputs = ReferralInputs(
        demo_record(), parse_csv(demo_csv()), SITE, "demo", TODAY, lambda r: None, lambda a: None
    )
    flow = ReferralFlow(inputs)
    if step >= 1:
        flow.go(1)
        flow.consent_boxes["screening_result"].setChecked(True)
    if step >= 2:
        flow.go(2)
    return flow


def choose() -> QWidget:
    return _flow(0)


def consent() -> QWidget:
    return _flow(1)


def preview() -> QWidget:
    return _flow(2)


def directory() -> QWidget:
    providers = parse_csv(demo_csv())
    numbered = [
        Provider(**{**p.__dict__, "provider_id": i}) for i, p in enumerate(providers, start=1)
    ]
    store = DirectoryStore(
        load=lambda: list(numbered),
        add=lambda p: None,
        update=lambda p: None,
        remove=lambda i: None,
        import_csv=lambda text: 0,
        editable=True,
    )
    return ProviderDirectory(store)
