"""Report periods: whole calendar months, quarters and years, never free ranges.

A funder report covers one period. Free date ranges let two reports differ
by a single day (and so by a single client); whole periods leave far fewer
differences to take, and the release ledger audits the ones that remain.
Quarters and years follow the site's fiscal year: ``fiscal_start`` is the
month (1 to 12) its year begins in; a fiscal year is named, as US agencies
name it, by the calendar year it ends in (a July start: FY2027 is July 2026
to June 2027).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Final

MONTH: Final = "month"
QUARTER: Final = "quarter"
YEAR: Final = "year"
KINDS: Final = (MONTH, QUARTER, YEAR)
_SPAN: Final = {MONTH: 1, QUARTER: 3, YEAR: 12}
_KEY: Final = re.compile(r"(\d{4})-(\d{2})\+(1|3|12)")


class PeriodError(ValueError):
    """The dates given are not one whole month, quarter or (fiscal) year."""


def _add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


@dataclass(frozen=True, order=True)
class Period:
    """``months`` whole months from the first day of ``year``-``month``."""

    year: int
    month: int
    months: int

    @property
    def kind(self) -> str:
        return {1: MONTH, 3: QUARTER, 12: YEAR}[self.months]

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        y, m = _add_months(self.year, self.month, self.months - 1)
        return date(y, m, calendar.monthrange(y, m)[1])

    def month_keys(self) -> tuple[str, ...]:
        """Every month of the period as YYYY-MM."""
        out = []
        for i in range(self.months):
            y, m = _add_months(self.year, self.month, i)
            out.append(f"{y:04d}-{m:02d}")
        return tuple(out)

    @property
    def key(self) -> str:
        """A stable name for the ledger, e.g. ``2026-07+3``."""
        return f"{self.year:04d}-{self.month:02d}+{self.months}"

    @classmethod
    def from_key(cls, key: str) -> Period:
        found = _KEY.fullmatch(key)
        if found is None:
            raise PeriodError(key)
        return cls(int(found[1]), int(found[2]), int(found[3]))


def month(year: int, month_: int) -> Period:
    return Period(year, month_, 1)


def quarter(fiscal_year: int, number: int, fiscal_start: int = 1) -> Period:
    """Quarter ``number`` (1 to 4) of the fiscal year named ``fiscal_year``."""
    if not 1 <= number <= 4:
        raise PeriodError(str(number))
    first = fiscal_year_period(fiscal_year, fiscal_start)
    y, m = _add_months(first.year, first.month, 3 * (number - 1))
    return Period(y, m, 3)


def fiscal_year_period(fiscal_year: int, fiscal_start: int = 1) -> Period:
    """The fiscal year that ends in calendar year ``fiscal_year``."""
    if not 1 <= fiscal_start <= 12:
        raise PeriodError(str(fiscal_start))
    return Period(fiscal_year - (1 if fiscal_start > 1 else 0), fiscal_start, 12)


def fiscal_year_of(day: date, fiscal_start: int = 1) -> int:
    """The name of the fiscal year that holds ``day``."""
    return day.year + (1 if fiscal_start > 1 and day.month >= fiscal_start else 0)


def quarter_of(day: date, fiscal_start: int = 1) -> tuple[int, int]:
    """(fiscal year, quarter number) of ``day``."""
    offset = (day.month - fiscal_start) % 12
    return fiscal_year_of(day, fiscal_start), offset // 3 + 1


def from_range(start: date, end: date, fiscal_start: int = 1) -> Period:
    """The period from ``start`` to ``end`` inclusive; PeriodError unless it is whole.

    Quarters and years must line up with the site's fiscal year.
    """
    if start.day != 1 or end < start:
        raise PeriodError(f"{start}..{end}")
    for months in (1, 3, 12):
        candidate = Period(start.year, start.month, months)
        if candidate.end != end:
            continue
        if months > 1 and (start.month - fiscal_start) % months:
            raise PeriodError(f"{start}..{end}")
        return candidate
    raise PeriodError(f"{start}..{end}")


def periods_holding(day: date, fiscal_start: int = 1) -> tuple[Period, Period, Period]:
    """The month, quarter and fiscal year that hold ``day``."""
    fy, q = quarter_of(day, fiscal_start)
    return (
        month(day.year, day.month),
        quarter(fy, q, fiscal_start),
        fiscal_year_period(fy, fiscal_start),
    )


__all__ = [
    "KINDS",
    "MONTH",
    "QUARTER",
    "YEAR",
    "Period",
    "PeriodError",
    "fiscal_year_of",
    "fiscal_year_period",
    "from_range",
    "month",
    "periods_holding",
    "quarter",
    "quarter_of",
]
