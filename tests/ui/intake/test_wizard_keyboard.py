from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from tests.ui.intake.conftest import MakeWizard
from tests.ui.intake.drive import complete_intake
from tests.ui.intake.keyboard import alt, focused, key, select_all_and_type, type_text


def test_a_whole_intake_by_keyboard_reaches_the_save_step(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    complete_intake(qtbot, wizard)
    assert wizard.current is wizard.save_step
    s = wizard.session
    assert s.form["given_name"] == "María José"
    assert s.form["family_name"] == "Quispe Huamán"
    assert s.form["client_language"] == "es"
    assert s.form["safe_to_call"] is True and s.form["safe_to_leave_voicemail"] is False
    answers = s.engine_answers()
    assert answers["first_entry_date"] == date(2003, 3, 17)
    assert answers["felony_convictions"] == 7
    assert "significant_misdemeanors" not in answers  # preferred not to answer
    assert s.result is not None
    assert s.result.programs["daca"].outcome == "unlikely"
    assert "daca_criminal_bar" in s.result.programs["daca"].reasons
    assert s.result.urgency == "urgent"  # hearing within 30 days
    # The draft never carries the answers.
    assert not set(s.draft()) & set(answers) - {"date_of_birth"}


def test_the_result_shows_urgency_in_words_and_reasons(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    complete_intake(qtbot, wizard)
    alt(qtbot, wizard, Qt.Key.Key_B)
    alt(qtbot, wizard, Qt.Key.Key_B)
    alt(qtbot, wizard, Qt.Key.Key_B)
    assert wizard.current is wizard.result
    assert "Urgent" in wizard.result.urgency.text()
    assert "30 days" in wizard.result.urgency.text()
    urgency = wizard.result.urgency
    assert urgency.autoFillBackground()
    assert urgency.palette().color(QPalette.ColorRole.Window) == QColor("#fde0c0")  # urgent
    assert wizard.result.program_labels["daca"].text() == "Unlikely"
    assert "criminal" in wizard.result.program_reasons["daca"].lower()
    assert "Rules as of" in wizard.result.intro.text()


def test_identifiers_in_notes_hold_the_save_until_removed(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    complete_intake(qtbot, wizard, notes="Número A123456789 en la carta")
    assert wizard.current is wizard.notes  # held
    assert wizard.notes.warning.isVisible()
    assert "A-number" in wizard.notes.warning.text()
    selections = wizard.notes.edit.extraSelections()
    assert len(selections) == 1
    assert selections[0].cursor.selectedText() == "A123456789"
    # Confirming it is not a number lets the volunteer go on ...
    assert focused(wizard) is wizard.notes.confirm
    key(wizard, Qt.Key.Key_Space)
    alt(qtbot, wizard, Qt.Key.Key_N)
    assert wizard.current is wizard.save_step
    # ... but any edit asks again; removing the number clears the hold.
    alt(qtbot, wizard, Qt.Key.Key_B)
    wizard.notes.edit.setFocus()
    select_all_and_type(wizard, "Traer la carta de la corte")
    assert not wizard.session.notes_confirmed
    alt(qtbot, wizard, Qt.Key.Key_N)
    assert wizard.current is wizard.save_step
    assert wizard.session.form["notes"] == "Traer la carta de la corte"


def test_validation_messages_appear_next_to_the_field(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    alt(qtbot, wizard, Qt.Key.Key_N)
    assert wizard.current is wizard.language  # client language is required
    error = wizard.language.client.error
    assert error.isVisible() and error.text() == "This field is required."
    assert focused(wizard) is wizard.language.client.editor
    type_text(wizard, "eng")
    alt(qtbot, wizard, Qt.Key.Key_N)
    alt(qtbot, wizard, Qt.Key.Key_N)  # unticked consent: a notice first
    alt(qtbot, wizard, Qt.Key.Key_N)
    assert wizard.current is wizard.identity
    type_text(wizard, "Ivan")
    key(wizard, Qt.Key.Key_Tab)
    type_text(wizard, "Иванов")
    dob = wizard.identity.rows["date_of_birth"]
    dob.editor.setFocus()
    type_text(wizard, "2031-01-01")
    alt(qtbot, wizard, Qt.Key.Key_N)
    assert wizard.current is wizard.identity
    assert dob.error.isVisible() and "not plausible" in dob.error.text()
    assert focused(wizard) is dob.editor
    select_all_and_type(wizard, "1890-01-01")
    alt(qtbot, wizard, Qt.Key.Key_N)
    assert "between 1900 and 2100" in dob.error.text()  # the date parser's bound
    select_all_and_type(wizard, "1990-13-01")
    alt(qtbot, wizard, Qt.Key.Key_N)
    assert "no month 13" in dob.error.text()
    select_all_and_type(wizard, "1990-12-01")
    alt(qtbot, wizard, Qt.Key.Key_N)
    assert not dob.error.isVisible()
    assert wizard.current is wizard.result  # no consent: no screening questions
    # Nothing typed was lost on the way.
    assert wizard.session.form["family_name"] == "Иванов"


def test_without_consent_no_screening_question_is_asked(
    qtbot: QtBot, make_wizard: MakeWizard
) -> None:
    wizard = make_wizard()
    type_text(wizard, "eng")
    alt(qtbot, wizard, Qt.Key.Key_N)
    alt(qtbot, wizard, Qt.Key.Key_N)  # consent left unticked: never skipped silently
    assert wizard.current is wizard.consent
    assert wizard.consent.notice.isVisible()
    assert "skipped" in wizard.consent.notice.text()
    assert focused(wizard) is wizard.consent.agree
    alt(qtbot, wizard, Qt.Key.Key_N)  # the volunteer confirms: no screening
    assert wizard.current is wizard.identity
    type_text(wizard, "Ana")
    key(wizard, Qt.Key.Key_Tab)
    type_text(wizard, "Lee")
    alt(qtbot, wizard, Qt.Key.Key_N)
    assert wizard.current is wizard.result
    assert wizard.session.result is None
    assert "did not agree" in wizard.result.intro.text()
    assert wizard.progress.text() == "Step 5 of 8"  # the count keeps its length
