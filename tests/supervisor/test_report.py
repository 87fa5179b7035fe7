"""The funder report: no count from 1 to 4, no hidden count recoverable, table by table."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from clinic_app.domain.csvsafe import to_csv
from clinic_app.domain.fields import CASE_STATUS, REFERRAL_NEEDS
from clinic_app.domain.record import PROGRAMS
from clinic_app.domain.report import (
    BOROUGHS,
    OUTCOME_COLUMNS,
    URGENCY_COLUMNS,
    Facts,
    Table,
    borough_of,
    build_report,
    months,
    report_rows,
)
from clinic_app.domain.suppression import is_small
from tests.supervisor.auditor import Audit, grid_equations, list_equations

START, END = date(2026, 9, 1), date(2026, 11, 30)
MONTHS = months(START, END)


@st.composite
def facts(draw: st.DrawFn) -> Facts:
    screened = draw(st.booleans())
    return Facts(
        month=draw(st.sampled_from(MONTHS)),
        language=draw(st.sampled_from(("es", "en", "bn"))),
        borough=draw(st.sampled_from(BOROUGHS[:4])),
        urgency=draw(st.sampled_from(URGENCY_COLUMNS)),
        outcomes=(
            {p: draw(st.sampled_from(OUTCOME_COLUMNS[:3])) for p in PROGRAMS} if screened else None
        ),
        case_status=draw(st.sampled_from(CASE_STATUS)),
        referral_needs=tuple(draw(st.sets(st.sampled_from(REFERRAL_NEEDS[:4]), max_size=2))),
    )


def true_grid(table: Table, items: list[Facts]) -> list[list[int]]:
    """The real counts, computed here independently of the report code."""
    grid = [[0] * len(table.cols) for _ in table.rows]
    for f in items:
        if table.key == "month_urgency":
            grid[table.rows.index(f.month)][table.cols.index(f.urgency)] += 1
        elif table.key == "language_borough":
            grid[table.rows.index(f.language)][table.cols.index(f.borough)] += 1
        elif table.key == "program_outcome":
            for p in PROGRAMS:
                outcome = (f.outcomes or {}).get(p, "needs_info")
                grid[table.rows.index(p)][table.cols.index(outcome)] += 1
    return grid


def check_grid(table: Table, items: list[Facts]) -> None:
    cells = true_grid(table, items)
    if not cells:
        return
    m, n = len(cells), len(cells[0])
    rows = [[*r, sum(r)] for r in cells]
    totals = [sum(cells[i][j] for i in range(m)) for j in range(n)]
    aug = [*rows, [*totals, sum(totals)]]
    assert table.row_totals is not None and table.col_totals is not None
    published: dict[tuple[int, int], int | None] = {}
    for i in range(m):
        for j in range(n):
            published[(i, j)] = table.cells[i][j]
        published[(i, n)] = table.row_totals[i]
    for j in range(n):
        published[(m, j)] = table.col_totals[j]
    published[(m, n)] = table.total
    for e, v in published.items():
        assert v is None or v == aug[e[0]][e[1]]  # what is shown is true
    audit = Audit(grid_equations(m + 1, n + 1), published, bound=aug[m][n] + 5)
    pinned = [e for e, v in published.items() if v is None and audit.pinned(e, aug[e[0]][e[1]])]
    assert pinned == [], table.key


def check_status(table: Table, items: list[Facts]) -> None:
    counts = Counter(f.case_status for f in items)
    values = [counts[r] for r in table.rows]
    k = len(values)
    published = {(i, 0): table.cells[i][0] for i in range(k)}
    published[(k, 0)] = len(items)
    audit = Audit(list_equations(k), published, bound=len(items) + 5)
    for i in range(k):
        if published[(i, 0)] is None:
            assert not audit.pinned((i, 0), values[i])
        else:
            assert published[(i, 0)] == values[i]


@settings(max_examples=60, deadline=None)
@given(st.lists(facts(), max_size=45))
def test_report_shows_no_small_count_and_hides_recoverably_nothing(items: list[Facts]) -> None:
    report = build_report(items, START, END)
    assert not any(is_small(v) for v in report.shown())
    if is_small(len(items)):
        assert report.tables == () and report.intakes is None
        return
    assert report.intakes == len(items)
    for table in report.tables:
        if table.withheld:
            assert table.shown() == [] or table.key == "program_outcome"
            continue
        if table.key in ("month_urgency", "language_borough", "program_outcome"):
            check_grid(table, items)
        elif table.key == "case_status":
            check_status(table, items)
    assert not any(is_small(v) for v in csv_numbers(report_rows(report)))


def csv_numbers(rows: list[list[str | int]]) -> list[int]:
    """Every count written to the CSV (the period line holds dates, not counts)."""
    text = to_csv(rows)
    lines = list(csv.reader(io.StringIO(text, newline="")))
    return [int(c) for line in lines[2:] for c in line if c.isdigit()]


def test_small_period_publishes_nothing() -> None:
    one = Facts("2026-09", "es", "bronx", "routine", None, "new")
    report = build_report([one] * 3, START, END)
    assert report.shown() == []
    assert csv_numbers(report_rows(report)) == []


def test_boroughs_by_zip() -> None:
    assert borough_of("10027") == "manhattan"
    assert borough_of("10301") == "staten_island"
    assert borough_of("10451") == "bronx"
    assert borough_of("11201") == "brooklyn"
    assert borough_of("11373") == "queens"
    assert borough_of("11101") == "queens"
    assert borough_of("07030") == "outside_nyc"
    assert borough_of(None) == "not_given"
