"""Calendar arithmetic the contract defines: "N years after D" and ages.

"N years after D" is the same month and day N years later, or 28 February
when that day does not exist (D is 29 February and the later year is not a
leap year). A person's age follows the same rule, so someone born on
29 February turns a year older on 28 February in common years.
"""

from __future__ import annotations

import calendar
from datetime import MAXYEAR, MINYEAR, date


def years_after(day: date, years: int) -> date | None:
    """``years`` years after ``day``; None when that is beyond the calendar.

    Callers treat None as "later than any date" (or, for negative ``years``,
    "earlier than any date"), so absurd answers such as year 9999 never raise.
    """
    year = day.year + years
    if not MINYEAR <= year <= MAXYEAR:
        return None
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def is_on_or_after_years(day: date, start: date, years: int) -> bool:
    """Whether ``day`` is on or after the date ``years`` years after ``start``."""
    target = years_after(start, years)
    return target is not None and day >= target


def age_on(birth: date, day: date) -> int:
    """Completed years from ``birth`` to ``day`` (negative if born after ``day``)."""
    years = day.year - birth.year
    birthday = years_after(birth, years)
    if birthday is not None and birthday > day:
        years -= 1
    return years


def days_until(day: date, today: date) -> int:
    """Days from ``today`` to ``day``: 0 on the day, negative once it has passed."""
    return (day - today).days
