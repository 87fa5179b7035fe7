"""The SQL urgency of a stored record equals ``screening.urgency_on`` on any day."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinic_app.domain.record import ScreeningOutcome
from clinic_app.screening import screen, urgency_on
from clinic_app.storage import connection, schema, urgency_sql
from clinic_app.storage.keymaterial import KeyMaterial

BASE = date(2026, 11, 27)
near = st.integers(min_value=-800, max_value=800).map(lambda d: BASE + timedelta(days=d))
edge = st.sampled_from([date(1, 1, 1), date(1, 3, 1), date(9999, 12, 31), date(2028, 2, 29)])
days = st.one_of(near, near, near, edge)
flags = st.one_of(st.none(), st.booleans())

# Answers that exercise every urgency input, screened on a random day.
answers = st.fixed_dictionaries(
    {},
    optional={
        "detained": flags,
        "final_removal_order": flags,
        "in_removal_proceedings": flags,
        "next_hearing_date": days,
        "last_entry_date": days,
        "fear_of_return": flags,
        "asylum_filed": flags,
        "daca_status": st.sampled_from(["never", "current", "expired"]),
        "daca_expiration": days,
        "felony_convictions": st.integers(0, 2),
    },
)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    path = tmp_path_factory.mktemp("urgency") / "u.db"
    c = connection.connect(path, KeyMaterial(os.urandom(32)))
    schema.migrate(c)
    yield c
    c.close()


def sql_level(con: Any, outcome: ScreeningOutcome, day: date) -> str:
    cols = urgency_sql.columns_for(outcome)
    con.execute("DELETE FROM records")
    con.execute(
        "INSERT INTO records (id, created_at, created_by, updated_at, data, urgency_floor, "
        "hearing, asylum, daca_from, daca_until) VALUES ('x', '', '', '', x'', ?, ?, ?, ?, ?)",
        (cols.floor, cols.hearing, cols.asylum, cols.daca_from, cols.daca_until),
    )
    level = con.execute(
        f"SELECT {urgency_sql.level_sql()} FROM records", urgency_sql.params(day)
    ).fetchone()[0]
    return urgency_sql.LEVELS[level]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answers, screened_on=near, day=days)
def test_sql_urgency_equals_urgency_on(
    con: Any, answers: dict[str, Any], screened_on: date, day: date
) -> None:
    result = screen(answers, today=screened_on).to_dict()
    stored = ScreeningOutcome.from_dict(result)
    expected = urgency_on(result, day)
    # What storage keeps is enough for urgency_on itself …
    assert urgency_on(stored.to_dict(), day) == expected
    # … and the SQL over the derived columns agrees with it.
    assert sql_level(con, stored, day) == expected


@settings(max_examples=100, deadline=None)
@given(answers=answers, day=near)
def test_on_the_screening_day_it_is_the_screened_urgency(
    con: Any, answers: dict[str, Any], day: date
) -> None:
    result = screen(answers, today=day)
    assert sql_level(con, ScreeningOutcome.from_dict(result.to_dict()), day) == result.urgency


def test_no_outcome_is_routine(con: Any) -> None:
    assert urgency_sql.columns_for(None) == urgency_sql.UrgencyColumns()
    cols = urgency_sql.columns_for(None)
    assert urgency_sql.LEVELS[cols.floor] == "routine"
