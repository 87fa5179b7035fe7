"""``make screenshots``: the main screens in several languages, and sample sheets, to PNG.

Offscreen, at 1366×768 (the smallest clinic laptop screen we support), so a
person can look at every screen in a left-to-right and a right-to-left language.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from clinic_app.ui import referral_demo
from clinic_app.ui.app import create_application
from clinic_app.ui.fonts import register_fonts
from clinic_app.ui.main_window import MainWindow
from clinic_app.ui.retranslate import change_language

LANGUAGES = ("en", "es", "ar", "ur", "zh_Hant", "bn", "ru", "ko")
SIZE = (1366, 768)

# Each screen: a name and a function that builds it, ready to show.
SCREENS: dict[str, Callable[[], QWidget]] = {
    "first-run": MainWindow,
    "referral-choose": referral_demo.choose,
    "referral-consent": referral_demo.consent,
    "referral-preview": referral_demo.preview,
    "provider-directory": referral_demo.directory,
}


def _intake_step(step: str) -> Callable[[], QWidget]:
    def build() -> QWidget:
        from clinic_app.ui.intake.samples import sample_wizard

        return sample_wizard(step)

    return build


for _n, _step in enumerate(
    ("language", "consent", "identity", "screening", "result", "referral", "notes", "save"),
    start=1,
):
    SCREENS[f"intake-{_n}-{_step}"] = _intake_step(_step)


def _records_list() -> QWidget:
    from clinic_app.ui.intake.samples import sample_records_list

    return sample_records_list()


def _record_view() -> QWidget:
    from clinic_app.ui.intake.samples import sample_record_view

    return sample_record_view()


def _work_area() -> QWidget:
    from clinic_app.ui.intake.samples import sample_work_area

    return sample_work_area()


SCREENS["work-area"] = _work_area
SCREENS["records-list"] = _records_list
SCREENS["record-view"] = _record_view


def render(out: Path, languages: tuple[str, ...] = LANGUAGES) -> list[Path]:
    app = create_application()
    register_fonts()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for code in languages:
        change_language(app, code)
        for name, build in SCREENS.items():
            widget = build()
            widget.resize(*SIZE)
            widget.show()
            QApplication.processEvents()
            path = out / f"{name}-{code}.png"
            widget.grab().save(str(path))
            widget.close()
            widget.deleteLater()
            written.append(path)
    change_language(app, "en")
    return written


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "screenshots")
    for path in render(out):
        print(path)
    from clinic_app.referrals.preview import render_previews

    for path in render_previews(out / "referrals"):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
