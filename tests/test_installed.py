"""The installed Debian package: its command passes the self-test offline.

Run by ``packaging/install-check.sh`` (``make install-check``, CI) after
``apt-get install ./clinic-intake_VERSION_ARCH.deb``, with
``CLINIC_INTAKE_INSTALLED`` naming the installed command; skipped otherwise.
The same checks as tests/test_package.py, through the command on the PATH.
"""

from __future__ import annotations

import configparser
import os
from pathlib import Path

import pytest

from tests.helpers import app_env, inet_sockets, network_libraries, run, traced

INSTALLED = os.environ.get("CLINIC_INTAKE_INSTALLED", "")
PREFIX = Path("/opt/clinic-intake")
DESKTOP = Path("/usr/share/applications/clinic-intake.desktop")
# The desktop entry's locales for the app's ten other languages.
MENU_LOCALES = ["es", "zh_TW", "ru", "bn", "ht", "ko", "ar", "ur", "fr", "pl"]

pytestmark = [
    pytest.mark.installed,
    pytest.mark.skipif(not INSTALLED, reason="no installed package: run `make install-check`"),
]


def test_command_on_path_runs_the_bundle_in_opt() -> None:
    command = Path(INSTALLED)
    assert command.resolve() == PREFIX / "clinic-intake"
    assert (PREFIX / "_internal" / "resources").is_dir()


def test_installed_self_test_passes(tmp_path: Path) -> None:
    result = run([INSTALLED, "--self-test"], app_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    assert str(PREFIX) in result.stdout  # resources come from the installed bundle


def test_installed_self_test_opens_no_inet_socket(tmp_path: Path) -> None:
    trace = tmp_path / "trace.txt"
    result = traced([INSTALLED, "--self-test"], app_env(tmp_path), trace)
    assert result.returncode == 0, result.stdout + result.stderr
    assert inet_sockets(trace) == []
    assert network_libraries(trace) == []


def test_installed_gui_start_opens_no_inet_socket(tmp_path: Path) -> None:
    trace = tmp_path / "trace.txt"
    env = app_env(tmp_path, CLINIC_INTAKE_QUIT_AFTER_SHOW="1")
    result = traced([INSTALLED], env, trace)
    assert result.returncode == 0, result.stderr
    assert "shown" in result.stdout
    assert inet_sockets(trace) == []
    assert network_libraries(trace) == []


def test_menu_entry_and_icons_are_installed() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == "clinic-intake"
    assert section["Icon"] == "clinic-intake"
    assert [loc for loc in MENU_LOCALES if f"Name[{loc}]" not in section] == []
    icons = Path("/usr/share/icons/hicolor")
    assert (icons / "scalable/apps/clinic-intake.svg").is_file()
    assert (icons / "256x256/apps/clinic-intake.png").is_file()
