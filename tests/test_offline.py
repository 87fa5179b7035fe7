"""Offline by proof: no module of clinic_app can reach the network directly."""

from __future__ import annotations

import ast
import socket
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "clinic_app"
FORBIDDEN = ("ssl", "http", "urllib.request", "socket", "PySide6.QtNetwork", "ftplib", "smtplib")


def imported_modules(path: Path, source: str | None = None) -> set[str]:
    """Every module ``path`` imports, at any depth, relative imports resolved."""
    text = path.read_text(encoding="utf-8") if source is None else source
    tree = ast.parse(text, filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(path, node.module, node.level)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _absolute(path: Path, module: str | None, level: int) -> str:
    if level == 0:
        return module or ""
    package = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = package[:-1]  # a module's package; __init__ is its package's own file
    base = package[: len(package) - (level - 1)]
    return ".".join([*base, module] if module else base)


def is_forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def test_no_module_imports_a_network_library() -> None:
    offenders = {
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in PACKAGE.rglob("*.py")
        for name in imported_modules(path)
        if is_forbidden(name)
    }
    assert not offenders, sorted(offenders)


def test_the_check_catches_a_network_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text(
        "import ssl\nfrom urllib.request import urlopen\nfrom PySide6 import QtNetwork\n"
    )
    assert {n for n in imported_modules(sample) if is_forbidden(n)} == {
        "ssl",
        "urllib.request",
        "urllib.request.urlopen",
        "PySide6.QtNetwork",
    }


def test_sockets_are_refused_in_tests() -> None:
    with pytest.raises(AssertionError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(AssertionError):
        socket.create_connection(("127.0.0.1", 9))
