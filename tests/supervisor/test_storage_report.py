"""Counts kept on write equal counting the records; the ledger; kill -9 keeps them consistent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from clinic_app.domain.fields import FIELDS
from clinic_app.domain.periods import fiscal_year_period, month, quarter
from clinic_app.domain.policy import Channel, Context, allowed
from clinic_app.domain.record import PROGRAMS, IntakeRecord
from clinic_app.domain.report import OTHER, borough_of, dimensions
from clinic_app.domain.suppression import is_small
from clinic_app.screening import urgency_on
from clinic_app.storage.errors import PermissionDenied
from clinic_app.storage.records import Records
from clinic_app.storage.reports import (
    REPORT_FIELDS,
    PeriodNotOver,
    funder_report,
    ledger,
    release_report,
    verify_ledger,
)
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE
from tests.supervisor.support import synthetic

YEAR = fiscal_year_period(2026)


def test_report_reads_only_countable_fields() -> None:
    assert "intake_date" not in REPORT_FIELDS
    for name in REPORT_FIELDS:
        assert FIELDS[name].countable
        assert allowed(FIELDS[name], Channel.AGGREGATE_REPORT, Context()), name


def categories(r: IntakeRecord) -> list[tuple[str, str]]:
    """Each record's categories, worked out here independently of the SQL."""
    res = r.screening_result
    out = [("_n", "all"), ("borough", borough_of(r.zip_code))]
    out.append(("client_language", r.client_language))
    out.append(("site", r.site))
    out.append(("referral_destination", OTHER if r.referral_destination else "none"))
    out.append(("case_status", r.case_status))
    out.append(("case_outcome", r.case_outcome or "not_recorded"))
    out.append(("urgency", urgency_on(res.to_dict(), r.intake_date) if res else "routine"))
    for p in PROGRAMS:
        out.append((f"outcome_{p}", res.program(p).outcome if res else "needs_info"))
    for name in (
        "interpreter_needed",
        "dv_or_sexual_assault_victim",
        "crime_victim_or_witness",
        "public_assistance",
        "tax_records",
        "sexual_orientation",
    ):
        value = getattr(r, name)
        out.append((name, "not_recorded" if value is None else "yes" if value else "no"))
    out += [("referral_needs", n) for n in r.referral_needs]
    out += [("services_delivered", s) for s in r.services_delivered]
    return out


def expected(records: list[IntakeRecord], months: tuple[str, ...]) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for r in records:
        if r.intake_date.isoformat()[:7] in months:
            counts.update(categories(r))
    return counts


def live(vault: Vault, months: tuple[str, ...]) -> Counter[tuple[str, str]]:
    marks = ",".join("?" * len(months))
    rows = vault.con.execute(
        f"SELECT dim, cat, sum(n) FROM report_counts WHERE month IN ({marks}) GROUP BY 1, 2",
        months,
    ).fetchall()
    out: Counter[tuple[str, str]] = Counter()
    for d, c, n in rows:
        if n:
            out[(d, "none" if d == "referral_destination" and c == "not_recorded" else c)] += n
    return out


def varied(n: int, seed: int) -> list[IntakeRecord]:
    made = synthetic(n, seed=seed)
    out = []
    for i, r in enumerate(made):
        if i % 3 == 0:
            r = replace(
                r,
                case_status="closed",
                case_outcome="application_filed" if i % 2 else "advice_only",
                services_delivered=("screening", "application_help"),
                interpreter_needed=bool(i % 2),
                referral_destination="Some Legal Aid" if i % 5 == 0 else None,
            )
        out.append(r)
    return out


def test_counts_kept_on_write_equal_counting_the_records(vault: Vault) -> None:
    records = varied(300, seed=7)
    store = Records(vault)
    ids = store.create_many(records)
    months = YEAR.month_keys()
    got = {k: v for k, v in live(vault, months).items() if k[0] != "referral_destination"}
    want = {k: v for k, v in expected(records, months).items() if k[0] != "referral_destination"}
    assert got == want
    # An edit moves the counts; a deletion removes them.
    first = store.get(ids[0])
    assert first is not None
    store.update(replace(first, client_language="pl", case_outcome="lost_contact"))
    records[0] = replace(records[0], client_language="pl", case_outcome="lost_contact")
    with vault.transaction() as con:
        con.execute("DELETE FROM records WHERE id = ?", (ids[1],))
    del records[1]
    got = {k: v for k, v in live(vault, months).items() if k[0] != "referral_destination"}
    want = {k: v for k, v in expected(records, months).items() if k[0] != "referral_destination"}
    assert got == want
    # Every dimension of the catalogue is counted.
    assert {d.key for d in dimensions()} <= {k[0] for k in got} | {"referral_destination"}


def test_report_shows_no_small_count_and_totals_agree(vault: Vault) -> None:
    records = varied(400, seed=3)
    Records(vault).create_many(records)
    report = funder_report(vault, YEAR)
    assert report.intakes == 400
    assert not any(is_small(v) for v in report.shown())
    for table in report.tables:
        dim = next(d for d in dimensions() if d.key == table.key)
        if dim.partition and not table.withheld and None not in table.cells:
            assert sum(v or 0 for v in table.cells) == 400, table.key


def test_release_is_recorded_audited_and_reprinted_the_same(vault: Vault) -> None:
    store = Records(vault)
    store.create_many(varied(200, seed=9))
    preview = funder_report(vault, quarter(2026, 1))
    assert ledger(vault) == []
    released = release_report(vault, quarter(2026, 1))
    assert released.tables == preview.tables and released.released_by == "sam"
    # Late records for a released month do not change the released figures.
    store.create_many(
        [replace(r, intake_date=r.intake_date.replace(month=2, day=3)) for r in varied(30, seed=10)]
    )
    again = release_report(vault, quarter(2026, 1))
    assert again == released
    assert funder_report(vault, quarter(2026, 1)) == released
    assert [p for p, *_ in ledger(vault)] == [quarter(2026, 1)]
    assert [e.action for e in vault.audit_entries()].count("report_release") == 1
    # A period that has not ended cannot be released (its months would freeze early).
    with pytest.raises(PeriodNotOver):
        release_report(vault, quarter(2026, 2), today=date(2026, 6, 30))
    assert len(ledger(vault)) == 1
    assert verify_ledger(vault) == []
    with pytest.raises(Exception, match="append-only"), vault.transaction() as con:
        con.execute("UPDATE report_releases SET cells = '{}'")


def test_only_supervisors_run_the_report(vault: Vault, vault_path: Path) -> None:
    vault.add_user("vic", "volunteer", "another long passphrase here")
    with Vault.open(vault_path, "vic", "another long passphrase here") as volunteer:
        with pytest.raises(PermissionDenied):
            funder_report(volunteer, month(2026, 1))
        with pytest.raises(PermissionDenied):
            release_report(volunteer, month(2026, 1))


CHILD = r"""
import sys
from clinic_app.storage import keyslots
from tests.storage.fixtures import TEST_PARAMS
keyslots.CURRENT_PARAMS = TEST_PARAMS
from clinic_app.storage.vault import Vault
from clinic_app.storage.records import Records
from tests.supervisor.support import synthetic
vault = Vault.open(sys.argv[1], "sam", sys.argv[2])
store = Records(vault)
print("ready", flush=True)
i = 0
while True:
    store.create_many(synthetic(50, seed=i))
    i += 1
"""


@pytest.mark.slow
def test_counts_survive_kill_9_consistent_with_the_records(vault: Vault, vault_path: Path) -> None:
    vault.close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(vault_path), PASSPHRASE],
        stdout=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == b"ready"
    import time

    time.sleep(1.5)
    child.send_signal(signal.SIGKILL)
    child.wait()
    with Vault.open(vault_path, "sam", PASSPHRASE) as v:
        stored = v.con.execute("SELECT count(*) FROM records").fetchone()[0]
        counted = v.con.execute(
            "SELECT coalesce(sum(n), 0) FROM report_counts WHERE dim = '_n'"
        ).fetchone()[0]
        assert stored > 0 and stored == counted
        by_month = dict(
            v.con.execute(
                "SELECT substr(intake_date, 1, 7), count(*) FROM records GROUP BY 1"
            ).fetchall()
        )
        kept = dict(v.con.execute("SELECT month, n FROM report_counts WHERE dim = '_n' AND n != 0"))
        assert by_month == kept
