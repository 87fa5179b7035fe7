"""Crash-recovery drafts: one per user, inside the vault, never screening answers.

A draft is the intake form's values filtered by ``domain.fields.storable``
(screening answers and unknown keys are dropped before anything is encoded),
kept as JSON with dates tagged so they come back as dates. Drafts older than
``MAX_AGE`` are deleted; the vault's ``secure_delete`` overwrites them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from typing import Any, Final

from clinic_app.domain.fields import storable
from clinic_app.domain.record import Consent, RecordError, ScreeningOutcome

MAX_AGE: Final = timedelta(hours=24)
_DATE: Final = "$date"
_DATETIME: Final = "$datetime"


def _plain(value: Any) -> Any:
    if isinstance(value, ScreeningOutcome | Consent):
        return value.to_dict()
    if isinstance(value, datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, date):
        return {_DATE: value.isoformat()}
    if isinstance(value, tuple | list | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"a draft cannot hold a {type(value).__name__}")


def _revive(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_DATE}:
            return date.fromisoformat(value[_DATE])
        if set(value) == {_DATETIME}:
            return datetime.fromisoformat(value[_DATETIME])
        return {k: _revive(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_revive(v) for v in value]
    return value


_SHAPED: Final[dict[str, Callable[[Mapping[str, Any]], ScreeningOutcome | Consent]]] = {
    "screening_result": ScreeningOutcome.from_dict,
    "eo41_consent": Consent.from_dict,
}


def _checked(form: Mapping[str, Any]) -> dict[str, Any]:
    """Storable keys only; a nested value only in the shape its field allows."""
    kept: dict[str, Any] = {}
    for key, value in storable(form).items():
        if isinstance(value, Mapping):
            shaped = _SHAPED.get(key)
            if shaped is None:
                continue
            try:
                value = shaped(value)
            except RecordError:
                continue  # never store what the record itself would refuse
        kept[key] = value
    return kept


def encode(form: Mapping[str, Any]) -> bytes:
    """The stored bytes of a draft: only fields that may be stored."""
    kept = _checked(form)
    return json.dumps(_plain(kept), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(data: bytes) -> dict[str, Any]:
    values = _revive(json.loads(data.decode("utf-8")))
    # Filtered again on the way out: a draft written by an older app cannot
    # smuggle a key that is no longer storable back into a form.
    return storable(values) if isinstance(values, dict) else {}
