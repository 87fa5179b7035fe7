"""Properties of the answer keys version 2 added (hypothesis).

A wrong type or a missing value for any new key is exactly "no answer": the
result equals the result without the key, and screen never raises.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app.screening import screen
from tests.screening.support import RULES
from tests.screening.test_properties import answers_st, today_st

# Typed out from the contract's answer-key table, not read from the engine.
NEW_KEYS: dict[str, str] = {
    "removed_before": "bool",
    "judge_decision_date": "date",
    "tps_ended_on": "date",
    "parole_status": "status",
    "parole_ended_on": "date",
}
NOT_A_DATE = st.one_of(
    st.datetimes(),
    st.dates().map(date.isoformat),
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=True),
    st.lists(st.integers(), max_size=2),
)
NOT_A_BOOL = st.one_of(
    st.integers(min_value=-2, max_value=2),
    st.sampled_from(["yes", "no", "true", "", "Y"]),
    st.dates(),
    st.floats(allow_nan=True),
)
NOT_A_STATUS = st.one_of(
    st.sampled_from(["Current", "CURRENT", "pending", "expired ", "", "none"]),
    st.booleans(),
    st.integers(),
    st.dates(),
)
WRONG = {"bool": NOT_A_BOOL, "date": NOT_A_DATE, "status": NOT_A_STATUS}
new_key = st.sampled_from(sorted(NEW_KEYS))
wrong_value = new_key.flatmap(lambda k: st.tuples(st.just(k), WRONG[NEW_KEYS[k]]))
RIGHT = {
    "bool": st.booleans(),
    "date": st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    "status": st.sampled_from(["never", "current", "expired"]),
}
new_answers = st.fixed_dictionaries(
    {}, optional={k: st.one_of(st.none(), RIGHT[kind]) for k, kind in NEW_KEYS.items()}
)
base_answers = st.builds(lambda a, b: {**a, **b}, answers_st, new_answers)


@settings(max_examples=300)
@given(base_answers, wrong_value, today_st)
def test_a_new_key_of_the_wrong_type_is_no_answer(
    answers: dict[str, Any], wrong: tuple[str, Any], today: date
) -> None:
    key, value = wrong
    without = {k: v for k, v in answers.items() if k != key}
    expected = screen(without, today=today, rules=RULES).to_dict()
    assert screen({**without, key: value}, today=today, rules=RULES).to_dict() == expected


@settings(max_examples=300)
@given(base_answers, new_key, today_st)
def test_a_new_key_set_to_none_is_no_answer(answers: dict[str, Any], key: str, today: date) -> None:
    without = {k: v for k, v in answers.items() if k != key}
    expected = screen(without, today=today, rules=RULES).to_dict()
    assert screen({**without, key: None}, today=today, rules=RULES).to_dict() == expected


@settings(max_examples=200)
@given(base_answers, today_st)
def test_new_keys_never_make_screen_raise(answers: dict[str, Any], today: date) -> None:
    result = screen(answers, today=today, rules=RULES).to_dict()
    assert len(result["programs"]) == 9


@given(st.sampled_from([date.min, date.max, date(9999, 12, 1)]), new_key)
def test_calendar_edges_do_not_raise(day: date, key: str) -> None:
    value: Any = day if NEW_KEYS[key] == "date" else True
    for today in (date(2026, 11, 27), date(9999, 12, 31), date(1, 1, 1)):
        screen({key: value, "fear_of_return": True, "last_entry_date": day}, today, RULES)


def test_a_datetime_is_not_a_date_for_new_keys() -> None:
    moment = datetime(2026, 11, 1, 12, 0)
    base = screen({}, date(2026, 11, 27), RULES).to_dict()
    for key in ("judge_decision_date", "tps_ended_on", "parole_ended_on"):
        assert screen({key: moment}, date(2026, 11, 27), RULES).to_dict() == base
