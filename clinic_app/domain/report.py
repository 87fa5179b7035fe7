"""The aggregate funder report: counts of catalogued categories, small cells hidden.

What is counted comes from one list: the fields the catalogue marks
``countable`` (``domain/fields.py``), each turned into one or more
*dimensions* by :func:`dimensions`. A dimension is a one-way table of the
period: categories and their counts. Most are one-per-intake (each intake in
exactly one category, so the table adds up to the intakes of the period);
several-per-intake ones (referral needs, services delivered) do not add up.
The intake date only chooses the period (``domain/periods.py``): it is not
counted, so no table is broken down by month. The screening result gives two
kinds of dimension: urgency at intake, and each program's outcome. An intake
without a screening result counts as routine and as "needs information"
(as the records list shows it), so no "not screened" count repeats across
tables. Suppression, across every released report, is ``domain/suppression.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from clinic_app.domain.fields import STORED_FIELDS, Field, Kind
from clinic_app.domain.periods import Period
from clinic_app.domain.record import PROGRAMS
from clinic_app.domain.suppression import PROTECTION, SMALL_MAX, SMALL_MIN, Release
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
YES_NO: Final = ("yes", "no", "not_recorded")
NOT_RECORDED: Final = "not_recorded"
OTHER: Final = "other"
HIDDEN_MARK: Final = "*"
OPEN_NAMES: Final = ("site", "referral_destination")  # rows named as the clinic named them

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
    "yes": N_("Yes"),
    "no": N_("No"),
    "not_recorded": N_("Not recorded"),
    "none": N_("Not referred"),
    "screening": N_("Screening"),
    "application_help": N_("Help with an application"),
    "referral": N_("Referral"),
    "representation": N_("Representation"),
    "application_filed": N_("Application filed"),
    "represented": N_("Client represented"),
    "referred_out": N_("Referred to another organization"),
    "advice_only": N_("Advice only"),
    "no_relief_available": N_("No relief available"),
    "client_withdrew": N_("Client withdrew"),
    "lost_contact": N_("Lost contact"),
}


def borough_of(zip_code: str | None) -> str:
    """The New York City borough of a five-digit ZIP code, by USPS ranges.

    The counts are kept in SQL (``storage/report_schema.py``); this is the
    same rule in Python, which the tests compare with it.
    """
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
class Dimension:
    """One table of the report.

    ``categories`` is None for open lists (languages, sites, destinations):
    only categories with intakes appear. ``partition``: one category per intake.
    """

    key: str
    field: str
    categories: tuple[str, ...] | None
    partition: bool = True
    program: str = ""  # for the outcome tables of the screening result


def _field_dimensions(f: Field) -> list[Dimension]:
    if f.name == "zip_code":  # counted as a borough, never as a ZIP code
        return [Dimension("borough", f.name, BOROUGHS)]
    if f.kind is Kind.SCREENING_RESULT:
        return [Dimension("urgency", f.name, URGENCY_COLUMNS)] + [
            Dimension(f"outcome_{p}", f.name, OUTCOME_COLUMNS, program=p) for p in PROGRAMS
        ]
    if f.kind in (Kind.LANGUAGE, Kind.TEXT):
        return [Dimension(f.name, f.name, None)]
    if f.kind is Kind.BOOL:
        return [Dimension(f.name, f.name, YES_NO)]
    if f.kind is Kind.CHOICE and f.name == "case_status":  # every record has one
        return [Dimension(f.name, f.name, f.choices)]
    if f.kind is Kind.CHOICE:
        return [Dimension(f.name, f.name, (*f.choices, NOT_RECORDED))]
    if f.kind is Kind.CHOICES:
        return [Dimension(f.name, f.name, f.choices, partition=False)]
    raise ValueError(f"{f.name}: a {f.kind} field cannot be counted")


def dimensions() -> tuple[Dimension, ...]:
    """Every table of the report, from the catalogue's ``countable`` marks."""
    return tuple(d for f in STORED_FIELDS if f.countable for d in _field_dimensions(f))


def partitions() -> dict[str, bool]:
    return {d.key: d.partition for d in dimensions()}


@dataclass(frozen=True)
class Table:
    """One published table: ``None`` marks a hidden count."""

    key: str
    rows: tuple[str, ...]
    cells: tuple[int | None, ...]
    withheld: bool = False

    def shown(self) -> list[int]:
        return [v for v in self.cells if v is not None]


@dataclass(frozen=True)
class Report:
    """The report for a period; no tables when the intakes number 1 to 4.

    ``released_at``/``released_by`` are set once the report is in the ledger
    (a re-print shows the same figures and says when they were first released).
    """

    period: Period
    intakes: int | None
    tables: tuple[Table, ...]
    released_at: str = ""
    released_by: str = ""
    withheld: bool = False  # not the few intakes: earlier reports would expose small counts

    def shown(self) -> list[int]:
        out = [] if self.intakes is None else [self.intakes]
        for table in self.tables:
            out += table.shown()
        return out


def from_release(
    release: Release, period: Period, released_at: str = "", released_by: str = ""
) -> Report:
    """The report a release publishes, with every fixed category listed (zeros too)."""
    if release.intakes is None:
        return Report(period, None, (), released_at, released_by, release.withheld)
    tables = []
    for dim in dimensions():
        given = release.cells.get(dim.key)
        if given is None:
            rows = dim.categories or ()
            tables.append(Table(dim.key, tuple(rows), tuple(None for _r in rows), withheld=True))
            continue
        rows = dim.categories or tuple(sorted(given, key=lambda c: (c == OTHER, c)))
        tables.append(Table(dim.key, tuple(rows), tuple(given.get(c, 0) for c in rows)))
    return Report(period, release.intakes, tuple(tables), released_at, released_by)


def title(key: str) -> str:
    """A table's heading."""
    if key == "urgency":
        return _("Urgency at intake")
    if key.startswith("outcome_"):
        return _("Screening outcome: {program}").format(program=label(key[len("outcome_") :]))
    if key == "borough":
        return _("Borough")
    found = next(f for f in STORED_FIELDS if f.name == key)
    return _(found.label)


def label(code: str, dim: str = "") -> str:
    """A row heading for display: languages by their own name, sites and providers as named."""
    if code in LABELS and (dim not in OPEN_NAMES or code in (OTHER, NOT_RECORDED, "none")):
        return _(LABELS[code])
    if dim in OPEN_NAMES:
        return code
    try:
        from clinic_app.i18n.locales import native_name

        return native_name(code)
    except Exception:
        return code


def _cell(value: int | None) -> str | int:
    return HIDDEN_MARK if value is None else value


def table_rows(table: Table) -> list[list[str | int]]:
    """A table as rows of text and counts: title, heading, body."""
    out: list[list[str | int]] = [[title(table.key)]]
    if table.withheld:
        out.append([_("Withheld: it could not be published without revealing small counts.")])
        return out
    out.append([_("Category"), _("Intakes")])
    for code, value in zip(table.rows, table.cells, strict=True):
        out.append([label(code, table.key), _cell(value)])
    return out


def period_label(period: Period) -> str:
    first, last = period.start.isoformat(), period.end.isoformat()
    return _("{first} to {last}").format(first=first, last=last)


def report_rows(report: Report, clinic: str = "") -> list[list[str | int]]:
    """The whole report as rows (for CSV and the PDF), with its notes."""
    out: list[list[str | int]] = [[_("Clinic Intake: aggregate report")]]
    if clinic:
        out.append([_("Clinic"), clinic])
    out.append([_("Period"), report.period.start.isoformat(), report.period.end.isoformat()])
    if report.released_at:
        when = report.released_at[:16].replace("T", " ") + " UTC"
        out.append([_("First released"), when, report.released_by])
    out.append([_("Intakes"), _cell(report.intakes)])
    out.append([notice()])
    if report.intakes is None:
        out.append([empty_text(report)])
    for table in report.tables:
        out.append([])
        out += table_rows(table)
    return out


def empty_text(report: Report) -> str:
    """Why a report publishes no count at all."""
    if report.withheld:
        return _(
            "No counts are published: together with the reports released before, "
            "this period's totals would reveal small counts."
        )
    return _("Fewer than 5 intakes in this period: no counts are published.")


def notice() -> str:
    return _("{mark} = not shown (see the rule at the end of the report).").format(mark=HIDDEN_MARK)


def rule_text() -> list[str]:
    """The suppression rule in plain words, for the PDF and the screen."""
    return [
        _(
            "No count from {low} to {high} is shown: a small number of people can be "
            "recognized. A count marked {mark} is hidden."
        ).format(low=SMALL_MIN, high=SMALL_MAX, mark=HIDDEN_MARK),
        _(
            "Other counts are hidden too, so that no hidden count can be worked out by "
            "adding or subtracting the numbers shown, in this report or in any report "
            "this site released before: every hidden count could still be any of at "
            "least {width} different values."
        ).format(width=PROTECTION + 1),
        _(
            "Reports cover whole months, quarters or years only, and every released "
            "report is kept in the vault's ledger; printing it again gives the same figures."
        ),
        _("A table marked withheld could not be published safely at all."),
    ]


__all__ = [
    "BOROUGHS",
    "HIDDEN_MARK",
    "LABELS",
    "OUTCOME_COLUMNS",
    "URGENCY_COLUMNS",
    "Dimension",
    "Report",
    "Table",
    "borough_of",
    "dimensions",
    "empty_text",
    "from_release",
    "label",
    "notice",
    "partitions",
    "period_label",
    "report_rows",
    "rule_text",
    "table_rows",
    "title",
]
