"""The funder report on screen (tables and bar charts) and saved as PDF or CSV."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from clinic_app.domain.report import Report, label, notice, table_rows
from clinic_app.i18n import _
from clinic_app.reports.output import write_where_asked
from clinic_app.reports.report_files import report_csv, report_pdf
from clinic_app.storage import audit
from clinic_app.storage.longwork import CancelToken, Progress
from clinic_app.storage.reports import funder_report
from clinic_app.storage.vault import Vault
from clinic_app.ui.supervisor.chart import BarChart
from clinic_app.ui.supervisor.progress import ProgressRunner
from clinic_app.ui.supervisor.widgets import item, named


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportPage(QWidget):
    """Choose a period, see the suppressed tables and charts, save them."""

    def __init__(self, vault: Vault, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.setObjectName("reportPage")
        self.vault = vault
        self.runner = ProgressRunner(self)
        self.report: Report | None = None
        end = today()
        self.start = named(QDateEdit(_qdate(end - timedelta(days=364))), "reportFrom")
        self.end = named(QDateEdit(_qdate(end)), "reportTo")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.run_button = named(QPushButton(_("Show report")), "runReport")
        self.pdf_button = named(QPushButton(_("Save as PDF…")), "saveReportPdf")
        self.csv_button = named(QPushButton(_("Save as CSV…")), "saveReportCsv")
        self.run_button.clicked.connect(self.run)
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.csv_button.clicked.connect(lambda: self.save("csv"))
        top = QHBoxLayout()
        for widget in (QLabel(_("From")), self.start, QLabel(_("to")), self.end):
            top.addWidget(widget)
        for button in (self.run_button, self.pdf_button, self.csv_button):
            top.addWidget(button)
        top.addStretch()
        self.notice = QLabel(notice())
        self.notice.setWordWrap(True)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(scroll)
        self._enable_saving(False)

    def _enable_saving(self, on: bool) -> None:
        self.pdf_button.setEnabled(on)
        self.csv_button.setEnabled(on)

    def period(self) -> tuple[date, date]:
        return _pydate(self.start.date()), _pydate(self.end.date())

    def run(self) -> Report | None:
        start, end = self.period()
        if end < start:
            QMessageBox.warning(self, _("Report"), _("The period ends before it starts."))
            return None

        def job(token: CancelToken, progress: Progress) -> Report:
            progress(0, 1)
            return funder_report(self.vault, start, end, token)

        report = self.runner.run(_("Counting intakes…"), job)
        if report is not None:
            self.show_report(report)
        return report

    def show_report(self, report: Report) -> None:
        self.report = report
        while self.body_layout.count():
            taken = self.body_layout.takeAt(0)
            child = taken.widget() if taken is not None else None
            if child is not None:
                child.deleteLater()
        if report.intakes is None:
            self.body_layout.addWidget(
                QLabel(_("Fewer than 5 intakes in this period: no counts are published."))
            )
        for table in report.tables:
            rows = table_rows(table)
            title = QLabel(str(rows[0][0]))
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            self.body_layout.addWidget(title)
            if len(rows) < 3:
                self.body_layout.addWidget(QLabel(str(rows[1][0]) if len(rows) > 1 else ""))
                continue
            grid = named(QTableWidget(len(rows) - 2, len(rows[1])), f"reportTable_{table.key}")
            grid.setHorizontalHeaderLabels([str(c) for c in rows[1]])
            for i, row in enumerate(rows[2:]):
                for j, cell in enumerate(row):
                    grid.setItem(i, j, item(str(cell)))
            grid.verticalHeader().setVisible(False)
            grid.setMinimumHeight(min(400, 30 + 26 * len(rows)))
            self.body_layout.addWidget(grid)
            chart = named(BarChart(), f"reportChart_{table.key}")
            values = (
                table.row_totals if table.row_totals is not None else [r[0] for r in table.cells]
            )
            chart.set_bars([(label(code), v) for code, v in zip(table.rows, values, strict=True)])
            self.body_layout.addWidget(chart)
        self.body_layout.addStretch()
        self._enable_saving(True)

    def save(self, fmt: str, path: Path | None = None) -> Path | None:
        """Writes the report where the user chooses, after saying what it holds."""
        if self.report is None:
            return None
        if path is None:
            QMessageBox.information(
                self,
                _("Save the report"),
                _("The report holds counts only; counts from 1 to 4 are not shown."),
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
        clinic = self.vault.settings().clinic_name
        data = report_csv(self.report, clinic) if fmt == "csv" else report_pdf(self.report, clinic)
        try:
            write_where_asked(path, data)
        except OSError as exc:
            QMessageBox.warning(self, _("Save the report"), exc.strerror or str(exc))
            return None
        self.vault.audit(audit.EXPORT, "report")
        return path
