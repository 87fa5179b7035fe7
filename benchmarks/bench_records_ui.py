"""Records-list and intake benchmarks (issue 5, item 8), on a 100,000-record demo vault.

- ``records-list-open-100k``: building the records list (one count, the first
  page of rows) and showing it until the first rows are painted. Target 300 ms.
  Reports resident memory with the list open (target 250 MB).
- ``intake-save-100k``: a full save of an intake from the wizard into that
  vault: validation of every step, the likely-duplicate check, the record,
  its index rows, status and audit rows in one transaction, the draft
  discarded. No target in the issue; reported for the record.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.harness import Result, benchmark, repeat
from clinic_app.domain.policy import Context
from clinic_app.storage import demo
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault

BIG = 100_000
TODAY = date(2026, 11, 27)
PASSPHRASE = "benchmark passphrase with words"


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _big_vault(folder: Path) -> tuple[Vault, Records, float]:
    vault = Vault.create(folder / "bench.vault", "bench", PASSPHRASE)
    records = Records(vault, today=lambda: TODAY)
    started = time.perf_counter()
    for _ in demo.fill(records.create_many, BIG, 5, TODAY):
        pass
    return vault, records, time.perf_counter() - started


def _app() -> object:
    from clinic_app.ui.app import create_application

    return create_application()


@benchmark("records-list-open-100k", target="p95_ms <= 300")
def list_open() -> Result:
    from PySide6.QtWidgets import QApplication

    from clinic_app.ui.records_list import RecordsList

    _app()
    with tempfile.TemporaryDirectory() as tmp:
        vault, records, fill_s = _big_vault(Path(tmp))
        context = Context(viewer="bench", supervisor=True)
        shown: list[RecordsList] = []

        def open_list() -> None:
            view = RecordsList(records, context)
            view.resize(1366, 700)
            view.show()
            QApplication.processEvents()
            shown.append(view)

        samples = repeat(open_list, 10)
        rows = shown[-1].model.rowCount()
        rss = _rss_mb()
        for view in shown:
            view.close()
            view.deleteLater()
        QApplication.processEvents()
        vault.close()
    return Result(
        samples=samples,
        extra={
            "records": BIG,
            "rows_loaded": rows,
            "rss_mb": round(rss, 1),
            "rss_target_mb": 250,
            "fill_s": round(fill_s, 1),
        },
    )


@benchmark("intake-save-100k")
def intake_save() -> Result:
    from clinic_app.ui.intake.wizard import IntakeWizard

    _app()
    with tempfile.TemporaryDirectory() as tmp:
        vault, records, _fill = _big_vault(Path(tmp))
        counter = iter(range(10**6))

        def save_one() -> None:
            n = next(counter)
            wizard = IntakeWizard(
                records, "bench", site="Bench", today=TODAY, draft_interval_ms=3_600_000
            )
            wizard.session.form.update(
                client_language="es",
                given_name=f"Bench{n}",
                family_name="Client",
                date_of_birth=date(1990, 1, 1),
                phone=f"212-555-{n % 10000:04d}",
            )
            wizard.session.screening_consent_on = TODAY
            wizard.session.answers.update(detained=False, felony_convictions=0)
            for step in wizard.steps:
                step.load()
            wizard._allow_duplicate = True  # phones repeat across 100k demo clients
            assert wizard.save() is not None
            wizard.deleteLater()

        samples = repeat(save_one, 30)
        vault.close()
    return Result(samples=samples, extra={"records": BIG})
