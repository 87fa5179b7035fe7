"""Asking the confidentiality policy before a value goes on screen or the clipboard.

A list row carries only its volunteer, not the whole record; the policy's
viewer gate needs no more than that, so a row is judged through a minimal
stand-in record that holds the row's volunteer and nothing confidential.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from clinic_app.domain.policy import Channel, Context, allowed
from clinic_app.domain.record import IntakeRecord


@lru_cache(maxsize=256)
def _stand_in(volunteer: str) -> IntakeRecord:
    return IntakeRecord(
        record_id="row",
        given_name="-",
        family_name="-",
        client_language="en",
        intake_date=date(2000, 1, 1),
        site="-",
        volunteer=volunteer,
    )


def row_allows(field: str, volunteer: str, context: Context) -> bool:
    """May ``field`` of a list row owned by ``volunteer`` be shown to this viewer?"""
    try:
        record = _stand_in(volunteer)
    except ValueError:
        return False
    return allowed(field, Channel.SCREEN, context, record)


def screen_context(user: str, role: str) -> Context:
    return Context(viewer=user, supervisor=role == "supervisor")
