"""Child process for the no-plaintext test: a session that stores a marker string.

Run as ``python -m tests.storage.session_child VAULT MARKER``. It prints
``open`` while the session holds the vault open (so the parent can search the
live files, WAL included), waits for a line on standard input, closes, and
prints ``closed``.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from clinic_app.storage import backup, keyslots
from clinic_app.storage.vault import Vault
from tests.storage.fixtures import PASSPHRASE, TEST_PARAMS


def main() -> None:
    path, marker = Path(sys.argv[1]), sys.argv[2]
    keyslots.CURRENT_PARAMS = TEST_PARAMS  # test code only: cheap slots
    with Vault.create(path, "sam", PASSPHRASE) as vault:
        vault.update_settings(replace(vault.settings(), clinic_name=marker))
        for i in range(50):
            rid = vault.add_record(f"{marker} {i} {marker}".encode())
            vault.read_record(rid)
        backup.auto_backup(vault, path.parent / "backups")
        vault.con.execute("CREATE TEMP TABLE scratch AS SELECT * FROM records")
        sys.stdout.write("open\n")
        sys.stdout.flush()
        sys.stdin.readline()
    with Vault.open(path, "sam", PASSPHRASE) as vault:
        assert marker.encode() in (vault.read_record(vault.record_ids()[0]) or b"")
    sys.stdout.write("closed\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
