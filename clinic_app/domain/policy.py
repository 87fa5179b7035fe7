"""The confidentiality policy: which field may appear in which output channel.

The contract's channel table is encoded once, as data (:data:`MATRIX`): each
cell names a :class:`Rule`, and each rule is one small predicate. Every way
data leaves the vault (screens, referral sheets, exports, reports, the audit
log, the application log, the clipboard) asks :func:`allowed` or takes what
:func:`redact` returns; storage asks :func:`may_store`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from clinic_app.domain.fields import FIELDS, STORED_FIELDS, Field, FieldClass, may_store
from clinic_app.domain.record import IntakeRecord, ScreeningOutcome
from clinic_app.domain.sanitise import clean_text
from clinic_app.i18n import N_

CLIPBOARD_CLEAR_SECONDS = 30


class Channel(StrEnum):
    """The output channels of the contract's table, in its order."""

    SCREEN = "screen"
    REFERRAL_SHEET = "referral_sheet"
    RECORD_EXPORT = "record_export"
    AGGREGATE_REPORT = "aggregate_report"
    AUDIT_LOG = "audit_log"
    APPLICATION_LOG = "application_log"
    CLIPBOARD = "clipboard"


CHANNEL_TITLES: Mapping[Channel, str] = {
    Channel.SCREEN: N_("screen, for the record's volunteer or a supervisor"),
    Channel.REFERRAL_SHEET: N_("referral sheet (PDF / print)"),
    Channel.RECORD_EXPORT: N_("record export (supervisor, with a stated reason, audited)"),
    Channel.AGGREGATE_REPORT: N_("aggregate report for funders"),
    Channel.AUDIT_LOG: N_("audit log"),
    Channel.APPLICATION_LOG: N_("application log, crash report"),
    Channel.CLIPBOARD: N_("clipboard"),
}


class Rule(StrEnum):
    """What one cell of the table allows; the value is the cell's wording."""

    YES = "yes"
    NEVER = "never"
    SESSION_ONLY = "during the session only"
    CHOSEN_CONTACT = "name and the contact the client chose"
    HONOURED = "honoured (no phone if unsafe to call)"
    CONSENTED = "only the items the client consented to"
    COUNTS = "counts only"
    RECORD_ID_ONLY = "record id only"
    EVENT_ONLY = "action, user, time (no record field)"
    EXPLICIT_COPY = "only an explicit copy by the user"


class Gate(StrEnum):
    """Who or what must be true before a channel carries anything at all."""

    NONE = "none"
    VIEWER = "the record's volunteer or a supervisor"
    SUPERVISOR_WITH_REASON = "a supervisor who stated a reason"
    EXPLICIT_COPY = "an explicit copy by an allowed viewer"


_I = FieldClass.IDENTITY
_C = FieldClass.CONTACT_SAFETY
_S = FieldClass.SERVICE
_E = FieldClass.EO41_CONFIDENTIAL
_Q = FieldClass.SCREENING_ONLY
_N = FieldClass.NEVER_COLLECTED


def _row(i: Rule, c: Rule, s: Rule, e: Rule, q: Rule) -> Mapping[FieldClass, Rule]:
    return {_I: i, _C: c, _S: s, _E: e, _Q: q, _N: Rule.NEVER}


_R = Rule
# The contract's table. never_collected is NEVER everywhere: no such field exists.
MATRIX: Mapping[Channel, Mapping[FieldClass, Rule]] = {
    Channel.SCREEN: _row(_R.YES, _R.YES, _R.YES, _R.YES, _R.SESSION_ONLY),
    Channel.REFERRAL_SHEET: _row(_R.CHOSEN_CONTACT, _R.HONOURED, _R.YES, _R.CONSENTED, _R.NEVER),
    Channel.RECORD_EXPORT: _row(_R.YES, _R.YES, _R.YES, _R.NEVER, _R.NEVER),
    Channel.AGGREGATE_REPORT: _row(_R.COUNTS, _R.NEVER, _R.COUNTS, _R.COUNTS, _R.NEVER),
    Channel.AUDIT_LOG: _row(_R.RECORD_ID_ONLY, _R.NEVER, _R.EVENT_ONLY, _R.NEVER, _R.NEVER),
    Channel.APPLICATION_LOG: _row(_R.NEVER, _R.NEVER, _R.NEVER, _R.NEVER, _R.NEVER),
    # The contract leaves screening_only blank here; answers are never copied.
    Channel.CLIPBOARD: _row(
        _R.EXPLICIT_COPY, _R.EXPLICIT_COPY, _R.EXPLICIT_COPY, _R.EXPLICIT_COPY, _R.NEVER
    ),
}
GATES: Mapping[Channel, Gate] = {
    Channel.SCREEN: Gate.VIEWER,
    Channel.REFERRAL_SHEET: Gate.NONE,
    Channel.RECORD_EXPORT: Gate.SUPERVISOR_WITH_REASON,
    Channel.AGGREGATE_REPORT: Gate.NONE,
    Channel.AUDIT_LOG: Gate.NONE,
    Channel.APPLICATION_LOG: Gate.NONE,
    Channel.CLIPBOARD: Gate.EXPLICIT_COPY,
}

# Service fields that reveal status on paper (confidentiality.md v2): a referral
# sheet carries them only with the client's consent, like an EO-41 item.
PAPER_CONFIDENTIAL: frozenset[str] = frozenset({"referral_needs"})

# Referral sheet identity: the names, and the one contact the client chose,
# shown only when its safety flag (if any) is explicitly true.
NAME_FIELDS = frozenset({"given_name", "family_name", "preferred_name"})
CHOSEN_CONTACT: Mapping[str, tuple[str, str | None]] = {
    "phone": ("phone", "safe_to_call"),
    "email": ("email", None),
}


@dataclass(frozen=True, slots=True)
class Context:
    """Who is asking, and under what circumstances.

    ``viewer`` is the signed-in user's name as stored in a record's
    ``volunteer``; ``in_session`` is true while a screening is being run (the
    only time screening answers exist); ``explicit_copy`` is true only for a
    copy the user asked for; ``export_reason`` is the reason a supervisor gave.
    """

    viewer: str | None = None
    supervisor: bool = False
    in_session: bool = False
    explicit_copy: bool = False
    export_reason: str | None = None


# Service fields the record export carries only with the client's consent: the
# referral needs reveal status (detention, a crime or trafficking victim), so they
# leave the vault like an EO-41 item (../shared/spec/confidentiality.md, "Output channels").
EXPORT_CONSENT_ONLY: frozenset[str] = frozenset({"referral_needs"})


def _viewer_may_see(context: Context, record: IntakeRecord | None) -> bool:
    if context.supervisor:
        return True
    if record is None:  # an intake in progress, before any record exists
        return context.in_session and bool(context.viewer)
    return bool(context.viewer) and clean_text(context.viewer or "") == record.volunteer


def _gate_open(channel: Channel, context: Context, record: IntakeRecord | None) -> bool:
    gate = GATES[channel]
    if gate is Gate.VIEWER:
        return _viewer_may_see(context, record)
    if gate is Gate.SUPERVISOR_WITH_REASON:
        return context.supervisor and bool(clean_text(context.export_reason or ""))
    if gate is Gate.EXPLICIT_COPY:
        return context.explicit_copy and _viewer_may_see(context, record)
    return True


def _chosen_contact(f: Field, context: Context, record: IntakeRecord | None) -> bool:
    if f.name in NAME_FIELDS:
        return True
    chosen = CHOSEN_CONTACT.get(record.preferred_contact or "") if record else None
    if chosen is None or record is None:
        return False
    contact, safety = chosen
    return f.name == contact and (safety is None or getattr(record, safety) is True)


def _consented(f: Field, context: Context, record: IntakeRecord | None) -> bool:
    consent = record.eo41_consent if record is not None else None
    if consent is None:
        return False
    if f.name == "eo41_consent":  # the consent travels with what it covers
        return bool(consent.items)
    return consent.covers(f.name)


_CHECKS: Mapping[Rule, Callable[[Field, Context, IntakeRecord | None], bool]] = {
    Rule.YES: lambda f, c, r: True,
    Rule.NEVER: lambda f, c, r: False,
    Rule.SESSION_ONLY: lambda f, c, r: c.in_session,
    Rule.CHOSEN_CONTACT: _chosen_contact,
    Rule.HONOURED: lambda f, c, r: True,
    Rule.CONSENTED: _consented,
    Rule.COUNTS: lambda f, c, r: f.countable,
    Rule.RECORD_ID_ONLY: lambda f, c, r: f.name == "record_id",
    Rule.EVENT_ONLY: lambda f, c, r: False,
    Rule.EXPLICIT_COPY: lambda f, c, r: c.explicit_copy,
}


def rule_for(item: Field | str, channel: Channel) -> Rule:
    """The table cell that governs ``item`` in ``channel``."""
    f = item if isinstance(item, Field) else FIELDS[item]
    return MATRIX[channel][f.field_class]


def allowed(
    item: Field | str,
    channel: Channel,
    context: Context,
    record: IntakeRecord | None = None,
) -> bool:
    """True when the value of ``item`` may appear in ``channel``.

    Cells that depend on the record (the client's chosen contact, safety
    flags, consent; whose record it is) are judged from ``record``; without
    one they answer False. Unknown field names raise ``KeyError``.
    """
    f = item if isinstance(item, Field) else FIELDS[item]
    if FIELDS.get(f.name) != f:
        raise KeyError(f.name)
    if channel is Channel.RECORD_EXPORT and f.name in EXPORT_CONSENT_ONLY:
        return _gate_open(channel, context, record) and _consented(f, context, record)
    if not _gate_open(channel, context, record):
        return False
    if channel is Channel.REFERRAL_SHEET and f.name in PAPER_CONFIDENTIAL:
        return _consented(f, context, record)
    return _CHECKS[MATRIX[channel][f.field_class]](f, context, record)


def redact(record: IntakeRecord, channel: Channel, context: Context) -> dict[str, Any]:
    """Only what ``channel`` may carry of ``record``, as plain JSON-friendly values.

    Unknown (None) values are left out. In the aggregate report the screening
    result is reduced to countable categories: outcomes, representation and
    deadline kinds; never reason codes or dates.
    """
    values = record.to_mapping()
    out: dict[str, Any] = {}
    for f in STORED_FIELDS:
        value = values[f.name]
        if value is None or not allowed(f, channel, context, record):
            continue
        if channel is Channel.AGGREGATE_REPORT and f.name == "screening_result":
            assert record.screening_result is not None
            value = _countable_result(record.screening_result)
        out[f.name] = value
    return out


def _countable_result(result: ScreeningOutcome) -> dict[str, Any]:
    return {
        "programs": {p.program: p.outcome for p in result.programs},
        "needs_representation": result.needs_representation,
        "deadline_kinds": sorted({d.kind for d in result.deadlines}),
    }


__all__ = [
    "CHANNEL_TITLES",
    "CLIPBOARD_CLEAR_SECONDS",
    "EXPORT_CONSENT_ONLY",
    "GATES",
    "MATRIX",
    "PAPER_CONFIDENTIAL",
    "Channel",
    "Context",
    "Gate",
    "Rule",
    "allowed",
    "may_store",
    "redact",
    "rule_for",
]
