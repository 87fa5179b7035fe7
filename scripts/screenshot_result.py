"""Renders the intake's result step with next steps to docs/images (en, es, ar).

The same code path as ``make screenshots`` (the sample wizard, the app's fonts
and language switch), one screen: ``.venv/bin/python scripts/screenshot_result.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from clinic_app.ui.app import create_application
from clinic_app.ui.fonts import register_fonts
from clinic_app.ui.intake.samples import sample_wizard
from clinic_app.ui.retranslate import change_language
from clinic_app.ui.screenshots import SIZE

OUT = Path(__file__).resolve().parent.parent / "docs" / "images"


def main() -> int:
    app = create_application()
    register_fonts()
    OUT.mkdir(parents=True, exist_ok=True)
    for code in ("en", "es", "ar"):
        change_language(app, code)
        wizard = sample_wizard("result")
        wizard.resize(*SIZE)
        wizard.show()
        QApplication.processEvents()
        path = OUT / f"result-next-steps-{code}.png"
        wizard.grab().save(str(path))
        wizard.close()
        wizard.deleteLater()
        print(path)
    change_language(app, "en")
    return 0


if __name__ == "__main__":
    sys.exit(main())
