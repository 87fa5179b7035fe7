"""A complete intake by keyboard into a real vault; then every table is dumped.

Issue 5, items 3 and 7: the distinctive screening answers typed into the
wizard (first arrival 2003-03-17, seven felony convictions, living here since
2004-05-19, Mexican nationality) reach no table of the vault: not the
records, not the FTS5 shadow tables, not the drafts, not the audit log.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clinic_app.domain.fields import SCREENING_ONLY_FIELDS
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE
from tests.ui.intake.conftest import TODAY, MakeWizard
from tests.ui.intake.drive import CONTINUOUS_SINCE, FIRST_ENTRY, HEARING, complete_intake
from tests.ui.intake.keyboard import alt, focused, key


def spellings(day: date) -> list[str]:
    return [
        day.isoformat(),
        day.strftime("%Y%m%d"),
        day.strftime("%m/%d/%Y"),
        day.strftime("%d/%m/%Y"),
        day.strftime("%d.%m.%Y"),
        str(day.toordinal()),
    ]


def dump(con: Any) -> tuple[list[str], str]:
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    texts = []
    for table in tables:
        for row in con.execute(f'SELECT * FROM "{table}"'):  # names from sqlite_master
            for value in row:
                if isinstance(value, bytes):
                    texts.append(value.decode("utf-8", "replace"))
                    texts.append(value.decode("utf-16-le", "replace"))
                elif value is not None:
                    texts.append(str(value))
    return tables, "\n".join(texts)


def test_keyboard_intake_is_saved_without_any_screening_answer(
    qtbot: QtBot, make_wizard: MakeWizard, vault: Vault, vault_path: Path
) -> None:
    records = Records(vault, today=lambda: TODAY)
    wizard = make_wizard(records)
    complete_intake(qtbot, wizard, notes="Trae la carta de la corte")
    # The 30-second autosave, at its worst moment: every answer is in memory.
    assert wizard.session.answers["felony_convictions"] == 7
    assert wizard.save_draft()
    draft = records.load_draft()
    assert draft is not None and draft["given_name"] == "María José"
    assert not set(draft) & {f.name for f in SCREENING_ONLY_FIELDS}
    # Save, by keyboard.
    assert wizard.current is wizard.save_step
    assert focused(wizard) is wizard.save_step.save_button
    with qtbot.waitSignal(wizard.saved, timeout=3000) as saved:
        key(wizard, Qt.Key.Key_Return)
    record_id = saved.args[0]
    assert wizard.session.answers == {}  # dropped after the save
    assert records.load_draft() is None  # the draft is discarded on save

    stored = records.get(record_id)
    assert stored is not None
    assert (stored.given_name, stored.family_name) == ("María José", "Quispe Huamán")
    assert stored.client_language == "es" and stored.site == "Queens Library"
    assert stored.volunteer == "sam" and stored.intake_date == TODAY
    # Consent to the screening questions: its date, recorded by the record's volunteer.
    assert stored.screening_consent_on == TODAY
    assert stored.safe_to_call is True and stored.safe_to_leave_voicemail is False
    assert stored.notes == "Trae la carta de la corte"
    assert stored.date_of_birth == date(1998, 4, 2)
    assert "removal_defense" in stored.referral_needs
    result = stored.screening_result
    assert result is not None
    assert result.program("daca").outcome == "unlikely"
    assert "daca_criminal_bar" in result.program("daca").reasons
    assert [d.kind for d in result.deadlines] == ["hearing"]
    assert records.rows(0, 10)[0].urgency == "urgent"
    vault.close()

    with Vault.open(vault_path, "sam", PASSPHRASE) as v:
        tables, everything = dump(v.con)
    assert {"records", "drafts", "audit_log"} <= set(tables)
    assert any(t.endswith("_data") and "fts" in t for t in tables)  # FTS5 shadow tables
    assert "Quispe" in everything  # the dump sees the data ...
    assert HEARING in everything  # ... and the stored deadline, which is allowed
    needles = spellings(date.fromisoformat(FIRST_ENTRY)) + spellings(
        date.fromisoformat(CONTINUOUS_SINCE)
    )
    needles += ["felony", "Mexico", '"MX"', "is_permanent_resident"]
    stored_result = str(result.to_dict())
    needles += [f.name for f in SCREENING_ONLY_FIELDS if f.name not in stored_result]
    for needle in needles:
        assert needle not in everything, needle


def test_a_likely_duplicate_is_offered_before_a_second_record(
    qtbot: QtBot, make_wizard: MakeWizard, vault: Vault
) -> None:
    records = Records(vault, today=lambda: TODAY)
    wizard = make_wizard(records)
    complete_intake(qtbot, wizard)
    first = wizard.save()
    assert first is not None
    again = make_wizard(records)
    complete_intake(qtbot, again)
    key(again, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert again.saved_id is None
    assert again.save_step.duplicates.isVisible()
    assert again.save_step.duplicates.count() == 1
    assert focused(again) is again.save_step.duplicates
    with qtbot.waitSignal(again.open_record, timeout=2000) as opened:
        alt(qtbot, again, Qt.Key.Key_O)
    assert opened.args == [first]
    assert records.count() == 1
    # Or, deliberately, a second record for a different person with the same phone.
    with qtbot.waitSignal(again.saved, timeout=2000):
        alt(qtbot, again, Qt.Key.Key_N)
    assert records.count() == 2


def test_drafts_are_saved_on_a_timer_without_answers(
    qtbot: QtBot, make_wizard: MakeWizard, vault: Vault
) -> None:
    records = Records(vault, today=lambda: TODAY)
    wizard = make_wizard(records, draft_interval_ms=50)
    complete_intake(qtbot, wizard)
    qtbot.waitUntil(lambda: records.load_draft() is not None, timeout=3000)
    draft = records.load_draft()
    assert draft is not None
    assert draft["family_name"] == "Quispe Huamán"
    assert not set(draft) & {f.name for f in SCREENING_ONLY_FIELDS}
    assert "felony_convictions" not in str(draft)


def test_another_volunteers_likely_duplicate_is_offered_without_details(
    qtbot: QtBot, make_wizard: MakeWizard, vault: Vault, vault_path: Path
) -> None:
    from tests.storage.records_support import make_record

    Records(vault, today=lambda: TODAY).create(
        make_record(given_name="Xiomara", family_name="Quintanilla", phone="347-555-0188")
    )
    secret = "violet harbor lantern meadow"
    vault.add_user("vic", "volunteer", secret)
    with Vault.open(vault_path, "vic", secret) as vic:
        records = Records(vic, today=lambda: TODAY)
        wizard = make_wizard(records)
        wizard.session.form.update(
            client_language="es", given_name="Ana", family_name="Lee", phone="347-555-0188"
        )
        for step in wizard.steps:
            step.load()
        assert wizard.save() is None
        step = wizard.save_step
        assert step.duplicates.count() == 1
        text = step.duplicates.item(0).text()
        assert "Xiomara" not in text and "another volunteer" in text
        assert not step.open_button.isEnabled()
        step.anyway_button.click()
        assert wizard.saved_id is not None


def test_an_untouched_intake_leaves_no_draft(make_wizard: MakeWizard, vault: Vault) -> None:
    records = Records(vault, today=lambda: TODAY)
    wizard = make_wizard(records)
    assert not wizard.save_draft()
    assert records.load_draft() is None
