"""The records list, a record's view and the work area, on real vaults."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from clinic_app.domain.policy import Context
from clinic_app.storage.records import Records
from clinic_app.storage.vault import Vault
from clinic_app.ui.clipboard import ClipboardGuard
from clinic_app.ui.record_view import RecordView
from clinic_app.ui.records_list import RecordsList
from clinic_app.ui.records_model import HIDDEN, URGENCY_COLUMN
from clinic_app.ui.work_area import WorkArea
from tests.storage.fixtures import PASSPHRASE
from tests.storage.records_support import TODAY, make_record, outcome_for

ANA_SECRET = "violet harbor lantern meadow"


def fill(records: Records, n: int) -> None:
    names = ["María", "Иван", "أحمد", "王小明", "Zoë", "Kofi"]
    records.create_many(
        make_record(
            given_name=names[i % len(names)],
            family_name=f"Family{i}",
            phone=f"718-555-{i % 10000:04d}",
            intake_date=TODAY - timedelta(days=i % 300),
        )
        for i in range(n)
    )


SUPERVISOR = Context(viewer="sam", supervisor=True)


def test_the_list_loads_lazily_a_page_at_a_time(qtbot: QtBot, vault: Vault) -> None:
    records = Records(vault, today=lambda: TODAY)
    fill(records, 1200)
    view = RecordsList(records, SUPERVISOR)
    qtbot.addWidget(view)
    model = view.model
    assert model.total == model.rowCount() == 1200
    assert model.rows_held == 200  # one page at once, not the whole vault
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    assert model.rows_held == 200
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rows_held > 200, timeout=2000)
    assert view.count.text() == "1200 records"
    newest_first = records.rows(0, 1200)
    for i in (1199, 0, 601, 1000, 200, 999, 7):  # jumps anywhere agree with the plain query
        assert model.row(i) == newest_first[i]
    assert model.rows_held <= model.cache_pages * model.page_size


def test_search_by_name_and_phone(qtbot: QtBot, vault: Vault) -> None:
    records = Records(vault, today=lambda: TODAY)
    fill(records, 60)
    view = RecordsList(records, SUPERVISOR, search_delay_ms=10)
    qtbot.addWidget(view)
    view.show()
    qtbot.keyClicks(view.search, "maria")
    qtbot.waitUntil(lambda: view.model.rowCount() == 10, timeout=2000)
    assert {view.model.row(i).display_name.split()[0] for i in range(view.model.rowCount())} == {
        "María"
    }
    view.search.clear()
    qtbot.keyClicks(view.search, "5550007")
    qtbot.waitUntil(lambda: view.model.total == 1, timeout=2000)


def test_urgency_is_shown_in_words_and_colour(qtbot: QtBot, vault: Vault) -> None:
    records = Records(vault, today=lambda: TODAY)
    hearing = {"next_hearing_date": TODAY + timedelta(days=5)}
    records.create(make_record(screening_result=outcome_for(hearing)))
    view = RecordsList(records, SUPERVISOR)
    qtbot.addWidget(view)
    view.show()
    model = view.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    cell = model.index(0, URGENCY_COLUMN)
    assert model.data(cell) == "Urgent"
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.headerData(URGENCY_COLUMN, Qt.Orientation.Horizontal) == "Urgency"
    records.create(make_record(given_name="Kofi"))
    view.refresh()
    assert model.total == 2
    view.urgency.set_value("urgent")
    qtbot.waitUntil(lambda: not view.searching, timeout=2000)
    assert model.total == 1 and model.data(model.index(0, URGENCY_COLUMN)) == "Urgent"
    view.urgency.set_value(None)
    view.status.set_value("closed")
    qtbot.waitUntil(lambda: not view.searching, timeout=2000)
    assert model.total == 0


def test_a_volunteer_sees_nothing_of_another_volunteers_record(qtbot: QtBot, vault: Vault) -> None:
    records = Records(vault, today=lambda: TODAY)
    records.create(make_record(given_name="Xiomara", phone="347-555-0101"))
    view = RecordsList(records, Context(viewer="ana"))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    texts = {view.model.data(view.model.index(0, c)) for c in range(5)}
    assert texts == {HIDDEN}


def test_record_view_shows_history_status_and_copies_on_request(qtbot: QtBot, vault: Vault) -> None:
    records = Records(vault, today=lambda: TODAY)
    rid = records.create(make_record(given_name="Xiomara", phone="347-555-0101", notes="Hola"))
    clock = [0.0]
    guard = ClipboardGuard(clock=lambda: clock[0])
    QGuiApplication.clipboard().clear()
    asked: list[str] = []
    view = RecordView(
        records,
        rid,
        SUPERVISOR,
        clipboard=guard,
        today=TODAY,
        on_referral=lambda record: asked.append(record.record_id),
    )
    qtbot.addWidget(view)
    view.show()
    view.referral_button.click()
    assert asked == [rid]
    assert view.values["phone"].text() == "347-555-0101"
    assert view.values["notes"].text() == "Hola"
    assert QGuiApplication.clipboard().text() == ""  # nothing copied by showing
    view.copy_buttons["phone"].click()
    assert QGuiApplication.clipboard().text() == "347-555-0101"
    clock[0] = 30
    guard.check()
    assert QGuiApplication.clipboard().text() == ""
    actions = [view.history.item(i).text() for i in range(view.history.count())]
    assert any("created" in a for a in actions) and any("viewed" in a for a in actions)
    view.status_choice.set_value("referred")
    view.set_status()
    assert records.get(rid).case_status == "referred"  # type: ignore[union-attr]
    history = [view.status_history.item(i).text() for i in range(view.status_history.count())]
    assert len(history) == 2 and "Referred" in history[-1]
    view.edit_rows["phone"].set_value("call me")
    assert not view.save_changes()
    assert view.edit_rows["phone"].error.text() == "Enter a phone number with its area code."
    view.edit_rows["phone"].set_value("347-555-0199")
    assert view.save_changes()
    assert records.get(rid).phone == "347-555-0199"  # type: ignore[union-attr]


def test_work_area_keeps_the_intake_through_a_lock(
    qtbot: QtBot, vault: Vault, vault_path: Path
) -> None:
    guard = ClipboardGuard()
    area = WorkArea(
        records_factory=lambda v: Records(v, today=lambda: TODAY),
        clipboard=guard,
        today=lambda: TODAY,
        wizard_options={"draft_interval_ms": 3_600_000},
    )
    qtbot.addWidget(area)
    area.show()
    area.attach(vault)
    assert area.stack.currentWidget() is area.list
    wizard = area.new_intake()
    assert wizard is not None
    wizard.session.form["given_name"] = "Zoë"
    wizard.identity.load()
    guard.copy("347-555-0101")
    area.save_draft_now()
    area.detach()
    vault.lock()
    assert area.list is None and area.wizard is wizard
    assert QGuiApplication.clipboard().text() == ""
    again = Vault.open(vault_path, "sam", PASSPHRASE)
    try:
        area.attach(again)
        assert area.stack.currentWidget() is wizard
        assert wizard.identity.rows["given_name"].value() == "Zoë"
        assert area.has_unsaved_work()
        asked: list[bool] = []
        wizard.confirm_discard = lambda parent: asked.append(True) or False
        assert not area.discard_unsaved()
        assert asked and area.wizard is wizard
    finally:
        again.close()


def test_a_draft_is_offered_after_a_crash_and_training_is_announced(
    qtbot: QtBot, vault: Vault
) -> None:
    records = Records(vault, today=lambda: TODAY)
    records.save_draft({"given_name": "Kofi", "family_name": "Mensah"})
    records.mark_training()
    area = WorkArea(records_factory=lambda v: records, clipboard=ClipboardGuard())
    qtbot.addWidget(area)
    area.show()
    area.attach(vault)
    assert area.training.isVisible() and "TRAINING" in area.training.text()
    assert area.draft_banner.isVisible()
    wizard = area.resume_draft()
    assert wizard is not None
    assert wizard.identity.rows["given_name"].value() == "Kofi"
    assert date.today() >= wizard.session.today


def test_another_volunteers_record_is_refused_politely(
    qtbot: QtBot, vault: Vault, vault_path: Path
) -> None:
    vault.add_user("vic", "volunteer", ANA_SECRET)
    rid = Records(vault, today=lambda: TODAY).create(make_record(given_name="Xiomara"))
    with Vault.open(vault_path, "vic", ANA_SECRET) as vic:
        view = RecordView(Records(vic, today=lambda: TODAY), rid, Context(viewer="vic"))
        qtbot.addWidget(view)
        view.show()
        assert view.record is None
        assert not view.values  # nothing of the record is shown
