"""``admin verify --vault PATH``: SQLite and SQLCipher integrity and the audit chain."""

from __future__ import annotations

import argparse

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, say, vault_path
from clinic_app.cli.exitcodes import DAMAGED
from clinic_app.i18n import _, ngettext


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--user", default=None, help="acting user (default: the first supervisor)")
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.storage.vault import Vault

    secret = Passphrases().existing(_("Passphrase: "))
    with Vault.open(vault_path(args), args.user, secret) as vault:
        report = vault.verify()
    for problem in report.problems():
        say(problem)
    if not report.ok:
        n = len(report.problems())
        say(
            ngettext(
                "The vault is damaged: {n} problem.", "The vault is damaged: {n} problems.", n
            ).format(n=n)
        )
        return DAMAGED
    say(
        _("The vault is intact: {records} records, {rows} audit rows, chain verified.").format(
            records=report.counts.get("records", 0), rows=report.counts.get("audit_log", 0)
        )
    )
    return OK
