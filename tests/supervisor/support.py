"""Synthetic intake records for the supervisor tests and benchmarks (no real person)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from clinic_app.domain.fields import REFERRAL_NEEDS
from clinic_app.domain.record import PROGRAMS, IntakeRecord, ScreeningOutcome

GIVEN = ("Ana", "Wei", "Olga", "Rahim", "Jean", "Min-jun", "Fatima", "Zofia", "Luis", "Amina")
FAMILY = ("Pérez", "Chen", "Ivanova", "Uddin", "Baptiste", "Kim", "Haddad", "Nowak", "Diaz")
LANGS = ("es", "en", "zh_Hant", "ru", "bn", "ht", "ko", "ar", "ur", "fr", "pl")
ZIPS = ("10027", "10301", "10451", "11201", "11373", "07030", None)
OUTCOMES = ("likely", "possible", "unlikely", "needs_info", "not_applicable")
KINDS = ("hearing", "asylum_one_year", "daca_expiration", "tps_registration_end")


def outcome(rng: random.Random, day: date) -> ScreeningOutcome:
    deadlines = []
    for kind in KINDS:
        if rng.random() < 0.3:
            deadlines.append({"kind": kind, "date": (day + timedelta(rng.randint(-30, 400)))})
    data: dict[str, Any] = {
        "rules_as_of": "2026-11-15",
        "programs": {
            p: {"outcome": rng.choice(OUTCOMES), "reasons": [], "missing": []} for p in PROGRAMS
        },
        "needs_representation": rng.random() < 0.5,
        "deadlines": [{"kind": d["kind"], "date": d["date"].isoformat()} for d in deadlines],
        "urgency_reasons": ["detained"] if rng.random() < 0.03 else [],
    }
    return ScreeningOutcome.from_dict(data)


def synthetic(
    n: int, seed: int = 1, start: date = date(2026, 1, 1), days: int = 330
) -> list[IntakeRecord]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        day = start + timedelta(rng.randrange(days))
        out.append(
            IntakeRecord(
                record_id="new",
                given_name=rng.choice(GIVEN),
                family_name=rng.choice(FAMILY),
                client_language=rng.choice(LANGS),
                intake_date=day,
                site="Sunset Park",
                volunteer=rng.choice(("sam", "lee", "kai")),
                zip_code=rng.choice(ZIPS),
                referral_needs=tuple(rng.sample(REFERRAL_NEEDS, rng.randint(0, 2))),
                screening_result=outcome(rng, day) if rng.random() < 0.9 else None,
            )
        )
    return out
