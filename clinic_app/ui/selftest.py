"""The Qt part of ``--self-test``: start offscreen, load the fonts, show a window."""

from __future__ import annotations

import os
import sys


def check_qt_offscreen() -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import __version__ as pyside_version
    from PySide6.QtWidgets import QMainWindow

    from clinic_app.ui.app import create_application
    from clinic_app.ui.fonts import register_fonts

    app = create_application()
    refused = register_fonts()
    if refused:
        raise RuntimeError(f"Qt refused fonts: {', '.join(refused)}")
    window = QMainWindow()
    window.show()
    app.processEvents()
    window.close()
    if "PySide6.QtNetwork" in sys.modules:
        raise RuntimeError("QtNetwork was loaded")
    return f"PySide6 {pyside_version} on the {app.platformName()} platform, fonts loaded"
