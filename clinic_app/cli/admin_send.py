"""``admin send --vault DESK --out FILE``: a signed, encrypted bundle for the hub."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, vault_path
from clinic_app.i18n import _


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--out", required=True, help="the bundle file to write")
    parser.add_argument("--user", default=None, help="acting user (default: the first supervisor)")
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.storage.site_merge import send
    from clinic_app.storage.vault import Vault

    secret = Passphrases().existing(_("Passphrase: "))
    with Vault.open(vault_path(args), args.user, secret) as vault:
        n = send(vault, Path(args.out))
    sys.stdout.write(f"{n}\n")
    return OK
