"""A sample funder report rendered by the real code, for docs/supervisor.md.

``python -m tests.supervisor.sample_report OUT.pdf`` builds a throw-away vault of
demo clients in a temporary folder, releases January, February and the first
quarter (the order that leaked in issue 16) and then March, and writes
March's PDF. Nothing here touches a real vault.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from clinic_app.domain.periods import month, quarter
from clinic_app.reports.report_files import report_pdf
from clinic_app.storage import keyslots
from clinic_app.storage.demo import demo_records
from clinic_app.storage.records import Records
from clinic_app.storage.reports import release_report
from clinic_app.storage.settings import SiteSettings
from clinic_app.storage.vault import Vault

TODAY = date(2026, 6, 30)


def sample_pdf(count: int = 3000) -> bytes:
    # A throw-away vault of fiction: a cheap key derivation, restored afterwards.
    saved = keyslots.CURRENT_PARAMS
    keyslots.CURRENT_PARAMS = keyslots.KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
    name = "Sample Clinic (demo data)"
    try:
        with (
            tempfile.TemporaryDirectory() as tmp,
            Vault.create(Path(tmp) / "sample.vault", "supervisor", "sample pass phrase") as vault,
        ):
            vault.update_settings(replace(SiteSettings(), clinic_name=name))
            Records(vault, today=lambda: TODAY).create_many(list(demo_records(count, 7, TODAY)))
            for period in (month(2026, 1), month(2026, 2), quarter(2026, 1)):
                release_report(vault, period, TODAY)
            return report_pdf(release_report(vault, month(2026, 3), TODAY), name)
    finally:
        keyslots.CURRENT_PARAMS = saved


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(sample_pdf())
