"""A scripted walk through every screen of the real main window.

``walk`` drives a ``MainWindow`` on a new vault as a supervisor would: first
run, the records list, each intake step with a made-up client, the saved
record, every tab of the supervisor workspace, the provider directory, the
user dialogs and the lock screen. It yields ``(name, window)`` at each screen,
so the checks (wheel, accessibility, language, geometry) and ``make tour``
(``python -m clinic_app.ui.tour OUT``: PNGs on the real xcb platform) see the
same screens. No real person's data: the client is made up.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from clinic_app.ui.main_window import MainWindow

SUPERVISOR = "Sam Rivera"
SIZE = (1366, 768)


def settle(rounds: int = 3) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def _fill_sample(window: MainWindow, family_name: str) -> None:
    wizard = window.work_area.new_intake()
    assert wizard is not None
    s = wizard.session
    s.form.update(
        client_language="es",
        site="Queens Library, Jackson Heights",
        given_name="María José",
        family_name=family_name,
        date_of_birth=date(1998, 4, 2),
        phone="718-555-0142",
        safe_to_call=True,
        safe_to_leave_voicemail=False,
        notes="Trae la carta de la corte la próxima vez.",
    )
    s.screening_consent_on = s.today
    s.answers.update(
        nationality="SV",
        first_entry_date=date(2006, 8, 1),
        daca_status="never",
        in_removal_proceedings=True,
        next_hearing_date=date(s.today.year + 1, 1, 15),
        detained=False,
        final_removal_order=False,
        fear_of_return=True,
        felony_convictions=0,
    )
    for step in wizard.steps:
        step.load()


def walk(
    vault_path: Path, size: tuple[int, int] = SIZE, family_name: str = "Quispe Huamán"
) -> Iterator[tuple[str, QWidget]]:
    """Every screen, in the order a supervisor meets them."""
    window = MainWindow(vault_path=vault_path)
    window.resize(*size)
    window.show()
    settle()
    yield "first-run", window
    page = window.first_run
    page.user.setText(SUPERVISOR)
    page.suggest.click()
    page.create_button.click()
    for _ in range(600):  # vault creation may run off the GUI thread
        if window.vault is not None:
            break
        QApplication.processEvents()
        QApplication.instance().thread().msleep(20)  # type: ignore[union-attr]
    assert window.vault is not None, "the vault was not created"
    settle()
    yield "records", window
    _fill_sample(window, family_name)
    wizard = window.work_area.wizard
    assert wizard is not None
    names = ("language", "consent", "identity", "screening", "result", "referral", "notes")
    for index, name in enumerate(names):
        wizard.show_step(index)
        settle()
        yield f"intake-{index + 1}-{name}", window
    wizard.go_next()
    settle()
    yield "intake-8-save", window
    wizard.save()
    settle()
    assert wizard.saved_id is not None, "the sample intake was not saved"
    yield "record", window
    workspace = window.open_supervisor_workspace()
    assert workspace is not None
    workspace.resize(*size)
    from clinic_app.ui.supervisor.workspace import SupervisorWorkspace

    tabs = workspace.findChild(SupervisorWorkspace)
    assert tabs is not None
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        settle()
        yield f"supervisor-{index + 1}", workspace
    workspace.close()
    directory = window.open_provider_directory()
    assert directory is not None
    settle()
    yield "provider-directory", directory
    directory.close()
    add_user = window.open_add_user()
    assert add_user is not None
    settle()
    yield "add-user", add_user
    add_user.reject()
    change = window.open_change_passphrase()
    assert change is not None
    settle()
    yield "change-passphrase", change
    change.reject()
    window.lock()
    settle()
    yield "locked", window
    window.close_vault()
    window.close()


def main(argv: list[str]) -> int:
    """``python -m clinic_app.ui.tour OUT [LANG...]``: a PNG per screen and language."""
    import tempfile

    from clinic_app.ui.app import create_application
    from clinic_app.ui.fonts import register_fonts
    from clinic_app.ui.retranslate import change_language
    from clinic_app.ui.wheel_guard import install_wheel_guard

    out = Path(argv[1] if len(argv) > 1 else "build/tour")
    languages = argv[2:] or ["en", "es", "zh_Hant", "ar"]
    app = create_application()
    install_wheel_guard(app)
    register_fonts()
    out.mkdir(parents=True, exist_ok=True)
    for code in languages:
        change_language(app, code)
        with tempfile.TemporaryDirectory() as folder:
            for name, widget in walk(Path(folder) / "clinic.vault"):
                path = out / f"{code}-{name}.png"
                # 256 colours: a screen of text stays sharp at a fraction of the size.
                image = (
                    widget.grab()
                    .toImage()
                    .convertToFormat(
                        QImage.Format.Format_Indexed8,
                        Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither,
                    )
                )
                image.save(str(path), "PNG", 0)  # type: ignore[call-overload]
                print(path, flush=True)
    change_language(app, "en")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
