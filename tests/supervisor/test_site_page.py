"""Send to supervisor on a desk, Receive from desks on the hub: real widgets, real vaults."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from clinic_app.storage import audit, site
from clinic_app.storage.records import Records
from clinic_app.ui.supervisor.site_page import DeskSendPanel, HubPage
from clinic_app.ui.supervisor.workspace import SupervisorWorkspace
from tests.storage.records_support import make_record
from tests.storage.site_support import Site, make_site, record_ids


@pytest.fixture
def two_desks(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = make_site(tmp_path / "site", desks=2)
    yield s
    s.close()


def _chooser(folder: Path):  # type: ignore[no-untyped-def]
    def choose(_parent: QWidget, _title: str) -> Path:
        return folder

    return choose


def test_send_receive_conflict_side_by_side_and_ack(
    two_desks: Site, tmp_path: Path, qtbot: QtBot
) -> None:
    s, usb = two_desks, tmp_path / "usb"
    usb.mkdir()
    first = Records(s.desks[0]).create(make_record(given_name="Rosa", phone="718-555-0100"))
    Records(s.desks[1]).create_many([make_record(given_name="Li"), make_record(given_name="Bo")])
    panels = [DeskSendPanel(d, _chooser(usb)) for d in s.desks]
    for p in panels:
        qtbot.addWidget(p)
        p.button.click()
    assert len(list(usb.glob("*.bundle"))) == 2
    assert "1 record sent to the supervisor" in panels[0].result.text()
    (usb / "junk.bundle").write_bytes(b"not a bundle")
    hub = HubPage(s.hub, _chooser(usb))
    qtbot.addWidget(hub)
    hub.receive_button.click()
    text = hub.result.text()
    assert "new 1, updated 0, conflicts 0" in text and "new 2, updated 0, conflicts 0" in text
    assert "junk.bundle: This bundle is damaged" in text
    assert len(record_ids(s.hub)) == 3
    assert audit.current_head(s.hub.con).fingerprint in hub.heads.text()
    # Changed on both sides: the hub page shows both versions side by side.
    desk_records, hub_records = Records(s.desks[0]), Records(s.hub)
    mine = desk_records.get(first)
    theirs = hub_records.get(first)
    assert mine is not None and theirs is not None
    desk_records.update(replace(mine, phone="718-555-0199"))
    hub_records.update(replace(theirs, phone="646-555-0123"))
    for old in usb.glob("*.bundle"):
        old.unlink()
    panels[0].button.click()  # also acknowledges the receipt the hub left there
    assert "confirmed as received" in panels[0].result.text()
    hub.receive_button.click()
    assert "new 0, updated 0, conflicts 1" in hub.result.text()
    assert hub.conflicts.rowCount() == 1
    hub.conflicts.selectRow(0)
    rows = {
        hub.versions.item(i, 0).text(): (  # type: ignore[union-attr]
            hub.versions.item(i, 1).text(),  # type: ignore[union-attr]
            hub.versions.item(i, 2).text(),  # type: ignore[union-attr]
        )
        for i in range(hub.versions.rowCount())
    }
    assert rows["Phone"] == ("646-555-0123", "718-555-0199")
    assert hub.versions.item(0, 0) is not None
    hub.take_desk.click()
    assert hub.conflicts.rowCount() == 0
    got = hub_records.get(first)
    assert got is not None and got.phone == "718-555-0199"


def test_the_workspace_shows_the_head_and_the_site_tab(two_desks: Site, qtbot: QtBot) -> None:
    hub = SupervisorWorkspace(two_desks.hub)
    qtbot.addWidget(hub)
    assert hub.head.text().startswith("Audit head: ")
    assert audit.current_head(two_desks.hub.con).fingerprint in hub.head.text()
    assert isinstance(hub.hub, HubPage)
    desk = SupervisorWorkspace(two_desks.desks[0])
    qtbot.addWidget(desk)
    assert isinstance(desk.desk, DeskSendPanel)
    assert site.is_desk(two_desks.desks[0])
