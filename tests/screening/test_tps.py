"""TPS, rule by rule at each boundary (contract: "TPS ... the first that decides wins").

The test rules use the contract's Ukraine example: residence since 2023-08-16,
presence since 2023-10-20, designated until 2026-10-19, initial registration
2023-10-20..2026-10-19, re-registration 2025-01-17..2025-03-18.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from clinic_app.screening import screen
from tests.screening.support import RULES, TPS_NEW, with_

MID = date(2026, 1, 1)  # inside the registration window and the designation
Expected = tuple[str, list[str], list[str]]


def tps(answers: dict[str, Any], today: date = MID) -> Expected:
    result = screen(answers, today=today, rules=RULES).to_dict()["programs"]["tps"]
    return result["outcome"], result["reasons"], result["missing"]


def deadlines(answers: dict[str, Any], today: date) -> list[dict[str, str]]:
    found = screen(answers, today=today, rules=RULES).to_dict()["deadlines"]
    return [d for d in found if d["kind"].startswith("tps_")]


LIKELY = ("likely", ["tps_initial"], [])
COUNTS_MISSING = ["felony_convictions", "significant_misdemeanors", "other_misdemeanors"]
CASES: list[tuple[str, dict[str, Any], date, Expected]] = [
    # Rule 1: which country.
    ("no country", {"nationality": "DROP"}, MID, ("needs_info", [], ["nationality"])),
    (
        "stateless, last residence Ukraine",
        {"nationality": None, "last_habitual_residence": "UA"},
        MID,
        LIKELY,
    ),
    ("nationality wins over last residence", {"last_habitual_residence": "HT"}, MID, LIKELY),
    (
        "lower-case code is not a code",
        {"nationality": "ua"},
        MID,
        ("needs_info", [], ["nationality"]),
    ),
    ("country as a number", {"nationality": 804}, MID, ("needs_info", [], ["nationality"])),
    # Rule 2: not in the table.
    ("France", {"nationality": "FR"}, MID, ("not_applicable", ["tps_country_not_designated"], [])),
    # Rule 3: terminated.
    (
        "Haiti, litigation",
        {"nationality": "HT"},
        MID,
        ("unlikely", ["tps_designation_terminated", "tps_litigation"], []),
    ),
    (
        "Syria, no litigation",
        {"nationality": "SY"},
        MID,
        ("unlikely", ["tps_designation_terminated"], []),
    ),
    (
        "terminated beats the criminal bar",
        {"nationality": "SY", "felony_convictions": 3},
        MID,
        ("unlikely", ["tps_designation_terminated"], []),
    ),
    # Rule 4: criminal bar (TPS): felony >= 1 or misdemeanours together >= 2.
    ("one felony", {"felony_convictions": 1}, MID, ("unlikely", ["tps_criminal_bar"], [])),
    ("one misdemeanour", {"other_misdemeanors": 1}, MID, LIKELY),
    (
        "one of each misdemeanour",
        {"significant_misdemeanors": 1, "other_misdemeanors": 1},
        MID,
        ("unlikely", ["tps_criminal_bar"], []),
    ),
    (
        "two other misdemeanours",
        {"other_misdemeanors": 2},
        MID,
        ("unlikely", ["tps_criminal_bar"], []),
    ),
    (
        "two known, one missing",
        {"significant_misdemeanors": 2, "other_misdemeanors": None},
        MID,
        ("unlikely", ["tps_criminal_bar"], []),
    ),
    (
        "one known, one missing",
        {"significant_misdemeanors": 1, "other_misdemeanors": None},
        MID,
        ("needs_info", [], ["other_misdemeanors"]),
    ),
    (
        "bar for a current holder",
        {"tps_status": "current", "felony_convictions": 1},
        MID,
        ("unlikely", ["tps_criminal_bar"], []),
    ),
    # Rule 6: residence and presence dates.
    ("residence since 2023-08-15", {"continuous_residence_since": date(2023, 8, 15)}, MID, LIKELY),
    ("residence since 2023-08-16", {"continuous_residence_since": date(2023, 8, 16)}, MID, LIKELY),
    (
        "residence since 2023-08-17",
        {"continuous_residence_since": date(2023, 8, 17)},
        MID,
        ("unlikely", ["tps_arrived_after_dates"], []),
    ),
    ("entered 2023-10-19", {"first_entry_date": date(2023, 10, 19)}, MID, LIKELY),
    ("entered 2023-10-20", {"first_entry_date": date(2023, 10, 20)}, MID, LIKELY),
    (
        "entered 2023-10-21",
        {"first_entry_date": date(2023, 10, 21)},
        MID,
        ("unlikely", ["tps_arrived_after_dates"], []),
    ),
    (
        "late arrival beats missing keys",
        {"first_entry_date": date(2024, 1, 1), "felony_convictions": None},
        MID,
        ("unlikely", ["tps_arrived_after_dates"], []),
    ),
    (
        "residence missing",
        {"continuous_residence_since": "DROP"},
        MID,
        ("needs_info", [], ["continuous_residence_since"]),
    ),
    (
        "only the country",
        {k: "DROP" for k in TPS_NEW if k != "nationality"},
        MID,
        ("needs_info", [], ["first_entry_date", "continuous_residence_since", *COUNTS_MISSING]),
    ),
    ("expired holder applies as new", {"tps_status": "expired"}, MID, LIKELY),
    ("never had TPS", {"tps_status": "never"}, MID, LIKELY),
    # Rule 7: the initial-registration window 2023-10-20..2026-10-19.
    (
        "the day before registration opens",
        {},
        date(2023, 10, 19),
        ("possible", ["tps_registration_not_open"], []),
    ),
    ("the day registration opens", {}, date(2023, 10, 20), LIKELY),
    ("the last day of registration", {}, date(2026, 10, 19), LIKELY),
    (
        "the day after registration and designation end",
        {},
        date(2026, 10, 20),
        ("possible", ["tps_late_initial_filing", "tps_designation_date_passed"], []),
    ),
]


@pytest.mark.parametrize(("name", "changes", "today", "expected"), CASES, ids=[c[0] for c in CASES])
def test_tps_rules(name: str, changes: dict[str, Any], today: date, expected: Expected) -> None:
    assert tps(with_(TPS_NEW, **changes), today) == expected


HOLDER = {"nationality": "UA", "tps_status": "current"}
HOLDER_CASES: list[tuple[str, dict[str, Any], date, Expected]] = [
    (
        "the day before re-registration",
        HOLDER,
        date(2025, 1, 16),
        ("likely", ["tps_reregistration"], []),
    ),
    (
        "re-registration opens",
        HOLDER,
        date(2025, 1, 17),
        ("likely", ["tps_reregistration", "tps_reregistration_window_open"], []),
    ),
    (
        "re-registration closes",
        HOLDER,
        date(2025, 3, 18),
        ("likely", ["tps_reregistration", "tps_reregistration_window_open"], []),
    ),
    (
        "the day after re-registration",
        HOLDER,
        date(2025, 3, 19),
        ("likely", ["tps_reregistration"], []),
    ),
    ("designation's last day", HOLDER, date(2026, 10, 19), ("likely", ["tps_reregistration"], [])),
    (
        "designation date passed",
        HOLDER,
        date(2026, 10, 20),
        ("possible", ["tps_reregistration", "tps_designation_date_passed"], []),
    ),
    (
        "no re-registration window announced",
        {"nationality": "LB", "tps_status": "current"},
        MID,
        ("likely", ["tps_reregistration"], []),
    ),
]


@pytest.mark.parametrize(
    ("name", "answers", "today", "expected"), HOLDER_CASES, ids=[c[0] for c in HOLDER_CASES]
)
def test_current_holder_needs_no_other_key(
    name: str, answers: dict[str, Any], today: date, expected: Expected
) -> None:
    assert tps(answers, today) == expected


def test_registration_deadline_for_a_new_applicant() -> None:
    assert deadlines(TPS_NEW, MID) == [{"kind": "tps_registration_end", "date": "2026-10-19"}]
    # v2: a passed registration window is never listed as a date to act on.
    assert deadlines(TPS_NEW, date(2026, 10, 20)) == []
    assert deadlines(with_(TPS_NEW, felony_convictions=1), MID) == []
    assert deadlines(with_(TPS_NEW, nationality="SY"), MID) == []
    assert deadlines(with_(TPS_NEW, other_misdemeanors=None), MID) == []


def test_reregistration_deadline_only_while_the_window_contains_today() -> None:
    end = [{"kind": "tps_reregistration_end", "date": "2025-03-18"}]
    assert deadlines(HOLDER, date(2025, 1, 16)) == []
    assert deadlines(HOLDER, date(2025, 1, 17)) == end
    assert deadlines(HOLDER, date(2025, 3, 18)) == end
    assert deadlines(HOLDER, date(2025, 3, 19)) == []
