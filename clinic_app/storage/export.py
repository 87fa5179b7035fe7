"""Record export: supervisors only, for a stated reason, audited, as neutralised CSV.

What a row may carry is decided by ``domain.policy`` for the record-export
channel (identity, contact safety and service fields; never an EO-41 item,
the screening result or notes; the referral needs only with the client's
consent, as confidentiality.md v2 treats them). The reason is one of a fixed list, so the
audit log can hold it without free text; each exported record gets its own
"export" audit row (record number only) in the same transaction as the reason.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Final

from clinic_app.domain.csvsafe import to_csv
from clinic_app.domain.fields import STORED_FIELDS, Field
from clinic_app.domain.policy import Channel, Context, Rule, redact, rule_for
from clinic_app.domain.record import IntakeRecord
from clinic_app.i18n import N_, _
from clinic_app.storage import audit
from clinic_app.storage.longwork import CancelToken, Progress, no_progress
from clinic_app.storage.vault import Vault, guard

REASONS: Final[dict[str, str]] = {
    "client_request": N_("The client asked for a copy of their record"),
    "case_transfer": N_("The case moves to a partner organization (with consent)"),
    "legal_obligation": N_("A duty imposed by law"),
    "data_correction": N_("Checking and correcting records"),
}
# The columns, in catalogue order: every field the channel may ever carry.
EXPORT_FIELDS: Final[tuple[Field, ...]] = tuple(
    f for f in STORED_FIELDS if rule_for(f, Channel.RECORD_EXPORT) is not Rule.NEVER
)
BATCH: Final = 200


class ExportRefused(ValueError):
    """No reason, an unknown reason, or a record that does not exist."""


def _flat(value: Any) -> str | int:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value if isinstance(value, int) else str(value)


def export_rows(records: Sequence[IntakeRecord], context: Context) -> list[list[str | int]]:
    """The header and one line per record, holding only what the policy allows."""
    out: list[list[str | int]] = [[f.name for f in EXPORT_FIELDS]]
    for record in records:
        allowed = redact(record, Channel.RECORD_EXPORT, context)
        out.append([_flat(allowed.get(f.name)) for f in EXPORT_FIELDS])
    return out


def export_records(
    vault: Vault,
    record_ids: Sequence[str],
    reason: str,
    *,
    token: CancelToken | None = None,
    progress: Progress = no_progress,
) -> bytes:
    """UTF-8 CSV of the records (with a byte-order mark), audited; nothing is written."""
    vault.require_supervisor()
    if reason not in REASONS:
        raise ExportRefused(_("Choose the reason for this export."))
    context = Context(viewer=vault.user, supervisor=True, export_reason=reason)
    records: list[IntakeRecord] = []
    total = len(record_ids)
    for start in range(0, total, BATCH):
        if token is not None:
            token.check()
        batch = list(record_ids[start : start + BATCH])
        marks = ", ".join("?" for _ in batch)
        with guard():
            found = dict(
                vault.con.execute(
                    f"SELECT id, data FROM records WHERE id IN ({marks})",  # noqa: S608
                    batch,
                ).fetchall()
            )
        for rid in batch:
            if rid not in found:
                raise ExportRefused(_("A record to export no longer exists."))
            records.append(IntakeRecord.from_mapping(json.loads(bytes(found[rid]))))
        progress(min(start + BATCH, total), total)
    data = ("\ufeff" + to_csv(export_rows(records, context))).encode("utf-8")
    if token is not None:
        token.check()
    with vault.transaction() as con:
        audit.append(con, vault._head_key, vault.user, audit.EXPORT, f"reason:{reason}")
        for rid in record_ids:
            audit.append(con, vault._head_key, vault.user, audit.EXPORT, rid)
    return data


__all__ = ["EXPORT_FIELDS", "REASONS", "ExportRefused", "export_records", "export_rows"]
