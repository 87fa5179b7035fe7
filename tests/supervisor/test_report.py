"""The report's tables come from the catalogue's countable marks; periods are whole."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_app.domain import fields
from clinic_app.domain.fields import STORED_FIELDS, Field, FieldClass, Kind
from clinic_app.domain.periods import (
    Period,
    PeriodError,
    fiscal_year_period,
    from_range,
    month,
    periods_holding,
    quarter,
)
from clinic_app.domain.report import (
    _field_dimensions,
    borough_of,
    dimensions,
    from_release,
    report_rows,
    rule_text,
)
from clinic_app.domain.suppression import Release, is_small


def test_every_countable_field_and_nothing_else_is_a_table() -> None:
    counted = {d.field for d in dimensions()}
    assert counted == {f.name for f in STORED_FIELDS if f.countable}
    assert "intake_date" not in counted  # the period is not a count dimension
    assert {"case_outcome", "services_delivered", "interpreter_needed", "site"} <= counted
    assert {"referral_destination", "referral_needs"} <= counted


def test_free_text_cannot_be_marked_countable_by_mistake() -> None:
    with pytest.raises(ValueError, match="cannot be counted"):
        _field_dimensions(Field("x", FieldClass.SERVICE, "X", Kind.DATE, countable=True))


def test_case_outcome_is_a_catalogued_service_choice() -> None:
    f = fields.field("case_outcome")
    assert f.field_class is FieldClass.SERVICE and f.kind is Kind.CHOICE and f.countable
    assert f.choices == fields.CASE_OUTCOMES


def test_report_rows_show_zeros_hide_small_and_state_the_rule() -> None:
    release = Release(
        ("2026-01",),
        40,
        {"client_language": {"es": 30, "pl": None, "ru": None}, "case_status": {"new": 40}},
    )
    report = from_release(release, month(2026, 1))
    rows = report_rows(report)
    flat = [c for r in rows for c in r]
    assert "*" in flat and 0 in flat  # the other statuses are printed as zeros
    assert not any(isinstance(c, int) and is_small(c) for c in flat)
    assert any("at least 6 different values" in line for line in rule_text())
    withheld = [t for t in report.tables if t.withheld]
    assert withheld and all(set(t.cells) == {None} or not t.cells for t in withheld)


@given(st.integers(2000, 2099), st.integers(1, 12), st.integers(1, 12))
def test_periods_round_trip_and_hold_their_days(year: int, start: int, fiscal: int) -> None:
    day = date(year, start, 15)
    for period in periods_holding(day, fiscal):
        assert period.start <= day <= period.end
        assert from_range(period.start, period.end, fiscal) == period
        assert Period.from_key(period.key) == period
        assert len(period.month_keys()) == period.months


@given(st.dates(date(2000, 1, 1), date(2099, 12, 31)), st.integers(0, 400))
def test_free_ranges_are_refused(start: date, days: int) -> None:
    from datetime import timedelta

    end = start + timedelta(days=days)
    try:
        period = from_range(start, end)
    except PeriodError:
        return
    assert (period.start, period.end) == (start, end)
    assert period.months in (1, 3, 12)


def test_fiscal_quarters() -> None:
    assert quarter(2027, 1, fiscal_start=7) == Period(2026, 7, 3)
    assert fiscal_year_period(2027, 7).end == date(2027, 6, 30)
    with pytest.raises(PeriodError):
        from_range(date(2026, 2, 1), date(2026, 4, 30))


def test_boroughs_by_zip() -> None:
    assert borough_of("10027") == "manhattan"
    assert borough_of("10301") == "staten_island"
    assert borough_of("10451") == "bronx"
    assert borough_of("11201") == "brooklyn"
    assert borough_of("11373") == "queens"
    assert borough_of("07030") == "outside_nyc"
    assert borough_of(None) == "not_given"
