from __future__ import annotations

from datetime import date

import pytest

from clinic_app.screening.dates import age_on, days_until, is_on_or_after_years, years_after


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2000, 1, 31), 1, date(2001, 1, 31)),
        (date(2024, 2, 29), 1, date(2025, 2, 28)),  # no 29 February: 28 February
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2000, 2, 29), 100, date(2100, 2, 28)),  # 2100 is not a leap year
        (date(2023, 3, 1), 1, date(2024, 3, 1)),
        (date(2025, 2, 28), -1, date(2024, 2, 28)),
        (date(9999, 1, 1), 1, None),  # beyond the calendar
        (date(1, 1, 1), -1, None),
    ],
)
def test_years_after(start: date, years: int, expected: date | None) -> None:
    assert years_after(start, years) == expected


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(2005, 11, 27), date(2026, 11, 26), 20),  # the day before the 21st birthday
        (date(2005, 11, 27), date(2026, 11, 27), 21),  # on it
        (date(2005, 11, 27), date(2026, 11, 28), 21),  # the day after
        (date(2008, 2, 29), date(2029, 2, 27), 20),
        (date(2008, 2, 29), date(2029, 2, 28), 21),  # born 29 February: 28 February
        (date(2004, 2, 29), date(2025, 2, 28), 21),
        (date(2004, 2, 29), date(2024, 2, 28), 19),  # leap year: not until the 29th
        (date(2004, 2, 29), date(2024, 2, 29), 20),
        (date(2030, 1, 1), date(2026, 1, 1), -4),
    ],
)
def test_age_on(birth: date, day: date, age: int) -> None:
    assert age_on(birth, day) == age


def test_on_or_after_years_and_days_until() -> None:
    assert is_on_or_after_years(date(2011, 5, 5), date(1995, 5, 5), 16)
    assert not is_on_or_after_years(date(2011, 5, 4), date(1995, 5, 5), 16)
    assert not is_on_or_after_years(date(9999, 12, 31), date(9990, 1, 1), 16)
    assert days_until(date(2026, 12, 7), date(2026, 11, 27)) == 10
    assert days_until(date(2026, 11, 26), date(2026, 11, 27)) == -1
