"""``admin report --vault PATH --from DATE --to DATE --format csv|pdf --out FILE``.

The dates must span one whole month, quarter or (fiscal) year: free ranges
are refused (exit 2), because two reports a day apart expose that day's
clients. Writing the file releases the report: it goes into the vault's
ledger, and asking for the same period again prints the same figures.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from clinic_app.cli.admin_common import (
    OK,
    Passphrases,
    UsageError,
    add_vault_option,
    guarded,
    say,
    vault_path,
)
from clinic_app.i18n import _


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--from", dest="start", required=True, help="first intake day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, help="last intake day, YYYY-MM-DD")
    parser.add_argument("--format", dest="fmt", required=True, choices=("csv", "pdf"))
    parser.add_argument("--out", required=True, help="the file to write")
    parser.add_argument("--user", default=None, help="acting user (default: the first supervisor)")
    parser.set_defaults(handler=guarded(run))


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(_("Dates are written YYYY-MM-DD.")) from None


def run(args: argparse.Namespace) -> int:
    from clinic_app.domain.periods import PeriodError, from_range
    from clinic_app.reports.output import write_where_asked
    from clinic_app.reports.report_files import report_csv, report_pdf
    from clinic_app.storage import audit
    from clinic_app.storage.reports import PeriodNotOver, release_report
    from clinic_app.storage.vault import Vault

    start, end = parse_day(args.start), parse_day(args.end)
    if end < start:
        raise UsageError(_("The period ends before it starts."))
    out = Path(args.out)
    if not out.parent.is_dir():
        raise UsageError(_("The folder for the report does not exist."))
    secret = Passphrases().existing(_("Passphrase: "))
    with Vault.open(vault_path(args), args.user, secret) as vault:
        settings = vault.settings()
        try:
            period = from_range(start, end, settings.fiscal_year_start)
        except PeriodError:
            raise UsageError(
                _(
                    "A report covers one whole month, quarter or year (quarters and years "
                    "start with the fiscal year, in month {month}): give its first and last day."
                ).format(month=settings.fiscal_year_start)
            ) from None
        vault.require_supervisor()
        try:
            report = release_report(vault, period)
        except PeriodNotOver:
            raise UsageError(
                _("This period has not ended yet: a report can be released once it has.")
            ) from None
        clinic = settings.clinic_name
        data = report_csv(report, clinic) if args.fmt == "csv" else report_pdf(report, clinic)
        write_where_asked(out, data)
        vault.audit(audit.EXPORT, "report")
    say(_("Report written: counts from 1 to 4 are not shown."))
    sys.stdout.write(f"{out}\n")
    return OK
