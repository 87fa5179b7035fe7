"""The report's grouped query counts exactly what the records say, for the right roles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from clinic_app.domain.fields import FIELDS
from clinic_app.domain.policy import Channel, Context, allowed
from clinic_app.domain.report import Facts, Tally, borough_of
from clinic_app.domain.suppression import is_small
from clinic_app.screening import urgency_on
from clinic_app.storage.errors import PermissionDenied
from clinic_app.storage.longwork import Cancelled, CancelToken
from clinic_app.storage.records import Records
from clinic_app.storage.reports import REPORT_FIELDS, funder_report, tally
from clinic_app.storage.vault import Vault
from tests.supervisor.support import synthetic

START, END = date(2026, 3, 1), date(2026, 8, 31)


def test_report_reads_only_countable_fields() -> None:
    for name in REPORT_FIELDS:
        assert allowed(FIELDS[name], Channel.AGGREGATE_REPORT, Context()), name


def expected(records: list, start: date, end: date) -> Tally:  # type: ignore[type-arg]
    out = Tally()
    for r in records:
        if not start <= r.intake_date <= end:
            continue
        result = r.screening_result
        out.add(
            Facts(
                month=r.intake_date.isoformat()[:7],
                language=r.client_language,
                borough=borough_of(r.zip_code),
                urgency=urgency_on(result.to_dict(), r.intake_date) if result else "routine",
                outcomes={p.program: p.outcome for p in result.programs} if result else None,
                case_status=r.case_status,
                referral_needs=r.referral_needs,
            )
        )
    return out


def test_sql_tally_equals_counting_the_records(vault: Vault) -> None:
    records = synthetic(400, seed=7)
    Records(vault).create_many(records)
    assert tally(vault, START, END) == expected(records, START, END)
    report = funder_report(vault, START, END)
    assert report.intakes == expected(records, START, END).intakes
    assert not any(is_small(v) for v in report.shown())


def test_only_supervisors_run_the_report(vault: Vault, vault_path: Path) -> None:
    vault.add_user("vic", "volunteer", "another long passphrase here")
    with (
        Vault.open(vault_path, "vic", "another long passphrase here") as volunteer,
        pytest.raises(PermissionDenied),
    ):
        funder_report(volunteer, START, END)


def test_a_cancelled_report_stops(vault: Vault) -> None:
    Records(vault).create_many(synthetic(50))
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        tally(vault, START, END, token)
    assert tally(vault, START, END).intakes > 0  # the connection still works


def test_facts_follow_edits_and_deletes(vault: Vault) -> None:
    from dataclasses import replace

    from clinic_app.storage.retention import purge

    records = Records(vault, today=lambda: date(2026, 11, 27))
    made = synthetic(60, seed=11)
    ids = records.create_many(made)
    edited = replace(made[0], record_id=ids[0], client_language="ko", zip_code="11373")
    records.update(edited)
    made[0] = edited
    assert tally(vault, START, END) == expected(made, START, END)
    for rid in ids[:10]:
        records.set_status(rid, "closed", date(2026, 1, 2))
    assert purge(vault, date(2026, 11, 27)) == 10
    con = vault.con
    assert con.execute("SELECT count(*) FROM report_facts").fetchone()[0] == 50
    kept = [replace(r, case_status="new") for r in made[10:]]
    got = tally(vault, START, END)
    assert got.language_borough == expected(kept, START, END).language_borough
