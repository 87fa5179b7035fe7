"""The SQL urgency of a stored record equals ``screening.urgency_on`` on any day."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_app.domain.record import ScreeningOutcome
from clinic_app.screening import load_rules, screen, urgency_on
from clinic_app.storage import connection, schema, urgency_sql
from clinic_app.storage.keymaterial import KeyMaterial

BASE = date(2026, 11, 27)
near = st.integers(min_value=-800, max_value=800).map(lambda d: BASE + timedelta(days=d))
edge = st.sampled_from([date(1, 1, 1), date(1, 3, 1), date(9999, 12, 31), date(2028, 2, 29)])
days = st.one_of(near, near, near, edge)
flags = st.one_of(st.none(), st.booleans())
statuses = st.sampled_from(["never", "current", "expired"])


def _around(start: date, end: date, margin: int) -> st.SearchStrategy[date]:
    span = (end - start).days + 2 * margin
    return st.integers(0, span).map(lambda d: start + timedelta(days=d - margin))


# The shipped TPS entries with a re-registration window: a current holder
# screened inside it is the only way tps_reregistration_end is stored.
RULES = load_rules()
WINDOWS = {
    code: entry.reregistration
    for code, entry in RULES.tps.items()
    if entry.reregistration is not None
}
in_windows = st.one_of(*(_around(w.start, w.end, 5) for w in WINDOWS.values()))
# Screened on any day near BASE, or inside (or just around) a re-registration window.
screening_days = st.one_of(near, near, in_windows)
# A client near the SIJS age-out (21st birthday) in the span the days cover.
near_21 = st.integers(min_value=-1200, max_value=1200).map(
    lambda d: date(BASE.year - 21, BASE.month, BASE.day) + timedelta(days=d)
)
# Last entries whose one-year asylum deadline has passed, often by far.
long_ago = st.integers(min_value=366, max_value=1500).map(lambda d: BASE - timedelta(days=d))
counts = st.integers(0, 2)
some_days = st.one_of(days, long_ago)


def _merged(*parts: dict[str, Any]) -> dict[str, Any]:
    return {k: v for part in parts for k, v in part.items()}


# Reasons that do not depend on the day mask the others (a detained client is
# an emergency whatever the dates): half the examples have none of them.
fixed: st.SearchStrategy[dict[str, Any]] = st.one_of(
    st.just({}),
    st.fixed_dictionaries(
        {},
        optional={
            "detained": flags,
            "final_removal_order": flags,
            "removed_before": flags,
            "in_removal_proceedings": flags,
            "lpr_since": days,
            "felony_convictions": counts,
            "significant_misdemeanors": counts,
            "other_misdemeanors": counts,
        },
    ),
)
dated = st.fixed_dictionaries(
    {},
    optional={
        "date_of_birth": st.one_of(near_21, near_21, days),
        "abused_neglected_abandoned_by_parent": st.one_of(flags, st.just(True)),
        "nationality": st.sampled_from([*WINDOWS, "FR", "HT"]),
        "next_hearing_date": days,
        "judge_decision_date": days,
        "daca_status": st.one_of(statuses, st.just("current")),
        "daca_expiration": days,
    },
)
status_keys = {
    "asylum_filed": flags,
    "tps_status": st.one_of(statuses, st.just("current")),
    "tps_ended_on": some_days,
    "parole_status": statuses,
    "parole_ended_on": some_days,
}
# The asylum clock and the status exception: often a client who fears return
# and has not filed, with a TPS or parole status held or ended.
asylum = st.one_of(
    st.fixed_dictionaries(
        {"fear_of_return": st.just(True), "last_entry_date": some_days}, optional=status_keys
    ),
    st.fixed_dictionaries(
        {},
        optional={"fear_of_return": flags, "last_entry_date": some_days, **status_keys},
    ),
)
# Answers that exercise every urgency input of screening v2, screened on a random day.
answers = st.builds(_merged, fixed, dated, asylum)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path = tmp_path_factory.mktemp("urgency") / "u.db"
    c = connection.connect(path, KeyMaterial(os.urandom(32)))
    schema.migrate(c)
    yield c
    c.close()


def sql_levels(con: Any, outcome: ScreeningOutcome, on: list[date]) -> list[str]:
    """The SQL urgency of ``outcome``, stored as the records list stores it, on each day."""
    values = urgency_sql.columns_for(outcome).values()
    con.execute("DELETE FROM records")
    con.execute(
        "INSERT INTO records (id, created_at, created_by, updated_at, data, "
        + ", ".join(values)
        + ") VALUES ('x', '', '', '', x'', "
        + ", ".join(f":{name}" for name in values)
        + ")",
        values,
    )
    sql = f"SELECT {urgency_sql.level_sql()} FROM records"
    return [
        urgency_sql.LEVELS[con.execute(sql, urgency_sql.params(day)).fetchone()[0]] for day in on
    ]


# Offsets (days) at which some urgency rule changes level: every stored
# deadline is probed on and around each of them.
EDGES = (0, 1, 30, 31, 60, 61, 90, 91, 150, 151, 180, 181, 365, 366, 367)


def probe_days(outcome: ScreeningOutcome, extra: list[date]) -> list[date]:
    found = set(extra)
    for deadline in outcome.deadlines:
        for offset in EDGES:
            for sign in (1, -1):
                with contextlib.suppress(OverflowError):
                    found.add(deadline.date + timedelta(days=sign * offset))
    return sorted(found)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answers, screened_on=screening_days, extra=st.lists(days, max_size=8))
def test_sql_urgency_equals_urgency_on(
    con: Any, answers: dict[str, Any], screened_on: date, extra: list[date]
) -> None:
    result = screen(answers, today=screened_on).to_dict()
    stored = ScreeningOutcome.from_dict(result)
    on = probe_days(stored, [screened_on, *extra])
    expected = [urgency_on(result, day) for day in on]
    # What storage keeps is enough for urgency_on itself …
    assert [urgency_on(stored.to_dict(), day) for day in on] == expected
    # … and the SQL over the derived columns agrees with it on every day.
    assert dict(zip(on, sql_levels(con, stored, on), strict=True)) == dict(
        zip(on, expected, strict=True)
    )


@settings(max_examples=200, deadline=None)
@given(answers=answers, day=screening_days)
def test_on_the_screening_day_it_is_the_screened_urgency(
    con: Any, answers: dict[str, Any], day: date
) -> None:
    result = screen(answers, today=day)
    stored = ScreeningOutcome.from_dict(result.to_dict())
    assert sql_levels(con, stored, [day]) == [result.urgency]


def test_no_outcome_is_routine(con: Any) -> None:
    assert urgency_sql.columns_for(None) == urgency_sql.UrgencyColumns()
    cols = urgency_sql.columns_for(None)
    assert urgency_sql.LEVELS[cols.floor] == "routine"


# One client for each date-based reason screening v2 added, on the days its
# level changes: (answers, screened on, [(day, level on that day), ...]).
UA_WINDOW = next(iter(WINDOWS.values()))
V2_CASES = {
    "bia_appeal": (
        {"judge_decision_date": BASE},
        BASE,
        [(BASE + timedelta(days=30), "urgent"), (BASE + timedelta(days=31), "routine")],
    ),
    "sijs_age_out": (
        {"date_of_birth": date(2005, 12, 1), "abused_neglected_abandoned_by_parent": True},
        BASE,
        [
            (date(2026, 6, 3), "priority"),
            (date(2026, 6, 4), "urgent"),
            (date(2026, 11, 30), "urgent"),
            (date(2026, 12, 1), "routine"),
        ],
    ),
    "asylum_reasonable_period": (
        {
            "fear_of_return": True,
            "last_entry_date": date(2024, 1, 1),
            "tps_status": "expired",
            "tps_ended_on": date(2026, 10, 1),
        },
        BASE,
        [
            (date(2027, 1, 28), "priority"),
            (date(2027, 1, 29), "urgent"),
            (date(2027, 3, 30), "urgent"),
            (date(2027, 3, 31), "priority"),
        ],
    ),
    "tps_reregistration_window_open": (
        {"nationality": next(iter(WINDOWS)), "tps_status": "current"},
        UA_WINDOW.start,
        [
            (UA_WINDOW.end, "priority"),
            (UA_WINDOW.end + timedelta(days=1), "routine"),
        ],
    ),
    "asylum_exception_status_held": (
        {"fear_of_return": True, "last_entry_date": date(2024, 1, 1), "parole_status": "current"},
        BASE,
        [(BASE, "priority"), (date(2030, 1, 1), "priority")],
    ),
}


@pytest.mark.parametrize("case", sorted(V2_CASES))
def test_each_v2_reason_changes_the_list_level_on_its_days(con: Any, case: str) -> None:
    answers, screened_on, expected = V2_CASES[case]
    result = screen(answers, today=screened_on).to_dict()
    on = [day for day, _level in expected]
    assert [urgency_on(result, day) for day in on] == [level for _day, level in expected]
    assert sql_levels(con, ScreeningOutcome.from_dict(result), on) == [
        level for _day, level in expected
    ]


def test_a_held_status_outweighs_a_reasonable_period(con: Any) -> None:
    # screen never stores both; a stored outcome that has both is read as
    # urgency_on reads it: the held status wins, the period adds nothing.
    answers = {"fear_of_return": True, "last_entry_date": date(2024, 1, 1)}
    result = screen({**answers, "parole_status": "current"}, today=BASE).to_dict()
    result["deadlines"].append({"kind": "asylum_reasonable_period", "date": "2026-12-01"})
    assert urgency_on(result, BASE) == "priority"
    assert sql_levels(con, ScreeningOutcome.from_dict(result), [BASE]) == ["priority"]
