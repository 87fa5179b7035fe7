"""``admin purge --vault PATH [--dry-run]``: the retention purge."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, say, vault_path
from clinic_app.i18n import _, ngettext


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument(
        "--dry-run", action="store_true", help="list the record numbers due, delete nothing"
    )
    parser.add_argument("--user", default=None, help="acting user (default: the first supervisor)")
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.storage.retention import due_for_purge, purge
    from clinic_app.storage.vault import Vault

    secret = Passphrases().existing(_("Passphrase: "))
    today = date.today()
    with Vault.open(vault_path(args), args.user, secret) as vault:
        vault.require_supervisor()
        days = vault.settings().retention_days
        if args.dry_run:
            due = due_for_purge(vault, today)
            for item in due:
                sys.stdout.write(f"{item.record_id}\n")
            n = len(due)
            say(
                ngettext(
                    "{n} record is due for purge ({days} days after closing); nothing deleted.",
                    "{n} records are due for purge ({days} days after closing); nothing deleted.",
                    n,
                ).format(n=n, days=days)
            )
            return OK
        n = purge(vault, today, progress=lambda done, total: None)
    say(
        ngettext(
            "{n} record purged ({days} days after closing).",
            "{n} records purged ({days} days after closing).",
            n,
        ).format(n=n, days=days)
    )
    return OK
