"""Dependencies point one way; only clinic_app/ui imports Qt Widgets or Qt Gui.

The layer contracts themselves live in pyproject.toml ([tool.importlinter]) and
run in `make lint` (docs/decisions/0001-architecture.md); this file runs them in
the suite too, and checks what import-linter cannot say: it sees external
packages only at the top level (PySide6), not PySide6.QtWidgets.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_offline import PACKAGE, imported_modules

GUI_MODULES = ("PySide6.QtWidgets", "PySide6.QtGui")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def in_ui(path: Path) -> bool:
    return path.relative_to(PACKAGE).parts[0] == "ui"


def test_only_ui_imports_qt_widgets_or_gui() -> None:
    # Every file outside ui/, the top-level modules (app_main, resources, ...) included.
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in PACKAGE.rglob("*.py")
        if not in_ui(path)
        for name in imported_modules(path)
        if any(name == g or name.startswith(g + ".") for g in GUI_MODULES)
    ]
    assert not offenders, offenders


def test_relative_and_function_level_imports_are_seen() -> None:
    path = PACKAGE / "cli" / "example.py"
    source = (
        "def f():\n    from ..ui import app\n    from . import admin\n    from .main import x\n"
    )
    names = imported_modules(path, source)
    assert {"clinic_app.ui", "clinic_app.ui.app", "clinic_app.cli.admin"} <= names
    assert "clinic_app.cli.main.x" in names
    init = imported_modules(PACKAGE / "i18n" / "__init__.py", "from .bidi import strip_marks\n")
    assert "clinic_app.i18n.bidi" in init


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")
def test_import_linter_contracts_hold() -> None:
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_every_layer_folder_exists() -> None:
    for layer in ("domain", "screening", "storage", "referrals", "reports", "i18n", "cli", "ui"):
        assert (PACKAGE / layer / "__init__.py").is_file(), layer
