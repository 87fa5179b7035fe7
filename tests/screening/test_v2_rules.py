"""One test per rule that version 2 of the screening contract added.

Every expected code, key and level is typed out from ../shared/spec/screening.md
(an independent oracle): nothing here is read from the engine's own tables.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from clinic_app.screening import screen, urgency_on, urgency_reasons_on
from tests.screening.support import DACA_INITIAL, RULES, RULES_GRANTING, TODAY, TPS_NEW, days

CLEAN = {"felony_convictions": 0, "significant_misdemeanors": 0, "other_misdemeanors": 0}
# Fears return, has not filed, last arrived long ago: the one-year deadline
# (2021-01-01) has passed.
LATE_ASYLUM = {"fear_of_return": True, "asylum_filed": False, "last_entry_date": date(2020, 1, 1)}


def run(answers: dict[str, Any], today: date = TODAY, rules: Any = RULES) -> dict[str, Any]:
    return screen(answers, today=today, rules=rules).to_dict()


def program(name: str, answers: dict[str, Any], today: date = TODAY) -> tuple[Any, ...]:
    p = run(answers, today)["programs"][name]
    return p["outcome"], p["reasons"], p["missing"]


def urgency(answers: dict[str, Any], today: date = TODAY) -> tuple[str, list[str]]:
    r = run(answers, today)
    return r["urgency"], r["urgency_reasons"]


def kinds(answers: dict[str, Any], today: date = TODAY) -> dict[str, str]:
    return {d["kind"]: d["date"] for d in run(answers, today)["deadlines"]}


# --- Urgency: orders and re-entry ------------------------------------------


def test_final_removal_order_urgent_without_proceedings_final_order() -> None:
    # Asked of every client: an old order counts even with no proceedings.
    answers = {"final_removal_order": True, "in_removal_proceedings": False}
    assert urgency(answers) == ("urgent", ["final_order"])
    assert run(answers)["needs_representation"] is True


def test_removed_before_is_urgent_reentry_after_removal() -> None:
    assert urgency({"removed_before": True}) == ("urgent", ["reentry_after_removal"])
    assert urgency({"removed_before": False}) == ("routine", [])
    assert urgency({"removed_before": "yes"}) == ("routine", [])
    assert run({"removed_before": True})["needs_representation"] is True
    both = {"final_removal_order": True, "removed_before": True, "detained": True}
    assert urgency(both) == ("emergency", ["detained", "final_order", "reentry_after_removal"])


# --- BIA appeal ----------------------------------------------------------------


def test_bia_appeal_deadline_is_30_days_after_judge_decision_date_appeal_deadline() -> None:
    decided = TODAY - timedelta(days=30)  # the deadline is today: still open
    answers = {"judge_decision_date": decided}
    assert kinds(answers) == {"bia_appeal": TODAY.isoformat()}
    assert urgency(answers) == ("urgent", ["appeal_deadline"])
    assert kinds({"judge_decision_date": days(-10)}) == {"bia_appeal": days(20).isoformat()}


def test_bia_appeal_passed_is_not_listed_but_needs_representation() -> None:
    answers = {"judge_decision_date": TODAY - timedelta(days=31)}
    assert kinds(answers) == {}
    assert urgency(answers) == ("routine", [])
    assert run(answers)["needs_representation"] is True
    assert run({"judge_decision_date": "2026-11-01"})["needs_representation"] is False


# --- DACA education --------------------------------------------------------------


def test_daca_education_enroll_is_not_a_failing_guideline() -> None:
    none = {**DACA_INITIAL, "education": "none"}
    assert program("daca", none) == (
        "possible",
        ["daca_initial_not_granted", "daca_education_enroll"],
        [],
    )
    granted = run(none, rules=RULES_GRANTING)["programs"]["daca"]
    # At most possible while the client is not enrolled.
    assert (granted["outcome"], granted["reasons"]) == (
        "possible",
        ["daca_initial", "daca_education_enroll"],
    )
    failing = {**none, "present_on_2012_06_15": False}
    assert program("daca", failing) == (
        "unlikely",
        ["daca_not_present_2012", "daca_education_enroll"],
        [],
    )
    assert program("daca", {**none, "date_of_birth": None}) == (
        "needs_info",
        ["daca_education_enroll"],
        ["date_of_birth"],
    )


# --- TPS last entry --------------------------------------------------------------


def test_tps_departure_after_presence_date_caps_at_possible() -> None:
    mid = date(2026, 1, 1)  # inside Ukraine's registration window and designation
    assert program("tps", TPS_NEW, mid) == ("likely", ["tps_initial"], [])
    on_the_date = {**TPS_NEW, "last_entry_date": date(2023, 10, 20)}
    assert program("tps", on_the_date, mid) == ("likely", ["tps_initial"], [])
    after = {**TPS_NEW, "last_entry_date": date(2023, 10, 21)}
    assert program("tps", after, mid) == (
        "possible",
        ["tps_departure_after_presence_date", "tps_initial"],
        [],
    )
    # last_entry_date is not a needed key; a wrong type is no answer.
    assert program("tps", {**TPS_NEW, "last_entry_date": "2024-01-01"}, mid) == (
        "likely",
        ["tps_initial"],
        [],
    )
    # Only for a new applicant: a current holder re-registers.
    holder = {"nationality": "UA", "tps_status": "current", "last_entry_date": date(2025, 1, 1)}
    assert program("tps", holder, mid)[1] == ["tps_reregistration"]


# --- Naturalization criminal counts ----------------------------------------------


def test_naturalization_record_review_with_a_conviction() -> None:
    lpr = {"lpr_since": date(2015, 1, 1), **CLEAN, "other_misdemeanors": 1}
    assert program("naturalization", lpr) == (
        "possible",
        ["naturalization_eligible", "naturalization_record_review"],
        [],
    )
    assert run(lpr)["needs_representation"] is True


def test_naturalization_needs_info_on_missing_counts() -> None:
    lpr = {"lpr_since": date(2015, 1, 1), "felony_convictions": 0}
    assert program("naturalization", lpr) == (
        "needs_info",
        ["naturalization_eligible"],
        ["significant_misdemeanors", "other_misdemeanors"],
    )
    assert run(lpr)["needs_representation"] is False
    # A known conviction with a missing count: still needs_info, and an
    # attorney reviews it (the review code always needs representation).
    mixed = {"lpr_since": date(2015, 1, 1), "felony_convictions": 1}
    assert program("naturalization", mixed) == (
        "needs_info",
        ["naturalization_eligible", "naturalization_record_review"],
        ["significant_misdemeanors", "other_misdemeanors"],
    )
    assert run(mixed)["needs_representation"] is True
    # Not yet eligible: the counts are not needed.
    assert program("naturalization", {"lpr_since": date(2025, 1, 1)}) == (
        "not_applicable",
        ["naturalization_not_yet_eligible"],
        [],
    )


# --- LPR criminal history ----------------------------------------------------------


def test_lpr_criminal_history_is_priority() -> None:
    assert urgency({"lpr_since": date(2024, 1, 1), "felony_convictions": 1}) == (
        "priority",
        ["lpr_criminal_history"],
    )
    assert urgency({"lpr_since": date(2024, 1, 1), "significant_misdemeanors": 1}) == (
        "priority",
        ["lpr_criminal_history"],
    )
    assert urgency({"lpr_since": date(2024, 1, 1), **CLEAN}) == ("routine", [])
    assert urgency({"felony_convictions": 1}) == ("routine", [])  # not a resident
    assert urgency({"lpr_since": date(2024, 1, 1), "felony_convictions": True}) == ("routine", [])


# --- TPS registration window -----------------------------------------------------


def test_no_passed_registration_window_among_deadlines() -> None:
    assert kinds(TPS_NEW, date(2026, 10, 19)) == {"tps_registration_end": "2026-10-19"}
    assert "tps_registration_end" not in kinds(TPS_NEW, date(2026, 10, 20))


def test_tps_reregistration_window_open_is_priority() -> None:
    holder = {"nationality": "UA", "tps_status": "current", **CLEAN}
    assert urgency(holder, date(2025, 1, 17)) == ("priority", ["tps_reregistration_window_open"])
    assert urgency(holder, date(2025, 3, 18)) == ("priority", ["tps_reregistration_window_open"])
    assert urgency(holder, date(2025, 3, 19)) == ("routine", [])
    assert urgency(holder, date(2025, 1, 16)) == ("routine", [])


# --- SIJS age-out ------------------------------------------------------------------


def _born_21_years_before(day: date) -> date:
    return day.replace(year=day.year - 21)


def test_sijs_age_out_within_180_days_is_urgent() -> None:
    # The case: 20 years and 10 months old.
    birthday = days(60)
    answers = {
        "date_of_birth": _born_21_years_before(birthday),
        "abused_neglected_abandoned_by_parent": True,
    }
    assert kinds(answers) == {"sijs_age_out": birthday.isoformat()}
    assert urgency(answers) == ("urgent", ["sijs_age_out_within_180_days"])
    edge = {**answers, "date_of_birth": _born_21_years_before(days(180))}
    assert urgency(edge) == ("urgent", ["sijs_age_out_within_180_days"])


def test_sijs_age_out_open_more_than_180_days_away() -> None:
    answers = {
        "date_of_birth": _born_21_years_before(days(181)),
        "abused_neglected_abandoned_by_parent": True,
    }
    assert urgency(answers) == ("priority", ["sijs_age_out_open"])


def test_sijs_age_out_only_when_sijs_possible() -> None:
    young = {"date_of_birth": _born_21_years_before(days(60))}
    assert kinds({**young, "abused_neglected_abandoned_by_parent": False}) == {}
    assert kinds(young) == {}  # needs_info
    turned_21 = {"date_of_birth": _born_21_years_before(TODAY)}
    assert kinds({**turned_21, "abused_neglected_abandoned_by_parent": True}) == {}


# --- Asylum status exception ---------------------------------------------------------


def test_asylum_exception_status_held_tps_or_parole_current() -> None:
    for held in ({"tps_status": "current"}, {"parole_status": "current"}):
        answers = {**LATE_ASYLUM, **held}
        assert urgency(answers) == ("priority", ["asylum_exception_status_held"])
        assert kinds(answers) == {"asylum_one_year": "2021-01-01"}  # no reasonable period


def test_asylum_exception_status_held_only_once_the_deadline_passed() -> None:
    recent = {**LATE_ASYLUM, "last_entry_date": days(-100), "parole_status": "current"}
    assert urgency(recent) == ("priority", ["asylum_deadline_open"])
    filed = {**LATE_ASYLUM, "asylum_filed": True, "tps_status": "current"}
    assert urgency(filed) == ("routine", [])


def test_asylum_reasonable_period_asylum_exception_ending() -> None:
    ended = TODAY - timedelta(days=150)  # the 180 days end in 30 days
    answers = {**LATE_ASYLUM, "tps_status": "expired", "tps_ended_on": ended}
    assert kinds(answers) == {
        "asylum_one_year": "2021-01-01",
        "asylum_reasonable_period": days(30).isoformat(),
    }
    assert urgency(answers) == ("urgent", ["asylum_exception_ending"])
    on_the_day = {**answers, "tps_ended_on": TODAY - timedelta(days=180)}
    assert urgency(on_the_day) == ("urgent", ["asylum_exception_ending"])
    sixty = {**answers, "tps_ended_on": TODAY - timedelta(days=120)}
    assert urgency(sixty) == ("urgent", ["asylum_exception_ending"])


def test_asylum_reasonable_period_asylum_exception_status_ended() -> None:
    answers = {**LATE_ASYLUM, "parole_status": "expired", "parole_ended_on": days(-119)}
    assert urgency(answers) == ("priority", ["asylum_exception_status_ended"])


def test_asylum_reasonable_period_passed_is_asylum_deadline_passed() -> None:
    answers = {**LATE_ASYLUM, "tps_ended_on": days(-181)}
    assert urgency(answers) == ("priority", ["asylum_deadline_passed"])
    assert kinds(answers)["asylum_reasonable_period"] == days(-1).isoformat()
    assert urgency(LATE_ASYLUM) == ("priority", ["asylum_deadline_passed"])


def test_asylum_reasonable_period_the_later_end_counts() -> None:
    answers = {**LATE_ASYLUM, "tps_ended_on": days(-300), "parole_ended_on": days(-150)}
    assert kinds(answers)["asylum_reasonable_period"] == days(30).isoformat()
    swapped = {**LATE_ASYLUM, "tps_ended_on": days(-150), "parole_ended_on": days(-300)}
    assert kinds(swapped)["asylum_reasonable_period"] == days(30).isoformat()


def test_asylum_reasonable_period_haitian_former_tps_holder() -> None:
    # The case: Haitian TPS ended (in force 2026-07-27); arrived 2015.
    answers = {
        "nationality": "HT",
        "tps_status": "expired",
        "tps_ended_on": date(2026, 7, 27),
        "fear_of_return": True,
        "last_entry_date": date(2015, 3, 1),
    }
    result = run(answers)
    assert result["urgency"] == "urgent"
    assert result["urgency_reasons"] == ["asylum_exception_ending"]
    assert {"kind": "asylum_reasonable_period", "date": "2027-01-23"} in result["deadlines"]
    assert "asylum_deadline_passed" not in result["urgency_reasons"]


# --- Representation, order ------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "needed"),
    [
        ({"removed_before": True}, True),
        ({"removed_before": False}, False),
        ({"judge_decision_date": date(2020, 1, 1)}, True),
        ({"final_removal_order": True}, True),
        ({"daca_status": "current", "daca_expiration": days(100)}, False),
        ({"nationality": "UA", "tps_status": "current", **CLEAN}, False),
    ],
)
def test_needs_representation_v2(answers: dict[str, Any], needed: bool) -> None:
    assert run(answers)["needs_representation"] is needed


def test_deadlines_in_v2_order() -> None:
    answers = {
        "next_hearing_date": days(40),
        "fear_of_return": True,
        "last_entry_date": date(2020, 1, 1),
        "tps_ended_on": days(-10),
        "daca_status": "current",
        "daca_expiration": days(400),
        "judge_decision_date": days(-5),
        "date_of_birth": _born_21_years_before(days(300)),
        "abused_neglected_abandoned_by_parent": True,
    }
    assert list(kinds(answers)) == [
        "hearing",
        "asylum_one_year",
        "daca_expiration",
        "bia_appeal",
        "sijs_age_out",
        "asylum_reasonable_period",
    ]


def test_urgency_reasons_in_v2_order() -> None:
    answers = {
        "detained": True,
        "final_removal_order": True,
        "removed_before": True,
        "judge_decision_date": days(-1),
        "next_hearing_date": days(10),
        "fear_of_return": True,
        "last_entry_date": date(2020, 1, 1),
        "tps_ended_on": days(-150),
        "date_of_birth": _born_21_years_before(days(100)),
        "abused_neglected_abandoned_by_parent": True,
        "lpr_since": date(2024, 1, 1),
        "felony_convictions": 1,
    }
    assert urgency(answers) == (
        "emergency",
        [
            "detained",
            "final_order",
            "reentry_after_removal",
            "appeal_deadline",
            "hearing_within_30_days",
            "asylum_exception_ending",
            "sijs_age_out_within_180_days",
            "lpr_criminal_history",
        ],
    )


# --- urgency_on for the new date-based reasons ------------------------------------


@pytest.mark.parametrize(
    ("answers", "later", "expected"),
    [
        ({"judge_decision_date": days(-5)}, days(25), "urgent"),
        ({"judge_decision_date": days(-5)}, days(26), "routine"),
        (
            {
                "date_of_birth": _born_21_years_before(days(200)),
                "abused_neglected_abandoned_by_parent": True,
            },
            days(20),
            "urgent",
        ),
        (
            {
                "date_of_birth": _born_21_years_before(days(200)),
                "abused_neglected_abandoned_by_parent": True,
            },
            days(200),
            "routine",
        ),
        ({**LATE_ASYLUM, "tps_ended_on": days(-100)}, days(20), "urgent"),
        ({**LATE_ASYLUM, "tps_ended_on": days(-100)}, days(81), "priority"),
        ({**LATE_ASYLUM, "tps_status": "current"}, days(400), "priority"),
        # The one-year deadline passes after screening; the status ended
        # recently, so the reasonable period then applies.
        (
            {**LATE_ASYLUM, "last_entry_date": days(-300), "parole_ended_on": days(-10)},
            days(120),
            "urgent",
        ),
    ],
)
def test_urgency_on_matches_screen_for_new_date_reasons(
    answers: dict[str, Any], later: date, expected: str
) -> None:
    stored = json.loads(json.dumps(run(answers)))
    assert run(answers, later)["urgency"] == expected
    assert urgency_on(stored, later) == expected
    assert list(urgency_reasons_on(stored, later)) == run(answers, later)["urgency_reasons"]


# --- TPS designation end date passed -------------------------------------------


def test_tps_designation_date_passed_says_six_month_extension_and_verify() -> None:
    from clinic_app.screening import explain, load_rules

    text = explain("tps_designation_date_passed")
    assert "six months" in text.sentence and "no timely decision" in text.sentence
    assert text.next_step is not None and text.next_step.startswith("Verify")
    shipped = load_rules()
    for entry in shipped.tps.values():
        passed = entry.designated_until is not None and entry.designated_until < TODAY
        if entry.status == "active" and passed:
            assert "six months" in entry.note and "verify" in entry.note, entry.country


def test_tps_reregistration_only_while_the_designation_is_in_force_explained() -> None:
    from clinic_app.screening import explain

    assert "designation is in force" in explain("tps_reregistration").sentence


def test_vawa_and_family_explanations_name_who_counts() -> None:
    from clinic_app.screening import explain

    vawa = explain("vawa_family_abuse").sentence
    assert "US-citizen son or daughter aged 21 or over" in vawa
    assert "adult child" not in vawa  # an LPR child cannot be the abuser
    family = explain("family_usc_lpr_relative").sentence
    assert "brother or sister aged 21 or over" in family
    assert "permanent-resident spouse or parent" in family
    daca = explain("daca_residence_after_2007").sentence
    assert "brief, casual and innocent" in daca
