"""Next steps: the urgency's instruction and each program's step (texts typed out)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from clinic_app.screening import screen
from clinic_app.screening.next_steps import next_steps, program_steps, urgency_instruction
from tests.screening.support import RULES, TODAY


def run(answers: dict[str, Any]) -> dict[str, Any]:
    return screen(answers, today=TODAY, rules=RULES).to_dict()


@pytest.mark.parametrize(
    ("answers", "instruction"),
    [
        ({"detained": True}, "Emergency: call the supervising attorney now."),
        ({"removed_before": True}, "Urgent: call the supervising attorney today."),
        ({"in_removal_proceedings": True}, "Priority: refer to an attorney this week."),
        ({}, "Routine: refer to an attorney at the next regular appointment."),
    ],
)
def test_urgency_instruction_per_level(answers: dict[str, Any], instruction: str) -> None:
    assert next_steps(run(answers)).instruction == instruction


def test_always_says_an_attorney_decides() -> None:
    steps = next_steps(run({"crime_victim": True}))
    assert steps.attorney_note == "This is a screening, not legal advice: an attorney decides."


def test_stored_result_recomputes_the_instruction_for_the_day() -> None:
    stored = json.loads(json.dumps(run({"next_hearing_date": TODAY + timedelta(days=40)})))
    del stored["urgency"]  # a stored record keeps no urgency
    assert next_steps(stored, day=TODAY).urgency == "priority"
    later = next_steps(stored, day=TODAY + timedelta(days=20))
    assert later.instruction == "Urgent: call the supervising attorney today."


def test_program_steps_by_outcome() -> None:
    steps = {p.program: p for p in next_steps(run({"crime_victim": True})).programs}
    assert steps["u_visa"].steps == ("Refer to an attorney; police or court reports help.",)
    assert "t_visa" in steps and steps["t_visa"].outcome == "needs_info"
    assert "Victim of trafficking" in steps["t_visa"].steps[0]
    assert "naturalization" not in steps  # not applicable: no step


def test_unlikely_program_says_an_attorney_decides() -> None:
    texts = program_steps("unlikely", ["tps_designation_terminated"])
    assert texts[-1] == (
        "Unlikely on these answers; an attorney decides whether anything else applies."
    )


def test_naturalization_record_review_next_step() -> None:
    answers = {"lpr_since": date(2015, 1, 1), "felony_convictions": 1}
    answers |= {"significant_misdemeanors": 0, "other_misdemeanors": 0}
    steps = {p.program: p for p in next_steps(run(answers)).programs}
    assert "Do not file anything before an attorney reviews the record." in (
        steps["naturalization"].steps
    )


def test_unknown_code_is_skipped_and_bad_shape_refused() -> None:
    assert program_steps("possible", ["no_such_code"]) == (
        "Refer to an attorney, who decides whether to file.",
    )
    with pytest.raises(ValueError):
        next_steps({"programs": {}})
    with pytest.raises(KeyError):
        urgency_instruction("soon")


def test_steps_in_the_clients_language() -> None:
    result = run({"detained": True})
    english = next_steps(result)
    spanish = next_steps(result, language="es")
    assert spanish.instruction and spanish.instruction != english.instruction
    assert spanish.attorney_note != english.attorney_note


def test_every_text_is_a_sentence() -> None:
    for level in ("emergency", "urgent", "priority", "routine"):
        assert urgency_instruction(level).endswith(".")
    result = run({"detained": True, "fear_of_return": True, "crime_victim": True})
    for program in next_steps(result).programs:
        assert all(text.endswith(".") for text in program.steps)
