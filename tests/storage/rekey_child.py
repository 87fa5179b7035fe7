"""Child process for the kill -9 test: removes a user (which re-keys), then says "done".

Run as ``python -m tests.storage.rekey_child VAULT PASSPHRASE USER``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from clinic_app.storage.vault import Vault


def main() -> None:
    path, secret, user = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    with Vault.open(path, "sam", secret) as vault:
        sys.stdout.write("open\n")
        sys.stdout.flush()
        vault.remove_user(user)
    sys.stdout.write("done\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
