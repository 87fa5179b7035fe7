"""``admin backup --vault PATH --out FILE``: an encrypted, checked backup file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, say, vault_path
from clinic_app.i18n import _


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--out", required=True, help="the backup file to write")
    parser.add_argument("--user", default=None, help="acting user (default: the first supervisor)")
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.storage import audit
    from clinic_app.storage.backup import write_backup
    from clinic_app.storage.vault import Vault

    secret = Passphrases().existing(_("Passphrase: "))
    with Vault.open(vault_path(args), args.user, secret) as vault:
        vault.require_supervisor()  # a backup holds every record
        info = write_backup(vault, Path(args.out))
        head = audit.witness_line(vault.con, vault._head_key)  # a witness outside the vault
    say(
        _("Backup written and checked: {records} records.").format(
            records=info.counts.get("records", 0)
        )
    )
    say(head)
    sys.stdout.write(f"{info.path}\n")
    return OK
