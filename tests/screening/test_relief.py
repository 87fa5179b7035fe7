"""Other relief: asylum, SIJS, U, T, VAWA, family, naturalization."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from clinic_app.screening import screen
from tests.screening.support import RULES, TODAY

Expected = tuple[str, list[str], list[str]]


def program(name: str, answers: dict[str, Any], today: date = TODAY) -> Expected:
    result = screen(answers, today=today, rules=RULES).to_dict()["programs"][name]
    return result["outcome"], result["reasons"], result["missing"]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"fear_of_return": True}, ("possible", ["asylum_fear_of_return"], [])),
        (
            {"fear_of_return": True, "asylum_filed": True},
            ("possible", ["asylum_fear_of_return", "asylum_filed"], []),
        ),
        (
            {"fear_of_return": True, "asylum_filed": False},
            ("possible", ["asylum_fear_of_return"], []),
        ),
        (
            {"fear_of_return": False, "asylum_filed": True},
            ("not_applicable", ["asylum_no_fear_of_return"], []),
        ),
        ({}, ("needs_info", [], ["fear_of_return"])),
        ({"fear_of_return": "yes"}, ("needs_info", [], ["fear_of_return"])),
    ],
)
def test_asylum(answers: dict[str, Any], expected: Expected) -> None:
    assert program("asylum", answers) == expected


HARMED = "abused_neglected_abandoned_by_parent"


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        # 21st birthday on 2026-11-27 (TODAY).
        (
            {"date_of_birth": date(2005, 11, 28), HARMED: True},
            ("possible", ["sijs_parent_abuse_neglect_abandonment"], []),
        ),
        (
            {"date_of_birth": date(2005, 11, 27), HARMED: True},
            ("not_applicable", ["sijs_age_21_or_over"], []),
        ),
        (
            {"date_of_birth": date(2005, 11, 26), HARMED: True},
            ("not_applicable", ["sijs_age_21_or_over"], []),
        ),
        ({"date_of_birth": date(2005, 11, 27)}, ("not_applicable", ["sijs_age_21_or_over"], [])),
        (
            {"date_of_birth": date(2010, 1, 1), HARMED: False},
            ("not_applicable", ["sijs_no_parent_abuse_neglect_abandonment"], []),
        ),
        ({HARMED: False}, ("not_applicable", ["sijs_no_parent_abuse_neglect_abandonment"], [])),
        ({"date_of_birth": date(2010, 1, 1)}, ("needs_info", [], [HARMED])),
        ({HARMED: True}, ("needs_info", [], ["date_of_birth"])),
        ({}, ("needs_info", [], ["date_of_birth", HARMED])),
    ],
)
def test_sijs(answers: dict[str, Any], expected: Expected) -> None:
    assert program("sijs", answers) == expected


@pytest.mark.parametrize(
    ("today", "outcome"),
    [
        (date(2029, 2, 27), "possible"),  # born 29 February 2008: still 20
        (date(2029, 2, 28), "not_applicable"),  # 21 on 28 February in a common year
    ],
)
def test_sijs_age_on_29_february(today: date, outcome: str) -> None:
    assert program("sijs", {"date_of_birth": date(2008, 2, 29), HARMED: True}, today)[0] == outcome


@pytest.mark.parametrize(
    ("name", "key", "yes", "no"),
    [
        ("u_visa", "crime_victim", "u_visa_crime_victim", "u_visa_not_crime_victim"),
        (
            "t_visa",
            "trafficking_victim",
            "t_visa_trafficking_victim",
            "t_visa_not_trafficking_victim",
        ),
        ("vawa", "abused_by_usc_lpr_family", "vawa_family_abuse", "vawa_no_family_abuse"),
        ("family", "usc_or_lpr_relative", "family_usc_lpr_relative", "family_no_usc_lpr_relative"),
    ],
)
def test_yes_no_programs(name: str, key: str, yes: str, no: str) -> None:
    assert program(name, {key: True}) == ("possible", [yes], [])
    assert program(name, {key: False}) == ("not_applicable", [no], [])
    assert program(name, {}) == ("needs_info", [], [key])
    assert program(name, {key: None}) == ("needs_info", [], [key])
    assert program(name, {key: 0}) == ("needs_info", [], [key])


ELIGIBLE = ("likely", ["naturalization_eligible"], [])
EARLY = ("possible", ["naturalization_early_filing"], [])
NOT_YET = ("not_applicable", ["naturalization_not_yet_eligible"], [])
MARRIED = "married_to_usc_living_together"
CLEAN_RECORD = {"felony_convictions": 0, "significant_misdemeanors": 0, "other_misdemeanors": 0}


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, ("not_applicable", ["naturalization_not_lpr"], [])),
        # Five years after 2021-11-27 is TODAY; 90 days before it is 2026-08-29.
        ({"lpr_since": date(2021, 11, 27), MARRIED: False}, ELIGIBLE),
        ({"lpr_since": date(2021, 11, 28), MARRIED: False}, EARLY),  # one day before
        ({"lpr_since": date(2022, 2, 25), MARRIED: False}, EARLY),  # exactly 90 days before
        ({"lpr_since": date(2022, 2, 26), MARRIED: False}, NOT_YET),  # 91 days before
        ({"lpr_since": date(2021, 11, 27)}, ELIGIBLE),  # married does not matter
        ({"lpr_since": date(2025, 1, 1)}, NOT_YET),  # neither 3 nor 5 years near
        # Three years when married to and living with a US citizen.
        ({"lpr_since": date(2023, 11, 27), MARRIED: True}, ELIGIBLE),
        ({"lpr_since": date(2023, 11, 28), MARRIED: True}, EARLY),
        ({"lpr_since": date(2023, 11, 27), MARRIED: False}, NOT_YET),
        # Missing marriage answer that would change the outcome: ask.
        ({"lpr_since": date(2023, 11, 27)}, ("needs_info", [], [MARRIED])),
        ({"lpr_since": "2020-01-01"}, ("not_applicable", ["naturalization_not_lpr"], [])),
    ],
)
def test_naturalization(answers: dict[str, Any], expected: Expected) -> None:
    # v2: the three counts are needed; a clean record keeps the v1 outcomes.
    assert program("naturalization", {**CLEAN_RECORD, **answers}) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 2, 27), EARLY),
        (date(2025, 2, 28), ELIGIBLE),  # five years after 29 February 2020
    ],
)
def test_naturalization_from_29_february(today: date, expected: Expected) -> None:
    assert (
        program(
            "naturalization",
            {**CLEAN_RECORD, "lpr_since": date(2020, 2, 29), MARRIED: False},
            today,
        )
        == expected
    )
