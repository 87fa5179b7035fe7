"""Child process for the crash-safety test: saves records in a loop, reporting each.

Run as ``python -m tests.storage.crash_child VAULT PASSPHRASE``. Each id is
written to standard output only after its transaction committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from clinic_app.storage.vault import Vault


def main() -> None:
    path, secret = Path(sys.argv[1]), sys.argv[2]
    with Vault.open(path, "sam", secret) as vault:
        while True:
            record_id = vault.add_record(os.urandom(2000))
            sys.stdout.write(record_id + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
