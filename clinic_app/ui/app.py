"""Starts the Qt application: fonts, language, direction, main window."""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from clinic_app import APP_ID, APP_NAME, __version__
from clinic_app.envvars import env
from clinic_app.i18n import LANGUAGES, SOURCE_LANGUAGE, _, is_rtl, set_language
from clinic_app.ui.fonts import fonts_for, register_fonts, ui_font

# Qt names some of our languages differently.
QT_LOCALE_NAMES = {"zh_Hant": "zh_TW"}


def system_language() -> str:
    name = QLocale.system().name()  # "es_US", "zh_TW", "ar_EG"
    if name.startswith("zh"):
        return "zh_Hant"
    base = name.split("_", 1)[0]
    return base if base in LANGUAGES else SOURCE_LANGUAGE


def missing_display() -> str | None:
    """One sentence when no display can be reached, instead of Qt's abort."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform not in ("", "xcb", "wayland"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return _(
        "Clinic Intake needs a graphical display, and none was found (DISPLAY is "
        "not set): start it from the desktop, not from a text console or SSH session."
    )


# Qt warns that a font lacks OpenType tables for Bengali each time it walks the
# font list for a Bengali text (the language picker), then falls back to the
# bundled Bengali font as it should (tests/ui/test_real_display.py checks).
# Category filter rules do not silence it, so the message handler drops it.
QUIET_MESSAGES = ("OpenType support missing for",)


# Qt's own words when the display cannot be used; it aborts right after.
DISPLAY_FAILURES = (
    "could not connect to display",
    "Could not load the Qt platform plugin",
    "This application failed to start because no Qt platform plugin",
)
_told_display = False


def _qt_message(mode: object, context: Any, message: str) -> None:
    global _told_display
    if message.startswith(QUIET_MESSAGES):
        return
    if message.startswith(DISPLAY_FAILURES) or (_told_display and "platform plugin" in message):
        if not _told_display:
            _told_display = True
            print(
                _("Clinic Intake could not open the display {display}.").format(
                    display=os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY", "")
                ),
                file=sys.stderr,
                flush=True,
            )
        if "failed to start" in message or "Could not load" in message:
            os._exit(1)  # instead of Qt's abort and core dump
        return
    category = getattr(context, "category", None)
    prefix = f"{category}: " if category and category != "default" else ""
    print(f"{prefix}{message}", file=sys.stderr, flush=True)


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName(APP_ID)
    QApplication.setApplicationDisplayName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setOrganizationName(APP_ID)
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(_qt_message)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setFont(ui_font())
    from clinic_app.ui.contrast import readable_palette

    app.setPalette(readable_palette(app.palette()))
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
    chosen = lang if lang in LANGUAGES else None
    if chosen:
        set_language(chosen)
    problem = missing_display()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    app = create_application()
    from clinic_app.ui import crash

    crash.install()  # an exception in a slot: a plain message, a redacted log line
    from clinic_app.ui.retranslate import start_language

    start_language(app, chosen or system_language())
    from clinic_app.ui.main_window import MainWindow

    window = MainWindow(vault_path=vault)
    window.show()
    from clinic_app.ui.retranslate import install_direction_soon

    install_direction_soon(app)
    # Benchmarks and the packaged-app network check time a start to the first window.
    if env("CLINIC_INTAKE_QUIT_AFTER_SHOW"):
        QTimer.singleShot(0, lambda: _report_shown_and_quit(app, window))
    QTimer.singleShot(0, register_fonts)
    # Not before the first window: its Qt enums cost ~40 ms of start-up, and the
    # first screens have no input the wheel could change.
    QTimer.singleShot(0, lambda: _install_wheel_guard(app))
    return app.exec()


def _install_wheel_guard(app: QApplication) -> None:
    from clinic_app.ui.focus_ring import install_focus_ring
    from clinic_app.ui.wheel_guard import install_wheel_guard

    install_wheel_guard(app)
    install_focus_ring(app)  # Fusion's focus marks are too faint to find


def _report_shown_and_quit(app: QApplication, window: QWidget) -> None:
    # Wall clock, then this process's CPU seconds so far (benchmarks/bench_startup.py).
    print(f"shown {time.time():.6f} {time.process_time():.6f}", flush=True)
    # CI's real-display run keeps a picture of the screen as the X server has it.
    shot = env("CLINIC_INTAKE_SCREENSHOT")
    if not shot:
        app.quit()
        return

    def grab() -> None:
        window.screen().grabWindow(0).save(shot)
        app.quit()

    QTimer.singleShot(500, grab)  # the X server has drawn the window by then
