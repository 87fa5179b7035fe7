"""Starts the Qt application: fonts, language, direction, main window."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from clinic_app import APP_ID, APP_NAME, __version__
from clinic_app.i18n import LANGUAGES, SOURCE_LANGUAGE, is_rtl, set_language
from clinic_app.ui.fonts import fonts_for, register_fonts, ui_font

# Qt names some of our languages differently.
QT_LOCALE_NAMES = {"zh_Hant": "zh_TW"}


def system_language() -> str:
    name = QLocale.system().name()  # "es_US", "zh_TW", "ar_EG"
    if name.startswith("zh"):
        return "zh_Hant"
    base = name.split("_", 1)[0]
    return base if base in LANGUAGES else SOURCE_LANGUAGE


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName(APP_ID)
    QApplication.setApplicationDisplayName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setOrganizationName(APP_ID)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setFont(ui_font())
    return app


_qt_translator: QTranslator | None = None


def apply_language(app: QApplication, code: str) -> None:
    """Sets the UI language: our catalogue, Qt's own strings and the direction."""
    global _qt_translator
    set_language(code)
    register_fonts(fonts_for(code))
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{QT_LOCALE_NAMES.get(code, code)}", folder):
        app.installTranslator(translator)
        _qt_translator = translator
    if app.isRightToLeft() != is_rtl(code):
        # Imported here: building PySide6's Qt namespace costs ~30 ms of start-up.
        from PySide6.QtCore import Qt

        rtl = Qt.LayoutDirection.RightToLeft
        app.setLayoutDirection(rtl if is_rtl(code) else Qt.LayoutDirection.LeftToRight)


def run_gui(lang: str | None, vault: str | None) -> int:
    app = create_application()
    from clinic_app.ui import crash

    crash.install()  # an exception in a slot: a plain message, a redacted log line
    from clinic_app.ui.retranslate import start_language

    start_language(app, lang if lang in LANGUAGES else system_language())
    from clinic_app.ui.main_window import MainWindow

    window = MainWindow(vault_path=vault)
    window.show()
    from clinic_app.ui.retranslate import install_direction_soon

    install_direction_soon(app)
    # Benchmarks and the packaged-app network check time a start to the first window.
    if os.environ.get("CLINIC_INTAKE_QUIT_AFTER_SHOW"):
        QTimer.singleShot(0, lambda: _report_shown_and_quit(app))
    QTimer.singleShot(0, register_fonts)
    return app.exec()


def _report_shown_and_quit(app: QApplication) -> None:
    print(f"shown {time.time():.6f}", flush=True)
    app.quit()
