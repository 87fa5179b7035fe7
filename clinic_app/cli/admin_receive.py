"""``admin receive --vault HUB --in FILE [--receipt FILE]``: verify, decrypt and merge."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, say, vault_path
from clinic_app.i18n import _


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--in", dest="bundle", required=True, help="the bundle file")
    parser.add_argument("--receipt", default=None, help="where to write the receipt")
    parser.add_argument("--user", default=None, help="acting supervisor (default: the first)")
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.storage.site_merge import describe, receive
    from clinic_app.storage.vault import Vault

    secret = Passphrases().existing(_("Passphrase: "))
    receipt = Path(args.receipt) if args.receipt else None
    with Vault.open(vault_path(args), args.user, secret) as vault:
        result = receive(vault, Path(args.bundle), receipt)
    sys.stdout.write(describe(result) + "\n")
    say(_("Receipt written: {path}").format(path=result.receipt))
    return OK
