from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app.screening import load_rules
from clinic_app.ui.intake.questions import (
    IS_PERMANENT_RESIDENT,
    QUESTIONS,
    STATELESS,
    engine_answers,
    visible,
)

RULES = load_rules()


def keys(answers: dict[str, Any]) -> set[str]:
    return {q.key for q in visible(answers, RULES)}


def test_first_questions_are_about_court_and_detention() -> None:
    shown = keys({})
    assert {"detained", "in_removal_proceedings", "nationality", "daca_status"} <= shown
    assert "next_hearing_date" not in shown and "lpr_since" not in shown


def test_branching_on_earlier_answers() -> None:
    assert {"next_hearing_date", "judge_decision_date"} <= keys({"in_removal_proceedings": True})
    lpr = keys({IS_PERMANENT_RESIDENT: True})
    assert {"lpr_since", "married_to_usc_living_together"} <= lpr
    assert not {"daca_status", "nationality"} & lpr
    # v2: permanent residents are asked the three criminal counts.
    assert {"felony_convictions", "significant_misdemeanors", "other_misdemeanors"} <= lpr
    assert "last_habitual_residence" in keys({"nationality": STATELESS})
    assert "daca_expiration" in keys({"daca_status": "expired"})
    assert "education" not in keys({"daca_status": "current"})
    # Born before the 2012 age limit: the DACA guideline questions are pointless.
    assert "education" not in keys({"date_of_birth": date(1970, 1, 1)})
    assert "abused_neglected_abandoned_by_parent" not in keys({"date_of_birth": date(1970, 1, 1)})
    assert {"last_entry_date", "asylum_filed"} <= keys({"fear_of_return": True})


def test_tps_questions_only_for_a_designated_country() -> None:
    active = next(c for c, e in RULES.tps.items() if e.status != "terminated")
    assert "tps_status" in keys({"nationality": active})
    assert "tps_status" not in keys({"nationality": "FR"})


def test_every_status_question_says_why_we_ask() -> None:
    assert all(q.why for q in QUESTIONS)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([q.key for q in QUESTIONS]),
        st.one_of(st.none(), st.booleans(), st.just("current"), st.just(STATELESS)),
    )
)
def test_hidden_answers_and_ui_keys_never_reach_the_engine(answers: dict[str, Any]) -> None:
    out = engine_answers(answers, RULES)
    assert IS_PERMANENT_RESIDENT not in out
    assert out.get("nationality") != STATELESS
    assert set(out) <= keys(answers) | {"date_of_birth"}
    assert None not in out.values()


URGENT_QUESTIONS = {
    "detained",
    "in_removal_proceedings",
    "final_removal_order",
    "removed_before",
    "fear_of_return",
}


def test_final_removal_order_and_removed_before_asked_of_every_client() -> None:
    for answers in ({}, {"in_removal_proceedings": False}, {IS_PERMANENT_RESIDENT: True}):
        assert {"final_removal_order", "removed_before"} <= keys(answers)
    from clinic_app.ui.intake.questions import BY_KEY

    assert BY_KEY["final_removal_order"].label == (
        "Has a judge or an immigration officer ever ordered you to leave the US, even years "
        "ago or when you were not there?"
    )


def test_judge_decision_date_when_a_judge_may_have_decided() -> None:
    assert "judge_decision_date" not in keys({})
    assert "judge_decision_date" in keys({"final_removal_order": True})
    assert "judge_decision_date" in keys({"in_removal_proceedings": True})


def test_former_tps_holders_and_parolees_asked_when_it_ended() -> None:
    haiti = {"nationality": "HT"}  # terminated: a former holder may have the asylum exception
    assert "tps_status" in keys(haiti)
    assert "tps_ended_on" not in keys(haiti)
    assert "tps_ended_on" in keys({**haiti, "tps_status": "expired"})
    assert "tps_status" in keys({"nationality": "FR", "fear_of_return": True})
    assert "parole_status" in keys({})
    assert "parole_ended_on" not in keys({"parole_status": "current"})
    assert "parole_ended_on" in keys({"parole_status": "expired"})
    assert "parole_status" not in keys({IS_PERMANENT_RESIDENT: True})


def test_last_entry_asked_of_a_new_tps_applicant() -> None:
    active = next(c for c, e in RULES.tps.items() if e.status != "terminated")
    assert "last_entry_date" in keys({"nationality": active, "tps_status": "never"})


@settings(max_examples=80, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([q.key for q in QUESTIONS]),
        st.one_of(st.none(), st.booleans(), st.just("current"), st.just("expired")),
    )
)
def test_questions_that_can_raise_urgency_are_never_hidden(answers: dict[str, Any]) -> None:
    assert keys(answers) >= URGENT_QUESTIONS
