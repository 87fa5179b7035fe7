"""``admin verify --vault PATH``: SQLite and SQLCipher integrity and the audit chain."""

from __future__ import annotations

import argparse

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, say, vault_path
from clinic_app.cli.exitcodes import DAMAGED
from clinic_app.i18n import _, ngettext


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--user", default=None, help="acting user (default: the first supervisor)")
    parser.add_argument(
        "--repair",
        action="store_true",
        help="fix users and key slots left out of step by an interrupted change (audited)",
    )
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.storage import repair
    from clinic_app.storage.vault import Vault

    secret = Passphrases().existing(_("Passphrase: "))
    with Vault.open(vault_path(args), args.user, secret) as vault:
        vault.require_supervisor()
        report = vault.verify()
        if report.ok and args.repair:
            for fixed in repair.repair(vault).problems():
                say(_("Repaired: {problem}").format(problem=fixed))
        report.audit += repair.find(vault).problems()
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
