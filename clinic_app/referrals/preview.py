"""Renders a fictional client's referral sheet in each language, to look at.

``python -m clinic_app.referrals.preview FOLDER [CODE ...]`` writes
``referral-<code>-<page>.png`` (pdftoppm, from poppler, at ``RESOLUTION``
dpi) into FOLDER: page 1 is the client's page, page 2 the provider's copy.
The sheets go through the real path (``service.sheet_pdf``: the policy, the
content, the layout); only the client is invented. The PDF goes to pdftoppm
through a pipe: only the PNGs of demo data are written.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from clinic_app.domain.record import Consent, IntakeRecord, ScreeningOutcome
from clinic_app.i18n import LANGUAGES
from clinic_app.referrals.content import Site
from clinic_app.referrals.directory import parse_csv
from clinic_app.referrals.directory_store import demo_csv
from clinic_app.referrals.samples import SAMPLES
from clinic_app.referrals.service import default_choice, sheet_pdf
from clinic_app.screening import screen

RESOLUTION = 60
SAMPLE_DAY = date(2026, 11, 27)
SITE = Site("Sample Community Clinic (fictional)", "(212) 555-0199")


def sample_record(code: str) -> IntakeRecord:
    """A fictional client who speaks ``code``: a DACA renewal, an appointment, and
    consent to share the screening result and the referral needs."""
    result = screen(
        {
            "daca_status": "current",
            "daca_expiration": SAMPLE_DAY + timedelta(days=120),
            "first_entry_date": date(2005, 6, 1),
            "date_of_birth": date(2000, 2, 3),
        },
        today=SAMPLE_DAY,
    ).to_dict()
    given, _, family = SAMPLES[code].name.partition(" ")
    record = IntakeRecord(
        record_id="SAMPLE01",
        given_name=given,
        family_name=family or "(sample)",
        client_language=code,
        intake_date=SAMPLE_DAY,
        site="Sample",
        volunteer="sam",
        phone="(917) 555-0123",
        preferred_contact="phone",
        safe_to_call=True,
        safe_to_leave_voicemail=True,
        referral_needs=("daca",),
        appointment=datetime(2026, 12, 3, 10, 30),
        interpreter_needed=False,
        screening_result=ScreeningOutcome.from_dict(result),
    )
    consent = Consent(frozenset({"screening_result", "referral_needs"}), SAMPLE_DAY, "sam")
    return replace(record, eo41_consent=consent)


def sample_pdf(code: str) -> bytes:
    record = sample_record(code)
    chosen = default_choice(parse_csv(demo_csv()), record, SAMPLE_DAY)[:1]
    return sheet_pdf(record, chosen, SITE, SAMPLE_DAY)


def render_previews(folder: Path, codes: Iterable[str] = LANGUAGES) -> list[Path]:
    """Writes a PNG of each page of each language's sample sheet; returns them."""
    folder.mkdir(parents=True, exist_ok=True)
    pngs: list[Path] = []
    for code in codes:
        stem = folder / f"referral-{code}"
        for old in folder.glob(f"referral-{code}-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(RESOLUTION), "-", str(stem)],
            input=sample_pdf(code),
            check=True,
        )
        pngs += sorted(folder.glob(f"referral-{code}-*.png"))
    return pngs


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m clinic_app.referrals.preview FOLDER [CODE ...]", file=sys.stderr)
        return 2
    for png in render_previews(Path(args[0]), args[1:] or LANGUAGES):
        print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
