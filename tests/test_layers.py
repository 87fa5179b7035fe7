"""Dependencies point one way; only clinic_app/ui imports Qt Widgets or Qt Gui."""

from __future__ import annotations

from pathlib import Path

from tests.test_offline import PACKAGE, imported_modules

# What each layer may import from clinic_app (besides its own package and the
# small top-level modules: resources, hardening, logpolicy).
ALLOWED = {
    "domain": {"i18n"},
    "screening": {"domain", "i18n"},
    "i18n": set(),
    "storage": {"domain", "screening", "i18n"},
    "referrals": {"domain", "screening", "storage", "i18n"},
    # Supervisor output files (funder report, record export): rendered with the
    # referral sheets' fonts and layout, so it sits above referrals.
    "reports": {"domain", "screening", "storage", "referrals", "i18n"},
    "cli": {"domain", "screening", "storage", "referrals", "reports", "i18n", "ui"},
    "ui": {"domain", "screening", "storage", "referrals", "reports", "i18n", "cli"},
}
GUI_MODULES = ("PySide6.QtWidgets", "PySide6.QtGui")


def layer_of(path: Path) -> str | None:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else None


def test_only_ui_imports_qt_widgets_or_gui() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in PACKAGE.rglob("*.py")
        if layer_of(path) != "ui"
        for name in imported_modules(path)
        if any(name == g or name.startswith(g + ".") for g in GUI_MODULES)
    ]
    assert not offenders, offenders


def test_layers_import_only_downwards() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        layer = layer_of(path)
        if layer is None:
            continue
        for name in imported_modules(path):
            parts = name.split(".")
            if parts[0] != "clinic_app" or len(parts) < 2:
                continue
            target = parts[1]
            if target in ALLOWED and target != layer and target not in ALLOWED[layer]:
                offenders.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    assert not offenders, offenders


def test_every_layer_folder_exists() -> None:
    for layer in ("domain", "screening", "storage", "referrals", "i18n", "ui"):
        assert (PACKAGE / layer / "__init__.py").is_file(), layer
