"""The referral flow and the directory editor on a real vault."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from clinic_app.referrals.directory import parse_csv
from clinic_app.referrals.directory_store import demo_csv, import_csv
from clinic_app.referrals.service import site_of
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from clinic_app.ui.provider_directory import ProviderDirectory, vault_store
from clinic_app.ui.referral_flow import ReferralFlow, ReferralInputs
from tests.referrals.pdfcheck import extracted_text
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE
from tests.storage.records_support import make_record, outcome_for

TODAY = date.today()


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    v = Vault.create(tmp_path / "v" / "clinic.vault", "sam", PASSPHRASE)
    import_csv(v, demo_csv())
    yield v
    v.close()


def stored_record(vault: Vault) -> str:
    outcome = outcome_for(
        {"detained": True, "next_hearing_date": TODAY + timedelta(days=7)}, today=TODAY
    )
    record = make_record(
        given_name="Mohammed", family_name="Abdullah", client_language="ar", public_assistance=True
    )
    return Records(vault).create(replace(record, screening_result=outcome))


def test_choose_consent_preview(qtbot: QtBot, vault: Vault) -> None:
    records = Records(vault)
    record_id = stored_record(vault)
    record = records.get(record_id)
    assert record is not None
    audited: list[str] = []
    from clinic_app.referrals.directory_store import load_directory

    flow = ReferralFlow(
        ReferralInputs(
            record=record,
            providers=load_directory(vault),
            site=site_of(vault, records),
            volunteer=vault.user,
            today=TODAY,
            save_record=records.update,
            audit=audited.append,
        )
    )
    qtbot.addWidget(flow)
    flow.show()
    first = flow.choices.item(0)
    assert first.checkState() == Qt.CheckState.Checked
    assert "Detention Defense" in first.text() and "Takes detained cases" in first.text()
    flow.next.click()
    assert flow.steps.currentIndex() == 1
    assert set(flow.consent_boxes) == {"screening_result", "public_assistance"}
    flow.consent_boxes["screening_result"].setChecked(True)
    flow.next.click()
    assert flow.steps.currentIndex() == 2
    stored = records.get(record_id)
    assert stored is not None and stored.eo41_consent is not None
    assert stored.eo41_consent.items == {"screening_result"}
    assert stored.eo41_consent.recorded_by == "sam"
    assert flow.findChildren(QLabel) and flow.pdf is not None
    text = extracted_text(flow.pdf)
    assert "Immigration court hearing" in text
    assert "Receives public assistance" not in text  # not consented


def test_nothing_chosen_stays_on_the_first_step(qtbot: QtBot, vault: Vault) -> None:
    record = Records(vault).get(stored_record(vault))
    assert record is not None
    flow = ReferralFlow(
        ReferralInputs(record, [], site_of(vault), "sam", TODAY, lambda r: None, lambda a: None)
    )
    qtbot.addWidget(flow)
    flow.next.click()
    assert flow.steps.currentIndex() == 0


def _close_box(seen: list[str]) -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        seen.append(box.detailedText())
        box.accept()


def test_directory_editor_import_is_all_or_nothing(qtbot: QtBot, vault: Vault) -> None:
    editor = ProviderDirectory(vault_store(vault))
    qtbot.addWidget(editor)
    count = len(parse_csv(demo_csv()))
    assert editor.table.rowCount() == count
    seen: list[str] = []
    QTimer.singleShot(100, lambda: _close_box(seen))
    bad = demo_csv() + "Broken (fictional),nothing,en,,,,,,,walk_in,\n"
    assert editor.import_text(bad) is False
    assert "Line 8" in seen[0]
    assert editor.table.rowCount() == count
    one = demo_csv().splitlines()[:2]
    assert editor.import_text("\n".join(one)) is True
    assert editor.table.rowCount() == 1


def test_volunteers_see_the_directory_read_only(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    vault.add_user("vic", "volunteer", OTHER_PASSPHRASE)
    with Vault.open(tmp_path / "v" / "clinic.vault", "vic", OTHER_PASSPHRASE) as v:
        editor = ProviderDirectory(vault_store(v))
        qtbot.addWidget(editor)
        assert editor.table.rowCount() > 0
        assert not editor.buttons["import"].isEnabled()
        assert not editor.buttons["add"].isEnabled()
        assert editor.buttons["export"].isEnabled()


def test_open_referral_flow_from_a_vault_audits_with_the_record_id(
    qtbot: QtBot, vault: Vault
) -> None:
    from clinic_app.storage import audit
    from clinic_app.ui.referral_flow import EXPORT, PRINT, open_referral_flow

    record_id = stored_record(vault)
    record = Records(vault).get(record_id)
    assert record is not None

    def act() -> None:
        flow = QApplication.activeModalWidget()
        assert isinstance(flow, ReferralFlow)
        assert flow.choices.count() == len(parse_csv(demo_csv()))
        flow.inputs.audit(PRINT)
        flow.inputs.audit(EXPORT)
        flow.reject()

    QTimer.singleShot(100, act)
    assert open_referral_flow(None, vault, record) == 0
    entries = [(e.action, e.record_id) for e in vault.audit_entries()]
    assert (audit.PRINT, record_id) in entries and (audit.EXPORT, record_id) in entries


def test_open_provider_directory(qtbot: QtBot, vault: Vault) -> None:
    from clinic_app.ui.provider_directory import open_provider_directory

    seen: list[int] = []

    def act() -> None:
        editor = QApplication.activeModalWidget()
        assert isinstance(editor, ProviderDirectory)
        seen.append(editor.table.rowCount())
        editor.reject()

    QTimer.singleShot(100, act)
    assert open_provider_directory(None, vault) == 0
    assert seen == [len(parse_csv(demo_csv()))]


def _flow(qtbot: QtBot, vault: Vault, record_id: str, user: str) -> ReferralFlow:
    from clinic_app.referrals.directory_store import load_directory

    records = Records(vault)
    record = records.get(record_id)
    assert record is not None
    flow = ReferralFlow(
        ReferralInputs(
            record=record,
            providers=load_directory(vault),
            site=site_of(vault, records),
            volunteer=user,
            today=TODAY + timedelta(days=3),
            save_record=records.update,
            audit=lambda action: None,
        )
    )
    qtbot.addWidget(flow)
    return flow


def test_a_later_print_by_a_supervisor_keeps_who_recorded_the_consent(
    qtbot: QtBot, vault: Vault
) -> None:
    """Issue 12: going through the flow as a supervisor rewrote "consent recorded by"."""
    from clinic_app.domain.record import Consent

    records = Records(vault)
    record_id = stored_record(vault)
    record = records.get(record_id)
    assert record is not None
    given = Consent(frozenset({"screening_result"}), TODAY, "vic the volunteer")
    records.update(replace(record, eo41_consent=given))
    flow = _flow(qtbot, vault, record_id, "sam")  # a supervisor, three days later
    flow.next.click()
    assert flow.consent_boxes["screening_result"].isChecked()
    assert "vic the volunteer" in flow.consent_by.text()
    flow.next.click()
    stored = records.get(record_id)
    assert stored is not None and stored.eo41_consent == given
    assert "vic the volunteer" in extracted_text(flow.pdf or b"")


def test_consent_is_shown_in_the_clients_language_listing_each_item(
    qtbot: QtBot, vault: Vault
) -> None:
    from clinic_app.i18n import translation

    record_id = stored_record(vault)  # an Arabic-speaking client
    flow = _flow(qtbot, vault, record_id, "sam")
    flow.next.click()
    ar = translation("ar").gettext
    assert ar("Screening result") not in flow.client_text.text()
    flow.consent_boxes["screening_result"].setChecked(True)
    text = flow.client_text.text()
    assert ar("Screening result") in text
    assert ar("Receives public assistance") not in text
    assert flow.client_text.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert "Screening" not in text  # no English on what the client reads


def test_the_printed_copy_has_a_line_for_the_clients_signature(qtbot: QtBot, vault: Vault) -> None:
    from clinic_app.i18n import translation

    flow = _flow(qtbot, vault, stored_record(vault), "sam")
    flow.next.click()
    flow.consent_boxes["public_assistance"].setChecked(True)
    flow.next.click()
    text = extracted_text(flow.pdf or b"")
    assert translation("ar").gettext("Client's signature") in text


def test_preview_is_page_by_page_fit_to_width_and_zooms(qtbot: QtBot, vault: Vault) -> None:
    flow = _flow(qtbot, vault, stored_record(vault), "sam")
    flow.show()
    flow.next.click()
    flow.next.click()
    preview = flow.preview
    assert preview.count >= 2 and preview.page == 0

    def fit_width() -> float:
        pixmap = preview.image.pixmap()
        return pixmap.width() / pixmap.devicePixelRatio()

    # Readable: the page is as wide as the view (the old preview was 280 pixels).
    qtbot.waitUntil(lambda: fit_width() >= preview.view.viewport().width() - 40)
    assert fit_width() > 500
    width = fit_width()
    assert "1" in preview.where.text() and str(preview.count) in preview.where.text()
    preview.next.click()
    assert preview.page == 1
    preview.larger.click()
    bigger = preview.image.pixmap()
    assert bigger.width() / bigger.devicePixelRatio() > width * 1.2
    preview.fit_button.click()
    assert preview.fit


def test_a_character_no_font_has_is_shown_and_warned_about(qtbot: QtBot, vault: Vault) -> None:
    records = Records(vault)
    record_id = stored_record(vault)
    record = records.get(record_id)
    assert record is not None
    records.update(replace(record, preferred_name="Mo \U0001f600"))
    flow = _flow(qtbot, vault, record_id, "sam")
    flow.show()
    flow.next.click()
    flow.next.click()
    assert flow.font_warning.isVisible() and "U+1F600" in flow.font_warning.text()
    text = extracted_text(flow.pdf or b"")
    assert "[U+1F600]" in text and "Mo ?" not in text


def test_the_directory_shows_language_names_hours_and_walk_in(qtbot: QtBot, vault: Vault) -> None:
    editor = ProviderDirectory(vault_store(vault))
    qtbot.addWidget(editor)
    headers = [
        editor.table.horizontalHeaderItem(i).text() for i in range(editor.table.columnCount())
    ]
    column = headers.index("Languages")
    languages = " ".join(
        editor.table.item(row, column).text() for row in range(editor.table.rowCount())
    )
    assert "Spanish" in languages and "Chinese (Traditional)" in languages
    assert "zh_Hant" not in languages and "es," not in languages
    assert editor.table.item(0, headers.index("Hours")).text()
    assert editor.table.item(0, headers.index("How to go")).text() in {
        "Walk-in",
        "By appointment",
        "Walk-in or by appointment",
    }
