"""``admin ack --vault DESK --receipt FILE``: mark the records the hub received."""

from __future__ import annotations

import argparse
from pathlib import Path

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, say, vault_path
from clinic_app.i18n import _, ngettext


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--receipt", required=True, help="the hub's receipt file")
    parser.add_argument("--user", default=None, help="acting user (default: the first supervisor)")
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.storage.site import ack
    from clinic_app.storage.vault import Vault

    secret = Passphrases().existing(_("Passphrase: "))
    with Vault.open(vault_path(args), args.user, secret) as vault:
        n = ack(vault, Path(args.receipt))
    say(
        ngettext(
            "{n} record marked as received by the hub.",
            "{n} records marked as received by the hub.",
            n,
        ).format(n=n)
    )
    return OK
