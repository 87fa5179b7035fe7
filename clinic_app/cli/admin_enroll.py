"""``admin enroll --vault DESK --site-key FILE --out DESKKEY --as SUPERVISOR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, say, vault_path
from clinic_app.i18n import _


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--site-key", required=True, help="the hub's key file (admin site-key)")
    parser.add_argument("--out", required=True, help="where to write this desk's key file")
    parser.add_argument("--as", dest="acting", required=True, help="the supervisor doing it")
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.storage import site
    from clinic_app.storage.vault import Vault

    secret = Passphrases().existing(_("Passphrase of {user}: ").format(user=args.acting))
    with Vault.open(vault_path(args), args.acting, secret) as vault:
        vault.require_supervisor()
        hub = site.read_site_key(Path(args.site_key))
        key = site.enroll(vault, Path(args.site_key), Path(args.out))
    say(_("Hub key fingerprint: {fingerprint}").format(fingerprint=hub.fingerprint))
    say(_("Desk key fingerprint: {fingerprint}").format(fingerprint=key.fingerprint))
    sys.stdout.write(f"{key.desk_id}\n")
    return OK
