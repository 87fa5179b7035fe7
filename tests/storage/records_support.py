"""Building intake records for the records tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from clinic_app.domain.record import IntakeRecord, ScreeningOutcome
from clinic_app.screening import screen

TODAY = date(2026, 11, 27)


def make_record(**values: Any) -> IntakeRecord:
    base: dict[str, Any] = {
        "record_id": "new",
        "given_name": "Ana",
        "family_name": "Pérez",
        "client_language": "es",
        "intake_date": TODAY,
        "site": "Sunset Park",
        "volunteer": "sam",
    }
    base.update(values)
    return IntakeRecord.from_mapping(base)


def outcome_for(answers: dict[str, Any], today: date = TODAY) -> ScreeningOutcome:
    """What the intake stores from a screening: the result only."""
    return ScreeningOutcome.from_dict(screen(answers, today=today).to_dict())
