"""``admin demo-data --vault PATH --count N [--seed S]``: synthetic clients for training.

The vault is marked as a training vault first (every screen and printed sheet
from it says so), and demo data goes only into a vault that holds no real
records: a real clinic vault is refused.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from clinic_app.cli.admin_common import (
    OK,
    Passphrases,
    UsageError,
    add_vault_option,
    guarded,
    say,
    vault_path,
)
from clinic_app.cli.exitcodes import FAILED
from clinic_app.i18n import _

MAX_COUNT = 1_000_000


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--count", type=int, required=True, help="how many clients to make")
    parser.add_argument("--seed", type=int, default=None, help="same seed, same clients")
    parser.add_argument("--user", default=None, help="acting user (default: the first supervisor)")
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.storage.demo import fill
    from clinic_app.storage.records import Records
    from clinic_app.storage.vault import Vault

    if not 1 <= args.count <= MAX_COUNT:
        raise UsageError(_("The count must be between 1 and {n}.").format(n=MAX_COUNT))
    secret = Passphrases().existing(_("Passphrase: "))
    with Vault.open(vault_path(args), args.user, secret) as vault:
        vault.require_supervisor()
        records = Records(vault)
        if records.count() and not records.is_training():
            say(_("This vault holds real records; demo data goes only into a training vault."))
            return FAILED
        records.mark_training()

        def progress(done: int, total: int) -> None:
            say(_("{done} of {total} demo clients saved.").format(done=done, total=total))

        out = sys.stdout
        for record_id in fill(records.create_many, args.count, args.seed, date.today(), progress):
            out.write(record_id + "\n")
        out.flush()
    return OK
