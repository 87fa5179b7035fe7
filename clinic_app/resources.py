"""The one place that finds bundled files: rules, fonts, word lists, catalogues.

It works from a source checkout, from an editable install and from the
PyInstaller bundle (where everything is unpacked under ``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from clinic_app.envvars import env

# Folders, relative to the root, that the app ships and the self-test checks.
BUNDLED_DIRS = ("resources", "translations")


def root() -> Path:
    """The folder that holds ``resources/`` and ``translations/``."""
    override = env("CLINIC_INTAKE_ROOT")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/``; it need not exist."""
    return root().joinpath("resources", *parts)


def translations_dir() -> Path:
    return root() / "translations"


def fonts_dir() -> Path:
    return resource_path("fonts")


def font_files() -> list[Path]:
    """Every bundled font file, sorted, so that registration order is stable."""
    folder = fonts_dir()
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in {".ttf", ".ttc", ".otf"})


def missing_resources() -> list[str]:
    """Names of expected bundled folders or files that are not there."""
    missing = [d for d in BUNDLED_DIRS if not (root() / d).is_dir()]
    if (root() / "resources").is_dir() and not font_files():
        missing.append("resources/fonts/*.ttf")
    return missing
