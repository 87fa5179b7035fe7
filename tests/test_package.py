"""The PyInstaller bundle: self-test passes offscreen and nothing opens an inet socket.

Built by ``make package``; ``make package-check`` (run by CI) requires it, while
plain ``make test`` skips these tests when no bundle has been built.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, app_env, inet_sockets, network_libraries, run, traced

NAME = "clinic-intake.exe" if sys.platform == "win32" else "clinic-intake"
EXE = ROOT / "dist" / "clinic-intake" / NAME

pytestmark = [
    pytest.mark.package,
    pytest.mark.skipif(
        not EXE.exists() and not os.environ.get("CLINIC_INTAKE_REQUIRE_PACKAGE"),
        reason="no bundle: run `make package`",
    ),
]


def test_packaged_self_test_passes_offscreen(tmp_path: Path) -> None:
    result = run([str(EXE), "--self-test"], app_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout
    assert str(EXE.parent) in result.stdout  # resources come from the bundle


def test_packaged_self_test_opens_no_inet_socket(tmp_path: Path) -> None:
    trace = tmp_path / "trace.txt"
    result = traced([str(EXE), "--self-test"], app_env(tmp_path), trace)
    assert result.returncode == 0, result.stdout + result.stderr
    assert inet_sockets(trace) == []
    assert network_libraries(trace) == []


def test_packaged_gui_start_opens_no_inet_socket(tmp_path: Path) -> None:
    trace = tmp_path / "trace.txt"
    env = app_env(tmp_path, CLINIC_INTAKE_QUIT_AFTER_SHOW="1")
    result = traced([str(EXE)], env, trace)
    assert result.returncode == 0, result.stderr
    assert "shown" in result.stdout
    assert inet_sockets(trace) == []
    assert network_libraries(trace) == []


def test_packaged_admin_commands_are_all_bundled(tmp_path: Path) -> None:
    """Each admin command's module is imported by name only when used."""
    from clinic_app.cli.admin import COMMANDS

    for name, _module, _help in COMMANDS:
        result = run([str(EXE), "admin", name, "--help"], app_env(tmp_path))
        assert result.returncode == 0, f"admin {name}: {result.stderr[-400:]}"


def test_bundle_carries_every_qt_module_the_app_imports() -> None:
    """A Qt module left out of the bundle fails only when its screen opens (printing)."""
    used = set()
    for source in (ROOT / "clinic_app").rglob("*.py"):
        used |= set(
            re.findall(r"(?:from|import) PySide6\.(Qt\w+)", source.read_text(encoding="utf-8"))
        )
    bundled = EXE.parent / "_internal" / "PySide6"
    missing = sorted(m for m in used if not list(bundled.glob(f"{m}.*")))
    assert missing == []


def test_bundle_carries_no_qt_network_code() -> None:
    found = [
        p.name for p in EXE.parent.rglob("*") if "Qt6Network" in p.name or p.parent.name == "tls"
    ]
    assert found == []
