"""Record export: only what the contract allows, for a reason, audited, neutralised."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from clinic_app.domain.csvsafe import to_csv
from clinic_app.domain.fields import FieldClass
from clinic_app.domain.policy import Context
from clinic_app.domain.record import IntakeRecord
from clinic_app.storage.errors import PermissionDenied
from clinic_app.storage.export import EXPORT_FIELDS, ExportRefused, export_records, export_rows
from clinic_app.storage.longwork import Cancelled, CancelToken
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from tests.domain.strategies import records
from tests.supervisor.support import synthetic

CONTEXT = Context(viewer="sam", supervisor=True, export_reason="client_request")


def test_columns_are_the_export_channel_classes() -> None:
    classes = {f.field_class for f in EXPORT_FIELDS}
    assert classes == {FieldClass.IDENTITY, FieldClass.CONTACT_SAFETY, FieldClass.SERVICE}
    assert "notes" not in {f.name for f in EXPORT_FIELDS}


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(records)
def test_no_confidential_value_reaches_an_export(record: IntakeRecord) -> None:
    text = to_csv(export_rows([record], CONTEXT))
    if record.notes:
        assert record.notes.split()[0] not in text
    if record.eo41_consent:
        assert record.eo41_consent.recorded_by.split()[0] not in text
    if record.screening_result:
        for d in record.screening_result.deadlines:
            assert d.date.isoformat() not in text
    assert record.given_name in text  # identity is carried (the channel allows it)


def read(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_export_is_audited_and_neutralised(vault: Vault) -> None:
    records = Records(vault)
    base = synthetic(3, seed=9)
    base[0] = replace(base[0], given_name='=HYPERLINK("http://x")', notes="secret note")
    ids = records.create_many(base)
    rows = read(export_records(vault, ids, "case_transfer"))
    assert rows[0] == [f.name for f in EXPORT_FIELDS]
    assert len(rows) == 4
    assert rows[1][1] == '\'=HYPERLINK("http://x")'
    assert all("secret note" not in cell for row in rows for cell in row)
    tail = vault.audit_entries()[-4:]
    assert [(e.action, e.record_id) for e in tail] == [
        ("export", "reason:case_transfer"),
        *[("export", rid) for rid in ids],
    ]


def test_export_refusals(vault: Vault, vault_path: Path) -> None:
    ids = Records(vault).create_many(synthetic(2))
    for reason in ("", "because", "  "):
        with pytest.raises(ExportRefused):
            export_records(vault, ids, reason)
    with pytest.raises(ExportRefused):
        export_records(vault, [*ids, "NOPE0-NOPE0"], "client_request")
    n = len(vault.audit_entries())
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        export_records(vault, ids, "client_request", token=token)
    assert len(vault.audit_entries()) == n
    vault.add_user("vic", "volunteer", "another long passphrase here")
    with (
        Vault.open(vault_path, "vic", "another long passphrase here") as v,
        pytest.raises(PermissionDenied),
    ):
        export_records(v, ids, "client_request")
