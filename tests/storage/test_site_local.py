"""A one-laptop site: desk and hub vaults side by side, the hand-over through the inbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from clinic_app.storage import site
from clinic_app.storage.records import Records
from clinic_app.storage.site_local import collect, deliver, inbox_of
from clinic_app.storage.site_merge import describe
from tests.storage.records_support import make_record
from tests.storage.site_support import make_site, record_ids


def test_the_hand_over_on_one_laptop(tmp_path: Path) -> None:
    s = make_site(tmp_path, desks=1)
    try:
        desk, hub = s.desks[0], s.hub
        ids = Records(desk).create_many([make_record(given_name=n) for n in ("Ana", "Li")])
        assert deliver(desk, hub.path) == 2
        assert deliver(desk, hub.path) == 2  # not received yet: sent again, nothing lost
        results = collect(hub)
        assert [describe(r) for _p, r in results if not isinstance(r, str)] == [
            "2 new, 0 updated, 0 conflicts",
            "0 new, 0 updated, 0 conflicts",
        ]
        assert record_ids(hub) == set(ids)
        assert not list(inbox_of(hub.path).glob("*.bundle"))
        assert deliver(desk, hub.path) == 0  # the receipts were acknowledged
        assert not list(inbox_of(hub.path).glob("*.receipt"))
        later = datetime.now(UTC) + timedelta(days=8)
        assert site.purge_received(desk, later) == 2
        assert record_ids(desk) == set()
    finally:
        s.close()


def test_opening_the_hub_page_collects_the_inbox(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from clinic_app.ui.supervisor.site_page import HubPage

    s = make_site(tmp_path, desks=1)
    try:
        Records(s.desks[0]).create(make_record(given_name="Ana"))
        deliver(s.desks[0], s.hub.path)
        page = HubPage(s.hub)
        qtbot.addWidget(page)
        assert "new 1, updated 0, conflicts 0" in page.result.text()
        assert len(record_ids(s.hub)) == 1
    finally:
        s.close()
