"""The result's shape and the answer keys, as the contract fixes them."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError

import pytest

from clinic_app.domain.fields import SCREENING_ANSWER_KEYS
from clinic_app.screening import (
    ANSWER_KEYS,
    OUTCOMES,
    PROGRAMS,
    URGENCIES,
    Deadline,
    ProgramResult,
    ScreeningResult,
    screen,
)
from tests.screening.support import RULES, TODAY


def test_answer_keys_agree_with_the_domain_catalogue() -> None:
    assert ANSWER_KEYS == SCREENING_ANSWER_KEYS


def test_sets_are_the_contracts() -> None:
    assert set(OUTCOMES) == {"likely", "possible", "unlikely", "needs_info", "not_applicable"}
    assert URGENCIES == ("emergency", "urgent", "priority", "routine")
    assert len(PROGRAMS) == 9


@pytest.mark.parametrize("answers", [{}, None, [], "x", {"unknown": 1}])
def test_all_nine_programs_always_present(answers: object) -> None:
    result = screen(answers, today=TODAY, rules=RULES).to_dict()
    assert list(result) == [
        "rules_as_of",
        "programs",
        "urgency",
        "urgency_reasons",
        "needs_representation",
        "deadlines",
    ]
    assert result["rules_as_of"] == "2026-11-15"
    assert list(result["programs"]) == list(PROGRAMS)
    for program in result["programs"].values():
        assert list(program) == ["outcome", "reasons", "missing"]
    assert json.loads(json.dumps(result)) == result


def test_results_are_frozen() -> None:
    result = screen({}, TODAY, RULES)
    assert isinstance(result, ScreeningResult)
    with pytest.raises(FrozenInstanceError):
        result.urgency = "routine"  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.programs["daca"] = ProgramResult("likely")  # type: ignore[index]
    with pytest.raises(FrozenInstanceError):
        Deadline("hearing", TODAY).kind = "x"  # type: ignore[misc]
