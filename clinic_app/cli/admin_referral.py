"""``admin referral --vault PATH --record ID --lang LANG --out FILE``: a sheet as PDF.

The file is written only where asked, whole or not at all (a partial file is
removed). Its providers are the record's referral destination when it is in
the directory, else the best matches; its confidential items are those the
record's stored consent covers. Audited as an export, with the record id.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
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
    from clinic_app.referrals.directory_store import load_directory
    from clinic_app.referrals.service import default_choice, sheet_pdf, site_of
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
        chosen = default_choice(load_directory(vault), record, today)
        pdf = sheet_pdf(record, chosen, site_of(vault, records), today, args.lang)
        write_whole(out, pdf)
        vault.audit(audit.EXPORT, record.record_id)
    say(_("Referral sheet written."))
    sys.stdout.write(f"{out}\n")
    return OK
