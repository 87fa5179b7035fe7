"""``admin add-user --vault PATH --user NAME --role ROLE --as SUPERVISOR``."""

from __future__ import annotations

import argparse

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, say, vault_path
from clinic_app.i18n import _


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--user", required=True, help="name of the new user")
    parser.add_argument("--role", required=True, choices=("volunteer", "supervisor"))
    parser.add_argument("--as", dest="acting", required=True, help="the supervisor doing it")
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.storage.vault import Vault, check_user_name

    name = check_user_name(args.user)
    reader = Passphrases()
    acting = reader.existing(
        _("Passphrase of {user}: ").format(user=args.acting or _("supervisor"))
    )
    with Vault.open(vault_path(args), args.acting, acting) as vault:
        vault.require_supervisor()
        secret = reader.new(
            _("New passphrase for {user}: ").format(user=name), _("Repeat the passphrase: ")
        )
        vault.add_user(name, args.role, secret)
    say(_("Added {user}.").format(user=name))
    return OK
