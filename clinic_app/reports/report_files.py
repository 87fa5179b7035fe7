"""The funder report as CSV text or PDF bytes, both built in memory."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any, Final

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.units import inch
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from clinic_app.domain.csvsafe import to_csv
from clinic_app.domain.report import (
    HIDDEN_MARK,
    Report,
    empty_text,
    label,
    notice,
    report_rows,
    rule_text,
    table_rows,
)
from clinic_app.domain.report import Table as ReportTable
from clinic_app.i18n import _, current_language
from clinic_app.referrals.fonts import family_for_language
from clinic_app.referrals.pdf import ShapedText, _render_lock
from clinic_app.referrals.textlayout import Style

PAGE: Final = landscape(LETTER)
MARGIN: Final = 0.6 * inch
BAR_COLOUR: Final = colors.HexColor("#4A6FA5")


def report_csv(report: Report, clinic: str = "") -> bytes:
    """UTF-8 CSV with a byte-order mark (so spreadsheets read the accents)."""
    rows = report_rows(report, clinic)
    rows += [[], [_("How small counts are protected")]]
    rows += [[line] for line in rule_text()]
    return ("\ufeff" + to_csv(rows)).encode("utf-8")


class Bar(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """One horizontal bar of a chart, drawn to scale."""

    def __init__(self, fraction: float, width: float, height: float = 9) -> None:
        super().__init__()
        self.fraction = max(0.0, min(1.0, fraction))
        self.width, self.height = width, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setFillColor(BAR_COLOUR)
        self.canv.setStrokeColor(BAR_COLOUR)
        # A little short of the column, so the longest bar never touches its count.
        self.canv.rect(0, 0, 0.95 * self.width * self.fraction, self.height, stroke=0, fill=1)


class _Builder:
    def __init__(self, width: float) -> None:
        language = current_language()
        self.width = width
        self.body = Style(family_for_language(language), 9, language=language)

    def text(self, value: Any, **changes: Any) -> ShapedText:
        return ShapedText(str(value), replace(self.body, **changes))

    def chart(self, table: ReportTable) -> Table:
        """The table as a bar chart: category, bar to scale, count (hidden: no bar)."""
        shown = table.shown()
        top = max(shown) if shown else 0
        bar_width = self.width * 0.45
        data: list[list[Flowable | str]] = [
            [self.text(_("Category"), bold=True), "", self.text(_("Intakes"), bold=True)]
        ]
        for code, value in zip(table.rows, table.cells, strict=True):
            bar: Flowable | str = Bar(value / top, bar_width) if value and top else ""
            data.append(
                [
                    self.text(label(code, table.key)),
                    bar,
                    self.text(HIDDEN_MARK if value is None else value),
                ]
            )
        chart = Table(data, colWidths=[2.6 * inch, bar_width, 0.9 * inch], repeatRows=1)
        chart.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        return chart

    def story(self, report: Report, clinic: str) -> list[Flowable]:
        head = [r for r in report_rows(report, clinic)[:6] if r and len(r) > 1]
        out: list[Flowable] = [
            self.text(_("Clinic Intake: aggregate report"), bold=True, size=15),
            Spacer(1, 6),
        ]
        for row in head:
            out.append(self.text("  ".join(str(c) for c in row)))
        out += [Spacer(1, 4), self.text(notice()), Spacer(1, 8)]
        if report.intakes is None:
            out.append(self.text(empty_text(report)))
        for table in report.tables:
            rows = table_rows(table)
            block: list[Flowable] = [
                Spacer(1, 10),
                self.text(rows[0][0], bold=True, size=11),
                Spacer(1, 4),
            ]
            if table.withheld:
                block.append(self.text(rows[1][0]))
            else:
                block.append(self.chart(table))
            out.append(KeepTogether(block) if len(table.rows) < 20 else block[0])
            if len(table.rows) >= 20:
                out += block[1:]
        out += [Spacer(1, 14), self.text(_("How small counts are protected"), bold=True, size=11)]
        for line in rule_text():
            out += [Spacer(1, 4), self.text(line)]
        return out


def report_pdf(report: Report, clinic: str = "") -> bytes:
    """The report with its tables and bar charts, as PDF bytes (nothing on disk)."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        invariant=True,
        title="",
        author="",
        subject="",
        creator="Clinic Intake",
    )
    with _render_lock:  # the glyph caches of the referral sheets are shared
        doc.build(_Builder(doc.width - 12).story(report, clinic))
    return buffer.getvalue()


__all__ = ["report_csv", "report_pdf"]
