"""``clinic-intake``: start the desktop app, or run a check or an admin command."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from clinic_app import APP_NAME, __version__
from clinic_app.hardening import harden_process
from clinic_app.i18n import LANGUAGES
from clinic_app.logpolicy import configure_logging

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="clinic-intake",
        description=f"{APP_NAME}: offline, encrypted client intake and screening.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check the installed app headless (resources, SQLCipher, fonts, translations)",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="language of the user interface (default: the system's, else English)",
    )
    parser.add_argument("--vault", default=None, help="vault file (default: the app data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from clinic_app.cli import admin

    admin.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    harden_process()
    configure_logging()
    args_given = sys.argv[1:] if argv is None else list(argv)
    if not args_given:
        # The desktop app, as a clinic laptop starts it: argparse and the admin
        # commands would only add to the time before the first window.
        from clinic_app.ui.app import run_gui

        return run_gui(lang=os.environ.get("CLINIC_INTAKE_LANG"), vault=None)
    args = build_parser().parse_args(args_given)
    if args.self_test:
        from clinic_app.cli.selftest import run_self_test

        return run_self_test(sys.stdout)
    if args.command:
        handler = args.handler
        result: int = handler(args)
        return result
    from clinic_app.ui.app import run_gui

    return run_gui(lang=args.lang or os.environ.get("CLINIC_INTAKE_LANG"), vault=args.vault)
