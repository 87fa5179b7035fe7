"""The funder report on screen (tables and bar charts) and saved as PDF or CSV."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from babel.dates import get_month_names
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.periods import (
    MONTH,
    QUARTER,
    YEAR,
    Period,
    fiscal_year_of,
    fiscal_year_period,
    quarter,
    quarter_of,
)
from clinic_app.domain.report import Report, empty_text, label, rule_text, table_rows
from clinic_app.i18n import _, current_language
from clinic_app.reports.output import write_where_asked
from clinic_app.reports.report_files import report_csv, report_pdf
from clinic_app.storage import audit
from clinic_app.storage.longwork import CancelToken, Progress
from clinic_app.storage.reports import PeriodNotOver, funder_report, release_report
from clinic_app.storage.vault import Vault
from clinic_app.ui.supervisor.chart import BarChart
from clinic_app.ui.supervisor.progress import ProgressRunner
from clinic_app.ui.supervisor.widgets import item, named


class ReportPage(QWidget):
    """Choose a whole month, quarter or year, see the protected tables, save (release) them."""

    def __init__(self, vault: Vault, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.setObjectName("reportPage")
        self.vault = vault
        self.runner = ProgressRunner(self)
        self.report: Report | None = None
        self.fiscal_start = vault.settings().fiscal_year_start
        self.today = today
        self._blocked = False
        day = today()
        self.kind = named(QComboBox(), "reportKind")
        for code, text in ((MONTH, _("Month")), (QUARTER, _("Quarter")), (YEAR, _("Fiscal year"))):
            self.kind.addItem(text, code)
        self.year = named(QSpinBox(), "reportYear")
        self.year.setRange(2000, 2100)
        self.year.setAccessibleName(_("Fiscal year"))
        self.year.setValue(fiscal_year_of(day, self.fiscal_start))
        self.which = named(QComboBox(), "reportWhich")
        self.kind.currentIndexChanged.connect(self._fill_which)
        self._fill_which()
        self.run_button = named(QPushButton(_("Show report")), "runReport")
        self.pdf_button = named(QPushButton(_("Release as PDF…")), "saveReportPdf")
        self.csv_button = named(QPushButton(_("Release as CSV…")), "saveReportCsv")
        self.run_button.clicked.connect(self.run)
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.csv_button.clicked.connect(lambda: self.save("csv"))
        top = QHBoxLayout()
        for widget in (QLabel(_("Period")), self.kind, self.which, QLabel(_("Year")), self.year):
            top.addWidget(widget)
        for button in (self.run_button, self.pdf_button, self.csv_button):
            top.addWidget(button)
        top.addStretch()
        self.notice = QLabel(" ".join(rule_text()))
        self.notice.setWordWrap(True)
        self.released = named(QLabel(), "reportReleased")
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.released)
        layout.addWidget(scroll)
        self._enable_saving(False)

    def _fill_which(self) -> None:
        self.which.clear()
        kind = self.kind.currentData()
        if kind == MONTH:
            names = get_month_names("wide", locale=current_language() or "en")
            first = self.fiscal_start
            for k in range(12):
                number = (first - 1 + k) % 12 + 1
                self.which.addItem(str(names[number]), number)
        elif kind == QUARTER:
            for q in range(1, 5):
                self.which.addItem(_("Quarter {number}").format(number=q), q)
        self.which.setVisible(kind != YEAR)

    def set_period(self, period: Period) -> None:
        """Selects ``period`` in the controls (used by tests and the tour)."""
        self.kind.setCurrentIndex(self.kind.findData(period.kind))
        if period.kind == MONTH:
            self.year.setValue(fiscal_year_of(period.start, self.fiscal_start))
            self.which.setCurrentIndex(self.which.findData(period.month))
        elif period.kind == QUARTER:
            fy, q = quarter_of(period.start, self.fiscal_start)
            self.year.setValue(fy)
            self.which.setCurrentIndex(self.which.findData(q))
        else:
            self.year.setValue(fiscal_year_of(period.start, self.fiscal_start))

    def _enable_saving(self, on: bool) -> None:
        self.pdf_button.setEnabled(on)
        self.csv_button.setEnabled(on)

    def period(self) -> Period:
        """The period the controls name (the year is the fiscal year)."""
        fy, kind, which = self.year.value(), self.kind.currentData(), self.which.currentData()
        if kind == YEAR:
            return fiscal_year_period(fy, self.fiscal_start)
        if kind == QUARTER:
            return quarter(fy, int(which), self.fiscal_start)
        start = fiscal_year_period(fy, self.fiscal_start).start
        year = start.year + (1 if int(which) < start.month else 0)
        return Period(year, int(which), 1)

    def run(self) -> Report | None:
        period = self.period()

        def job(token: CancelToken, progress: Progress) -> Report:
            progress(0, 1)
            return funder_report(self.vault, period, token)

        report = self.runner.run(_("Counting intakes…"), job)
        if report is not None:
            self.show_report(report)
        return report

    def show_report(self, report: Report) -> None:
        self.report = report
        self._blocked = not report.released_at and report.period.end >= self.today()
        if report.released_at:
            text = _(
                "Released on {when} by {who}: these are the figures that were published."
            ).format(when=report.released_at[:10], who=report.released_by)
        elif self._blocked:
            text = _("This period has not ended yet: a report can be released once it has.")
        else:
            text = _("Not released yet: saving it releases it and records it in the ledger.")
        self.released.setText(text)
        while self.body_layout.count():
            taken = self.body_layout.takeAt(0)
            child = taken.widget() if taken is not None else None
            if child is not None:
                child.deleteLater()
        if report.intakes is None:
            self.body_layout.addWidget(QLabel(empty_text(report)))
        for table in report.tables:
            rows = table_rows(table)
            title = QLabel(str(rows[0][0]))
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            self.body_layout.addWidget(title)
            if table.withheld:
                self.body_layout.addWidget(QLabel(str(rows[1][0])))
                continue
            grid = named(QTableWidget(len(rows) - 2, 2), f"reportTable_{table.key}")
            grid.setHorizontalHeaderLabels([str(c) for c in rows[1]])
            for i, row in enumerate(rows[2:]):
                for j, cell in enumerate(row):
                    grid.setItem(i, j, item(str(cell)))
            grid.verticalHeader().setVisible(False)
            grid.setMinimumHeight(min(400, 30 + 26 * len(rows)))
            self.body_layout.addWidget(grid)
            chart = named(BarChart(), f"reportChart_{table.key}")
            chart.set_bars(
                [(label(c, table.key), v) for c, v in zip(table.rows, table.cells, strict=True)]
            )
            self.body_layout.addWidget(chart)
        self.body_layout.addStretch()
        self._enable_saving(not self._blocked)

    def release_blocked(self) -> bool:
        """True while the report shown is for a period that has not ended."""
        return self._blocked

    def save(self, fmt: str, path: Path | None = None) -> Path | None:
        """Writes the report where the user chooses, after saying what it holds."""
        if self.report is None:
            return None
        if path is None:
            QMessageBox.information(
                self,
                _("Save the report"),
                _(
                    "The report holds counts only; counts from 1 to 4 are not shown. Saving "
                    "it releases it: it is recorded in the ledger and printing it again "
                    "gives the same figures."
                ),
            )
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save the report"),
                _("funder-report") + f".{fmt}",
                _("PDF files (*.pdf)") if fmt == "pdf" else _("CSV files (*.csv)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            self.report = release_report(self.vault, self.report.period, self.today())
        except PeriodNotOver:
            QMessageBox.warning(
                self,
                _("Save the report"),
                _("This period has not ended yet: a report can be released once it has."),
            )
            return None
        self.show_report(self.report)
        clinic = self.vault.settings().clinic_name
        data = report_csv(self.report, clinic) if fmt == "csv" else report_pdf(self.report, clinic)
        try:
            write_where_asked(path, data)
        except OSError as exc:
            QMessageBox.warning(self, _("Save the report"), exc.strerror or str(exc))
            return None
        self.vault.audit(audit.EXPORT, "report")
        return path
