"""The notes box: a length limit the volunteer can see, in the screen's language."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clinic_app.ui.intake.wizard import apply_ui_language
from clinic_app.ui.limits import NOTES_MAX_CHARS
from tests.ui.intake.conftest import MakeWizard


def test_the_notes_counter_counts_cuts_and_speaks_the_screen_language(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    notes = wizard.notes
    assert notes.counter.text() == "0 of 2,000 characters"
    notes.edit.setPlainText("Trae la carta de la corte.")
    assert notes.counter.text() == "26 of 2,000 characters"
    notes.edit.setPlainText("x" * (NOTES_MAX_CHARS + 500))  # a pasted document
    assert len(notes.edit.toPlainText()) == NOTES_MAX_CHARS
    assert notes.session.form["notes"] == "x" * NOTES_MAX_CHARS
    try:
        apply_ui_language("es")
        expected = "2.000 de 2.000 caracteres"  # Spanish words and Spanish digit grouping
        qtbot.waitUntil(lambda: wizard.notes.counter.text() == expected, timeout=2000)
    finally:
        apply_ui_language("en")
