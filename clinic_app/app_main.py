"""The ``clinic-intake`` command and ``python -m clinic_app``: the desktop app or the CLI.

It sits above both ``cli`` and ``ui`` so that the command line stays headless:
``--version``, ``--self-test`` and ``admin`` are parsed by ``clinic_app.cli.main``,
which calls back here for the window and for the self-test's Qt check. The ``ui``
package is imported only when one of those runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from clinic_app.cli.main import main as cli_main


def launch_gui(lang: str | None, vault: str | None) -> int:
    from clinic_app.ui.app import run_gui

    return run_gui(lang=lang, vault=vault)


def check_qt() -> str:
    from clinic_app.ui.selftest import check_qt_offscreen

    return check_qt_offscreen()


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, launch_gui=launch_gui, qt_check=check_qt)
