"""The ``CLINIC_INTAKE_*`` environment variables the app reads (docs/environment.md).

Supported ones work everywhere. Developer-only ones change where the app finds
its rules, fonts and translations, so the packaged app (``sys.frozen``, set by
PyInstaller) ignores them: an inherited variable must not swap the rules a
clinic screens with.
"""

from __future__ import annotations

import os
import sys

SUPPORTED = frozenset(
    {
        "CLINIC_INTAKE_LANG",  # interface language when --lang is not given
        # Test hook kept in the packaged app: CI starts the bundle to its first
        # window with it (tests/test_package.py, docs/environment.md).
        "CLINIC_INTAKE_QUIT_AFTER_SHOW",
    }
)
DEVELOPER_ONLY = frozenset(
    {
        "CLINIC_INTAKE_ROOT",
        # CI's real-display smoke run saves the first window to this path; a
        # packaged app never writes a picture of the screen to disk.
        "CLINIC_INTAKE_SCREENSHOT",
    }
)


def is_frozen() -> bool:
    """True in the PyInstaller bundle (and the installed packages built from it)."""
    return bool(getattr(sys, "frozen", False))


def env(name: str) -> str | None:
    """The variable's value, or None if unset or developer-only in the packaged app."""
    if name not in SUPPORTED | DEVELOPER_ONLY:
        raise KeyError(f"{name} is not listed in clinic_app/envvars.py")
    if name in DEVELOPER_ONLY and is_frozen():
        return None
    return os.environ.get(name)
