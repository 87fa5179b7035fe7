"""DACA, rule by rule at each boundary (contract: "DACA (checked in this order)")."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from clinic_app.screening import Rules, screen
from tests.screening.support import DACA_INITIAL, RULES, RULES_GRANTING, TODAY, days, with_

NOT_GRANTED = ("possible", ["daca_initial_not_granted"], [])


def daca(
    answers: dict[str, Any], today: date = TODAY, rules: Rules = RULES
) -> tuple[str, list[str], list[str]]:
    result = screen(answers, today=today, rules=rules).to_dict()["programs"]["daca"]
    return result["outcome"], result["reasons"], result["missing"]


INITIAL_CASES: list[tuple[str, dict[str, Any], tuple[str, list[str], list[str]]]] = [
    ("meets every guideline", {}, NOT_GRANTED),
    # Born on or before 15 June 1981: too old.
    (
        "born 14 June 1981",
        {"date_of_birth": date(1981, 6, 14), "first_entry_date": date(1990, 1, 1)},
        ("unlikely", ["daca_too_old_2012"], []),
    ),
    (
        "born 15 June 1981",
        {"date_of_birth": date(1981, 6, 15), "first_entry_date": date(1990, 1, 1)},
        ("unlikely", ["daca_too_old_2012"], []),
    ),
    (
        "born 16 June 1981",
        {"date_of_birth": date(1981, 6, 16), "first_entry_date": date(1990, 1, 1)},
        NOT_GRANTED,
    ),
    # First entry on or after the 16th birthday (born 5 May 1995).
    ("entered the day before 16", {"first_entry_date": date(2011, 5, 4)}, NOT_GRANTED),
    (
        "entered on the 16th birthday",
        {"first_entry_date": date(2011, 5, 5)},
        ("unlikely", ["daca_arrived_16_or_older"], []),
    ),
    (
        "entered the day after 16",
        {"first_entry_date": date(2011, 5, 6)},
        ("unlikely", ["daca_arrived_16_or_older"], []),
    ),
    (
        "born 29 February, entered the day before 16",
        {"date_of_birth": date(1992, 2, 29), "first_entry_date": date(2008, 2, 28)},
        NOT_GRANTED,
    ),
    (
        "born 29 February, entered on the 16th birthday",
        {"date_of_birth": date(1992, 2, 29), "first_entry_date": date(2008, 2, 29)},
        ("unlikely", ["daca_arrived_16_or_older"], []),
    ),
    # Continuous residence after 15 June 2007.
    (
        "residence since 14 June 2007",
        {"continuous_residence_since": date(2007, 6, 14)},
        NOT_GRANTED,
    ),
    (
        "residence since 15 June 2007",
        {"continuous_residence_since": date(2007, 6, 15)},
        NOT_GRANTED,
    ),
    (
        "residence since 16 June 2007",
        {"continuous_residence_since": date(2007, 6, 16)},
        ("unlikely", ["daca_residence_after_2007"], []),
    ),
    (
        "not present in 2012",
        {"present_on_2012_06_15": False},
        ("unlikely", ["daca_not_present_2012"], []),
    ),
    (
        "lawful status in 2012",
        {"lawful_status_on_2012_06_15": True},
        ("unlikely", ["daca_lawful_status_2012"], []),
    ),
    # v2: no education is not a failing guideline; enrolling in school meets it.
    (
        "no education",
        {"education": "none"},
        ("possible", ["daca_initial_not_granted", "daca_education_enroll"], []),
    ),
    ("in school", {"education": "in_school"}, NOT_GRANTED),
    ("diploma", {"education": "high_school_diploma"}, NOT_GRANTED),
    ("veteran", {"education": "honorable_discharge"}, NOT_GRANTED),
    # Criminal bar (DACA): felony >= 1, significant >= 1, other >= 3.
    ("one felony", {"felony_convictions": 1}, ("unlikely", ["daca_criminal_bar"], [])),
    (
        "one significant misdemeanour",
        {"significant_misdemeanors": 1},
        ("unlikely", ["daca_criminal_bar"], []),
    ),
    ("two other misdemeanours", {"other_misdemeanors": 2}, NOT_GRANTED),
    (
        "three other misdemeanours",
        {"other_misdemeanors": 3},
        ("unlikely", ["daca_criminal_bar"], []),
    ),
    (
        "fails every guideline, listed in order",
        {
            "date_of_birth": date(1980, 1, 1),
            "first_entry_date": date(2000, 1, 1),
            "continuous_residence_since": date(2010, 1, 1),
            "present_on_2012_06_15": False,
            "lawful_status_on_2012_06_15": True,
            "education": "none",
            "felony_convictions": 2,
        },
        (
            "unlikely",
            [
                "daca_too_old_2012",
                "daca_arrived_16_or_older",
                "daca_residence_after_2007",
                "daca_not_present_2012",
                "daca_lawful_status_2012",
                "daca_criminal_bar",
                "daca_education_enroll",
            ],
            [],
        ),
    ),
    # Missing keys: needs_info, listed in the order of the answer-key table.
    ("status missing", {"daca_status": "DROP"}, ("needs_info", [], ["daca_status"])),
    (
        "everything missing",
        {k: "DROP" for k in DACA_INITIAL},
        (
            "needs_info",
            [],
            [
                "date_of_birth",
                "first_entry_date",
                "continuous_residence_since",
                "present_on_2012_06_15",
                "lawful_status_on_2012_06_15",
                "education",
                "felony_convictions",
                "significant_misdemeanors",
                "other_misdemeanors",
                "daca_status",
            ],
        ),
    ),
    (
        "a failing rule beats a missing key",
        {"education": "DROP", "present_on_2012_06_15": False},
        ("unlikely", ["daca_not_present_2012"], []),
    ),
    (
        "a missing count never triggers the bar",
        {"other_misdemeanors": None},
        ("needs_info", [], ["other_misdemeanors"]),
    ),
    # Wrong types count as missing.
    ("birth date as text", {"date_of_birth": "1995-05-05"}, ("needs_info", [], ["date_of_birth"])),
    (
        "birth date as datetime",
        {"date_of_birth": __import__("datetime").datetime(1995, 5, 5)},
        ("needs_info", [], ["date_of_birth"]),
    ),
    ("negative count", {"felony_convictions": -1}, ("needs_info", [], ["felony_convictions"])),
    (
        "a bool is not a count",
        {"felony_convictions": True},
        ("needs_info", [], ["felony_convictions"]),
    ),
    ("a count as text", {"other_misdemeanors": "3"}, ("needs_info", [], ["other_misdemeanors"])),
    ("presence as 1", {"present_on_2012_06_15": 1}, ("needs_info", [], ["present_on_2012_06_15"])),
    ("unknown education", {"education": "phd"}, ("needs_info", [], ["education"])),
    ("unknown status", {"daca_status": "pending"}, ("needs_info", [], ["daca_status"])),
]


@pytest.mark.parametrize(
    ("name", "changes", "expected"), INITIAL_CASES, ids=[c[0] for c in INITIAL_CASES]
)
def test_initial_track(
    name: str, changes: dict[str, Any], expected: tuple[str, list[str], list[str]]
) -> None:
    assert daca(with_(DACA_INITIAL, **changes)) == expected


def test_initial_track_likely_when_the_rules_file_says_granted() -> None:
    assert daca(DACA_INITIAL, rules=RULES_GRANTING) == ("likely", ["daca_initial"], [])


def _expiring(status: str, expiration: date | None, **more: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {"daca_status": status, **more}
    if expiration is not None:
        answers["daca_expiration"] = expiration
    return answers


RENEWAL = ("likely", ["daca_renewal"], [])
WINDOW = ("likely", ["daca_renewal", "daca_renewal_window_open"], [])
RENEWAL_CASES: list[tuple[str, dict[str, Any], tuple[str, list[str], list[str]]]] = [
    ("current, no expiry", _expiring("current", None), RENEWAL),
    ("current, expiry in 151 days", _expiring("current", days(151)), RENEWAL),
    ("current, expiry in 150 days", _expiring("current", days(150)), WINDOW),
    ("current, expiry in 149 days", _expiring("current", days(149)), WINDOW),
    ("current, expiry today", _expiring("current", TODAY), WINDOW),
    ("current, expired yesterday", _expiring("current", days(-1)), WINDOW),
    # Current: renewal unless the expiry is more than one year past.
    ("current, expiry exactly a year ago", _expiring("current", date(2025, 11, 27)), WINDOW),
    (
        "current, expiry a year and a day ago",
        _expiring("current", date(2025, 11, 26)),
        (
            "needs_info",
            ["daca_expired_over_one_year"],
            [
                "date_of_birth",
                "first_entry_date",
                "continuous_residence_since",
                "present_on_2012_06_15",
                "lawful_status_on_2012_06_15",
                "education",
                "felony_convictions",
                "significant_misdemeanors",
                "other_misdemeanors",
            ],
        ),
    ),
    # Expired: renewal while the expiry is less than one year before today.
    ("expired, a year less a day ago", _expiring("expired", date(2025, 11, 28)), WINDOW),
    (
        "expired, exactly a year ago",
        _expiring("expired", date(2025, 11, 27), **DACA_INITIAL | {"daca_status": "expired"}),
        ("possible", ["daca_expired_over_one_year", "daca_initial_not_granted"], []),
    ),
    (
        "expired two years ago, fails a guideline",
        _expiring(
            "expired",
            date(2024, 11, 27),
            **DACA_INITIAL | {"daca_status": "expired", "felony_convictions": 1},
        ),
        ("unlikely", ["daca_expired_over_one_year", "daca_criminal_bar"], []),
    ),
    (
        "expired, no expiry date",
        _expiring("expired", None),
        ("needs_info", [], ["daca_expiration"]),
    ),
    (
        "expired, no expiry date, criminal bar",
        _expiring("expired", None, significant_misdemeanors=1),
        ("unlikely", ["daca_criminal_bar"], []),
    ),
    (
        "expired, expiry as text",
        {"daca_status": "expired", "daca_expiration": "2026-01-01"},
        ("needs_info", [], ["daca_expiration"]),
    ),
    # Renewal track: criminal bar only; no other key needed.
    (
        "renewal with a felony",
        _expiring("current", days(30), felony_convictions=1),
        ("unlikely", ["daca_criminal_bar"], []),
    ),
    (
        "renewal with 3 misdemeanours",
        _expiring("current", days(300), other_misdemeanors=3),
        ("unlikely", ["daca_criminal_bar"], []),
    ),
    (
        "renewal with 2 misdemeanours",
        _expiring("current", days(300), other_misdemeanors=2),
        RENEWAL,
    ),
]


@pytest.mark.parametrize(
    ("name", "answers", "expected"), RENEWAL_CASES, ids=[c[0] for c in RENEWAL_CASES]
)
def test_renewal_and_expiry(
    name: str, answers: dict[str, Any], expected: tuple[str, list[str], list[str]]
) -> None:
    assert daca(answers) == expected


@pytest.mark.parametrize(
    ("today", "track"),
    [
        (date(2025, 2, 27), "renewal"),
        (date(2025, 2, 28), "initial"),  # one year after 29 February 2024 is 28 February
        (date(2025, 3, 1), "initial"),
    ],
)
def test_expired_on_29_february(today: date, track: str) -> None:
    answers = DACA_INITIAL | {"daca_status": "expired", "daca_expiration": date(2024, 2, 29)}
    outcome, reasons, _ = daca(answers, today=today)
    if track == "renewal":
        assert reasons[0] == "daca_renewal"
    else:
        assert reasons == ["daca_expired_over_one_year", "daca_initial_not_granted"]
        assert outcome == "possible"
