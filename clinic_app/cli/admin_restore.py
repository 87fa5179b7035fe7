"""``admin restore --backup FILE --vault PATH``: a new vault from a checked backup."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, say, vault_path
from clinic_app.i18n import _


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backup", required=True, help="the backup file")
    add_vault_option(parser)
    parser.add_argument(
        "--user", default=None, help="a user of the backup (default: its first supervisor)"
    )
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.storage.backup import restore_backup

    path = vault_path(args)
    secret = Passphrases().existing(_("Passphrase of a user of the backup: "))
    counts = restore_backup(Path(args.backup), path, args.user, secret, supervisor_only=True)
    say(_("Restored and checked: {records} records.").format(records=counts.get("records", 0)))
    sys.stdout.write(f"{path}\n")
    return OK
