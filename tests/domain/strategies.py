"""Hypothesis strategies for intake records with distinctive values.

Every text value carries a marker unique to its field, and every date field
draws from its own range of years, so finding a value in a rendered channel
means that field leaked, not that two fields happened to agree.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from hypothesis import strategies as st

from clinic_app.domain.fields import CASE_OUTCOMES, REFERRAL_NEEDS, SERVICES
from clinic_app.domain.record import (
    CONSENTABLE_ITEMS,
    DEADLINE_KINDS,
    OUTCOMES,
    PROGRAMS,
    Consent,
    IntakeRecord,
    ScreeningOutcome,
)

SCRIPTS = st.sampled_from(
    ["María José", "Иванов", "মুহাম্মদ", "김민준", "王小明", "أحمد", "پرویز", "Łukasz", "Jean-Bernard"]
)


def marked(tag: str) -> st.SearchStrategy[str]:
    """Text that contains ``tag`` plus a random suffix, e.g. ``GIVENq3x María``."""
    return st.builds(
        lambda suffix, script: f"{tag}{suffix} {script}",
        st.text("bcdfghjkmnpqrstvwxz", min_size=6, max_size=6),
        SCRIPTS,
    )


def years(first: int, last: int) -> st.SearchStrategy[date]:
    return st.dates(date(first, 1, 1), date(last, 12, 31))


def _program(name: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "outcome": st.sampled_from(sorted(OUTCOMES)),
            "reasons": st.lists(
                st.text("abcdefghij", min_size=4, max_size=8).map(lambda s: f"rsn_{name}_{s}"),
                max_size=3,
                unique=True,
            ),
            "missing": st.lists(
                st.sampled_from(["nationality", "first_entry_date", "felony_convictions"]),
                max_size=2,
                unique=True,
            ),
        }
    )


screening_dicts = st.fixed_dictionaries(
    {
        "rules_as_of": years(2011, 2011).map(date.isoformat),
        "programs": st.fixed_dictionaries({p: _program(p) for p in PROGRAMS}),
        "needs_representation": st.booleans(),
        "deadlines": st.lists(
            st.fixed_dictionaries(
                {
                    "kind": st.sampled_from(sorted(DEADLINE_KINDS)),
                    "date": years(2071, 2080).map(date.isoformat),
                }
            ),
            max_size=3,
        ),
        "urgency": st.just("urgent"),
        "urgency_reasons": st.lists(
            st.sampled_from(
                ["detained", "final_order", "proceedings_no_hearing_date", "hearing_within_30_days"]
            ),
            unique=True,
        ),
    }
)
screening_outcomes = screening_dicts.map(ScreeningOutcome.from_dict)

consents = st.builds(
    Consent,
    items=st.frozensets(st.sampled_from(sorted(CONSENTABLE_ITEMS))),
    given_on=years(2012, 2012),
    recorded_by=marked("CONSENTBY"),
)

optional_bool = st.none() | st.booleans()

records = st.builds(
    IntakeRecord,
    record_id=marked("RECID"),
    given_name=marked("GIVEN"),
    family_name=marked("FAMILY"),
    client_language=st.sampled_from(["en", "es", "zh_Hant", "ru", "bn", "ar", "ur", "wo"]),
    intake_date=years(2020, 2020),
    site=marked("SITE"),
    volunteer=marked("VOLUNTEER"),
    preferred_name=st.none() | marked("PREFERRED"),
    date_of_birth=st.none() | years(1930, 1940),
    phone=st.none() | st.from_regex(r"\(3[0-9]{2}\) 8[0-9]{2}-[0-9]{4}", fullmatch=True),
    email=st.none() | marked("EMAIL").map(lambda s: s.split()[0].lower() + "@example.org"),
    zip_code=st.none() | st.from_regex(r"1[0-9]{4}", fullmatch=True),
    safe_to_call=optional_bool,
    safe_to_leave_voicemail=optional_bool,
    safe_to_send_mail=optional_bool,
    preferred_contact=st.none() | st.sampled_from(["phone", "email", "none"]),
    referral_needs=st.lists(st.sampled_from(REFERRAL_NEEDS), unique=True, max_size=3).map(tuple),
    referral_destination=st.none() | marked("DEST"),
    appointment=st.none()
    | st.datetimes(datetime(2051, 1, 1), datetime(2060, 12, 31)).map(
        lambda d: d.replace(microsecond=0)
    ),
    case_status=st.sampled_from(["new", "referred", "in_progress", "closed"]),
    case_closed_on=st.none() | years(2061, 2070),
    case_outcome=st.none() | st.sampled_from(CASE_OUTCOMES),
    services_delivered=st.lists(st.sampled_from(SERVICES), unique=True, max_size=2).map(tuple),
    interpreter_needed=optional_bool,
    screening_result=st.none() | screening_outcomes,
    dv_or_sexual_assault_victim=optional_bool,
    crime_victim_or_witness=optional_bool,
    public_assistance=optional_bool,
    tax_records=optional_bool,
    sexual_orientation=optional_bool,
    notes=st.none() | marked("NOTES"),
    eo41_consent=st.none() | consents,
)
