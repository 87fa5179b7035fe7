"""``admin verify --vault PATH [--expect-head FINGERPRINT] [--repair]``: integrity, audit chain.

Prints ``audit head: N entries, FINGERPRINT`` on standard output; with
``--expect-head`` the chain must hold that witnessed head (a rolled-back,
truncated or rewritten log does not), else exit 4.
"""

from __future__ import annotations

import argparse
import re
import sys

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, say, vault_path
from clinic_app.cli.exitcodes import DAMAGED
from clinic_app.i18n import _, ngettext


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--user", default=None, help="acting user (default: the first supervisor)")
    parser.add_argument(
        "--expect-head",
        default=None,
        metavar="FINGERPRINT",
        help="a witnessed audit head (16 hex digits) the chain must hold",
    )
    parser.add_argument(
        "--repair",
        action="store_true",
        help="fix users and key slots left out of step by an interrupted change (audited)",
    )
    parser.set_defaults(handler=guarded(run))


def run(args: argparse.Namespace) -> int:
    from clinic_app.cli.admin_common import UsageError
    from clinic_app.storage import audit, repair
    from clinic_app.storage.vault import Vault, guard

    expected = args.expect_head
    if expected is not None and not re.fullmatch(r"[0-9a-fA-F]{16}", expected.strip()):
        raise UsageError(_("--expect-head takes a fingerprint of 16 hex digits."))
    secret = Passphrases().existing(_("Passphrase: "))
    with Vault.open(vault_path(args), args.user, secret) as vault:
        vault.require_supervisor()
        report = vault.verify()
        if report.ok and args.repair:
            for fixed in repair.repair(vault).problems():
                say(_("Repaired: {problem}").format(problem=fixed))
        report.audit += repair.find(vault).problems()
        with guard():
            head = audit.current_head(vault.con)
            held = expected is None or audit.holds(vault.con, expected)
    sys.stdout.write(f"audit head: {head.count} entries, {head.fingerprint}\n")
    if not held:
        report.audit.append(
            _(
                "The audit log does not hold the witnessed head {fingerprint}: "
                "it was rolled back, truncated or rewritten."
            ).format(fingerprint=expected.strip().lower() if expected else "")
        )
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
