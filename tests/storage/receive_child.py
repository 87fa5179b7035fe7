"""Child process for the kill -9 test: receives one bundle into a hub, then says "done".

Run as ``python -m tests.storage.receive_child HUB PASSPHRASE BUNDLE``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from clinic_app.storage.site_merge import describe, receive
from clinic_app.storage.vault import Vault


def main() -> None:
    hub, secret, bundle = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    sys.stdout.write("open\n")
    sys.stdout.flush()
    with Vault.open(hub, "sam", secret) as vault:
        result = receive(vault, bundle)
    sys.stdout.write(describe(result) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
