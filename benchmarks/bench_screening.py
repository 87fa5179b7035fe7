"""screen() on varied answers: the p95 of one call (target: at most 1 ms)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from itertools import cycle
from typing import Any

from benchmarks.harness import Result, benchmark, repeat
from clinic_app.screening import ANSWER_KEYS, load_rules, screen

CALLS = 5000
ANSWER_SETS = 500
TODAY = date(2026, 11, 27)
COUNTRIES = ["UA", "SV", "SD", "LB", "HT", "VE", "HN", "MX", "GT", None]
CHOICES: dict[str, list[Any]] = {
    "education": ["in_school", "high_school_diploma", "ged", "honorable_discharge", "none", None],
    "daca_status": ["never", "current", "expired", None],
    "tps_status": ["never", "current", "expired", None],
    "parole_status": ["never", "current", "expired", None],
}


def _value(rng: random.Random, key: str) -> Any:
    if key in ("nationality", "last_habitual_residence"):
        return rng.choice(COUNTRIES)
    if key in CHOICES:
        return rng.choice(CHOICES[key])
    if key.endswith(("_date", "_since", "_expiration", "_ended_on")) or key == "date_of_birth":
        return date(1975, 1, 1) + timedelta(days=rng.randrange(20_000))
    if key.endswith(("_convictions", "_misdemeanors")):
        return rng.choice([0, 0, 0, 1, 2, 3, None])
    return rng.choice([True, False, None])


def varied_answers(seed: int = 2026) -> list[dict[str, Any]]:
    """Answer sets from empty to complete, with every kind of value."""
    rng = random.Random(seed)
    sets = []
    for _ in range(ANSWER_SETS):
        keys = rng.sample(ANSWER_KEYS, rng.randrange(len(ANSWER_KEYS) + 1))
        sets.append({key: _value(rng, key) for key in keys})
    return sets


@benchmark("screening", target="p95_ms <= 1")
def screening() -> Result:
    rules = load_rules()
    answers = varied_answers()
    outcomes = Counter(
        screen(a, today=TODAY, rules=rules).programs["daca"].outcome for a in answers
    )
    feed = cycle(answers)
    samples = repeat(lambda: screen(next(feed), today=TODAY, rules=rules), CALLS, warmup=200)
    return Result(
        samples,
        extra={"answer_sets": len(answers), "daca_outcomes": dict(sorted(outcomes.items()))},
    )
