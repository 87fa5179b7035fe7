"""``admin providers --vault PATH``: the provider directory, one ``id<TAB>name`` per line.

The ids are what ``admin referral --provider ID`` takes. Providers are
organizations, not clients: listing them reveals nothing confidential.
"""

from __future__ import annotations

import argparse
import sys

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, vault_path
from clinic_app.i18n import _


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--user", default=None, help="acting user (default: the first supervisor)")
    parser.set_defaults(handler=guarded(run))


def line(provider_id: int | None, name: str) -> str:
    """One line of output; a tab or line break in a name would break the format."""
    clean = " ".join(name.replace("\t", " ").split())
    return f"{provider_id}\t{clean}\n"


def run(args: argparse.Namespace) -> int:
    from clinic_app.referrals.directory_store import load_directory
    from clinic_app.storage.vault import Vault

    secret = Passphrases().existing(_("Passphrase: "))
    with Vault.open(vault_path(args), args.user, secret) as vault:
        providers = load_directory(vault)
    for provider in sorted(providers, key=lambda p: p.provider_id or 0):
        sys.stdout.write(line(provider.provider_id, provider.name))
    return OK
