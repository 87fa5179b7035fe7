"""``admin referral --vault PATH --record ID --lang LANG --out FILE [--provider ID] [--consent]``.

A referral sheet as PDF. The file is written only where asked, whole or not
at all (a partial file is removed). Its providers are those named with
``--provider`` (ids from ``admin providers``; repeatable), else the record's
referral destination when it is in the directory, else the best matches.
Without ``--consent`` the sheet carries no confidential item and no referral
need (confidentiality.md v2); with it, the items the consent stored on the
record covers (the command never records a consent: the client gives it at
the desk, in the app). Audited as an export, with the record id.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from clinic_app.cli.admin_common import OK, Passphrases, add_vault_option, guarded, say, vault_path
from clinic_app.cli.exitcodes import FAILED
from clinic_app.i18n import LANGUAGES, _


def configure(parser: argparse.ArgumentParser) -> None:
    add_vault_option(parser)
    parser.add_argument("--record", required=True, help="the record number")
    parser.add_argument(
        "--lang", required=True, choices=LANGUAGES, help="the client's language for the sheet"
    )
    parser.add_argument("--out", required=True, help="the PDF file to write")
    parser.add_argument(
        "--provider",
        action="append",
        type=int,
        default=[],
        metavar="ID",
        help="a provider of the directory (see admin providers); repeatable",
    )
    parser.add_argument(
        "--consent",
        action="store_true",
        help="include what the consent stored on the record covers",
    )
    parser.add_argument("--user", default=None, help="acting user (default: the first supervisor)")
    parser.set_defaults(handler=guarded(run))


def write_whole(path: Path, data: bytes) -> None:
    """Writes ``data`` to ``path`` completely or leaves nothing behind."""
    part = path.with_name(path.name + ".part")
    try:
        with open(part, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, path)
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink()
        raise


def run(args: argparse.Namespace) -> int:
    from clinic_app.referrals.content import build_sheets
    from clinic_app.referrals.directory_store import load_directory
    from clinic_app.referrals.fonts import undrawable
    from clinic_app.referrals.pdf import render_sheets
    from clinic_app.referrals.service import default_choice, site_of
    from clinic_app.storage import audit
    from clinic_app.storage.records import Records
    from clinic_app.storage.vault import Vault

    out = Path(args.out)
    secret = Passphrases().existing(_("Passphrase: "))
    with Vault.open(vault_path(args), args.user, secret) as vault:
        records = Records(vault)
        record = records.get(args.record)
        if record is None:
            say(_("No record has that number."))
            return FAILED
        today = date.today()
        directory = load_directory(vault)
        if args.provider:
            by_id = {p.provider_id: p for p in directory}
            unknown = [i for i in args.provider if i not in by_id]
            if unknown:
                say(_("No provider has the id {id}.").format(id=unknown[0]))
                return FAILED
            chosen = [by_id[i] for i in dict.fromkeys(args.provider)]
        else:
            chosen = default_choice(directory, record, today)
        if not args.consent:
            record = replace(record, eo41_consent=None)
        elif record.eo41_consent is None:
            say(_("The record holds no consent: the sheet carries no confidential item."))
        sheets = build_sheets(record, chosen, site_of(vault, records), today, args.lang)
        missing = undrawable(sheets)
        if missing:
            codes = " ".join(f"U+{ord(c):04X}" for c in missing)
            say(
                _("Some characters have no font and print as their code: {codes}.").format(
                    codes=codes
                )
            )
        pdf = render_sheets(sheets)
        write_whole(out, pdf)
        vault.audit(audit.EXPORT, record.record_id)
    say(_("Referral sheet written."))
    sys.stdout.write(f"{out}\n")
    return OK
