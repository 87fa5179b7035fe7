"""Where a vault's files are: the default location, the key-slot file beside it.

Kept free of the crypto and database imports, so the desktop app can decide
between first-run and sign-in without loading them at start-up.
"""

from __future__ import annotations

from pathlib import Path

from clinic_app import APP_ID

VAULT_FILE = "clinic-intake.vault"
KEYS_SUFFIX = ".keys"


def keys_path(vault_path: Path) -> Path:
    """The key-slot file ``PATH.keys`` that belongs beside the vault ``PATH``."""
    return vault_path.with_name(vault_path.name + KEYS_SUFFIX)


def vault_exists(path: Path) -> bool:
    """Whether anything of a vault (file or key slots) is at ``path``."""
    return path.exists() or keys_path(path).exists()


def default_vault_path() -> Path:
    """``<AppDataLocation>/clinic-intake.vault``; the same folder the desktop app uses."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    # Static setters: no QCoreApplication instance is needed (and none is made).
    if not QCoreApplication.applicationName() or QCoreApplication.instance() is None:
        QCoreApplication.setOrganizationName(APP_ID)
        QCoreApplication.setApplicationName(APP_ID)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) / VAULT_FILE
