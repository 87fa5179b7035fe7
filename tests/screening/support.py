"""Shared test data: a small rules file with known dates, and answer builders."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from clinic_app.screening import Rules, parse_rules

TODAY = date(2026, 11, 27)

# The contract's example entry for Ukraine, plus terminated entries with and
# without litigation, and an active entry with no re-registration window.
RULES_DATA: dict[str, Any] = {
    "as_of": "2026-11-15",
    "sources": [
        {"title": "USCIS TPS", "url": "https://www.uscis.gov/tps", "retrieved": "2026-11-15"}
    ],
    "daca": {"initial_requests_granted": False, "note": "Initial requests accepted, not granted."},
    "tps": {
        "UA": {
            "name": "Ukraine",
            "status": "active",
            "litigation": False,
            "continuous_residence_since": "2023-08-16",
            "continuous_presence_since": "2023-10-20",
            "designated_until": "2026-10-19",
            "initial_registration": {"start": "2023-10-20", "end": "2026-10-19"},
            "reregistration": {"start": "2025-01-17", "end": "2025-03-18"},
            "verified": True,
        },
        "LB": {
            "name": "Lebanon",
            "status": "active",
            "litigation": False,
            "continuous_residence_since": "2024-10-16",
            "continuous_presence_since": "2024-11-27",
            "designated_until": "2026-11-27",
            "initial_registration": {"start": "2024-11-27", "end": "2026-05-27"},
            "reregistration": None,
            "verified": False,
            "unverified": ["reregistration"],
        },
        "HT": {"name": "Haiti", "status": "terminated", "litigation": True},
        "SY": {"name": "Syria", "status": "terminated", "litigation": False, "verified": True},
    },
}


def rules_text(data: dict[str, Any] | None = None) -> str:
    return json.dumps(RULES_DATA if data is None else data)


def make_rules(**daca: Any) -> Rules:
    data = json.loads(rules_text())
    data["daca"].update(daca)
    return parse_rules(json.dumps(data), "test rules")


RULES = make_rules()
RULES_GRANTING = make_rules(initial_requests_granted=True)

# Meets every initial DACA guideline.
DACA_INITIAL: dict[str, Any] = {
    "date_of_birth": date(1995, 5, 5),
    "first_entry_date": date(2000, 1, 1),
    "continuous_residence_since": date(2000, 1, 1),
    "present_on_2012_06_15": True,
    "lawful_status_on_2012_06_15": False,
    "education": "ged",
    "felony_convictions": 0,
    "significant_misdemeanors": 0,
    "other_misdemeanors": 0,
    "daca_status": "never",
}

# A Ukrainian new TPS applicant who meets the dates.
TPS_NEW: dict[str, Any] = {
    "nationality": "UA",
    "first_entry_date": date(2023, 1, 1),
    "continuous_residence_since": date(2023, 8, 16),
    "felony_convictions": 0,
    "significant_misdemeanors": 0,
    "other_misdemeanors": 0,
}


def days(n: int, day: date = TODAY) -> date:
    return day + timedelta(days=n)


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """``base`` with changes; a change to the string "DROP" removes the key."""
    out = dict(base)
    for key, value in changes.items():
        if value == "DROP":
            out.pop(key, None)
        else:
            out[key] = value
    return out
