"""Several desks and a hub, with real vaults: send, receive, conflicts, refusals, ack."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clinic_app.storage import audit, site
from clinic_app.storage.records import Records
from clinic_app.storage.site_crypto import SiteRefused, new_identity
from clinic_app.storage.site_merge import describe, receive, send
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE
from tests.storage.site_support import Site, add_clients, make_site, record_ids


@pytest.fixture
def two_desks(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = make_site(tmp_path, desks=2)
    yield s
    s.close()


def _hub_state(hub: Vault) -> tuple[object, ...]:
    con = hub.con
    return (
        sorted(con.execute("SELECT id, data FROM records").fetchall()),
        con.execute("SELECT count(*) FROM site_conflicts").fetchone()[0],
        con.execute("SELECT count(*) FROM site_bundles").fetchone()[0],
        sorted(con.execute("SELECT * FROM site_applied").fetchall()),
    )


def test_two_desks_reach_the_hub_and_twice_changes_nothing(two_desks: Site) -> None:
    s, folder = two_desks, two_desks.folder
    a = add_clients(s.desks[0], 3, "Quispe")
    b = add_clients(s.desks[1], 2, "Mamani")
    assert send(s.desks[0], folder / "a.bundle") == 3
    assert send(s.desks[1], folder / "b.bundle") == 2
    first = receive(s.hub, folder / "a.bundle")
    assert describe(first) == "3 new, 0 updated, 0 conflicts"
    assert describe(receive(s.hub, folder / "b.bundle")) == "2 new, 0 updated, 0 conflicts"
    assert record_ids(s.hub) == set(a) | set(b)
    before = _hub_state(s.hub)
    again = receive(s.hub, folder / "a.bundle")
    assert describe(again) == "0 new, 0 updated, 0 conflicts" and again.repeated
    assert _hub_state(s.hub) == before
    # The hub's search finds a desk's client, and the desk's audit rows are witnessed.
    assert Records(s.hub).count() == 5
    assert s.hub.verify().ok
    witnessed = {d.desk_id: d for d in site.desks(s.hub)}
    desk0 = site._text(s.desks[0].con, site.DESK_ID)
    assert witnessed[desk0 or ""].head_count == audit.current_head(s.desks[0].con).count


def test_newer_versions_apply_and_both_sides_changed_is_a_conflict(two_desks: Site) -> None:
    s, folder = two_desks, two_desks.folder
    ids = add_clients(s.desks[0], 2)
    send(s.desks[0], folder / "1.bundle")
    receive(s.hub, folder / "1.bundle")
    desk, hub = Records(s.desks[0]), Records(s.hub)
    first, second = (desk.get(i) for i in ids)
    assert first is not None and second is not None
    desk.update(replace(first, phone="718-555-0101"))  # changed at the desk only
    desk.update(replace(second, phone="718-555-0102"))  # changed on both sides
    hub_second = hub.get(ids[1])
    assert hub_second is not None
    hub.update(replace(hub_second, phone="646-555-0199"))
    send(s.desks[0], folder / "2.bundle")
    result = receive(s.hub, folder / "2.bundle")
    assert describe(result) == "0 new, 1 updated, 1 conflicts"
    got_first, got_second = hub.get(ids[0]), hub.get(ids[1])
    assert got_first is not None and got_first.phone == "718-555-0101"
    assert got_second is not None and got_second.phone == "646-555-0199"  # never overwritten
    (conflict,) = site.conflicts(s.hub)
    assert conflict.record_id == ids[1] and b"718-555-0102" in conflict.desk_data
    site.resolve(s.hub, conflict.conflict_id, "desk")
    resolved = hub.get(ids[1])
    assert resolved is not None and resolved.phone == "718-555-0102"
    assert site.conflicts(s.hub) == []
    assert s.hub.verify().ok


def test_refusals_change_nothing(two_desks: Site, tmp_path: Path) -> None:
    s, folder = two_desks, two_desks.folder
    add_clients(s.desks[0], 3)
    send(s.desks[0], folder / "1.bundle")
    raw = (folder / "1.bundle").read_bytes()
    before = _hub_state(s.hub)
    cases = {
        "truncated": raw[: len(raw) - 40],
        "tampered": raw[:-100] + bytes([raw[-100] ^ 1]) + raw[-99:],
        "empty": b"",
        "not a bundle": b"age-encryption.org/v1\n" + b"x" * 200,
    }
    for name, data in cases.items():
        (folder / name).write_bytes(data)
        with pytest.raises(SiteRefused):
            receive(s.hub, folder / name)
        assert _hub_state(s.hub) == before, name
        assert not (folder / f"{name}.receipt").exists()
    # Encrypted for another hub.
    other = make_site(tmp_path / "other", desks=1)
    try:
        add_clients(other.desks[0], 1)
        send(other.desks[0], folder / "other.bundle")
        with pytest.raises(SiteRefused):
            receive(s.hub, folder / "other.bundle")
        # A desk enrolled to this hub's key but never added: unenrolled.
        stray = Vault.create(tmp_path / "stray" / "d.vault", "sam", PASSPHRASE)
        site.enroll(stray, folder / "site.key", tmp_path / "stray.key")
        add_clients(stray, 1)
        send(stray, folder / "stray.bundle")
        with pytest.raises(SiteRefused, match="not enrolled"):
            receive(s.hub, folder / "stray.bundle")
        stray.close()
    finally:
        other.close()
    assert _hub_state(s.hub) == before


def test_an_older_bundle_is_a_replay(two_desks: Site) -> None:
    s, folder = two_desks, two_desks.folder
    add_clients(s.desks[0], 1)
    send(s.desks[0], folder / "1.bundle")
    add_clients(s.desks[0], 1)
    send(s.desks[0], folder / "2.bundle")
    assert describe(receive(s.hub, folder / "2.bundle")) == "2 new, 0 updated, 0 conflicts"
    before = _hub_state(s.hub)
    with pytest.raises(SiteRefused, match="replay"):
        receive(s.hub, folder / "1.bundle")
    assert _hub_state(s.hub) == before


def test_a_rolled_back_desk_is_refused(two_desks: Site, tmp_path: Path) -> None:
    s, folder = two_desks, two_desks.folder
    desk_path = s.desks[0].path
    add_clients(s.desks[0], 1)
    s.desks[0].close()
    copies = {p.name: p.read_bytes() for p in desk_path.parent.iterdir()}
    desk = Vault.open(desk_path, "sam", PASSPHRASE)
    add_clients(desk, 2)
    send(desk, folder / "1.bundle")
    receive(s.hub, folder / "1.bundle")
    desk.close()
    for p in list(desk_path.parent.iterdir()):
        p.unlink()
    for name, data in copies.items():  # the desk's files copied back: no key needed
        (desk_path.parent / name).write_bytes(data)
    desk = Vault.open(desk_path, "sam", PASSPHRASE)
    s.desks[0] = desk
    site._put(desk.con, site.OUT_SEQ, "5")  # even with a fresh bundle number
    send(desk, folder / "2.bundle")
    with pytest.raises(SiteRefused, match="rolled back"):
        receive(s.hub, folder / "2.bundle")


def test_a_desk_cannot_read_another_desks_bundle(two_desks: Site) -> None:
    from clinic_app.storage import site_bundle

    s, folder = two_desks, two_desks.folder
    add_clients(s.desks[0], 1)
    send(s.desks[0], folder / "1.bundle")
    raw = (folder / "1.bundle").read_bytes()
    assert b"Ana0" not in raw and "Pérez".encode() not in raw
    # Every age identity a desk holds fails to open it, as does any other but the hub's.
    held = [
        bytes(value).decode("latin-1")
        for _name, value in s.desks[1].con.execute("SELECT name, value FROM site_keys")
    ]
    identities = [t for t in held if t.startswith("AGE-SECRET-KEY")]
    assert identities  # the desk's own (for the "seen before" key)
    for identity in [*identities, new_identity()]:
        with pytest.raises(SiteRefused):
            site_bundle.open_bundle(raw, identity)


def test_ack_then_the_desk_purges_after_its_keep_days(two_desks: Site) -> None:
    s, folder = two_desks, two_desks.folder
    desk = s.desks[0]
    ids = add_clients(desk, 3)
    send(desk, folder / "1.bundle")
    result = receive(s.hub, folder / "1.bundle")
    now = datetime.now(UTC)
    assert site.ack(desk, result.receipt, now=now) == 3
    assert record_ids(desk) == set(ids)  # kept for desk_keep_days (7)
    assert send(desk, folder / "2.bundle") == 0  # nothing new to send
    assert site.purge_received(desk, now + timedelta(days=6)) == 0
    assert site.purge_received(desk, now + timedelta(days=7, seconds=1)) == 3
    assert record_ids(desk) == set()
    assert record_ids(s.hub) >= set(ids)
    assert desk.verify().ok
    assert desk.con.execute("SELECT count(*) FROM records_fts").fetchone()[0] == 0


def test_a_record_changed_after_the_ack_is_sent_again_and_kept(two_desks: Site) -> None:
    s, folder = two_desks, two_desks.folder
    desk = s.desks[0]
    (rid,) = add_clients(desk, 1)
    send(desk, folder / "1.bundle")
    now = datetime.now(UTC)
    site.ack(desk, receive(s.hub, folder / "1.bundle").receipt, now=now)
    recs = Records(desk)
    record = recs.get(rid)
    assert record is not None
    recs.update(replace(record, phone="718-555-0111"))
    assert site.purge_received(desk, now + timedelta(days=30)) == 0  # changed: not received yet
    assert send(desk, folder / "2.bundle") == 1
    assert describe(receive(s.hub, folder / "2.bundle")) == "0 new, 1 updated, 0 conflicts"


def test_a_forged_receipt_is_refused(two_desks: Site) -> None:
    s, folder = two_desks, two_desks.folder
    desk = s.desks[0]
    add_clients(desk, 1)
    send(desk, folder / "1.bundle")
    result = receive(s.hub, folder / "1.bundle")
    text = result.receipt.read_text()
    forged = folder / "forged.receipt"
    forged.write_text(text.replace('\\"seq\\":1', '\\"seq\\":2'))
    assert forged.read_text() != text
    with pytest.raises(SiteRefused):
        site.ack(desk, forged)
    # A receipt meant for the other desk.
    with pytest.raises(SiteRefused):
        site.ack(s.desks[1], result.receipt)


def test_a_hub_cannot_enroll_and_a_volunteer_cannot_receive(two_desks: Site) -> None:
    s, folder = two_desks, two_desks.folder
    with pytest.raises(site.SiteError):
        site.enroll(s.hub, folder / "site.key", folder / "x.key")
    with pytest.raises(site.SiteError):
        site.hub_key(s.desks[0])


def test_a_desk_purges_old_received_records_when_it_is_unlocked(two_desks: Site) -> None:
    s, folder = two_desks, two_desks.folder
    desk = s.desks[0]
    add_clients(desk, 2)
    send(desk, folder / "1.bundle")
    site.ack(desk, receive(s.hub, folder / "1.bundle").receipt)
    long_ago = (datetime.now(UTC) - timedelta(days=8)).isoformat()
    desk.con.execute("UPDATE site_track SET acked_at = ?", (long_ago,))
    path = desk.path
    desk.close()
    with Vault.open(path, "sam", PASSPHRASE) as again:
        assert record_ids(again) == set()
        assert again.verify().ok
