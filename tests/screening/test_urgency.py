"""Urgency, deadlines and need for representation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from clinic_app.screening import screen, urgency_on, urgency_reasons_on
from tests.screening.support import DACA_INITIAL, RULES, TODAY, days


def run(answers: dict[str, Any], today: date = TODAY) -> dict[str, Any]:
    return screen(answers, today=today, rules=RULES).to_dict()


@pytest.mark.parametrize(
    ("answers", "urgency", "reasons"),
    [
        ({}, "routine", []),
        ({"detained": True}, "emergency", ["detained"]),
        ({"detained": False}, "routine", []),
        ({"final_removal_order": True}, "urgent", ["final_order"]),
        ({"next_hearing_date": days(-1)}, "urgent", ["hearing_date_passed"]),
        ({"next_hearing_date": TODAY}, "urgent", ["hearing_within_30_days"]),
        ({"next_hearing_date": days(30)}, "urgent", ["hearing_within_30_days"]),
        ({"next_hearing_date": days(31)}, "priority", ["hearing_within_90_days"]),
        ({"next_hearing_date": days(90)}, "priority", ["hearing_within_90_days"]),
        ({"next_hearing_date": days(91)}, "routine", []),
        ({"in_removal_proceedings": True}, "priority", ["proceedings_no_hearing_date"]),
        ({"in_removal_proceedings": True, "next_hearing_date": days(200)}, "routine", []),
        (
            {"in_removal_proceedings": True, "next_hearing_date": "soon"},
            "priority",
            ["proceedings_no_hearing_date"],
        ),
        (
            {"daca_status": "current", "daca_expiration": days(150)},
            "priority",
            ["daca_renewal_window_open"],
        ),
        ({"daca_status": "current", "daca_expiration": days(151)}, "routine", []),
        (
            {"daca_status": "current", "daca_expiration": days(10), "felony_convictions": 1},
            "routine",
            [],
        ),
        (
            {
                "detained": True,
                "final_removal_order": True,
                "next_hearing_date": days(5),
                "in_removal_proceedings": True,
                "fear_of_return": True,
                "last_entry_date": date(2026, 1, 1),
                "daca_status": "current",
                "daca_expiration": days(20),
            },
            "emergency",
            [
                "detained",
                "final_order",
                "hearing_within_30_days",
                "asylum_deadline_within_60_days",
                "daca_renewal_window_open",
            ],
        ),
    ],
)
def test_urgency_levels(answers: dict[str, Any], urgency: str, reasons: list[str]) -> None:
    result = run(answers)
    assert (result["urgency"], result["urgency_reasons"]) == (urgency, reasons)


FEAR = {"fear_of_return": True}


@pytest.mark.parametrize(
    ("last_entry", "reason", "urgency"),
    [
        # The deadline is one year after the last entry.
        (date(2025, 11, 26), "asylum_deadline_passed", "priority"),
        (date(2025, 11, 27), "asylum_deadline_within_60_days", "urgent"),  # deadline today
        (date(2026, 1, 26), "asylum_deadline_within_60_days", "urgent"),  # 60 days away
        (date(2026, 1, 27), "asylum_deadline_open", "priority"),  # 61 days away
    ],
)
def test_asylum_deadline(last_entry: date, reason: str, urgency: str) -> None:
    result = run(FEAR | {"last_entry_date": last_entry})
    assert result["urgency_reasons"] == [reason]
    assert result["urgency"] == urgency
    expected = date(last_entry.year + 1, last_entry.month, last_entry.day).isoformat()
    assert result["deadlines"] == [{"kind": "asylum_one_year", "date": expected}]


@pytest.mark.parametrize(
    "answers",
    [
        {"fear_of_return": True, "asylum_filed": True, "last_entry_date": date(2026, 1, 1)},
        {"fear_of_return": False, "last_entry_date": date(2026, 1, 1)},
        {"last_entry_date": date(2026, 1, 1)},
        {"fear_of_return": True},
    ],
)
def test_no_asylum_deadline(answers: dict[str, Any]) -> None:
    result = run(answers)
    assert result["deadlines"] == []
    assert not [r for r in result["urgency_reasons"] if r.startswith("asylum")]


def test_asylum_deadline_from_29_february_and_missing_filed_counts_as_not_filed() -> None:
    result = run(
        {"fear_of_return": True, "asylum_filed": None, "last_entry_date": date(2024, 2, 29)}
    )
    assert result["deadlines"] == [{"kind": "asylum_one_year", "date": "2025-02-28"}]


def test_deadlines_in_contract_order() -> None:
    answers = {
        "next_hearing_date": days(40),
        "fear_of_return": True,
        "last_entry_date": date(2026, 6, 1),
        "daca_status": "current",
        "daca_expiration": days(400),
        "nationality": "UA",
        "first_entry_date": date(2023, 1, 1),
        "continuous_residence_since": date(2023, 1, 1),
        "felony_convictions": 0,
        "significant_misdemeanors": 0,
        "other_misdemeanors": 0,
    }
    kinds = [d["kind"] for d in run(answers, date(2026, 1, 1))["deadlines"]]
    assert kinds == ["hearing", "asylum_one_year", "daca_expiration", "tps_registration_end"]


@pytest.mark.parametrize(
    ("answers", "needed"),
    [
        ({}, False),
        ({"detained": True}, True),
        ({"final_removal_order": True}, True),
        ({"in_removal_proceedings": True}, True),
        ({"in_removal_proceedings": False}, False),
        ({"next_hearing_date": days(400)}, True),
        ({"crime_victim": True}, True),  # a program possible
        ({"crime_victim": False}, False),
        (DACA_INITIAL, True),  # initial DACA possible
        ({"daca_status": "current"}, False),  # a plain DACA renewal
        ({"nationality": "UA", "tps_status": "current"}, False),  # a plain TPS re-registration
        (  # naturalization likely (v2: with the three counts)
            {
                "lpr_since": date(2015, 1, 1),
                "felony_convictions": 0,
                "significant_misdemeanors": 0,
                "other_misdemeanors": 0,
            },
            True,
        ),
    ],
)
def test_needs_representation(answers: dict[str, Any], needed: bool) -> None:
    assert run(answers, date(2026, 1, 1))["needs_representation"] is needed


def test_urgency_on_recomputes_date_reasons_and_keeps_the_others() -> None:
    answers = {
        "next_hearing_date": date(2027, 2, 15),
        "in_removal_proceedings": True,
        "final_removal_order": True,
    }
    stored = run(answers)
    assert stored["urgency_reasons"] == ["final_order", "hearing_within_90_days"]
    assert urgency_reasons_on(stored, date(2027, 2, 1)) == ("final_order", "hearing_within_30_days")
    assert urgency_reasons_on(stored, date(2027, 2, 16)) == ("final_order", "hearing_date_passed")
    assert urgency_on({**stored, "urgency_reasons": []}, date(2026, 11, 27)) == "priority"


def test_urgency_on_daca_renewal_window() -> None:
    stored = run({"daca_status": "current", "daca_expiration": date(2027, 6, 1)})
    assert urgency_on(stored, TODAY) == "routine"
    assert urgency_on(stored, date(2027, 1, 2)) == "priority"  # 150 days before
    assert urgency_on(stored, date(2028, 6, 1)) == "priority"  # a year past: still renewal
    assert urgency_on(stored, date(2028, 6, 2)) == "routine"  # initial track from here


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"urgency_reasons": [], "deadlines": [{"kind": "hearing", "date": "x"}], "programs": {}},
        {"urgency_reasons": None},
    ],
)
def test_urgency_on_refuses_what_is_not_a_result(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="not a screening result"):
        urgency_on(bad, TODAY)
