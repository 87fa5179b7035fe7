"""The aggregate funder report: counts only, small cells suppressed.

The report is built from :class:`Facts`, one per intake in the period, each
holding only categories the aggregate-report channel may count (month of
intake, language, borough from the ZIP code, urgency at intake, program
outcomes, case status, referral needs). Storage builds them from records via
``policy.redact`` for that channel; nothing here sees a name or a date of birth.

Tables are chosen so that they share no margin except the number of intakes
in the period (N), which every table shows: a month's total appears only in
the month table, a language's only in the language table, and so on. So each
table can be protected on its own (``domain/suppression.py``) without one
table's totals giving away another's hidden cells. When N itself is from 1 to
4, nothing is published at all. For the same reason there is no "not
screened" category: it would be one count repeated in several tables. An
intake without a screening result counts as routine (as the records list shows
it) and as "needs information" for every program, which is what it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from clinic_app.domain.fields import CASE_STATUS, REFERRAL_NEEDS
from clinic_app.domain.record import PROGRAMS
from clinic_app.domain.suppression import (
    Suppressed,
    augment,
    is_small,
    suppress_grid,
    suppress_list,
    suppress_primary,
)
from clinic_app.i18n import N_, _

URGENCY_COLUMNS: Final = ("emergency", "urgent", "priority", "routine")
OUTCOME_COLUMNS: Final = ("likely", "possible", "unlikely", "needs_info", "not_applicable")
BOROUGHS: Final = (
    "bronx",
    "brooklyn",
    "manhattan",
    "queens",
    "staten_island",
    "outside_nyc",
    "not_given",
)
HIDDEN_MARK: Final = "*"

LABELS: Final[Mapping[str, str]] = {
    "emergency": N_("Emergency"),
    "urgent": N_("Urgent"),
    "priority": N_("Priority"),
    "routine": N_("Routine"),
    "likely": N_("Likely"),
    "possible": N_("Possible"),
    "unlikely": N_("Unlikely"),
    "needs_info": N_("Needs information"),
    "not_applicable": N_("Not applicable"),
    "bronx": N_("Bronx"),
    "brooklyn": N_("Brooklyn"),
    "manhattan": N_("Manhattan"),
    "queens": N_("Queens"),
    "staten_island": N_("Staten Island"),
    "outside_nyc": N_("Outside New York City"),
    "not_given": N_("Not given"),
    "new": N_("New"),
    "referred": N_("Referred"),
    "in_progress": N_("In progress"),
    "closed": N_("Closed"),
    "daca": N_("DACA"),
    "tps": N_("TPS"),
    "asylum": N_("Asylum"),
    "sijs": N_("Special Immigrant Juvenile Status"),
    "u_visa": N_("U visa"),
    "t_visa": N_("T visa"),
    "vawa": N_("VAWA"),
    "naturalization": N_("Naturalization"),
    "family": N_("Family-based"),
    "removal_defense": N_("Removal defense"),
    "detention": N_("Detention"),
    "other": N_("Other"),
    "intakes": N_("Intakes"),
}

# (key, title, row heading, column heading)
TITLES: Final[Mapping[str, tuple[str, str, str]]] = {
    "month_urgency": (N_("Intakes by month and urgency at intake"), N_("Month"), N_("Urgency")),
    "language_borough": (N_("Intakes by language and borough"), N_("Language"), N_("Borough")),
    "program_outcome": (N_("Screening outcomes by program"), N_("Program"), N_("Outcome")),
    "case_status": (N_("Cases by status today"), N_("Status"), ""),
    "referral_needs": (
        N_("Referral needs (a client may have several)"),
        N_("Referral need"),
        "",
    ),
}


def borough_of(zip_code: str | None) -> str:
    """The New York City borough of a five-digit ZIP code, by USPS ranges."""
    if not zip_code:
        return "not_given"
    z = int(zip_code) if zip_code.isdigit() and len(zip_code) == 5 else -1
    if 10001 <= z <= 10299:
        return "manhattan"
    if 10301 <= z <= 10314:
        return "staten_island"
    if 10451 <= z <= 10475:
        return "bronx"
    if 11201 <= z <= 11256:
        return "brooklyn"
    if z in (11004, 11005) or 11101 <= z <= 11120 or 11351 <= z <= 11697:
        return "queens"
    return "outside_nyc" if z >= 0 else "not_given"


@dataclass(frozen=True)
class Facts:
    """The countable categories of one intake."""

    month: str  # YYYY-MM of the intake date
    language: str
    borough: str
    urgency: str  # one of URGENCY_COLUMNS; "routine" when not screened, as in the records list
    outcomes: Mapping[str, str] | None  # program -> outcome; None (needs_info) if not screened
    case_status: str
    referral_needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """One published table: ``None`` marks a suppressed count.

    ``row_totals``/``col_totals`` are None for a table without that margin;
    ``total`` is None when hidden or when the table has no total.
    """

    key: str
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...] | None
    col_totals: tuple[int | None, ...] | None
    total: int | None
    withheld: bool = False

    def shown(self) -> list[int]:
        """Every number the table publishes."""
        out = [v for row in self.cells for v in row if v is not None]
        for margin in (self.row_totals, self.col_totals):
            out += [v for v in margin or () if v is not None]
        if self.total is not None:
            out.append(self.total)
        return out


@dataclass(frozen=True)
class Report:
    """The report for a period; ``tables`` is empty when N is from 1 to 4."""

    start: date
    end: date
    intakes: int | None  # None when from 1 to 4
    tables: tuple[Table, ...]

    def shown(self) -> list[int]:
        out = [] if self.intakes is None else [self.intakes]
        for table in self.tables:
            out += table.shown()
        return out


def months(start: date, end: date) -> tuple[str, ...]:
    """Every month from ``start`` to ``end`` as YYYY-MM."""
    out = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(out)


def _grid_table(
    key: str,
    rows: Sequence[str],
    cols: Sequence[str],
    cells: list[list[int]],
    *,
    rows_known: bool = False,
) -> Table:
    """A two-way table whose grand total (N or a multiple) is published elsewhere."""
    aug = augment(cells) if rows else [[0] * (len(cols) + 1)]
    m, n = len(rows), len(cols)
    known = [(m, n)] + ([(i, n) for i in range(m)] if rows_known else [])
    result = suppress_grid(aug, known) if rows else Suppressed(frozenset())

    def pub(i: int, j: int) -> int | None:
        return None if (i, j) in result.entries else aug[i][j]

    return Table(
        key=key,
        rows=tuple(rows),
        cols=tuple(cols),
        cells=tuple(tuple(pub(i, j) for j in range(n)) for i in range(m)),
        row_totals=tuple(pub(i, n) for i in range(m)),
        col_totals=tuple(pub(m, j) for j in range(n)),
        total=pub(m, n),
        withheld=result.withheld,
    )


def _list_table(key: str, counts: Counter[str], order: Sequence[str], total: int | None) -> Table:
    rows = [c for c in order if counts[c]] or []
    values = [counts[c] for c in rows]
    result = (
        suppress_list(values, total, total_known=True)
        if total is not None
        else suppress_primary(values)
    )
    hidden = {i for i, _ in result.entries}
    return Table(
        key=key,
        rows=tuple(rows),
        cols=("intakes",),
        cells=tuple((None if i in hidden else v,) for i, v in enumerate(values)),
        row_totals=None,
        col_totals=None if total is None else (None,) if len(rows) in hidden else (total,),
        total=None,
        withheld=result.withheld,
    )


@dataclass
class Tally:
    """The counts behind the report, added up one intake (or one group) at a time."""

    intakes: int = 0
    month_urgency: Counter[tuple[str, str]] = field(default_factory=Counter)
    language_borough: Counter[tuple[str, str]] = field(default_factory=Counter)
    program_outcome: Counter[tuple[str, str]] = field(default_factory=Counter)
    status: Counter[str] = field(default_factory=Counter)
    needs: Counter[str] = field(default_factory=Counter)

    def add(self, f: Facts, weight: int = 1) -> None:
        """Counts ``weight`` intakes with the categories of ``f``."""
        self.intakes += weight
        self.month_urgency[(f.month, f.urgency)] += weight
        self.language_borough[(f.language, f.borough)] += weight
        for program in PROGRAMS:
            outcome = (f.outcomes or {}).get(program, "needs_info")
            self.program_outcome[(program, outcome)] += weight
        self.status[f.case_status] += weight
        for need in set(f.referral_needs):
            self.needs[need] += weight


def _grid(
    counts: Counter[tuple[str, str]], rows: Sequence[str], cols: Sequence[str]
) -> list[list[int]]:
    return [[counts[(r, c)] for c in cols] for r in rows]


def build_report(facts: Iterable[Facts] | Tally, start: date, end: date) -> Report:
    """The report for the intakes of ``start`` to ``end`` (inclusive)."""
    if isinstance(facts, Tally):
        tally = facts
    else:
        tally = Tally()
        for f in facts:
            tally.add(f)
    n = tally.intakes
    if is_small(n):
        return Report(start, end, None, ())
    month_rows = months(start, end)
    languages = sorted(
        {lang for lang, _b in tally.language_borough if tally.language_borough[(lang, _b)]}
    )
    tables = (
        _grid_table(
            "month_urgency",
            month_rows,
            URGENCY_COLUMNS,
            _grid(tally.month_urgency, month_rows, URGENCY_COLUMNS),
        ),
        _grid_table(
            "language_borough",
            languages,
            BOROUGHS,
            _grid(tally.language_borough, languages, BOROUGHS),
        ),
        _grid_table(
            "program_outcome",
            PROGRAMS,
            OUTCOME_COLUMNS,
            _grid(tally.program_outcome, PROGRAMS, OUTCOME_COLUMNS),
            rows_known=True,
        ),
        _list_table("case_status", tally.status, CASE_STATUS, n),
        _list_table("referral_needs", tally.needs, REFERRAL_NEEDS, None),
    )
    return Report(start, end, n, tables)


def label(code: str) -> str:
    """A row or column heading for display (months stay YYYY-MM)."""
    if code in LABELS:
        return _(LABELS[code])
    try:
        from clinic_app.i18n.locales import native_name

        return native_name(code)
    except (KeyError, ValueError, ImportError):
        return code


def _cell(value: int | None) -> str | int:
    return HIDDEN_MARK if value is None else value


def table_rows(table: Table) -> list[list[str | int]]:
    """A table as rows of text and counts: heading, body, total line."""
    title, row_head, col_head = TITLES[table.key]
    out: list[list[str | int]] = [[_(title)]]
    if table.withheld:
        out.append([_("Withheld: too few intakes to publish safely.")])
        return out
    has_row_totals = table.row_totals is not None
    heads = [label(c) for c in table.cols] if col_head else [_("Intakes")]
    out.append([_(row_head), *heads, *([_("Total")] if has_row_totals else [])])
    for i, code in enumerate(table.rows):
        line: list[str | int] = [label(code), *(_cell(v) for v in table.cells[i])]
        if table.row_totals is not None:
            line.append(_cell(table.row_totals[i]))
        out.append(line)
    if table.col_totals is not None:
        line = [_("Total"), *(_cell(v) for v in table.col_totals)]
        if has_row_totals:
            line.append(_cell(table.total))
        out.append(line)
    return out


def report_rows(report: Report, clinic: str = "") -> list[list[str | int]]:
    """The whole report as rows (for CSV and the PDF), with its notes."""
    out: list[list[str | int]] = [[_("Clinic Intake: aggregate report")]]
    if clinic:
        out.append([_("Clinic"), clinic])
    out.append([_("Period"), report.start.isoformat(), report.end.isoformat()])
    out.append([_("Intakes"), _cell(report.intakes)])
    out.append([notice()])
    if report.intakes is None:
        out.append([_("Fewer than 5 intakes in this period: no counts are published.")])
    for table in report.tables:
        out.append([])
        out += table_rows(table)
    return out


def notice() -> str:
    return _(
        "{mark} = not shown: counts from 1 to 4, and other counts that would let "
        "someone work them out, are suppressed."
    ).format(mark=HIDDEN_MARK)


__all__ = [
    "BOROUGHS",
    "Facts",
    "Report",
    "Table",
    "Tally",
    "borough_of",
    "build_report",
    "months",
    "report_rows",
    "table_rows",
]
