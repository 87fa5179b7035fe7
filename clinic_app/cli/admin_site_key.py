"""``admin site-key --vault HUB --out FILE``: the hub's public transfer key."""

from __future__ import annotations

import argparse
from pathlib import Path

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, say, vault_path
from clinic_app.i18n import _


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--out", required=True, help="where to write the public key file")
    parser.add_argument("--user", default=None, help="acting supervisor (default: the first)")
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.storage import site
    from clinic_app.storage.vault import Vault

    secret = Passphrases().existing(_("Passphrase: "))
    with Vault.open(vault_path(args), args.user, secret) as vault:
        key = site.export_site_key(vault, Path(args.out))
    say(_("Hub key fingerprint: {fingerprint}").format(fingerprint=key.fingerprint))
    return OK
