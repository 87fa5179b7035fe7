"""The caseload key is a supervisor's: a volunteer's key opens only their desk vault."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlcipher3

from clinic_app.storage import connection, keyslots, site
from clinic_app.storage.errors import NotAVault, PermissionDenied
from clinic_app.storage.keyslots import KeySlotFile, keys_path
from clinic_app.storage.records import Records
from clinic_app.storage.site_merge import receive, send
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import OTHER_PASSPHRASE, PASSPHRASE
from tests.storage.records_support import make_record
from tests.storage.site_support import make_site, record_ids


def _volunteer_key(desk_path: Path) -> keyslots.KeyMaterial:
    """What the review did: unwrap one's own slot with one's own passphrase."""
    keys = KeySlotFile.load(keys_path(desk_path))
    slot = keys.slot("vic")
    assert slot is not None
    key = keyslots.unwrap(slot, OTHER_PASSPHRASE, keys.vault_id)
    assert key is not None
    return key


def _stock_sqlcipher_reads(path: Path, key: keyslots.KeyMaterial) -> bool:
    con = sqlcipher3.connect(str(path))
    try:
        con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        con.execute("SELECT count(*) FROM records").fetchone()
    except sqlcipher3.DatabaseError:
        return False
    finally:
        con.close()
    return True


def test_a_volunteers_key_opens_nothing_of_the_caseload(tmp_path: Path) -> None:
    s = make_site(tmp_path, desks=1)
    try:
        desk, hub = s.desks[0], s.hub
        desk.add_user("vic", "volunteer", OTHER_PASSPHRASE)
        with Vault.open(desk.path, "vic", OTHER_PASSPHRASE) as v:
            old = Records(v).create_many([make_record(volunteer="vic") for _ in range(5)])
            send(v, tmp_path / "1.bundle")
        result = receive(hub, tmp_path / "1.bundle")
        long_ago = datetime.now(UTC) - timedelta(days=8)
        site.ack(desk, result.receipt, now=long_ago)
        site.purge_received(desk)
        with Vault.open(desk.path, "vic", OTHER_PASSPHRASE) as v:
            today = Records(v).create(make_record(volunteer="vic", given_name="Nadia"))
        assert record_ids(hub) == set(old)  # the caseload is on the hub only
        key = _volunteer_key(desk.path)
        # The volunteer's key opens their desk vault: tonight's client only.
        assert _stock_sqlcipher_reads(desk.path, key)
        con = connection.connect(desk.path, key)
        assert {r[0] for r in con.execute("SELECT id FROM records")} == {today}
        con.close()
        # And nothing of the hub, neither through the app's code nor stock SQLCipher.
        with pytest.raises(NotAVault):
            connection.connect(hub.path, key)
        assert not _stock_sqlcipher_reads(hub.path, key)
        assert "vic" not in {sl.user for sl in KeySlotFile.load(keys_path(hub.path)).slots}
    finally:
        s.close()


def test_a_hub_never_gets_a_volunteer(tmp_path: Path) -> None:
    s = make_site(tmp_path, desks=1)
    try:
        with pytest.raises(PermissionDenied):
            s.hub.add_user("vic", "volunteer", OTHER_PASSPHRASE)
        s.hub.add_user("ana", "supervisor", OTHER_PASSPHRASE)
        with pytest.raises(PermissionDenied):
            s.hub.set_role("ana", "volunteer")
        plain = Vault.create(tmp_path / "p" / "p.vault", "sam", PASSPHRASE)
        plain.add_user("vic", "volunteer", OTHER_PASSPHRASE)
        with pytest.raises(site.SiteError):
            site.hub_key(plain)  # remove volunteers first (which re-keys)
        plain.remove_user("vic")
        site.hub_key(plain)
        plain.close()
    finally:
        s.close()


def test_a_volunteer_learns_seen_before_without_the_record(tmp_path: Path) -> None:
    from datetime import date

    s = make_site(tmp_path, desks=2)
    try:
        hub, first, second = s.hub, s.desks[0], s.desks[1]
        born = date(1990, 3, 14)
        Records(first).create(
            make_record(given_name="Marisol", family_name="Quispe", date_of_birth=born)
        )
        send(first, tmp_path / "1.bundle")
        receive(hub, tmp_path / "1.bundle")
        # The other desk's next receipt carries the caseload's keyed hashes.
        Records(second).create(make_record(given_name="Li", family_name="Wei"))
        send(second, tmp_path / "2.bundle")
        result = receive(hub, tmp_path / "2.bundle")
        receipt = result.receipt.read_bytes()
        assert b"Marisol" not in receipt and b"Quispe" not in receipt and b"1990" not in receipt
        site.ack(second, result.receipt)
        assert site.seen_before(second, "MARISOL", "quispe", born.isoformat())  # folded
        assert site.seen_before(second, "Quispe", "Marisol", born.isoformat())  # any order
        assert not site.seen_before(second, "Marisol", "Quispe", "1990-03-15")
        assert not site.seen_before(second, "Ana", "Quispe", born.isoformat())
        assert not any(
            b"Marisol" in bytes(r[0]) for r in second.con.execute("SELECT data FROM records")
        )
    finally:
        s.close()
