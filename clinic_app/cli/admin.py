"""``clinic-intake admin …``: the commands of ../shared/spec/cli.md.

Each command lives in its own module and registers itself here.
"""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: argparse._SubParsersAction[Any]) -> None:
    admin = sub.add_parser("admin", help="site administration (see docs/cli.md)")
    commands = admin.add_subparsers(dest="admin_command", metavar="ADMIN_COMMAND", required=True)
    from clinic_app.cli import (
        admin_add_user,
        admin_backup,
        admin_demo_data,
        admin_init,
        admin_restore,
        admin_verify,
    )

    for module in (admin_init, admin_add_user, admin_verify, admin_backup, admin_restore):
        module.register(commands)
    admin_demo_data.register(commands)
