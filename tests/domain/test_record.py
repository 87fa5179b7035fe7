"""The catalogue and the record: a screening answer has nowhere to go."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings

from clinic_app.domain.fields import (
    FIELDS,
    NEVER_COLLECTED,
    SCREENING_ANSWER_KEYS,
    SCREENING_ONLY_FIELDS,
    STORED_FIELDS,
    FieldClass,
    field,
    may_store,
    storable,
)
from clinic_app.domain.record import (
    PROGRAMS,
    IntakeRecord,
    RecordError,
    ScreeningOutcome,
    UnstorableFieldError,
)
from tests.domain.strategies import records

# spec/screening.md, "Answer keys", in its order.
SPEC_ANSWER_KEYS = [
    "date_of_birth",
    "nationality",
    "last_habitual_residence",
    "first_entry_date",
    "continuous_residence_since",
    "present_on_2012_06_15",
    "lawful_status_on_2012_06_15",
    "education",
    "felony_convictions",
    "significant_misdemeanors",
    "other_misdemeanors",
    "daca_status",
    "daca_expiration",
    "tps_status",
    "in_removal_proceedings",
    "detained",
    "next_hearing_date",
    "final_removal_order",
    "removed_before",
    "judge_decision_date",
    "last_entry_date",
    "fear_of_return",
    "asylum_filed",
    "crime_victim",
    "trafficking_victim",
    "abused_by_usc_lpr_family",
    "abused_neglected_abandoned_by_parent",
    "lpr_since",
    "married_to_usc_living_together",
    "usc_or_lpr_relative",
    "tps_ended_on",
    "parole_status",
    "parole_ended_on",
]


def test_every_screening_answer_is_screening_only_except_date_of_birth() -> None:
    assert list(SCREENING_ANSWER_KEYS) == SPEC_ANSWER_KEYS
    assert field("date_of_birth").field_class is FieldClass.IDENTITY
    for key in SPEC_ANSWER_KEYS[1:]:
        assert field(key).field_class is FieldClass.SCREENING_ONLY, key


def test_catalogue_classes_are_the_contracts() -> None:
    assert [c.value for c in FieldClass] == [
        "identity",
        "contact_safety",
        "service",
        "eo41_confidential",
        "screening_only",
        "never_collected",
    ]
    expected = {
        FieldClass.IDENTITY: "given_name family_name preferred_name date_of_birth phone email "
        "zip_code",
        FieldClass.CONTACT_SAFETY: "safe_to_call safe_to_leave_voicemail safe_to_send_mail "
        "preferred_contact",
        FieldClass.SERVICE: "client_language intake_date site referral_needs "
        "referral_destination appointment case_status volunteer",
        FieldClass.EO41_CONFIDENTIAL: "screening_result dv_or_sexual_assault_victim "
        "crime_victim_or_witness public_assistance tax_records sexual_orientation",
    }
    for cls, names in expected.items():
        for name in names.split():
            assert field(name).field_class is cls, name
    assert not any(f.field_class is FieldClass.NEVER_COLLECTED for f in FIELDS.values())
    assert {k for k, _ in NEVER_COLLECTED} >= {"ssn", "itin", "a_number", "id_number"}


def test_the_record_holds_exactly_the_stored_fields() -> None:
    names = [f.name for f in dataclasses.fields(IntakeRecord)]
    assert sorted(names) == sorted(f.name for f in STORED_FIELDS)
    assert all(may_store(n) for n in names)


@pytest.mark.parametrize("f", SCREENING_ONLY_FIELDS, ids=lambda f: f.name)
def test_storage_refuses_screening_answers(f: Any) -> None:
    assert not may_store(f)
    assert not may_store(f.name)
    with pytest.raises(UnstorableFieldError, match=f"{f.name}: screening-only"):
        IntakeRecord.from_mapping({**MINIMAL, f.name: None})


@pytest.mark.parametrize("name", ["ssn", "a_number", "street_address", "employer", "answers"])
def test_storage_refuses_unknown_and_never_collected(name: str) -> None:
    assert not may_store(name)
    with pytest.raises(UnstorableFieldError, match="unknown"):
        IntakeRecord.from_mapping({**MINIMAL, name: "x"})


def test_a_record_cannot_grow_an_attribute() -> None:
    record = IntakeRecord.from_mapping(MINIMAL)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.notes = "x"  # type: ignore[misc]
    with pytest.raises((AttributeError, TypeError)):
        record.nationality = "MX"  # type: ignore[attr-defined]


MINIMAL: dict[str, Any] = {
    "record_id": "R-1",
    "given_name": "Ana",
    "family_name": "Pérez",
    "client_language": "es",
    "intake_date": "2026-11-27",
    "site": "Sunset Park",
    "volunteer": "vol.ana",
}
RESULT: dict[str, Any] = {
    "rules_as_of": "2026-11-15",
    "programs": {p: {"outcome": "not_applicable", "reasons": [], "missing": []} for p in PROGRAMS},
    "urgency": "urgent",
    "urgency_reasons": ["hearing_within_30_days"],
    "needs_representation": True,
    "deadlines": [{"kind": "hearing", "date": "2026-12-07"}],
}


def test_screening_result_is_stored_without_urgency() -> None:
    outcome = ScreeningOutcome.from_dict(RESULT)
    stored = outcome.to_dict()
    assert "urgency" not in stored and stored["urgency_reasons"] == []
    assert stored["deadlines"] == [{"kind": "hearing", "date": "2026-12-07"}]
    assert ScreeningOutcome.from_dict(stored) == outcome
    assert outcome.program("tps").outcome == "not_applicable"


def test_only_date_independent_urgency_reasons_are_stored() -> None:
    # urgency_on cannot recompute these from deadlines: dropping them would
    # show a detained client as routine in the queue.
    data = {
        **RESULT,
        "urgency": "emergency",
        "urgency_reasons": ["detained", "final_order", "hearing_within_30_days"],
    }
    outcome = ScreeningOutcome.from_dict(data)
    assert outcome.urgency_reasons == ("detained", "final_order")
    assert outcome.to_dict()["urgency_reasons"] == ["detained", "final_order"]
    assert ScreeningOutcome.from_dict(outcome.to_dict()) == outcome
    with pytest.raises(RecordError):
        dataclasses.replace(outcome, urgency_reasons=("hearing_within_30_days",))


def test_fixed_urgency_reasons_match_the_screening_engine() -> None:
    from clinic_app.domain.record import FIXED_URGENCY_REASONS
    from clinic_app.screening.urgency import FIXED_REASONS

    assert set(FIXED_URGENCY_REASONS) == FIXED_REASONS


def test_case_status_values() -> None:
    from clinic_app.domain.fields import CASE_STATUS

    assert CASE_STATUS == ("new", "referred", "in_progress", "closed")
    assert IntakeRecord.from_mapping(MINIMAL).case_status == "new"


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.update(answers={"nationality": "MX"}),
        lambda d: d.update(urgency_reasons="detained"),
        lambda d: d.update(urgency_reasons=["Detained in Elizabeth"]),
        lambda d: d.update(next_hearing_date="2026-12-07"),
        lambda d: d["programs"].pop("daca"),
        lambda d: d["programs"].update(extra={"outcome": "likely", "reasons": [], "missing": []}),
        lambda d: d["programs"]["daca"].update(outcome="maybe"),
        lambda d: d["programs"]["daca"].update(answer="MX"),
        lambda d: d["programs"]["daca"].update(reasons=["Born in Mexico"]),
        lambda d: d["programs"]["daca"].update(missing=["not_a_key"]),
        lambda d: d["deadlines"].append({"kind": "hearing", "date": "soon"}),
        lambda d: d["deadlines"].append({"kind": "birthday", "date": "2026-12-07"}),
        lambda d: d.update(needs_representation="yes"),
        lambda d: d.pop("rules_as_of"),
    ],
)
def test_screening_result_shape_is_strict(damage: Any) -> None:
    import copy

    data = copy.deepcopy(RESULT)
    damage(data)
    with pytest.raises(RecordError):
        ScreeningOutcome.from_dict(data)


def test_record_validation_names_the_field_not_the_value() -> None:
    with pytest.raises(RecordError, match="zip_code") as e:
        IntakeRecord.from_mapping({**MINIMAL, "zip_code": "123-45-6789"})
    assert "6789" not in str(e.value)
    with pytest.raises(RecordError, match="safe_to_call"):
        IntakeRecord.from_mapping({**MINIMAL, "safe_to_call": "yes"})
    with pytest.raises(RecordError, match="given_name"):
        IntakeRecord.from_mapping({**MINIMAL, "given_name": " \u202e\u200b "})
    with pytest.raises(RecordError, match="required"):
        IntakeRecord.from_mapping({"record_id": "R"})


def test_names_are_cleaned_on_the_way_in() -> None:
    record = IntakeRecord.from_mapping(
        {**MINIMAL, "given_name": "A\u202ena\u0000 ", "notes": "line 1\r\nline\u2066 2"}
    )
    assert record.given_name == "Ana"
    assert record.notes == "line 1\nline 2"
    assert record.intake_date == date(2026, 11, 27)


@settings(max_examples=80, deadline=None)
@given(record=records)
def test_records_round_trip_through_plain_values(record: IntakeRecord) -> None:
    assert IntakeRecord.from_mapping(record.to_mapping()) == record


def test_drafts_keep_only_storable_values() -> None:
    form = {**MINIMAL, "nationality": "MX", "felony_convictions": 0, "ssn": "123-45-6789"}
    assert storable(form) == MINIMAL
    assert IntakeRecord.from_mapping(storable(form)).given_name == "Ana"


def test_missing_lists_only_answer_keys() -> None:
    import copy

    data = copy.deepcopy(RESULT)
    data["programs"]["daca"]["missing"] = ["phone"]
    with pytest.raises(RecordError, match="missing"):
        ScreeningOutcome.from_dict(data)
