"""Where the vault lives by default: Qt's AppDataLocation for this app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from clinic_app import APP_ID

VAULT_FILE = "clinic-intake.vault"


def default_vault_path() -> Path:
    """``<AppDataLocation>/clinic-intake.vault``; the same folder the desktop app uses."""
    # Static setters: no QCoreApplication instance is needed (and none is made).
    if not QCoreApplication.applicationName() or QCoreApplication.instance() is None:
        QCoreApplication.setOrganizationName(APP_ID)
        QCoreApplication.setApplicationName(APP_ID)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) / VAULT_FILE
