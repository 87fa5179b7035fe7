"""A volunteer sees only their own clients; a supervisor sees every record."""

from __future__ import annotations

from datetime import date

import pytest

from clinic_app.storage.errors import PermissionDenied
from clinic_app.storage.records import RecordFilter, Records
from clinic_app.storage.vault import VOLUNTEER, Vault
from tests.storage.fixtures import OTHER_PASSPHRASE
from tests.storage.records_support import TODAY, make_record

THIRD = "a third long passphrase"


@pytest.fixture
def ids(vault: Vault) -> dict[str, str]:
    vault.add_user("vic", VOLUNTEER, OTHER_PASSPHRASE)
    vault.add_user("ola", VOLUNTEER, THIRD)
    records = Records(vault, today=lambda: TODAY)
    return {
        "vic": records.create(
            make_record(given_name="María", family_name="Luna", volunteer="vic", phone="7185550101")
        ),
        "ola": records.create(
            make_record(
                given_name="María",
                family_name="Luna",
                volunteer="ola",
                phone="7185550199",
                date_of_birth=date(1990, 5, 1),
            )
        ),
    }


def test_a_volunteer_lists_and_finds_only_their_own(vault: Vault, ids: dict[str, str]) -> None:
    vault.close()
    with Vault.open(vault.path, "vic", OTHER_PASSPHRASE) as v:
        records = Records(v, today=lambda: TODAY)
        assert records.count() == 1
        assert [r.record_id for r in records.rows(0, 50)] == [ids["vic"]]
        assert [r.record_id for r in records.rows(0, 50, RecordFilter(text="maria"))] == [
            ids["vic"]
        ]
        assert records.count(RecordFilter(text="7185550199")) == 0
        assert records.get(ids["vic"]) is not None


def test_a_volunteer_cannot_open_or_change_another_volunteers_record(
    vault: Vault, ids: dict[str, str]
) -> None:
    vault.close()
    with Vault.open(vault.path, "vic", OTHER_PASSPHRASE) as v:
        records = Records(v, today=lambda: TODAY)
        before = len(v.audit_entries())
        for attempt in (
            lambda: records.get(ids["ola"]),
            lambda: records.history(ids["ola"]),
            lambda: records.status_history(ids["ola"]),
            lambda: records.set_status(ids["ola"], "closed", TODAY),
        ):
            with pytest.raises(PermissionDenied):
                attempt()
        assert len(v.audit_entries()) == before  # nothing was viewed or changed


def test_duplicates_across_volunteers_are_offered_without_details(
    vault: Vault, ids: dict[str, str]
) -> None:
    vault.close()
    with Vault.open(vault.path, "vic", OTHER_PASSPHRASE) as v:
        records = Records(v, today=lambda: TODAY)
        twin = make_record(
            given_name="Maria", family_name="LUNA", volunteer="vic", date_of_birth=date(1990, 5, 1)
        )
        (found,) = records.likely_duplicates(twin)
        assert found.record_id == ids["ola"]
        assert found.display_name == "" and found.phone is None


def test_a_supervisor_sees_every_record(vault: Vault, ids: dict[str, str]) -> None:
    records = Records(vault, today=lambda: TODAY)
    assert records.count() == 2
    assert {r.record_id for r in records.rows(0, 50)} == set(ids.values())
    assert records.get(ids["ola"]) is not None
