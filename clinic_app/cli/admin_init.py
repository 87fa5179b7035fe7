"""``admin init --vault PATH --user NAME``: a new vault whose first user is a supervisor."""

from __future__ import annotations

import argparse
import sys

from clinic_app.cli.admin_common import (
    OK,
    Passphrases,
    add_vault_option,
    guarded,
    say,
    vault_path,
)
from clinic_app.i18n import _


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--user", required=True, help="name of the first supervisor")
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.storage.vault import Vault

    path = vault_path(args)
    secret = Passphrases().new(
        _("New passphrase for {user}: ").format(user=args.user), _("Repeat the passphrase: ")
    )
    with Vault.create(path, args.user, secret):
        pass
    say(_("Created the vault with supervisor {user}.").format(user=args.user))
    sys.stdout.write(f"{path}\n")
    return OK
