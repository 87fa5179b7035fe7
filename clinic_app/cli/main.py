"""``clinic-intake``'s arguments: a check, an admin command, or the desktop app.

This module is headless (the layer contracts forbid it the ``ui`` package): the
desktop entry point, ``clinic_app.app_main``, passes in how to start the window
and the self-test's Qt check. Called without them, it runs the headless part only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from clinic_app import APP_NAME, __version__
from clinic_app.envvars import env
from clinic_app.hardening import harden_process
from clinic_app.i18n import LANGUAGES
from clinic_app.logpolicy import configure_logging

if TYPE_CHECKING:
    import argparse

    from clinic_app.cli.selftest import Check

# Starts the desktop app: (language or None, vault path or None) -> exit code.
GuiLauncher = Callable[[str | None, str | None], int]


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


def main(
    argv: Sequence[str] | None = None,
    *,
    launch_gui: GuiLauncher | None = None,
    qt_check: Check | None = None,
) -> int:
    harden_process()
    configure_logging()
    args_given = sys.argv[1:] if argv is None else list(argv)
    if not args_given:
        # The desktop app, as a clinic laptop starts it: argparse and the admin
        # commands would only add to the time before the first window.
        return _gui(launch_gui, env("CLINIC_INTAKE_LANG"), None)
    args = build_parser().parse_args(args_given)
    if args.self_test:
        from clinic_app.cli.selftest import run_self_test

        return run_self_test(sys.stdout, qt=qt_check)
    if args.command:
        handler = args.handler
        result: int = handler(args)
        return result
    return _gui(launch_gui, args.lang or env("CLINIC_INTAKE_LANG"), args.vault)


def _gui(launch_gui: GuiLauncher | None, lang: str | None, vault: str | None) -> int:
    if launch_gui is None:
        from clinic_app.cli.exitcodes import USAGE

        sys.stderr.write("clinic-intake: no desktop app in this entry point; give a command\n")
        return USAGE
    return launch_gui(lang, vault)
