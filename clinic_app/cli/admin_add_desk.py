"""``admin add-desk --vault HUB --desk-key DESKKEY --as SUPERVISOR``."""

from __future__ import annotations

import argparse
from pathlib import Path

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, say, vault_path
from clinic_app.i18n import _


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--desk-key", required=True, help="the desk's key file (admin enroll)")
    parser.add_argument("--as", dest="acting", required=True, help="the supervisor doing it")
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.storage import site
    from clinic_app.storage.vault import Vault

    secret = Passphrases().existing(_("Passphrase of {user}: ").format(user=args.acting))
    with Vault.open(vault_path(args), args.acting, secret) as vault:
        key = site.add_desk(vault, Path(args.desk_key))
    say(_("Desk key fingerprint: {fingerprint}").format(fingerprint=key.fingerprint))
    return OK
