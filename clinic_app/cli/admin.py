"""``clinic-intake admin …``: the commands of ../shared/spec/cli.md.

Each command lives in its own module, which defines ``configure(parser)`` (its
options and handler). The module is imported only when its command is used or
its help is shown, so starting the desktop app does not pay for the admin
commands.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from typing import Any

# Command name, module, one-line help.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("init", "clinic_app.cli.admin_init", "create a vault and its first supervisor"),
    ("add-user", "clinic_app.cli.admin_add_user", "a supervisor adds a user"),
    ("verify", "clinic_app.cli.admin_verify", "check integrity and the audit chain"),
    ("backup", "clinic_app.cli.admin_backup", "write an encrypted backup file"),
    ("restore", "clinic_app.cli.admin_restore", "restore a backup as a new vault"),
    ("report", "clinic_app.cli.admin_report", "aggregate funder report (small counts hidden)"),
    ("purge", "clinic_app.cli.admin_purge", "delete records whose retention period has ended"),
    ("demo-data", "clinic_app.cli.admin_demo_data", "synthetic clients for a training vault"),
    ("referral", "clinic_app.cli.admin_referral", "a referral sheet as PDF, written where asked"),
    ("providers", "clinic_app.cli.admin_providers", "the provider directory: id and name"),
)


class LazyCommandParser(argparse.ArgumentParser):
    """A subcommand parser that asks its module for its options on first use."""

    def __init__(self, *args: Any, module: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._module = module

    def _configure(self) -> None:
        if self._module:
            module, self._module = self._module, ""
            importlib.import_module(module).configure(self)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._configure()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        self._configure()
        return super().format_help()


def register(sub: argparse._SubParsersAction[Any]) -> None:
    admin = sub.add_parser("admin", help="site administration (see docs/cli.md)")
    commands = admin.add_subparsers(
        dest="admin_command",
        metavar="ADMIN_COMMAND",
        required=True,
        parser_class=LazyCommandParser,
    )
    for name, module, help_text in COMMANDS:
        commands.add_parser(name, help=help_text, module=module)
